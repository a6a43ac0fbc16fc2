// What each step of a verification session decides, apart from what it writes: whether the session
// is still open, how an answer is judged and whether it ends the session, whether another code may be
// emailed, what completing yields. Pure: the stored items, the time and the policy come in as
// arguments, so each rule is unit-tested without DynamoDB (lib/verification/store.ts does the writes).
import type { AuditEventInput, AuditValue } from '../audit/events';
import type { Random } from '../clock';
import type { Config } from '../config';
import type { CustomerItem } from '../customers/customer';
import { conflict, forbidden, gone, invalid, tooManyRequests } from '../errors';
import { holdsWrongAnswer } from './answers';
import { nextFailure, type BudgetPolicy } from './budget';
import { evaluateVerification, reasonsItCannotPass, type VerificationPolicy } from './policy';
import type { CompleteVerificationInput } from './api';
import type { CheckType } from './schemas';
import type { EmailCodeState, RecordedCheck, VerificationItem } from './verification';
import type { CheckOutcome } from './api';

/** The policy settings a session's steps read (from config in the store, literal in tests). */
export type SessionPolicy = Pick<
  Config['policy'],
  | 'verificationSessionMinutes'
  | 'maxChecksPerSession'
  | 'emailCodeMaxSends'
  | 'emailCodeResendSeconds'
  | 'emailCodeMaxSendsPerCustomerDay'
  | 'emailCodeSessionGapMinutes'
  | 'emailCodeTtlMinutes'
>;

const DAY_MS = 86_400_000;

/** When a session left open stops being usable: the session window after its start. */
export const sessionExpiresAt = (
  item: VerificationItem,
  policy: Pick<SessionPolicy, 'verificationSessionMinutes'>,
) => new Date(new Date(item.startedAt).getTime() + policy.verificationSessionMinutes * 60000);

/** Only the agent who started a session continues it. */
export const assertSessionAgent = (item: VerificationItem, agentId: string) => {
  if (item.agentId !== agentId)
    throw forbidden('NOT_YOUR_VERIFICATION', 'Only the agent who started this verification can continue it.');
};

/** The session must be this agent's, still open, and not older than the session window. */
export const assertOpenSessionOf = (
  item: VerificationItem,
  agentId: string,
  now: Date,
  policy: Pick<SessionPolicy, 'verificationSessionMinutes'>,
) => {
  assertSessionAgent(item, agentId);
  if (item.status !== 'OPEN')
    throw conflict('VERIFICATION_NOT_OPEN', `This verification is ${item.status}; start a new one.`);
  if (sessionExpiresAt(item, policy) <= now)
    throw gone('VERIFICATION_EXPIRED', 'This verification session has expired; start a new one.');
};

/**
 * The customer's open session when a new one starts: still within its window it refuses the start;
 * past it, it is closed as EXPIRED, or as FAILED if it holds a wrong answer (an unconfirmed one nobody
 * corrected, or a counted one kept from before sessions failed at it), which spends the budget like
 * any failure.
 */
export const closeLeftOpenSession = (
  open: VerificationItem,
  customer: CustomerItem,
  now: Date,
  policy: Pick<SessionPolicy, 'verificationSessionMinutes'>,
  budget: BudgetPolicy,
) => {
  const expiresAt = sessionExpiresAt(open, policy);
  if (expiresAt > now)
    throw conflict(
      'VERIFICATION_ALREADY_OPEN',
      `Verification ${open.verificationId} of this customer is open (agent ${open.agentId}) until ${expiresAt.toISOString()}; complete it first.`,
      { verificationId: open.verificationId, agentId: open.agentId },
    );
  const heldMismatch = holdsWrongAnswer(open.checks);
  return { heldMismatch, failure: heldMismatch ? nextFailure(customer, now, budget) : undefined };
};

/** Sessions are one DynamoDB item (400 KB at most): a bound far below that, and far above a real call. */
export const assertRoomForCheck = (
  item: VerificationItem,
  policy: Pick<SessionPolicy, 'maxChecksPerSession'>,
) => {
  if (item.checks.length >= policy.maxChecksPerSession)
    throw conflict(
      'TOO_MANY_CHECKS',
      `A session holds at most ${policy.maxChecksPerSession} checks; complete it and start a new one.`,
    );
};

/**
 * What the caller read back, if the emailed code can be judged now: sent, not yet confirmed, not
 * expired, and shaped like a code. A typo that cannot be a code (letters, too few digits) is refused,
 * not judged: it costs nothing.
 */
export const emailCodeAnswer = (emailCode: EmailCodeState | undefined, answer: string, now: Date) => {
  if (!emailCode)
    throw conflict(
      'EMAIL_CODE_NOT_SENT',
      'Send the email code first, then record what the caller reads back.',
    );
  if (emailCode.consumed)
    throw conflict('EMAIL_CODE_USED', 'The emailed code was already confirmed in this session.');
  if (new Date(emailCode.expiresAt) <= now)
    throw gone('EMAIL_CODE_EXPIRED', 'The emailed code has expired; send a new one.');
  const given = answer.replace(/[\s-]/g, '');
  if (!/^\d{6}$/.test(given))
    throw invalid('EMAIL_CODE_FORMAT', 'The emailed code is 6 digits; type exactly what the caller reads.');
  return { emailCode, given };
};

/** The code's state after it was judged: confirmed once, or one more failed attempt. */
export const emailCodeAfter = (emailCode: EmailCodeState, matches: boolean): EmailCodeState =>
  matches ? { ...emailCode, consumed: true } : { ...emailCode, failedAttempts: emailCode.failedAttempts + 1 };

/**
 * Whether the session can still pass with these checks: if not it ends now (then an unconfirmed wrong
 * answer counts too), and only a wrong answer spends the budget (a session that ran out of questions
 * on file guessed nothing).
 */
export const afterCheck = (
  checks: RecordedCheck[],
  customer: CustomerItem,
  now: Date,
  policy: VerificationPolicy,
  budget: BudgetPolicy,
) => {
  const fails = reasonsItCannotPass(checks, policy).length > 0;
  const cannotPass = fails ? reasonsItCannotPass(checks, policy, true) : [];
  const failure = fails && holdsWrongAnswer(checks) ? nextFailure(customer, now, budget) : undefined;
  return { cannotPass, fails, failure };
};

/**
 * Who may ask for a code: a session whose caller already named the customer and the address on file.
 * A caller who knows neither cannot make the helpdesk mail the customer at all.
 */
export const identityBeforeEmailCode = ['EMAIL', 'FULL_NAME'] as const satisfies readonly CheckType[];

export const assertIdentityMatched = (checks: readonly RecordedCheck[]) => {
  const missing = identityBeforeEmailCode.filter(
    (type) => !checks.some((check) => check.type === type && check.result === 'MATCH'),
  );
  if (missing.length > 0)
    throw conflict(
      'EMAIL_CODE_NEEDS_IDENTITY',
      `A code is emailed only after ${identityBeforeEmailCode.join(' and ')} matched; still to match: ${missing.join(', ')}.`,
    );
};

/**
 * Whether another code may be emailed now. Per session: the caller's name and address matched, at
 * most so many codes, not too soon after the last. Per customer: so many a day; past that a session
 * gets its first code only once the customer's last code is the gap old, and no resend. So a caller
 * who never reads a code back spends their own session's codes, and the next caller (the real
 * customer, whose open session no one else can send in) waits at most the gap, never a day; a flood
 * is held to one mail per session and per gap. Returns the customer's sends of the last 24 hours,
 * oldest first.
 */
export const assertCanSendEmailCode = (
  session: Pick<VerificationItem, 'emailCode' | 'checks'>,
  customer: CustomerItem,
  now: Date,
  policy: SessionPolicy,
) => {
  assertIdentityMatched(session.checks);
  const previous = session.emailCode;
  if (previous && previous.sentCount >= policy.emailCodeMaxSends)
    throw tooManyRequests(
      'EMAIL_CODE_LIMIT',
      `At most ${policy.emailCodeMaxSends} codes per session; complete this one without the code, or start again later.`,
      3600,
    );
  if (previous) {
    const waitSeconds =
      policy.emailCodeResendSeconds - (now.getTime() - new Date(previous.lastSentAt).getTime()) / 1000;
    if (waitSeconds > 0)
      throw tooManyRequests(
        'EMAIL_CODE_TOO_SOON',
        'A code was just sent; wait before sending another.',
        waitSeconds,
      );
  }
  const recentSends = recentEmailCodeSends(customer, now);
  if (recentSends.length >= policy.emailCodeMaxSendsPerCustomerDay) {
    const latest = new Date(recentSends[recentSends.length - 1] ?? now);
    const gapLeftSeconds =
      (latest.getTime() + policy.emailCodeSessionGapMinutes * 60_000 - now.getTime()) / 1000;
    if (previous || gapLeftSeconds > 0)
      throw tooManyRequests(
        'EMAIL_CODE_DAILY_LIMIT',
        previous
          ? `At most ${policy.emailCodeMaxSendsPerCustomerDay} codes per customer in 24 hours; past them one code per session.`
          : `At most ${policy.emailCodeMaxSendsPerCustomerDay} codes per customer in 24 hours; past them a session's first code waits until ${policy.emailCodeSessionGapMinutes} minutes after the last one.`,
        previous
          ? Math.max(1, (new Date(recentSends[0] ?? now).getTime() + DAY_MS - now.getTime()) / 1000)
          : gapLeftSeconds,
      );
  }
  return recentSends;
};

/** The customer's codes of the last 24 hours, oldest first. */
export const recentEmailCodeSends = (customer: Pick<CustomerItem, 'emailCodeSentAt'>, now: Date) =>
  (customer.emailCodeSentAt ?? []).filter((at) => now.getTime() - new Date(at).getTime() < DAY_MS).sort();

/**
 * Completing a session by the policy. A caller who cannot read back the emailed code can pass only
 * "without possession proof", with the reason the agent recorded.
 */
export const decideCompletion = (
  item: VerificationItem,
  customer: CustomerItem,
  agentId: string,
  waiver: NonNullable<CompleteVerificationInput>['withoutPossessionProof'],
  now: Date,
  policy: VerificationPolicy,
  budget: BudgetPolicy,
) => {
  const outcome = evaluateVerification(item.checks, customer, policy, waiver);
  const failure =
    outcome.outcome === 'FAILED' && holdsWrongAnswer(item.checks)
      ? nextFailure(customer, now, budget)
      : undefined;
  const waived =
    outcome.withoutPossessionProof && waiver
      ? {
          reason: waiver.reason,
          agentId,
          at: now.toISOString(),
          ...(waiver.note ? { note: waiver.note } : {}),
        }
      : undefined;
  return { outcome, failure, waived };
};

/**
 * VERIFICATION_COMPLETED, whether a check ended the session or the agent completed it: one shape, so
 * auditors read the outcome of every session the same way; each path adds its own details.
 */
export const completedEvent = (
  item: VerificationItem,
  agentId: string,
  details: {
    outcome: 'PASSED' | 'FAILED';
    reasons: string[];
    checksRecorded: number;
    cooldownUntil: string | null;
  } & Record<string, AuditValue>,
): AuditEventInput => ({
  type: 'VERIFICATION_COMPLETED',
  actorType: 'agent',
  actorId: agentId,
  customerId: item.customerId,
  caseId: item.verificationId,
  details: {
    verificationId: item.verificationId,
    caseNumber: item.caseNumber ?? null,
    channel: item.channel,
    ...details,
  },
});

export type { CheckOutcome };

/** A 6-digit code, uniform over 000000–999999 (rejection sampling, no modulo bias). */
export const generateEmailCode = (random: Random): string => {
  for (;;) {
    const value = random.bytes(4).readUInt32BE(0);
    if (value < 4_294_000_000) return String(value % 1_000_000).padStart(6, '0');
  }
};

export const maskEmail = (email: string) => {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}${'*'.repeat(Math.max(2, local.length - 1))}@${domain}`;
};
