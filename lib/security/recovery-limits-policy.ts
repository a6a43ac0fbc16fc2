// What limits a customer's recovery now, and who may lift it. Pure; refusals are typed domain errors.
// The limits are the cooldown after a wrong answer and the day's email-code and guide-mail budgets:
// an attacker who knows a name and an address can trigger each, so a security officer who called the
// customer back on contact details on file can clear them, unless the officer took part in the
// sessions that caused them.
import type { AuditItem } from '../audit/events';
import type { CustomerItem } from '../customers/customer';
import { budgetSpentUntil } from '../customers/recovery-limit-item';
import { conflict, forbidden } from '../errors';
import type { VerificationItem } from '../verification/verification';

const DAY_MS = 86_400_000;

export interface LimitsPolicy {
  emailCodeMaxSendsPerCustomerDay: number;
  selfServiceGuidesPerCustomerDay: number;
  verificationSessionMinutes: number;
}

const recent = (sends: readonly string[] | undefined, now: Date) =>
  (sends ?? []).filter((at) => now.getTime() - new Date(at).getTime() < DAY_MS).sort();

/** The customer's limits as the officer reads them: each with when it runs out, or null. */
export const recoveryLimitsOf = (customer: CustomerItem, now: Date, policy: LimitsPolicy) => {
  const cooldown =
    customer.verificationCooldownUntil && new Date(customer.verificationCooldownUntil) > now
      ? customer.verificationCooldownUntil
      : null;
  const codes = recent(customer.emailCodeSentAt, now);
  const guides = recent(customer.selfServiceGuideSentAt, now);
  const codesSpent = budgetSpentUntil(codes, policy.emailCodeMaxSendsPerCustomerDay);
  const guidesSpent = budgetSpentUntil(guides, policy.selfServiceGuidesPerCustomerDay);
  return {
    cooldownUntil: cooldown,
    /** Kept by a reset: the next wrong answer earns the step after this one (see the README). */
    failureStreak: customer.verificationFailureStreak ?? 0,
    emailCodes: {
      sentIn24h: codes.length,
      perDay: policy.emailCodeMaxSendsPerCustomerDay,
      spentUntil: codesSpent?.toISOString() ?? null,
    },
    guideMails: {
      sentIn24h: guides.length,
      perDay: policy.selfServiceGuidesPerCustomerDay,
      spentUntil: guidesSpent?.toISOString() ?? null,
    },
  };
};

export type RecoveryLimits = ReturnType<typeof recoveryLimitsOf>;

/** Whether a reset would change anything: a cooldown ahead, or any send of the day to give back. */
const anythingToReset = (limits: RecoveryLimits) =>
  limits.cooldownUntil !== null || limits.emailCodes.sentIn24h > 0 || limits.guideMails.sentIn24h > 0;

/**
 * Since when a customer's events can have caused the limits of now: the day the budgets count, or the
 * failure behind a cooldown if it is older, each reaching back one session window to the session's start.
 */
export const causesSince = (customer: CustomerItem, now: Date, policy: LimitsPolicy) => {
  const dayAgo = now.getTime() - DAY_MS;
  const failedAt = customer.lastFailedVerificationAt
    ? new Date(customer.lastFailedVerificationAt).getTime()
    : dayAgo;
  return new Date(Math.min(dayAgo, failedAt) - policy.verificationSessionMinutes * 60_000).toISOString();
};

/** The events of the sessions and triages that can spend a limit: whoever acted in one took part. */
const partTakingEvents = new Set<AuditItem['type']>([
  'HELPDESK_TRIAGE_RECORDED',
  'VERIFICATION_STARTED',
  'VERIFICATION_CHECK_RECORDED',
  'VERIFICATION_EMAIL_CODE_SENT',
  'VERIFICATION_COMPLETED',
  'VERIFICATION_EXPIRED',
  'VERIFICATION_CANCELLED',
]);

/** The staff who acted in the customer's sessions and triages among these events. */
export const staffInvolved = (events: readonly AuditItem[], since: string) => [
  ...new Set(
    events
      .filter(
        (event) =>
          event.at >= since &&
          partTakingEvents.has(event.type) &&
          (event.actorType === 'agent' || event.actorType === 'admin'),
      )
      .map((event) => event.actorId),
  ),
];

/** Why a session limits the customer now: a wrong answer (the cooldown), codes never read back (the budget). */
export const causesOf = (item: VerificationItem) => [
  ...(item.checks.some((check) => check.result === 'MISMATCH') ? (['WRONG_ANSWER'] as const) : []),
  ...(item.emailCode && !item.emailCode.consumed ? (['CODE_NOT_READ_BACK'] as const) : []),
];

/**
 * A reset needs something to reset, and an officer who took no part in the sessions that caused the
 * limits: an insider who failed a session on purpose must not be the one who lifts its cooldown.
 */
export const assertCanResetLimits = (input: {
  limits: RecoveryLimits;
  officerId: string;
  involvedStaff: readonly string[];
}) => {
  if (input.involvedStaff.includes(input.officerId))
    throw forbidden(
      'RESETTER_IN_LIMITED_SESSIONS',
      'You took part in the sessions that limited this customer; another officer resets the limits (four eyes).',
    );
  if (!anythingToReset(input.limits))
    throw conflict(
      'NO_RECOVERY_LIMITS',
      'Nothing limits this customer’s recovery now: no cooldown, no code or guide mailed in the last 24 hours.',
    );
};
