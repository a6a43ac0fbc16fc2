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

/** Letters NFKD keeps whole, as callers spell them without the mark. */
const spelledOut: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ı: 'i',
  ĳ: 'ij',
};

/**
 * What an answer is compared as: normalizeText, plus the marks people type or dictate differently.
 * Apostrophes and typographic quotes vanish ("O'Connor", "O’Connor" and "OConnor" are one name),
 * hyphens and dashes become spaces ("Jean-Luc" = "Jean Luc"), invisible characters go, and letters
 * NFKD leaves whole are spelled out (ß → ss, ø → o): diacritics never count, since a caller on the
 * phone cannot say them and an agent may not type them. Only for comparing answers: search keys keep
 * normalizeText, so stored search terms do not change.
 */
export const foldAnswer = (value: string): string =>
  normalizeText(
    value
      .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '')
      .replace(/['`´ʹʻʼʽˈ‘’‚‛′″"“”„‟«»‹›]/g, '')
      .replace(/[-‐‑‒–—―−_]/g, ' ')
      .replace(/[ßæœøłđıĳ]/gi, (letter) => spelledOut[letter.toLowerCase()] ?? letter),
  );
