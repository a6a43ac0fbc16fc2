// qrcode's core modules, imported directly so bundles leave out its renderers (and pngjs).
declare module 'qrcode/lib/core/qrcode.js' {
  export const create: typeof import('qrcode').create;
}
declare module 'qrcode/lib/core/format-info.js' {
  /** The 15 format bits (BCH-coded, masked) for an error correction level and a mask pattern. */
  export const getEncodedBits: (
    errorCorrectionLevel: import('qrcode').ErrorCorrectionLevel,
    maskPattern: number,
  ) => number;
}
