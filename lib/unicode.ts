// Well-formed Unicode: a lone surrogate (half of a UTF-16 pair) has no UTF-8 form, so no other
// implementation can hash, encode or print it as we would.

/** A high surrogate without its low half, or a low one without its high half. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
