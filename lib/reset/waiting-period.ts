// The waiting period after a disable: how long the reset link's enrollment stays closed, by risk, and
// the rule every enrollment of a DISABLED customer obeys while it runs. Pure; the disable writes the
// end (`recoveryAvailableAt`) on the customer item with the reset, so every ticket of the customer (the
// mailed one, a re-sent one, a profile-page one) waits for the same moment.
import { config } from '../config';
import type { CustomerItem } from '../customers/customer';
import { conflict } from '../errors';
import type { VerificationItem } from '../verification/verification';

/** Which risk decided the wait; the longest applicable one wins. */
export const recoveryDelayReasons = ['WITHOUT_POSSESSION', 'PRIVILEGED', 'STANDARD'] as const;
export type RecoveryDelayReason = (typeof recoveryDelayReasons)[number];

export type RecoveryDelays = Record<RecoveryDelayReason, number>;

export const recoveryDelays = (): RecoveryDelays => {
  const { policy } = config();
  return {
    WITHOUT_POSSESSION: policy.recoveryDelayWithoutPossessionMinutes,
    PRIVILEGED: policy.recoveryDelayPrivilegedMinutes,
    STANDARD: policy.recoveryDelayStandardMinutes,
  };
};

/** Which reasons hold for this reset: an attacker who talked past the helpdesk meets every one that applies. */
const applicable = (
  customer: Pick<CustomerItem, 'privileged'>,
  verification: Pick<VerificationItem, 'withoutPossessionProof'>,
): Record<RecoveryDelayReason, boolean> => ({
  WITHOUT_POSSESSION: verification.withoutPossessionProof !== undefined,
  PRIVILEGED: customer.privileged,
  STANDARD: true,
});

export interface RecoveryDelay {
  reason: RecoveryDelayReason;
  minutes: number;
  /** When the enrollment opens: `now` itself for no wait. */
  availableAt: string;
}

/** The wait a disable at `now` sets: the longest of the delays whose risk applies. */
export const recoveryDelayFor = (
  customer: Pick<CustomerItem, 'privileged'>,
  verification: Pick<VerificationItem, 'withoutPossessionProof'>,
  now: Date,
  delays: RecoveryDelays = recoveryDelays(),
): RecoveryDelay => {
  const holds = applicable(customer, verification);
  const [reason, minutes] = recoveryDelayReasons
    .filter((candidate) => holds[candidate])
    .map((candidate) => [candidate, delays[candidate]] as const)
    .reduce((longest, next) => (next[1] > longest[1] ? next : longest));
  return { reason, minutes, availableAt: new Date(now.getTime() + minutes * 60_000).toISOString() };
};

/**
 * When the customer's recovery opens, while it is still ahead: a DISABLED customer, not locked, whose
 * reset set a wait that has not run out. Undefined otherwise (no wait, over, ended by an officer, locked).
 */
export const recoveryPendingUntil = (
  customer: Pick<CustomerItem, 'twoFactor' | 'recoveryLockedAt' | 'recoveryAvailableAt'>,
  now: Date,
): string | undefined =>
  customer.twoFactor === 'DISABLED' &&
  customer.recoveryLockedAt === undefined &&
  typeof customer.recoveryAvailableAt === 'string' &&
  new Date(customer.recoveryAvailableAt).getTime() > now.getTime()
    ? customer.recoveryAvailableAt
    : undefined;

/** Every first enrollment of a DISABLED customer (reset link or profile page) waits for the period's end. */
export const assertRecoveryAvailable = (
  customer: Pick<CustomerItem, 'twoFactor' | 'recoveryLockedAt' | 'recoveryAvailableAt'>,
  now: Date,
) => {
  const availableAt = recoveryPendingUntil(customer, now);
  if (availableAt)
    throw conflict(
      'RECOVERY_PENDING',
      'For your protection this link opens only after a waiting period; try again after the time shown.',
      { availableAt },
    );
};

/** The same rule as a condition on the customer item, so an enrollment cannot slip in before the end. */
export const recoveryAvailableCondition = (now: Date) => ({
  expression: '(attribute_not_exists(recoveryAvailableAt) OR recoveryAvailableAt <= :recoveryNow)',
  values: { ':recoveryNow': now.toISOString() },
});
