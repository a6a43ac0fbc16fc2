// The QR symbol of a text (an otpauth URI): the one the server's PNG (qr-png.ts) and the enrollment page
// (web/enroll/qr.ts) both draw, so a phone reads the same modules from either.
import { getEncodedBits } from 'qrcode/lib/core/format-info.js';
import { create } from 'qrcode/lib/core/qrcode.js';
import { LONE_SURROGATE } from '../unicode';
import { QR_ERROR_CORRECTION } from './qr-geometry';
import { withBestMask } from './qr-mask';
import { qrSegments, versionRangeOf, type VersionRange } from './qr-segments';

/**
 * The symbol's modules, row by row (1 dark), and its size in modules. Its segments are the fewest bits for
 * the version they end up in (qr-segments.ts): optimized for versions 1–9 first, and again for the wider
 * count fields when they need a larger version. Its mask is the one qrcode would choose (qr-mask.ts).
 */
export const qrSymbol = (text: string): { size: number; data: Uint8Array } => {
  // As qrcode refuses them: a symbol must hold something, and a lone surrogate has no UTF-8 bytes.
  if (text === '') throw new Error('A QR code needs some text.');
  if (LONE_SURROGATE.test(text)) throw new Error('The text is not well-formed Unicode.');
  let range: VersionRange = 0;
  for (;;) {
    const symbol = create(qrSegments(text, range), {
      errorCorrectionLevel: QR_ERROR_CORRECTION,
      maskPattern: 0,
    });
    const needed = versionRangeOf(symbol.version);
    if (needed > range) {
      range = needed;
      continue;
    }
    return withBestMask(symbol.modules, (pattern) => getEncodedBits(symbol.errorCorrectionLevel, pattern));
  }
};
