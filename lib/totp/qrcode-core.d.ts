// qrcode's core module, imported directly so bundles leave out its renderers (and pngjs).
declare module 'qrcode/lib/core/qrcode.js' {
  export const create: typeof import('qrcode').create;
}
