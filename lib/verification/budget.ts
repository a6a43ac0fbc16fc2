// The per-customer wrong-answer budget: a failed session puts the customer on a cooldown that grows
// with each failure in a row and refuses every verification step of every session meanwhile. The
// counters live on the customer item, so every agent and every session spends the same budget.
import { tableName, type TransactItem } from '../aws/dynamodb';
import type { CustomerItem } from '../customers/customer';
import { tooManyRequests } from '../errors';

export interface BudgetPolicy {
  /** Cooldown after the 1st, 2nd, 3rd… failure in a row; the last step repeats. */
  cooldownStepsMinutes: number[];
  /** A failure this long after the previous one starts again at the first step. */
  failureStreakHours: number;
}

/** Refuses any step while the customer is on cooldown: checks, email code, complete, disable, approve. */
export const assertNoCooldown = (customer: CustomerItem, now: Date) => {
  const until = customer.verificationCooldownUntil;
  if (until && new Date(until) > now)
    throw tooManyRequests(
      'VERIFICATION_COOLDOWN',
      `A verification of this customer failed; no verification step or reset until ${until}.`,
      Math.ceil((new Date(until).getTime() - now.getTime()) / 1000),
    );
};

/** The failure in a row this one is (1 for the first), and the cooldown it earns. */
export const nextFailure = (customer: CustomerItem, now: Date, policy: BudgetPolicy) => {
  const last = customer.lastFailedVerificationAt;
  const previousStreak = customer.verificationFailureStreak ?? 0;
  const streakGoesOn =
    last !== undefined && now.getTime() - new Date(last).getTime() < policy.failureStreakHours * 3600_000;
  const streak = streakGoesOn ? previousStreak + 1 : 1;
  const steps = policy.cooldownStepsMinutes;
  const minutes = steps[Math.min(streak, steps.length) - 1] ?? 15;
  return { streak, cooldownMinutes: minutes, cooldownUntil: new Date(now.getTime() + minutes * 60_000) };
};

/**
 * The customer's side of a session ending: it is no longer the open one, and a failure that spent
 * the budget (a wrong answer) starts the next cooldown. The customer's version moves on, so a disable
 * or a send that read the customer before this commit loses its race and sees the cooldown.
 */
export const sessionEndWrite = (
  customerId: string,
  verificationId: string,
  now: Date,
  failure: { streak: number; cooldownUntil: Date } | undefined,
): TransactItem => ({
  Update: {
    TableName: tableName('customers'),
    Key: { customerId },
    UpdateExpression: `SET #version = #version + :one${
      failure
        ? ', verificationCooldownUntil = :until, lastFailedVerificationAt = :now, verificationFailureStreak = :streak, failedVerificationCount = if_not_exists(failedVerificationCount, :zero) + :one'
        : ''
    } REMOVE openVerificationId`,
    ConditionExpression:
      'attribute_exists(customerId) AND (attribute_not_exists(openVerificationId) OR openVerificationId = :id)',
    ExpressionAttributeNames: { '#version': 'version' },
    ExpressionAttributeValues: {
      ':one': 1,
      ':id': verificationId,
      ...(failure
        ? {
            ':until': failure.cooldownUntil.toISOString(),
            ':now': now.toISOString(),
            ':streak': failure.streak,
            ':zero': 0,
          }
        : {}),
    },
  },
});
