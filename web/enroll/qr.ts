// The QR code of the otpauth URI, drawn in the page from the URI the start returned (the page asks the
// server for no PNG): the same symbol as the server's PNG (lib/totp/qr-symbol.ts, qr-geometry.ts), as a
// PNG data URL, so it stays an <img> with its alt text and a phone scans it from the screen as before.
import { QR_QUIET_ZONE, QR_SCALE } from '../../lib/totp/qr-geometry';
import { qrSymbol } from '../../lib/totp/qr-symbol';

let last: { text: string; url: string } | undefined;

/** The view is drawn again on every change (a typed code, an error): the symbol only when the URI is new. */
export const qrDataUrl = (text: string): string => {
  if (last?.text === text) return last.url;
  const modules = qrSymbol(text);
  const side = (modules.size + 2 * QR_QUIET_ZONE) * QR_SCALE;
  const canvas = document.createElement('canvas');
  canvas.width = side;
  canvas.height = side;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d canvas');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, side, side);
  context.fillStyle = '#000';
  // Whole-pixel rectangles: no anti-aliased edges between modules.
  for (let y = 0; y < modules.size; y += 1)
    for (let x = 0; x < modules.size; x += 1)
      if (modules.data[y * modules.size + x])
        context.fillRect((x + QR_QUIET_ZONE) * QR_SCALE, (y + QR_QUIET_ZONE) * QR_SCALE, QR_SCALE, QR_SCALE);
  last = { text, url: canvas.toDataURL('image/png') };
  return last.url;
};
