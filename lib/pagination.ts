// One way to page every list route: an opaque cursor (the last item's key, base64url JSON), the
// `limit`/`cursor` query schema, and reading one more than the page to know whether there is more.
import * as z from './schema';
import { invalid } from './errors';

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export const cursorSchema = z.string().check(z.minLength(1), z.maxLength(1000));

export const pageQuerySchema = (defaultLimit: number, maxLimit: number) => ({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(maxLimit)), defaultLimit),
  cursor: z.optional(cursorSchema),
});

export const encodeCursor = (key: Record<string, string | number>) =>
  Buffer.from(JSON.stringify(key)).toString('base64url');

export const invalidCursor = () => invalid('INVALID_CURSOR', 'The cursor is not one this API returned.');

type Shape = Record<string, 'string' | 'number'>;

/** The key a cursor carries, checked against the shape the route expects (a cursor is client input). */
export const decodeCursor = <S extends Shape>(
  cursor: string,
  shape: S,
): { [K in keyof S]: S[K] extends 'number' ? number : string } => {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!key || typeof key !== 'object' || Array.isArray(key)) throw invalidCursor();
  const record = key as Record<string, unknown>;
  if (Object.keys(record).length !== Object.keys(shape).length) throw invalidCursor();
  for (const [name, type] of Object.entries(shape)) {
    const value = record[name];
    // JSON reads 1e400 as Infinity, which no key holds and the DynamoDB marshaller refuses (a 500).
    if (typeof value !== type || (typeof value === 'number' && !Number.isFinite(value)))
      throw invalidCursor();
  }
  return record as { [K in keyof S]: S[K] extends 'number' ? number : string };
};

/** A place in an audit chain (seq 1, 2, 3 …), as a cursor names it. */
export const isChainPosition = (seq: number) => Number.isInteger(seq) && seq >= 1;
