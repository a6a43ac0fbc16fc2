// The QR code of an otpauth URI as a PNG data URL. The symbol comes from qr-symbol.ts (qrcode's core,
// imported on first use, without its renderers and their PNG library); the PNG is written here: a 1-bit
// grayscale image is a few dozen lines of node:zlib, far faster than the generic renderer, and small
// (about 1 KB).
import { crc32, deflateSync } from 'node:zlib';
import { lazyModule } from '../lazy-module';
import { QR_QUIET_ZONE as QUIET_ZONE, QR_SCALE as SCALE } from './qr-geometry';

/** SCALE one bits: a module's pixels in a scanline (SCALE ≤ 8). */
const moduleBits = (1 << SCALE) - 1;

const qrSymbolModule = /* @__PURE__ */ lazyModule(() => import('./qr-symbol'));

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
  const { size } = matrix;
  const width = (size + 2 * QUIET_ZONE) * SCALE;
  const rowBytes = Math.ceil(width / 8);
  const lineBytes = rowBytes + 1;
  // A row of modules is SCALE scanlines. The first is drawn (filter None; in grayscale a 1 bit is white);
  // the others repeat it, written with filter Up and no difference: all zero bytes, which deflate folds
  // away, so the compressor's work is one line in SCALE.
  const raw = Buffer.alloc(lineBytes * width);
  const line = Buffer.alloc(rowBytes);
  const padBits = rowBytes * 8 - width;
  for (let moduleY = -QUIET_ZONE; moduleY < size + QUIET_ZONE; moduleY += 1) {
    line.fill(0xff);
    line[rowBytes - 1] = (0xff << padBits) & 0xff;
    if (moduleY >= 0 && moduleY < size)
      for (let moduleX = 0; moduleX < size; moduleX += 1) {
        if (matrix.data[moduleY * size + moduleX] !== 1) continue;
        // A dark module clears SCALE bits (at most 8), which span at most two bytes of the line.
        const left = (moduleX + QUIET_ZONE) * SCALE;
        const at = left >> 3;
        const bits = moduleBits << (16 - SCALE - (left & 7));
        line[at] = (line[at] as number) & ~(bits >> 8);
        if (at + 1 < rowBytes) line[at + 1] = (line[at + 1] as number) & ~bits;
      }
    const first = (moduleY + QUIET_ZONE) * SCALE * lineBytes;
    line.copy(raw, first + 1);
    for (let repeat = 1; repeat < SCALE; repeat += 1) raw[first + repeat * lineBytes] = 2;
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(width, 4);
  header.set([1, 0, 0, 0, 0], 8); // bit depth 1, grayscale, deflate, filter method 0, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 1 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
};

/** `data:image/png;base64,…` of the QR code of exactly `text`. */
export const qrCodePng = async (text: string): Promise<string> => {
  const { qrSymbol } = await qrSymbolModule();
  return `data:image/png;base64,${matrixToPng(qrSymbol(text)).toString('base64')}`;
};
