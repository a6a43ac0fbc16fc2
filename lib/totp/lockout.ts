// Brute-force policy of login verification: when a customer is locked, for how long, and what the
// login service is told. Pure functions of the customer item and the time.
import { config } from '../config';
import type { CustomerItem } from '../customers/customer';
import type { ActiveLock } from '../customers/two-factor-state';
import { tooManyRequests } from '../errors';

export interface LockoutPolicy {
  /** Consecutive failures that lock. NIST 800-63B 5.2.2 allows up to 100; we lock after far fewer. */
  maxFailures: number;
  /** The first lock; each further lock without a success in between lasts twice as long. */
  lockSeconds: number;
  maxLockSeconds: number;
}

export const lockoutPolicy = (): LockoutPolicy => {
  const { policy } = config();
  return {
    maxFailures: policy.verifyMaxFailures,
    lockSeconds: policy.verifyLockSeconds,
    maxLockSeconds: policy.verifyLockMaxSeconds,
  };
};

/** 5 min, 10, 20, 40 … up to the cap: guessing 10^6 codes three at a time stays hopeless. */
export const lockSecondsFor = (lockNumber: number, policy: LockoutPolicy) =>
  Math.min(policy.lockSeconds * 2 ** Math.max(0, lockNumber - 1), policy.maxLockSeconds);

export type FailureOutcome =
  | { locked: false; verifyFailures: number; attemptsLeft: number }
  | { locked: true; lockNumber: number; lockSeconds: number; until: Date };

/** What one more counted failure does: count it, or lock when it is the last one allowed. */
export const afterFailure = (customer: CustomerItem, now: Date, policy: LockoutPolicy): FailureOutcome => {
  const failures = (customer.verifyFailures ?? 0) + 1;
  if (failures < policy.maxFailures)
    return { locked: false, verifyFailures: failures, attemptsLeft: policy.maxFailures - failures };
  const lockNumber = (customer.verifyLockCount ?? 0) + 1;
  const lockSeconds = lockSecondsFor(lockNumber, policy);
  return { locked: true, lockNumber, lockSeconds, until: new Date(now.getTime() + lockSeconds * 1000) };
};

export const attemptsLeft = (customer: CustomerItem, policy: LockoutPolicy) =>
  Math.max(0, policy.maxFailures - (customer.verifyFailures ?? 0));

export const lockedError = (lock: Pick<ActiveLock, 'retryAfterSeconds'>) =>
  tooManyRequests(
    'TWO_FA_LOCKED',
    'Too many wrong codes: sign-in with the authenticator app is paused. Try again later, or use a backup code.',
    lock.retryAfterSeconds,
  );
