// The case number of a verification session: `HD-XXXX-XXXX`, 40 random bits in Crockford base32, short
// enough to read out on the phone. Unique by a conditional Put of its own item (the verification id
// stays the audit's caseId); staff find the customer by it in the search.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDb, tableName, type TransactItem } from '../aws/dynamodb';
import type { Random } from '../clock';

/** Crockford's alphabet: no I, L, O or U, so nothing read aloud is ambiguous. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const newCaseNumber = (random: Random): string => {
  const bytes = random.bytes(5);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let chars = '';
  for (let index = 7; index >= 0; index -= 1) chars += CROCKFORD[Number((bits >> BigInt(index * 5)) & 31n)];
  return `HD-${chars.slice(0, 4)}-${chars.slice(4)}`;
};

/**
 * What someone typed, as a case number, or undefined: case-insensitive, hyphens and spaces optional,
 * the `HD` prefix required,
 * and O, I and L read as 0, 1 and 1 (Crockford's decoding), so a number read out on the phone is found.
 */
export const parseCaseNumber = (text: string): string | undefined => {
  const upper = text.toUpperCase().replace(/[\s-]/g, '');
  // The HD prefix is required: eight letters alone are as likely a surname ("Hendriks").
  if (!upper.startsWith('HD')) return undefined;
  const compact = upper.slice(2).replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{8}$/.test(compact)) return undefined;
  return `HD-${compact.slice(0, 4)}-${compact.slice(4)}`;
};

/** Case numbers live in CustomerSearch under their own partition, which no search term can have. */
const CASE_PREFIX = 'case#';

/** The key of a case number's own item (erasure deletes it with the session). */
export const caseNumberKey = (caseNumber: string) => ({ prefix: CASE_PREFIX, term: caseNumber });

/** Claims the number for this session; the transaction fails if another session holds it. */
export const claimCaseNumber = (
  caseNumber: string,
  customerId: string,
  verificationId: string,
): TransactItem => ({
  Put: {
    TableName: tableName('customerSearch'),
    Item: { prefix: CASE_PREFIX, term: caseNumber, customerId, verificationId },
    ConditionExpression: 'attribute_not_exists(prefix)',
  },
});

export const findCase = async (
  caseNumber: string,
): Promise<{ customerId: string; verificationId: string } | undefined> => {
  const result = await dynamoDb().send(
    new GetCommand({
      TableName: tableName('customerSearch'),
      Key: caseNumberKey(caseNumber),
    }),
  );
  const item = result.Item;
  if (!item || typeof item.customerId !== 'string' || typeof item.verificationId !== 'string')
    return undefined;
  return { customerId: item.customerId, verificationId: item.verificationId };
};
