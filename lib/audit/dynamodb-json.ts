// DynamoDB JSON, the attribute-value encoding of an export's data lines: plain values in and out.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

export type DynamoDbJson =
  | { S: string }
  | { N: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { B: string }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] }
  | { L: DynamoDbJson[] }
  | { M: DynamoDbItem };

export type DynamoDbItem = Record<string, DynamoDbJson>;

export class DynamoDbJsonError extends Error {}

/** A plain JSON value as DynamoDB stores it (what the document client's marshall writes). */
export const toDynamoDbJson = (value: unknown): DynamoDbJson => {
  if (value === null) return { NULL: true };
  switch (typeof value) {
    case 'string':
      return { S: value };
    case 'number':
      if (!Number.isFinite(value)) throw new DynamoDbJsonError('DynamoDB cannot store NaN or Infinity');
      return { N: String(value) };
    case 'boolean':
      return { BOOL: value };
    case 'object':
      if (Array.isArray(value)) return { L: value.map((item) => toDynamoDbJson(item)) };
      return { M: itemToDynamoDbJson(value as Record<string, unknown>) };
    default:
      throw new DynamoDbJsonError(`cannot store a ${typeof value} in DynamoDB JSON`);
  }
};

export const itemToDynamoDbJson = (item: Record<string, unknown>): DynamoDbItem =>
  Object.fromEntries(
    Object.entries(item)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, toDynamoDbJson(value)]),
  );

const describe = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

// How DynamoDB writes a number: plain decimal, no sign but a minus, no leading zero, no trailing fraction
// zero. JavaScript's own spelling (`1e+21`, as our local writer and the SDK produce) is accepted too.
const PLAIN_DECIMAL = /^-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?$/;

/**
 * A number as DynamoDB JSON spells it, or undefined. Number() also reads `0x3`, ` 1e1 `, `0b11` and
 * `03`, and would hash them as 3 and 10: an edited line would verify with text nobody wrote.
 */
export const canonicalNumber = (text: unknown): number | undefined => {
  if (typeof text !== 'string') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || text === '-0') return undefined;
  return PLAIN_DECIMAL.test(text) || String(value) === text ? value : undefined;
};

/**
 * The plain value of one attribute. Numbers become JavaScript numbers, which is what the writer hashed;
 * binary stays base64 text and sets become arrays (audit items hold neither).
 */
export const fromDynamoDbJson = (value: unknown): unknown => {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new DynamoDbJsonError(`not a DynamoDB attribute value: ${describe(value)}`);
  const entries = Object.entries(value as Record<string, unknown>);
  const [type, inner] = entries[0] ?? [];
  if (entries.length !== 1 || type === undefined)
    throw new DynamoDbJsonError(`not a DynamoDB attribute value: ${describe(value)}`);
  switch (type) {
    case 'S':
    case 'B':
      if (typeof inner !== 'string') break;
      return inner;
    case 'N': {
      const value = canonicalNumber(inner);
      if (value === undefined) break;
      return value;
    }
    case 'BOOL':
      if (typeof inner !== 'boolean') break;
      return inner;
    case 'NULL':
      return null;
    case 'SS':
    case 'BS':
      if (!Array.isArray(inner) || !inner.every((member) => typeof member === 'string')) break;
      return inner;
    case 'NS':
      if (!Array.isArray(inner) || !inner.every((member) => canonicalNumber(member) !== undefined)) break;
      return inner.map(Number);
    case 'L':
      if (!Array.isArray(inner)) break;
      return inner.map((member) => fromDynamoDbJson(member));
    case 'M':
      if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) break;
      return itemFromDynamoDbJson(inner as Record<string, unknown>);
    default:
      throw new DynamoDbJsonError(`unknown DynamoDB type ${JSON.stringify(type)}`);
  }
  throw new DynamoDbJsonError(`malformed ${type} value: ${describe(inner)}`);
};

export const itemFromDynamoDbJson = (item: Record<string, unknown>): Record<string, unknown> => {
  const plain: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) {
    try {
      plain[key] = fromDynamoDbJson(value);
    } catch (error) {
      if (error instanceof DynamoDbJsonError)
        throw new DynamoDbJsonError(`attribute ${key}: ${error.message}`);
      throw error;
    }
  }
  return plain;
};

/** An SDK attribute value (binary as bytes) in the JSON form an export line carries (binary as base64). */
export const attributeValueToJson = (value: AttributeValue): DynamoDbJson => {
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: true };
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.SS !== undefined) return { SS: value.SS };
  if (value.NS !== undefined) return { NS: value.NS };
  if (value.BS !== undefined) return { BS: value.BS.map((member) => Buffer.from(member).toString('base64')) };
  if (value.L !== undefined) return { L: value.L.map((member) => attributeValueToJson(member)) };
  if (value.M !== undefined)
    return {
      M: Object.fromEntries(
        Object.entries(value.M).map(([key, member]) => [key, attributeValueToJson(member)]),
      ),
    };
  throw new DynamoDbJsonError('an attribute value with no known type');
};

export const sdkItemToJson = (item: Record<string, AttributeValue>): DynamoDbItem =>
  Object.fromEntries(Object.entries(item).map(([key, value]) => [key, attributeValueToJson(value)]));
