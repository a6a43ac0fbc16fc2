// The otpauth URI every authenticator reads, and its QR code: a phone's scanner gets exactly that URI.
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { systemRandom } from '../../lib/clock';
import { base32Decode } from '../../lib/totp/base32';
import { generateTotpSecret, otpauthUri } from '../../lib/totp/key-uri';
import { qrCodePng } from '../../lib/totp/qr-png';

const decodeQr = (dataUrl: string) => {
  const png = PNG.sync.read(Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64'));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
};

describe('the key URI', () => {
  const secret = Buffer.from('12345678901234567890');

  it('names issuer and account, and spells out SHA1, 6 digits, 30 seconds', () => {
    const uri = new URL(otpauthUri({ issuer: 'Cube', accountName: 'jan.devries@voltpark.nl', secret }));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Cube:jan.devries@voltpark.nl');
    expect(Object.fromEntries(uri.searchParams)).toEqual({
      secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
      issuer: 'Cube',
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
  });

  it('escapes names that contain URI syntax', () => {
    const uri = otpauthUri({ issuer: 'Cube & Co', accountName: "o'connor+ev@example.com", secret });
    expect(uri).toContain("/Cube%20%26%20Co:o'connor%2Bev%40example.com?");
    expect(new URL(uri).searchParams.get('issuer')).toBe('Cube & Co');
  });

  it('holds a fresh 160-bit secret each time', () => {
    const a = generateTotpSecret(systemRandom);
    const b = generateTotpSecret(systemRandom);
    expect(a).toHaveLength(20);
    expect(a.equals(b)).toBe(false);
    const uri = new URL(otpauthUri({ issuer: 'Cube', accountName: 'x@example.com', secret: a }));
    expect(base32Decode(uri.searchParams.get('secret') ?? '').equals(a)).toBe(true);
  });
});

describe('the QR code', () => {
  it('is a PNG data URL that decodes back to exactly the URI', async () => {
    const uri = otpauthUri({
      issuer: 'Cube',
      accountName: "sarah.o'connor@greenfleet.co.uk",
      secret: generateTotpSecret(systemRandom),
    });
    const png = await qrCodePng(uri);
    expect(png).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
    expect(decodeQr(png)).toBe(uri);
  });

  it('decodes for short and long accounts alike (QR versions grow with the URI)', async () => {
    for (const accountName of ['a@b.nl', `${'x'.repeat(120)}@example.com`]) {
      const uri = otpauthUri({ issuer: 'Cube', accountName, secret: generateTotpSecret(systemRandom) });
      expect(decodeQr(await qrCodePng(uri))).toBe(uri);
    }
  });

  it('is a 1-bit grayscale PNG with a white quiet zone of four modules', async () => {
    const uri = otpauthUri({
      issuer: 'Cube',
      accountName: 'a@b.nl',
      secret: generateTotpSecret(systemRandom),
    });
    const bytes = Buffer.from((await qrCodePng(uri)).split(',')[1] ?? '', 'base64');
    expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect([bytes[24], bytes[25]]).toEqual([1, 0]); // bit depth 1, color type 0 (grayscale)
    const png = PNG.sync.read(bytes);
    expect(png.width).toBe(png.height);
    const pixel = (x: number, y: number) => png.data[(y * png.width + x) * 4];
    for (let i = 0; i < 24; i += 1) {
      expect(pixel(i, i)).toBe(255);
      expect(pixel(png.width - 1 - i, i)).toBe(255);
    }
    expect(pixel(24, 24)).toBe(0); // the finder pattern's dark corner
  });
});
