// The QR symbol the server's PNG and the enrollment page draw: the mask qrcode itself would choose, from
// segments that cost no more than qrcode's own search, and a symbol any reader decodes to the exact text.
import { createHash } from 'node:crypto';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { create } from 'qrcode/lib/core/qrcode.js';
import { getEncodedBits } from 'qrcode/lib/core/format-info.js';
import { generateTotpSecret, otpauthUri } from '../../lib/totp/key-uri';
import { maskPenalty, withBestMask } from '../../lib/totp/qr-mask';
import { matrixToPng } from '../../lib/totp/qr-png';
import { qrSegments, qrSymbol } from '../../lib/totp/qr-symbol';
import { systemRandom } from '../../lib/clock';

/** Deterministic pseudo-random texts: the same cases on every run, so a failure can be replayed. */
const textOf = (seed: number, length: number) => {
  let text = '';
  for (let block = 0; text.length < length; block += 1)
    text += createHash('sha256')
      .update(`${seed}:${block}`)
      .digest(seed % 3 === 0 ? 'hex' : 'base64');
  return seed % 5 === 0 ? text.slice(0, length).toUpperCase() : text.slice(0, length);
};

const decode = (symbol: { size: number; data: Uint8Array }) => {
  const png = PNG.sync.read(matrixToPng(symbol));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
};

describe("the mask: qrcode's own choice", () => {
  it.each(['L', 'M', 'Q', 'H'] as const)(
    'at level %s, the same mask and modules as create() without a mask pattern, small symbols and large',
    (level) => {
      const versions = new Set<number>();
      for (let seed = 0; seed < 120; seed += 1) {
        const text = textOf(seed, 1 + ((seed * 37) % 600));
        const reference = create(text, { errorCorrectionLevel: level });
        const maskedWithZero = create(text, { errorCorrectionLevel: level, maskPattern: 0 });
        const chosen = withBestMask(maskedWithZero.modules, (pattern) =>
          getEncodedBits(maskedWithZero.errorCorrectionLevel, pattern),
        );
        versions.add(reference.version);
        expect({ seed, mask: chosen.maskPattern }).toEqual({ seed, mask: reference.maskPattern });
        expect(Buffer.from(chosen.data).equals(Buffer.from(reference.modules.data))).toBe(true);
      }
      // The cases reach the symbols with version information (7 and up) and several alignment patterns.
      expect(Math.min(...versions)).toBeLessThan(7);
      expect(Math.max(...versions)).toBeGreaterThan(12);
    },
  );

  it('scores a symbol as qrcode does: all light is runs and blocks everywhere and the worst dark share', () => {
    const size = 21;
    const light = new Uint8Array(size * size);
    // N1: 2 × 21 lines, each one run of 21: 3 + 16. N2: 20 × 20 blocks × 3. N4: 0 % dark: 10 × 10.
    expect(maskPenalty(light, size)).toBe(2 * 21 * (3 + 16) + 20 * 20 * 3 + 100);
  });
});

describe('the segments', () => {
  it('carry the base32 secret of an otpauth URI as one alphanumeric segment and the rest as UTF-8 bytes', () => {
    const uri = otpauthUri({ issuer: 'Cube', accountName: 'jan@example.nl', secret: Buffer.alloc(20, 7) });
    const segments = qrSegments(uri);
    expect(segments.map((segment) => segment.mode)).toEqual(['byte', 'alphanumeric', 'byte']);
    const secret = new URL(uri).searchParams.get('secret');
    expect(segments[1]?.data).toBe(secret);
    const text = segments
      .map((segment) =>
        typeof segment.data === 'string'
          ? segment.data
          : Buffer.from(segment.data as Uint8Array).toString('utf8'),
      )
      .join('');
    expect(text).toBe(uri);
  });

  it('leave a short uppercase run in bytes, where two segment headers would cost more than it saves', () => {
    expect(qrSegments('otpauth://totp/ACME:x?secret=ABC').map((segment) => segment.mode)).toEqual(['byte']);
    expect(qrSegments('').map((segment) => segment.mode)).toEqual(['byte']);
  });

  it("never need a larger version than qrcode's search over every split, for the URIs we write", () => {
    for (const issuer of ['Cube', 'Laadpaal Backend', 'Élan Laadpunten B.V.'])
      for (let length = 1; length <= 200; length += 7) {
        const uri = otpauthUri({
          issuer,
          accountName: `${'ß'.repeat(length % 3)}${'k'.repeat(length)}@voorbeeld.nl`,
          secret: generateTotpSecret(systemRandom),
        });
        const searched = create(uri, { errorCorrectionLevel: 'M' }).version;
        expect({ uri, version: (qrSymbol(uri).size - 17) / 4 }).toEqual({ uri, version: searched });
      }
  });
});

describe('the symbol', () => {
  it.each([
    ['an otpauth URI', otpauthUri({ issuer: 'Cube', accountName: 'a@b.nl', secret: Buffer.alloc(20, 1) })],
    ['text with accents and an emoji', 'Zoë Ñúñez 🔌 laadpaal'],
    ['only digits and capitals', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'],
    ['one character', 'x'],
  ])('of %s decodes to exactly that text', (_label, text) => {
    expect(decode(qrSymbol(text))).toBe(text);
  });
});
