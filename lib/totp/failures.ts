// What every login factor shares when an attempt fails or races: the failure counted exactly once
// (compare-and-set on the customer's version) with its VERIFY_FAILED event, the lock on the last
// failure allowed, and the rounds that judge an attempt again after it lost a race. TOTP codes
// (verification.ts) and passkeys (lib/passkeys/authentication.ts) count against one budget.
import type { AuditValue } from '../audit/events';
import { commitWithAudit } from '../audit/store';
import { tableName, type TransactItem } from '../aws/dynamodb';
import type { Clock, Random } from '../clock';
import type { CustomerItem } from '../customers/customer';
import { conflict, isDomainError } from '../errors';
import { afterFailure, lockedError, type LockoutPolicy } from './lockout';

/** A write lost against a concurrent one: read again and judge the attempt afresh. */
export class StaleCustomer extends Error {}

/** Twenty parallel guesses settle in a handful of rounds; this bound only stops a pathological storm. */
const MAX_ROUNDS = 15;

const isRetryable = (error: unknown) =>
  error instanceof StaleCustomer ||
  (isDomainError(error) && error.code === 'CONCURRENT_CHANGE') ||
  (error instanceof Error && error.name === 'TransactionConflictException');

/** Judges an attempt on a fresh read until its write is not overtaken by a concurrent one. */
export const inRounds = async <T>(judge: () => Promise<T>): Promise<T> => {
  for (let round = 1; round <= MAX_ROUNDS; round += 1) {
    try {
      return await judge();
    } catch (error) {
      if (!isRetryable(error)) throw error;
      await new Promise((done) => setTimeout(done, Math.random() * 10 * round));
    }
  }
  throw conflict('CONCURRENT_CHANGE', 'Too many attempts for this customer at once; try again.');
};

export const versionCondition = (customer: CustomerItem) => ({
  expression: 'version = :expectedVersion',
  values: { ':expectedVersion': customer.version },
});

/** A success ends the run of failures and any lock (the stored LOCKED status included). */
export const successSet = 'verifyFailures = :zero, twoFactor = :enabled';
export const successUpdate = `${successSet}, version = version + :one`;
export const successRemove = 'REMOVE lockedUntil, verifyLockCount';

export interface FailedAttempt {
  customer: CustomerItem;
  now: Date;
  actorId: string;
  policy: LockoutPolicy;
  deps: { clock: Clock; random: Random };
}

/**
 * Counts the failure exactly once and locks on the last one allowed (then throws TWO_FA_LOCKED).
 * `details` go into VERIFY_FAILED (why a passkey was refused); `remove` drops attributes in the same
 * write (the login challenge the refused assertion answered, so it cannot be tried again).
 */
export const recordVerifyFailure = async (
  attempt: FailedAttempt,
  method: string,
  extra: { details?: Record<string, AuditValue>; remove?: string[] } = {},
): Promise<{ attemptsLeft: number }> => {
  const { customer, now, actorId, deps, policy } = attempt;
  const outcome = afterFailure(customer, now, policy);
  const condition = versionCondition(customer);
  const removeAlso = extra.remove ?? [];
  await commitWithAudit(customer.customerId, deps, async (append) => {
    const base = { actorType: 'service' as const, actorId, customerId: customer.customerId };
    let update: { expression: string; values: Record<string, unknown>; remove: string[] };
    if (outcome.locked) {
      append({
        ...base,
        type: 'VERIFY_FAILED',
        details: { method, consecutiveFailures: policy.maxFailures, attemptsLeft: 0, ...extra.details },
      });
      append({
        ...base,
        type: 'TWO_FA_LOCKED',
        details: {
          lockedUntil: outcome.until.toISOString(),
          lockSeconds: outcome.lockSeconds,
          lockNumber: outcome.lockNumber,
        },
      });
      update = {
        expression:
          'SET verifyFailures = :zero, verifyLockCount = :lockNumber, lockedUntil = :until, twoFactor = :locked, version = version + :one',
        values: {
          ':zero': 0,
          ':lockNumber': outcome.lockNumber,
          ':until': outcome.until.toISOString(),
          ':locked': 'LOCKED',
        },
        remove: removeAlso,
      };
    } else {
      append({
        ...base,
        type: 'VERIFY_FAILED',
        details: {
          method,
          consecutiveFailures: outcome.verifyFailures,
          attemptsLeft: outcome.attemptsLeft,
          ...extra.details,
        },
      });
      // A lock that has run out is cleared on the next attempt, so the stored status catches up.
      update = {
        expression: 'SET verifyFailures = :failures, twoFactor = :enabled, version = version + :one',
        values: { ':failures': outcome.verifyFailures, ':enabled': 'ENABLED' },
        remove: ['lockedUntil', ...removeAlso],
      };
    }
    const write: TransactItem = {
      Update: {
        TableName: tableName('customers'),
        Key: { customerId: customer.customerId },
        UpdateExpression: `${update.expression}${update.remove.length ? ` REMOVE ${update.remove.join(', ')}` : ''}`,
        ConditionExpression: condition.expression,
        ExpressionAttributeValues: { ...condition.values, ...update.values, ':one': 1 },
      },
    };
    return { writes: [write], result: undefined, onConflict: () => new StaleCustomer() };
  });
  if (outcome.locked) throw lockedError({ retryAfterSeconds: outcome.lockSeconds });
  return { attemptsLeft: outcome.attemptsLeft };
};
