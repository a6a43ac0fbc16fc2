// Step-up for self-service: before the customer replaces the authenticator or renews the backup
// codes, a code from the factor still in hand proves possession. It is judged by login verification
// itself, so replay, lockout and single use are the same rules, counted in the same place.
import type { Clock, Random } from '../clock';
import { DomainError, invalid } from '../errors';
import { parseLoginCode } from './typed-code';
import { verifyLoginCode, type VerifyMethod } from './verification';

/** `totp`: only the authenticator app counts (renewing backup codes with a backup code proves nothing new). */
export type StepUpFactor = 'totpOrBackupCode' | 'totp';

const refusalMessages = {
  WRONG_CODE: 'That code is not right. Enter the current code from the authenticator app, or a backup code.',
  CODE_ALREADY_USED: 'That code was used already. Wait for the next code in the authenticator app.',
} as const;

/**
 * Returns how the customer proved the factor. A wrong or replayed code is refused with 403 and the
 * login verify answer's reason as the error code (WRONG_CODE, CODE_ALREADY_USED) and its counts in
 * `details`; a lock, a recovery lock, 2FA off, a malformed code: login verify's own errors.
 */
export const requireStepUp = async (
  customerId: string,
  typed: string,
  factor: StepUpFactor,
  actorId: string,
  deps: { clock: Clock; random: Random },
): Promise<VerifyMethod> => {
  // Refused before anything is counted: the code is not tried, so it neither fails nor gets spent.
  if (factor === 'totp' && parseLoginCode(typed).kind !== 'totp')
    throw invalid(
      'STEP_UP_TOTP_REQUIRED',
      'Renewing the backup codes needs the current 6-digit code from the authenticator app, not a backup code.',
    );
  const outcome = await verifyLoginCode(customerId, typed, actorId, deps);
  if (outcome.valid) return outcome.method;
  throw new DomainError('Forbidden', outcome.reason, refusalMessages[outcome.reason], {
    method: outcome.method,
    attemptsLeft: outcome.attemptsLeft,
    backupCodesLeft: outcome.backupCodesLeft,
  });
};
