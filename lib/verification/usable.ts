// When a verification can serve a disable, an approval or a release: PASSED, not yet used, and within
// the freshness window. The window is applied here only: the policy gates refuse a stale pass with it,
// and the admins' ready list bounds its read and shows the time left with it.
import { conflict } from '../errors';
import type { VerificationItem } from './verification';

export interface FreshnessPolicy {
  /** How long after its completion a PASSED verification can be acted on. */
  verificationMaxAgeMinutes: number;
}

const windowMs = (policy: FreshnessPolicy) => policy.verificationMaxAgeMinutes * 60_000;

/** The moment a pass completed at `completedAt` goes stale: acting on it after this is refused. */
export const staleAt = (completedAt: string, policy: FreshnessPolicy) =>
  new Date(new Date(completedAt).getTime() + windowMs(policy));

/** The earliest completion time that is still fresh at `now` (a read of usable passes starts here). */
export const freshSince = (now: Date, policy: FreshnessPolicy) => new Date(now.getTime() - windowMs(policy));

/** The session's pass is recent enough to act on; checked at the disable, the approval and the release. */
export const assertVerificationFresh = (
  verification: Pick<VerificationItem, 'completedAt'>,
  now: Date,
  policy: FreshnessPolicy,
) => {
  if (!verification.completedAt || now > staleAt(verification.completedAt, policy))
    throw conflict(
      'VERIFICATION_STALE',
      `The verification was completed more than ${policy.verificationMaxAgeMinutes} minutes ago; verify the caller again.`,
    );
};

/** PASSED and not yet used (for a disable, an approval or a release). */
export const assertVerificationStatusUsable = (verification: VerificationItem) => {
  switch (verification.status) {
    case 'OPEN':
      throw conflict(
        'VERIFICATION_NOT_COMPLETED',
        'The verification is still open; the agent must complete it first.',
      );
    case 'FAILED':
      throw conflict('VERIFICATION_NOT_PASSED', 'The verification failed; 2FA cannot be disabled on it.');
    case 'EXPIRED':
      throw conflict(
        'VERIFICATION_NOT_PASSED',
        'The verification expired unfinished; verify the caller again.',
      );
    case 'USED':
      throw conflict(
        'VERIFICATION_ALREADY_USED',
        'This verification was already used for a disable; a new one is needed.',
      );
    case 'REJECTED':
      throw conflict(
        'VERIFICATION_REJECTED',
        'A disable on this verification was rejected by a second admin; verify the caller again.',
      );
    case 'CANCELLED':
      throw conflict('VERIFICATION_CANCELLED', 'This verification was cancelled; verify the caller again.');
    case 'PENDING_APPROVAL':
      throw conflict(
        'APPROVAL_PENDING',
        "A disable on this verification is waiting for a second admin's approval.",
      );
    case 'PASSED':
      break;
  }
};

/** Possession proven: the caller read back the code emailed to the address on file. */
export const emailCodeMatched = (verification: Pick<VerificationItem, 'checks'>) =>
  verification.checks.some((check) => check.type === 'EMAIL_CODE' && check.result === 'MATCH');
