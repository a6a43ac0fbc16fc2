// Normalization for comparing what people type: case, accents, spacing and punctuation do not count.

/** "  Émile   D'Hondt " → "emile d'hondt": NFKD, diacritics removed, lower case, single spaces. */
export const normalizeText = (value: string): string =>
  value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();

/** Email addresses compare case-insensitively as a whole (we do not guess provider-specific rules). */
export const normalizeEmail = (value: string): string => normalizeText(value).replace(/\s+/g, '');

/** Words for prefix search: letters and digits only, so "van der Berg-Smit" → van, der, berg, smit. */
export const searchWords = (value: string): string[] =>
  normalizeText(value)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);

/** Charge-point ids compare as a set: case, spaces and separators inside an id do not count. */
export const normalizeChargePointId = (value: string): string =>
  normalizeText(value).replace(/[\s\-_.:/]+/g, '');
