// RFC 4226 / RFC 6238 as the authenticator app sees it: the RFCs' own vectors, the drift window
// at its exact edges, and the replay rule.
import { base32Decode, base32Encode } from '../../lib/totp/base32';
import { hotp, matchTotp, stepStart, timeStep, totpAt, type TotpAlgorithm } from '../../lib/totp/totp';

const ascii = (text: string) => Buffer.from(text, 'ascii');

describe('HOTP (RFC 4226 Appendix D)', () => {
  const key = ascii('12345678901234567890');
  const expected = [
    '755224',
    '287082',
    '359152',
    '969429',
    '338314',
    '254676',
    '287922',
    '162583',
    '399871',
    '520489',
  ];
  it.each(expected.map((code, counter) => [counter, code]))('counter %i gives %s', (counter, code) => {
    expect(hotp(key, counter)).toBe(code);
  });
});

describe('TOTP (RFC 6238 Appendix B)', () => {
  const keys: Record<TotpAlgorithm, Buffer> = {
    sha1: ascii('12345678901234567890'),
    sha256: ascii('12345678901234567890123456789012'),
    sha512: ascii('1234567890123456789012345678901234567890123456789012345678901234'),
  };
  // Time (seconds), then the 8-digit codes for SHA1, SHA256, SHA512 as printed in the RFC.
  const table: [number, string, string, string][] = [
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ];
  it.each(table)('at %i s: SHA1 %s', (seconds, sha1) => {
    expect(
      totpAt(keys.sha1, new Date(seconds * 1000), { algorithm: 'sha1', digits: 8, periodSeconds: 30 }),
    ).toBe(sha1);
  });
  it.each(table)('at %i s: SHA256 %s and SHA512 %s', (seconds, _sha1, sha256, sha512) => {
    const at = new Date(seconds * 1000);
    expect(totpAt(keys.sha256, at, { algorithm: 'sha256', digits: 8, periodSeconds: 30 })).toBe(sha256);
    expect(totpAt(keys.sha512, at, { algorithm: 'sha512', digits: 8, periodSeconds: 30 })).toBe(sha512);
  });
  it('keeps leading zeros of a code (07081804)', () => {
    expect(
      totpAt(keys.sha1, new Date(1111111109 * 1000), { algorithm: 'sha1', digits: 8, periodSeconds: 30 }),
    ).toMatch(/^0/);
  });
});

describe('the drift window: the current step and one either side, no more', () => {
  const key = ascii('12345678901234567890');
  const step = 57_000_000; // 2024-03-13T…, any step will do
  const codeOf = (s: number) => hotp(key, s);
  const start = stepStart(step);
  const lastMillisecond = new Date(stepStart(step + 1).getTime() - 1);

  it.each([
    ['the first millisecond of the step', start],
    ['the last millisecond of the step', lastMillisecond],
  ])('at %s, accepts steps -1, 0, +1 and refuses -2 and +2', (_label, at) => {
    expect(timeStep(at)).toBe(step);
    expect(matchTotp(key, codeOf(step), at)).toEqual({ result: 'accepted', step });
    expect(matchTotp(key, codeOf(step - 1), at)).toEqual({ result: 'accepted', step: step - 1 });
    expect(matchTotp(key, codeOf(step + 1), at)).toEqual({ result: 'accepted', step: step + 1 });
    expect(matchTotp(key, codeOf(step - 2), at)).toEqual({ result: 'wrong' });
    expect(matchTotp(key, codeOf(step + 2), at)).toEqual({ result: 'wrong' });
  });

  it('moves at the boundary: one millisecond later the old -1 step is out and +2 is in', () => {
    const next = stepStart(step + 1);
    expect(matchTotp(key, codeOf(step - 1), lastMillisecond).result).toBe('accepted');
    expect(matchTotp(key, codeOf(step - 1), next).result).toBe('wrong');
    expect(matchTotp(key, codeOf(step + 2), lastMillisecond).result).toBe('wrong');
    expect(matchTotp(key, codeOf(step + 2), next)).toEqual({ result: 'accepted', step: step + 2 });
  });

  it('refuses a code that is not the right length or not digits', () => {
    const code = codeOf(step);
    expect(matchTotp(key, code.slice(1), start).result).toBe('wrong');
    expect(matchTotp(key, `${code}0`, start).result).toBe('wrong');
    expect(matchTotp(key, '', start).result).toBe('wrong');
  });
});

describe('replays: a code is accepted once', () => {
  const key = ascii('12345678901234567890');
  const step = 57_000_000;
  const at = stepStart(step);

  it('refuses the code of the last used step, and any earlier step', () => {
    expect(matchTotp(key, hotp(key, step), at, step)).toEqual({ result: 'replayed', step });
    expect(matchTotp(key, hotp(key, step - 1), at, step)).toEqual({ result: 'replayed', step: step - 1 });
  });

  it('still accepts a later step inside the window', () => {
    expect(matchTotp(key, hotp(key, step + 1), at, step)).toEqual({ result: 'accepted', step: step + 1 });
  });

  it('refuses the current code when a code of the next step was already used (drift ahead)', () => {
    expect(matchTotp(key, hotp(key, step), at, step + 1).result).toBe('replayed');
  });
});

describe('base32 (RFC 4648 section 10)', () => {
  it.each([
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ])('%j encodes as %s (no padding) and decodes back', (text, encoded) => {
    expect(base32Encode(Buffer.from(text))).toBe(encoded);
    expect(base32Decode(encoded).toString()).toBe(text);
  });

  it('decodes what people type: lower case, spaces, padding', () => {
    expect(base32Decode('mzxw 6ytb oi======').toString()).toBe('foobar');
  });

  it('refuses characters outside the alphabet', () => {
    expect(() => base32Decode('MZXW1')).toThrow();
  });
});
