// Backup codes: ten single-use codes of 120 random bits each, shown once and stored only as SHA-256.
//
// NIST 800-63B 5.1.2 / ASVS 6.5.2 allow a plain hash only for codes of at least 112 bits; 120 bits
// make a stolen table useless (2^120 guesses per code) and keep verification one SHA-256 and a set
// lookup, where short codes would need a salted scrypt per stored code on every login attempt.
import { createHash } from 'node:crypto';
import type { Random } from '../clock';
import { base32crockford } from '@scure/base';

export const BACKUP_CODE_COUNT = 10;
export const BACKUP_CODE_BITS = 120;

/** Crockford base32: digits and capitals without I, L, O, U, so codes survive being read aloud or retyped. */
const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = BACKUP_CODE_BITS / 5;
const GROUP_LENGTH = 4;

// @scure/base (otplib's base32 dependency) encodes with exactly this alphabet; normalizing what people
// type stays here, because the codes are hashed in their canonical form rather than decoded.
const encode = (bytes: Buffer) => base32crockford.encode(bytes);

/** `7K3Q-M9XD-2HBP-W4TN-R8FJ-6CYV`: six groups of four, how the codes are shown to the customer. */
export const formatBackupCode = (canonical: string) =>
  canonical.match(new RegExp(`.{1,${GROUP_LENGTH}}`, 'g'))?.join('-') ?? canonical;

/** Fresh codes to show the customer once, and the hashes to store: the codes themselves are never kept. */
export const generateBackupCodes = (random: Random, count = BACKUP_CODE_COUNT) => {
  const canonical = Array.from({ length: count }, () => encode(random.bytes(BACKUP_CODE_BITS / 8)));
  return { codes: canonical.map(formatBackupCode), hashes: canonical.map((code) => hashBackupCode(code)) };
};

/**
 * The canonical form of what someone typed, or undefined when it cannot be a backup code: any case,
 * spaces, hyphens or underscores anywhere, and Crockford's look-alikes (O→0, I/L→1) are accepted.
 */
export const normalizeBackupCode = (typed: string): string | undefined => {
  const canonical = typed
    .toUpperCase()
    .replace(/[\s_-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return canonical.length === CODE_LENGTH && [...canonical].every((char) => crockford.includes(char))
    ? canonical
    : undefined;
};

/** Lowercase hex SHA-256 of the canonical code: what the Customers table keeps, never the code. */
export const hashBackupCode = (canonical: string) => createHash('sha256').update(canonical).digest('hex');
