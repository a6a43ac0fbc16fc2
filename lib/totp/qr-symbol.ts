// The QR symbol of a text (an otpauth URI): the one the server's PNG (qr-png.ts) and the enrollment page
// (web/enroll/qr.ts) both draw, so a phone reads the same modules from either.
import { getEncodedBits } from 'qrcode/lib/core/format-info.js';
import { create } from 'qrcode/lib/core/qrcode.js';
import type { QRCodeSegment } from 'qrcode';
import { QR_ERROR_CORRECTION } from './qr-geometry';
import { withBestMask } from './qr-mask';

const utf8 = new TextEncoder();

/** The characters QR's alphanumeric mode holds (ISO/IEC 18004 table 5): a TOTP secret's base32 among them. */
const alphanumeric = /[0-9A-Z $%*+\-./:]{15,}/g;

/**
 * Runs of 15 or more alphanumeric characters as alphanumeric segments, the rest as bytes. An alphanumeric
 * character takes 5.5 bits, a byte 8; a run of 15 saves 37 bits, more than the two segment headers it
 * adds up to version 26 (35 bits; 37 above, where it breaks even). In an otpauth URI that is the base32
 * secret, in a symbol of version 10 or less. qrcode would search every split
 * (a shortest path over all of them), which is half the time of drawing the symbol; this rule is enough
 * for the URIs we write.
 */
export const qrSegments = (text: string): QRCodeSegment[] => {
  const segments: QRCodeSegment[] = [];
  // Bytes are UTF-8, as qrcode encodes a string it is given whole.
  const bytes = (from: number, to?: number) =>
    segments.push({ mode: 'byte', data: utf8.encode(text.slice(from, to)) });
  let from = 0;
  for (const run of text.matchAll(alphanumeric)) {
    if (run.index > from) bytes(from, run.index);
    segments.push({ mode: 'alphanumeric', data: run[0] });
    from = run.index + run[0].length;
  }
  if (from < text.length || segments.length === 0) bytes(from);
  return segments;
};

/** The symbol's modules, row by row (1 dark), and its size in modules. */
export const qrSymbol = (text: string): { size: number; data: Uint8Array } => {
  const symbol = create(qrSegments(text), { errorCorrectionLevel: QR_ERROR_CORRECTION, maskPattern: 0 });
  return withBestMask(symbol.modules, (pattern) => getEncodedBits(symbol.errorCorrectionLevel, pattern));
};
