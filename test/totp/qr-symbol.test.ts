// The QR symbol the server's PNG and the enrollment page draw: the mask qrcode itself would choose, from
// segments that cost no more than qrcode's own search, and a symbol any reader decodes to the exact text.
import { createHash } from 'node:crypto';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { create } from 'qrcode/lib/core/qrcode.js';
import { getEncodedBits } from 'qrcode/lib/core/format-info.js';
import { getPenaltyN1, getPenaltyN2, getPenaltyN3, getPenaltyN4 } from 'qrcode/lib/core/mask-pattern.js';
import { generateTotpSecret, otpauthUri } from '../../lib/totp/key-uri';
import { MASK_PATTERNS, maskPenalties, withBestMask } from '../../lib/totp/qr-mask';
import { matrixToPng } from '../../lib/totp/qr-png';
import { qrSegments } from '../../lib/totp/qr-segments';
import { qrSymbol } from '../../lib/totp/qr-symbol';
import type { QRCodeMaskPattern, QRCodeSegment } from 'qrcode';
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

/** Texts of runs of digits, capitals, small letters and non-ASCII, the classes the segments choose between. */
const mixedText = (seed: number) => {
  const classes = [
    '0123456789',
    'ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:',
    'abcdefghijklmnopqrstuvwxyz',
    'éàü漢字🔌',
  ];
  const hash = createHash('sha256').update(`mixed:${seed}`).digest();
  let text = '';
  for (let at = 0; at < 1 + (((hash[0] as number) * 3) % 300); at += 1) {
    const run = [
      ...(classes[
        ((hash[at % 32] as number) + Math.floor(at / (1 + ((hash[1] as number) % 20)))) % 4
      ] as string),
    ];
    text += run[((hash[(at * 7) % 32] as number) + at) % run.length];
  }
  return text;
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

  it.each(['L', 'H'] as const)(
    "at level %s, each of the eight candidates scores what qrcode's four penalty rules give it",
    (level) => {
      for (let seed = 0; seed < 40; seed += 1) {
        const text = seed % 2 ? mixedText(seed) : textOf(seed, 1 + ((seed * 53) % 400));
        // The eight symbols qrcode makes with each mask forced, as one byte per module (bit p: pattern p).
        const candidates = Array.from(
          { length: MASK_PATTERNS },
          (_, pattern) =>
            create(text, { errorCorrectionLevel: level, maskPattern: pattern as QRCodeMaskPattern }).modules,
        );
        const { size } = candidates[0]!;
        const lanes = new Uint8Array(size * size);
        candidates.forEach((modules, pattern) => {
          modules.data.forEach((module, at) => (lanes[at] = (lanes[at] as number) | (module << pattern)));
        });
        expect({ seed, penalties: maskPenalties(lanes, size) }).toEqual({
          seed,
          penalties: candidates.map(
            (modules) =>
              getPenaltyN1(modules) + getPenaltyN2(modules) + getPenaltyN3(modules) + getPenaltyN4(modules),
          ),
        });
      }
    },
  );

  it('scores a symbol as qrcode does: all light is runs and blocks everywhere and the worst dark share', () => {
    const size = 21;
    // N1: 2 × 21 lines, each one run of 21: 3 + 16. N2: 20 × 20 blocks × 3. N4: 0 % dark: 10 × 10.
    expect(maskPenalties(new Uint8Array(size * size), size)).toEqual(
      Array(MASK_PATTERNS).fill(2 * 21 * (3 + 16) + 20 * 20 * 3 + 100),
    );
  });
});

describe('the segments', () => {
  const textOf = (segments: QRCodeSegment[]) =>
    segments
      .map((segment) =>
        typeof segment.data === 'string'
          ? segment.data
          : Buffer.from(segment.data as Uint8Array).toString('utf8'),
      )
      .join('');

  it('carry the base32 secret of an otpauth URI as one alphanumeric segment, the rest as UTF-8 bytes', () => {
    const uri = otpauthUri({ issuer: 'Cube', accountName: 'jan@example.nl', secret: Buffer.alloc(20, 7) });
    const segments = qrSegments(uri, 0);
    const secret = new URL(uri).searchParams.get('secret');
    expect(segments.filter((segment) => segment.mode === 'alphanumeric').map((s) => s.data)).toEqual([
      secret,
    ]);
    expect(textOf(segments)).toBe(uri);
  });

  it('carry a long run of digits (a phone number, a customer number) as numeric', () => {
    const uri = otpauthUri({ issuer: 'Cube', accountName: '+31612345678', secret: Buffer.alloc(20, 7) });
    const segments = qrSegments(uri, 0);
    expect(segments.filter((segment) => segment.mode === 'numeric').map((s) => s.data)).toEqual([
      '31612345678',
    ]);
    expect(textOf(segments)).toBe(uri);
  });

  it('leave a short run in bytes, where two segment headers would cost more than it saves', () => {
    expect(qrSegments('otpauth://totp/ACME:x?secret=ABC&n=12', 0).map((segment) => segment.mode)).toEqual([
      'byte',
    ]);
  });

  it("never need a larger version than qrcode's search over every split, for the URIs we write and others", () => {
    const accounts = (n: number) => [
      `+3161234${String(n).padStart(4, '0')}`,
      String(100_000_000_000 + n),
      `jjjj${8_174_361 + n}@example.nl`,
      `employee-${String(n).repeat(20).slice(0, 20)}`,
      `${'ß'.repeat(n % 3)}${'k'.repeat(n)}@voorbeeld.nl`,
      `K${n}ABCDEF@EXAMPLE.NL`,
    ];
    for (const issuer of ['Cube', 'Laadpaal Backend', 'Élan 充电 B.V.'])
      for (let n = 1; n <= 120; n += 7)
        for (const accountName of accounts(n)) {
          const uri = otpauthUri({ issuer, accountName, secret: generateTotpSecret(systemRandom) });
          const searched = create(uri, { errorCorrectionLevel: 'M' }).version;
          expect({ uri, larger: (qrSymbol(uri).size - 17) / 4 > searched }).toEqual({ uri, larger: false });
        }
    for (let seed = 0; seed < 200; seed += 1) {
      const text = mixedText(seed);
      const searched = create(text, { errorCorrectionLevel: 'M' }).version;
      expect({ text, larger: (qrSymbol(text).size - 17) / 4 > searched }).toEqual({ text, larger: false });
    }
  });

  it('fit the account a shorter search once missed into the version qrcode finds (7, not 8)', () => {
    const uri =
      'otpauth://totp/Cube:jjjj8174361%40example.nl?secret=WA3FKPYPKOXQJXBUX6A45MJFHYNJNEUV&issuer=Cube&algorithm=SHA1&digits=6&period=30';
    expect(create(uri, { errorCorrectionLevel: 'M' }).version).toBe(7);
    expect((qrSymbol(uri).size - 17) / 4).toBe(7);
  });
});

describe('the symbol', () => {
  it.each([
    ['an otpauth URI', otpauthUri({ issuer: 'Cube', accountName: 'a@b.nl', secret: Buffer.alloc(20, 1) })],
    ['text with accents and an emoji', 'Zoë Ñúñez 🔌 laadpaal'],
    ['only digits and capitals', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'],
    ['one character', 'x'],
    [
      'an otpauth URI for a phone number',
      otpauthUri({ issuer: 'Cube', accountName: '+31612345678', secret: Buffer.alloc(20, 2) }),
    ],
    ['mixed runs', mixedText(7)],
  ])('of %s decodes to exactly that text', (_label, text) => {
    expect(decode(qrSymbol(text))).toBe(text);
  });

  it('is refused for no text and for text that is not well-formed Unicode, as qrcode refuses them', () => {
    expect(() => qrSymbol('')).toThrow('A QR code needs some text.');
    expect(() => qrSymbol('key\uD800')).toThrow('not well-formed Unicode');
    expect(() => create('key\uD800')).toThrow();
  });
});
