// RFC 8785 JSON Canonicalization Scheme for the values audit items hold: strings, finite numbers,
// booleans, null, arrays and objects. Keys sort by UTF-16 code units; strings and numbers serialize
// as ECMAScript's JSON.stringify does, which is what RFC 8785 section 3.2.2 prescribes. Kept rather
// than the `canonicalize` package (ESM-only, Node 22+) on the write path of every audited change;
// test/audit/canonical-json.test.ts proves it against the RFC author's test data and `canonicalize`.
import { LONE_SURROGATE } from '../unicode';

export class NotCanonicalizableError extends TypeError {}

// RFC 8785 section 3.2.2.2 requires I-JSON strings: a lone surrogate (lib/unicode.ts) has no UTF-8 form,
// and other implementations (the RFC author's among them) refuse it, so the hash could not be re-computed.
const string = (value: string) => {
  if (LONE_SURROGATE.test(value))
    throw new NotCanonicalizableError('RFC 8785 has no representation for a lone surrogate');
  return JSON.stringify(value);
};

export const canonicalJson = (value: unknown): string => {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return string(value);
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value))
        throw new NotCanonicalizableError('RFC 8785 has no representation for NaN or Infinity');
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, item]) => item !== undefined)
        // Default sort compares UTF-16 code units, exactly as RFC 8785 section 3.2.3 asks.
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([key, item]) => `${string(key)}:${canonicalJson(item)}`).join(',')}}`;
    }
    default:
      throw new NotCanonicalizableError(`cannot canonicalize a ${typeof value}`);
  }
};
