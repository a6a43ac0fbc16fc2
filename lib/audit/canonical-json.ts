// RFC 8785 JSON Canonicalization Scheme for the values audit items hold: strings, finite numbers,
// booleans, null, arrays and objects. Keys sort by UTF-16 code units; strings and numbers serialize
// as ECMAScript's JSON.stringify does, which is what RFC 8785 section 3.2.2 prescribes.

export const canonicalJson = (value: unknown): string => {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('RFC 8785 has no representation for NaN or Infinity');
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, item]) => item !== undefined)
        // Default sort compares UTF-16 code units, exactly as RFC 8785 section 3.2.3 asks.
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`cannot canonicalize a ${typeof value}`);
  }
};
