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
declare module 'qrcode/lib/core/mask-pattern.js' {
  /** qrcode's four penalty rules of a masked symbol's BitMatrix (ISO/IEC 18004 7.8.3). */
  type Modules = { size: number; data: Uint8Array };
  export const getPenaltyN1: (modules: Modules) => number;
  export const getPenaltyN2: (modules: Modules) => number;
  export const getPenaltyN3: (modules: Modules) => number;
  export const getPenaltyN4: (modules: Modules) => number;
}
