// Backup codes: ten single-use codes of 65 random bits each, shown once and stored only as keyed hashes.
//
// NIST SP 800-63B-4 asks at least 64 bits of a saved recovery code; 13 Crockford characters carry 65
// and fit one line on a phone. Below 112 bits a plain hash of the table could be brute-forced offline,
// so the stored hash is keyed (HMAC, the key in KMS): a stolen table is useless without the key.
// Codes issued before were 24 characters (120 bits) stored as plain SHA-256; they keep working,
// recognised by their length, until the customer renews or replaces them.
import { createHash } from 'node:crypto';
import type { Random } from '../clock';
import { keyedHash } from '../secrets/keyed-hash';

export const BACKUP_CODE_COUNT = 10;
export const BACKUP_CODE_LENGTH = 13;
export const BACKUP_CODE_BITS = BACKUP_CODE_LENGTH * 5;
/** The length of the codes issued before the 13-character ones: 120 bits, six groups of four. */
export const LEGACY_BACKUP_CODE_LENGTH = 24;

/** Crockford base32: digits and capitals without I, L, O, U, so codes survive being read aloud or retyped. */
const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** `7K3Q-M9XD-2HBPW`: two groups of four, then five; the groups line up in a list. */
const GROUPS = [4, 4, 5];

/** The display form: `7K3Q-M9XD-2HBPW` (old 24-character codes: six groups of four). */
export const formatBackupCode = (canonical: string) => {
  if (canonical.length !== BACKUP_CODE_LENGTH) return canonical.match(/.{1,4}/g)?.join('-') ?? canonical;
  let start = 0;
  return GROUPS.map((size) => canonical.slice(start, (start += size))).join('-');
};

/** 13 characters from 65 random bits: 9 bytes read as a number, the top 65 bits, 5 per character. */
const randomCode = (random: Random) => {
  const bytes = random.bytes(9);
  let bits = BigInt(`0x${bytes.toString('hex')}`) >> 7n;
  const chars: string[] = [];
  for (let index = 0; index < BACKUP_CODE_LENGTH; index += 1) {
    chars.unshift(crockford[Number(bits & 31n)] ?? '0');
    bits >>= 5n;
  }
  return chars.join('');
};

/** Fresh codes to show the customer once, and the hashes to store: the codes themselves are never kept. */
export const generateBackupCodes = async (random: Random, count = BACKUP_CODE_COUNT) => {
  const canonical = Array.from({ length: count }, () => randomCode(random));
  const hashes = await Promise.all(canonical.map((code) => hashBackupCode(code)));
  return { codes: canonical.map(formatBackupCode), hashes };
};

/**
 * The canonical form of what someone typed, or undefined when it cannot be a backup code: any case,
 * spaces, hyphens or underscores anywhere, and Crockford's look-alikes (O→0, I/L→1) are accepted.
 * Old codes used the same alphabet, so one normalization serves both; the length tells them apart.
 */
export const normalizeBackupCode = (typed: string): string | undefined => {
  const canonical = typed
    .toUpperCase()
    .replace(/[\s_-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  const length = canonical.length;
  return (length === BACKUP_CODE_LENGTH || length === LEGACY_BACKUP_CODE_LENGTH) &&
    [...canonical].every((char) => crockford.includes(char))
    ? canonical
    : undefined;
};

/**
 * What the Customers table keeps for a canonical code, never the code: an HMAC for current codes,
 * the plain SHA-256 hex for a 24-character code issued before (what was stored for it then).
 */
export const hashBackupCode = async (canonical: string): Promise<string> =>
  canonical.length === LEGACY_BACKUP_CODE_LENGTH
    ? createHash('sha256').update(canonical).digest('hex')
    : keyedHash('backup-code', canonical);
