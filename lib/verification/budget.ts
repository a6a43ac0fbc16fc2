// The per-customer budgets on the customer item. Wrong answers: a failed session puts the customer on
// a cooldown that grows with each failure in a row and refuses every verification step of every
// session meanwhile, so every agent and every session spends the same budget. Emailed codes: the
// day's sends (the rule is in decisions.ts). Either one spent puts the customer in the security
// queue, where an officer can reset them (lib/security/recovery-limits.ts).
import type { TextKey } from '../audit/sealed-text';
import { tableName, type TransactItem } from '../aws/dynamodb';
import type { CustomerItem } from '../customers/customer';
import { textKeyCondition } from '../customers/text-key';
import { budgetSpentUntil, limitedUntil, recoveryLimitSet } from '../customers/recovery-limit-item';
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
  const cooldownUntil = new Date(now.getTime() + minutes * 60_000);
  return {
    streak,
    cooldownMinutes: minutes,
    cooldownUntil,
    limitedUntil: limitedUntil(customer, cooldownUntil),
  };
};

/**
 * The customer's side of a session ending: it is no longer the open one, and a failure that spent
 * the budget (a wrong answer) starts the next cooldown. The customer's version moves on, so a disable
 * or a send that read the customer before this commit loses its race and sees the cooldown.
 * `newTextKey`: a fresh audit-text key for a note sealed in the same step (one write per item in a
 * transaction), stored only if no other request stored one first.
 */
export const sessionEndWrite = (
  customerId: string,
  verificationId: string,
  now: Date,
  failure: { streak: number; cooldownUntil: Date; limitedUntil: string } | undefined,
  newTextKey?: TextKey,
): TransactItem => {
  // The cooldown puts the customer in the security queue, where an officer can lift it.
  const limit = failure ? recoveryLimitSet(failure.limitedUntil) : undefined;
  return {
    Update: {
      TableName: tableName('customers'),
      Key: { customerId },
      UpdateExpression: `SET #version = #version + :one${
        failure
          ? `, verificationCooldownUntil = :until, lastFailedVerificationAt = :now, verificationFailureStreak = :streak, failedVerificationCount = if_not_exists(failedVerificationCount, :zero) + :one, ${limit?.expression ?? ''}`
          : ''
      }${newTextKey ? ', textKey = :textKey' : ''} REMOVE openVerificationId`,
      ConditionExpression: `attribute_exists(customerId) AND (attribute_not_exists(openVerificationId) OR openVerificationId = :id)${
        newTextKey ? ` AND ${textKeyCondition}` : ''
      }`,
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: {
        ':one': 1,
        ':id': verificationId,
        ...(newTextKey ? { ':textKey': newTextKey } : {}),
        ...(failure
          ? {
              ':until': failure.cooldownUntil.toISOString(),
              ':now': now.toISOString(),
              ':streak': failure.streak,
              ':zero': 0,
              ...limit?.values,
            }
          : {}),
      },
    },
  };
};

/**
 * The customer's side of an emailed code: the send joins the day's list, and a send that spends the
 * day's budget puts the customer in the security queue until the budget frees up.
 */
export const emailCodeSendWrite = (
  customer: CustomerItem,
  sends: string[],
  policy: { emailCodeMaxSendsPerCustomerDay: number },
): TransactItem => {
  const spentUntil = budgetSpentUntil(sends, policy.emailCodeMaxSendsPerCustomerDay);
  const limit = spentUntil ? recoveryLimitSet(limitedUntil(customer, spentUntil)) : undefined;
  return {
    Update: {
      TableName: tableName('customers'),
      Key: { customerId: customer.customerId },
      UpdateExpression: `SET emailCodeSentAt = :sends, #version = #version + :one${limit ? `, ${limit.expression}` : ''}`,
      ConditionExpression: '#version = :version',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: {
        ':sends': sends,
        ':one': 1,
        ':version': customer.version,
        ...limit?.values,
      },
    },
  };
};
