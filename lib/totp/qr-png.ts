// The QR code of an otpauth URI as a PNG data URL. The QR matrix comes from qrcode's core (imported
// on first use, without its renderers and their PNG library); the PNG is written here: a 1-bit
// grayscale image is a few dozen lines of node:zlib, about ten times faster than the generic
// renderer, and small (about 2 KB).
import { crc32, deflateSync } from 'node:zlib';
import { lazyModule } from '../lazy-module';
import { QR_ERROR_CORRECTION, QR_QUIET_ZONE as QUIET_ZONE, QR_SCALE as SCALE } from './qr-geometry';

const qrCore = lazyModule(() => import('qrcode/lib/core/qrcode.js'));

const chunk = (type: string, data: Buffer) => {
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const frame = Buffer.alloc(8 + data.length + 4);
  frame.writeUInt32BE(data.length, 0);
  typeAndData.copy(frame, 4);
  frame.writeUInt32BE(crc32(typeAndData), 8 + data.length);
  return frame;
};

/** PNG (RFC 2083) of a square module matrix: 1 bit per pixel, white background, dark modules black. */
export const matrixToPng = (matrix: { size: number; data: ArrayLike<number> }) => {
  const modules = matrix.size + 2 * QUIET_ZONE;
  const width = modules * SCALE;
  const rowBytes = Math.ceil(width / 8);
  // Each scanline: filter byte 0 (None), then the bits; 1 is white in grayscale. The SCALE scanlines
  // of a row of modules are equal: each is drawn once and copied (a cold start draws this image with
  // code V8 has not optimized yet, so the pixel loop's length counts).
  const lineBytes = rowBytes + 1;
  const raw = Buffer.alloc(lineBytes * width);
  for (let moduleY = -QUIET_ZONE; moduleY < matrix.size + QUIET_ZONE; moduleY += 1) {
    const first = (moduleY + QUIET_ZONE) * SCALE * lineBytes;
    for (let x = 0; x < width; x += 1) {
      const moduleX = Math.floor(x / SCALE) - QUIET_ZONE;
      const inside = moduleX >= 0 && moduleY >= 0 && moduleX < matrix.size && moduleY < matrix.size;
      const dark = inside && matrix.data[moduleY * matrix.size + moduleX] === 1;
      if (!dark) raw[first + 1 + (x >> 3)] = (raw[first + 1 + (x >> 3)] ?? 0) | (0x80 >> (x & 7));
    }
    for (let copy = 1; copy < SCALE; copy += 1)
      raw.copy(raw, first + copy * lineBytes, first, first + lineBytes);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(width, 4);
  header.set([1, 0, 0, 0, 0], 8); // bit depth 1, grayscale, deflate, filter method 0, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
};

/** `data:image/png;base64,…` of the QR code of exactly `text`. */
export const qrCodePng = async (text: string): Promise<string> => {
  const { create } = await qrCore();
  const symbol = create(text, { errorCorrectionLevel: QR_ERROR_CORRECTION });
  return `data:image/png;base64,${matrixToPng(symbol.modules).toString('base64')}`;
};
