// How the customer's recovery limits sit on the customer item: a failed session's cooldown, the day's
// email-code and guide-mail budgets, and the sparse index key that puts a limited customer in the
// security queue until the last limit runs out (the queue reads only entries whose end is ahead).
import type { CustomerItem } from './customer';

/** recoveryLimitFlag's only value; with recoveryLimitedUntil, the key of the sparse `recoveryLimits` index. */
export const recoveryLimitFlag = 'LIMITED' as const;

/** What a security officer's reset REMOVEs: the cooldown, both budgets and the queue entry. */
export const recoveryLimitAttributes = [
  'verificationCooldownUntil',
  'emailCodeSentAt',
  'selfServiceGuideSentAt',
  'recoveryLimitFlag',
  'recoveryLimitedUntil',
] as const;

/** The later of the stored end and a new one: a write never shortens the customer's time in the queue. */
export const limitedUntil = (customer: Pick<CustomerItem, 'recoveryLimitedUntil'>, until: Date) =>
  customer.recoveryLimitedUntil && customer.recoveryLimitedUntil > until.toISOString()
    ? customer.recoveryLimitedUntil
    : until.toISOString();

/**
 * When a daily budget with these sends (any order) stops being spent, if it is spent now: the send
 * that must leave the 24 hours before one is free again, plus a day.
 */
export const budgetSpentUntil = (sends: readonly string[], perDay: number): Date | undefined => {
  const sorted = [...sends].sort();
  if (sorted.length < perDay) return undefined;
  const freeing = sorted[sorted.length - perDay];
  return freeing === undefined ? undefined : new Date(new Date(freeing).getTime() + 86_400_000);
};

/** The SET clause and values that put the customer in the queue until `until` (ISO). */
export const recoveryLimitSet = (until: string) => ({
  expression: 'recoveryLimitFlag = :limitFlag, recoveryLimitedUntil = :limitedUntil',
  values: { ':limitFlag': recoveryLimitFlag, ':limitedUntil': until },
});
