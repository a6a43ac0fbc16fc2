// Backup codes: ten, 65 bits each in 13 characters, shown once, stored as keyed hashes, typed back in
// any reasonable way; the 24-character codes issued before still count until they are renewed.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { systemRandom, type Random } from '../../lib/clock';
import {
  BACKUP_CODE_BITS,
  BACKUP_CODE_COUNT,
  BACKUP_CODE_LENGTH,
  formatBackupCode,
  generateBackupCodes,
  hashBackupCode,
  normalizeBackupCode,
} from '../../lib/backup-codes/backup-codes';
import { resetConfigForTests } from '../../lib/config';
import { tables } from '../../lib/data/tables';
import { keyedHash, resetKeyedHashForTests } from '../../lib/secrets/keyed-hash';

/** The local key source, as `npm start` runs: the keyed hash is an HMAC under a key derived from it. */
const useLocalKey = (key: Buffer) => {
  for (const table of Object.values(tables)) process.env[table.envVar] = `test-${table.baseName}`;
  Object.assign(process.env, {
    PUBLIC_BASE_URL: 'https://recovery.example.com',
    SENDER_EMAIL: 'no-reply@example.com',
    SECURITY_ALERT_EMAIL: 'security@example.com',
    SECRET_KEY_SOURCE: 'local',
    LOCAL_SECRET_KEY: key.toString('base64'),
  });
  resetConfigForTests();
  resetKeyedHashForTests();
};
beforeAll(() => useLocalKey(Buffer.alloc(32, 7)));

const constantRandom = (byte: number): Random => ({
  bytes: (length) => Buffer.alloc(length, byte),
  ulid: () => '01J00000000000000000000000',
});

const crockfordCode = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{5}$/;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('generated backup codes', () => {
  it('are ten distinct codes of 13 Crockford characters in groups of four, four and five', async () => {
    const { codes, hashes } = await generateBackupCodes(systemRandom);
    expect(codes).toHaveLength(BACKUP_CODE_COUNT);
    expect(new Set(codes).size).toBe(BACKUP_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(crockfordCode);
    expect(hashes).toHaveLength(BACKUP_CODE_COUNT);
  });

  it('carry at least 64 bits each (NIST SP 800-63B-4): 13 characters of 5 bits, all from the random source', async () => {
    expect(BACKUP_CODE_LENGTH).toBe(13);
    expect(BACKUP_CODE_BITS).toBe(65);
    expect(BACKUP_CODE_BITS).toBeGreaterThanOrEqual(64);
    expect((await generateBackupCodes(constantRandom(0x00), 1)).codes).toEqual(['0000-0000-00000']);
    expect((await generateBackupCodes(constantRandom(0xff), 1)).codes).toEqual(['ZZZZ-ZZZZ-ZZZZZ']);
    const requested: number[] = [];
    await generateBackupCodes({ ...systemRandom, bytes: (n) => (requested.push(n), Buffer.alloc(n)) });
    expect(requested).toEqual(Array(10).fill(9));
  });

  it('use every one of the 65 bits: flipping any one changes the code', async () => {
    const shown = new Set<string>();
    for (let bit = 0; bit < 65; bit += 1) {
      const bytes = Buffer.alloc(9);
      bytes[bit >> 3] = 0x80 >> (bit & 7);
      const { codes } = await generateBackupCodes({ ...systemRandom, bytes: () => Buffer.from(bytes) }, 1);
      shown.add(codes[0] ?? '');
    }
    expect(shown.size).toBe(65);
    expect(shown.has('0000-0000-00000')).toBe(false);
  });

  it('spread over the whole alphabet, U and the look-alikes I, L, O never shown', async () => {
    const seen = new Set<string>();
    for (let round = 0; round < 20; round += 1)
      for (const code of (await generateBackupCodes(systemRandom)).codes)
        for (const char of code.replace(/-/g, '')) seen.add(char);
    expect([...seen].sort().join('')).toBe('0123456789ABCDEFGHJKMNPQRSTVWXYZ');
  });

  it('are stored only as a keyed hash of their canonical form, not a plain SHA-256', async () => {
    const { codes, hashes } = await generateBackupCodes(systemRandom);
    for (const [index, code] of codes.entries()) {
      const canonical = code.replace(/-/g, '');
      expect(hashes[index]).toBe(await keyedHash('backup-code', canonical));
      expect(hashes[index]).not.toBe(sha256(canonical));
      expect(hashes[index]).not.toContain(canonical.toLowerCase());
    }
  });

  it('cannot be checked against a stolen table without the key: another key, other hashes', async () => {
    const { hashes } = await generateBackupCodes(constantRandom(0x42), 1);
    useLocalKey(Buffer.alloc(32, 8));
    try {
      expect((await generateBackupCodes(constantRandom(0x42), 1)).hashes).not.toEqual(hashes);
    } finally {
      useLocalKey(Buffer.alloc(32, 7));
    }
  });
});

describe('a typed backup code', () => {
  const code = '7K3Q-M9XD-2HBPW';
  const canonical = '7K3QM9XD2HBPW';

  it.each([
    code,
    canonical,
    code.toLowerCase(),
    '7k3q m9xd 2hbpw',
    ' 7K3QM9XD_2HBPW ',
    '7 K 3 Q M 9 X D 2 H B P W',
    code.replace(/-/g, '--'),
  ])('%j is the same code', async (typed) => {
    expect(normalizeBackupCode(typed)).toBe(canonical);
    expect(await hashBackupCode(normalizeBackupCode(typed) ?? '')).toBe(await hashBackupCode(canonical));
  });

  it("reads Crockford's look-alikes: O as 0, I and L as 1", () => {
    expect(normalizeBackupCode('OOOO-IIII-lLoi0')).toBe('0000111111010');
  });

  it.each([
    '',
    '7K3Q-M9XD-2HBP',
    '7K3Q-M9XD-2HBPWW',
    'UK3Q-M9XD-2HBPW',
    '7K3Q-M9XD-2HBP!',
    '123456',
    '7K3Q-M9XD-2HBP-W4TN-R8FJ-6CY',
  ])('%j is not a backup code', (typed) => {
    expect(normalizeBackupCode(typed)).toBeUndefined();
  });

  it('with one character wrong is another code: its hash does not match', async () => {
    const wrong = normalizeBackupCode('7K3Q-M9XD-2HBPX') ?? '';
    expect(wrong).toHaveLength(13);
    expect(await hashBackupCode(wrong)).not.toBe(await hashBackupCode(canonical));
  });

  it('round-trips every generated code however it is cased and spaced', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 9, maxLength: 9 }), fc.boolean(), async (bytes, lower) => {
        const random: Random = { bytes: () => Buffer.from(bytes), ulid: () => '' };
        const { codes, hashes } = await generateBackupCodes(random, 1);
        const shown = codes[0] ?? '';
        const typed = lower ? shown.toLowerCase().replace(/-/g, ' ') : shown.replace(/-/g, '');
        expect(await hashBackupCode(normalizeBackupCode(typed) ?? '')).toBe(hashes[0]);
      }),
      { numRuns: 50 },
    );
  });
});

describe('a 24-character code issued before', () => {
  // Issued as six groups of four and stored as the plain SHA-256 of the canonical form.
  const old = '7K3Q-M9XD-2HBP-W4TN-R8FJ-6CYV';
  const stored = sha256('7K3QM9XD2HBPW4TNR8FJ6CYV');

  it.each([old, old.toLowerCase(), '7k3q m9xd 2hbp w4tn r8fj 6cyv', old.replace(/-/g, '')])(
    '%j still matches the hash stored for it',
    async (typed) => {
      const canonical = normalizeBackupCode(typed);
      expect(canonical).toBe('7K3QM9XD2HBPW4TNR8FJ6CYV');
      expect(await hashBackupCode(canonical ?? '')).toBe(stored);
    },
  );

  it('typed with the look-alikes Crockford maps (I, L, O) still matches the code it was', async () => {
    const issued = '0001-1110-1000-0000-1111-1101';
    const typed = 'OOOI-lIlo-IoOO-oOOO-IiLl-LlOl';
    expect(normalizeBackupCode(typed)).toBe(issued.replace(/-/g, ''));
    expect(await hashBackupCode(normalizeBackupCode(typed) ?? '')).toBe(sha256(issued.replace(/-/g, '')));
  });

  it('is shown back in its own six groups', () => {
    expect(formatBackupCode('7K3QM9XD2HBPW4TNR8FJ6CYV')).toBe(old);
  });
});
