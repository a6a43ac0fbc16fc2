// What a customer typed, classified: a 6-digit TOTP code or a backup code, or a format error.
import { normalizeBackupCode } from '../backup-codes/backup-codes';
import { invalid } from '../errors';

export type TypedCode = { kind: 'totp'; digits: string } | { kind: 'backupCode'; canonical: string };

/** Apps show "123 456": spaces are dropped before counting digits. */
const totpDigits = (typed: string) => {
  const digits = typed.replace(/\s/g, '');
  return /^\d{6}$/.test(digits) ? digits : undefined;
};

export const parseTotpCode = (typed: string): string => {
  const digits = totpDigits(typed);
  if (!digits) throw invalid('INVALID_CODE_FORMAT', 'Enter the 6-digit code your authenticator app shows.');
  return digits;
};

export const parseLoginCode = (typed: string): TypedCode => {
  const digits = totpDigits(typed);
  if (digits) return { kind: 'totp', digits };
  const canonical = normalizeBackupCode(typed);
  if (canonical) return { kind: 'backupCode', canonical };
  throw invalid(
    'INVALID_CODE_FORMAT',
    'A code is the 6 digits from the authenticator app, or one of the backup codes (13 letters and digits).',
  );
};
