// Backup codes: ten, 120 bits each, shown once, stored as SHA-256, typed back in any reasonable way.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { systemRandom, type Random } from '../../lib/clock';
import {
  BACKUP_CODE_BITS,
  BACKUP_CODE_COUNT,
  generateBackupCodes,
  hashBackupCode,
  normalizeBackupCode,
} from '../../lib/backup-codes/backup-codes';

const constantRandom = (byte: number): Random => ({
  bytes: (length) => Buffer.alloc(length, byte),
  ulid: () => '01J00000000000000000000000',
});

describe('generated backup codes', () => {
  it('are ten distinct codes of six groups of four Crockford characters', () => {
    const { codes, hashes } = generateBackupCodes(systemRandom);
    expect(codes).toHaveLength(BACKUP_CODE_COUNT);
    expect(new Set(codes).size).toBe(BACKUP_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){5}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(hashes).toHaveLength(BACKUP_CODE_COUNT);
  });

  it('carry 120 bits each: 15 random bytes, 5 bits per character, nothing lost', () => {
    expect(BACKUP_CODE_BITS).toBeGreaterThanOrEqual(112);
    expect(generateBackupCodes(constantRandom(0x00), 1).codes).toEqual(['0000-0000-0000-0000-0000-0000']);
    expect(generateBackupCodes(constantRandom(0xff), 1).codes).toEqual(['ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ']);
    const requested: number[] = [];
    generateBackupCodes({ ...systemRandom, bytes: (n) => (requested.push(n), Buffer.alloc(n)) });
    expect(requested).toEqual(Array(10).fill(15));
  });

  it('are stored only as the SHA-256 of their canonical form', () => {
    const { codes, hashes } = generateBackupCodes(systemRandom);
    codes.forEach((code, index) => {
      const canonical = code.replace(/-/g, '');
      expect(hashes[index]).toBe(createHash('sha256').update(canonical).digest('hex'));
      expect(hashes[index]).not.toContain(canonical.toLowerCase());
    });
  });
});

describe('a typed backup code', () => {
  const code = '7K3Q-M9XD-2HBP-W4TN-R8FJ-6CYV';
  const canonical = '7K3QM9XD2HBPW4TNR8FJ6CYV';

  it.each([
    code,
    canonical,
    code.toLowerCase(),
    '7k3q m9xd 2hbp w4tn r8fj 6cyv',
    ' 7K3QM9XD-2HBPW4TN_R8FJ6CYV ',
    '7K3Q-M9XD-2HBP-W4TN-R8FJ-6CYV'.replace(/-/g, '--'),
  ])('%j is the same code', (typed) => {
    expect(normalizeBackupCode(typed)).toBe(canonical);
    expect(hashBackupCode(normalizeBackupCode(typed) ?? '')).toBe(hashBackupCode(canonical));
  });

  it("reads Crockford's look-alikes: O as 0, I and L as 1", () => {
    expect(normalizeBackupCode('OOOO-IIII-LLLL-0000-1111-oil0')).toBe('000011111111000011110110');
  });

  it.each([
    '',
    '7K3Q-M9XD-2HBP-W4TN-R8FJ-6CY',
    '7K3Q-M9XD-2HBP-W4TN-R8FJ-6CYVV',
    'UUUU-M9XD-2HBP-W4TN-R8FJ-6CYV',
    '123456',
  ])('%j is not a backup code', (typed) => {
    expect(normalizeBackupCode(typed)).toBeUndefined();
  });

  it('round-trips every generated code however it is cased and spaced', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 15, maxLength: 15 }), fc.boolean(), (bytes, lower) => {
        const random: Random = { bytes: () => Buffer.from(bytes), ulid: () => '' };
        const { codes, hashes } = generateBackupCodes(random, 1);
        const shown = codes[0] ?? '';
        const typed = lower ? shown.toLowerCase().replace(/-/g, ' ') : shown.replace(/-/g, '');
        expect(hashBackupCode(normalizeBackupCode(typed) ?? '')).toBe(hashes[0]);
      }),
    );
  });
});
