// Verification sessions in DynamoDB: start, record a check, email a code, complete. Each step is one
// transaction with its audit event; conditions state who may act and in which state.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDb, tableName, type TransactItem } from '../aws/dynamodb';
import type { AuditEventInput, AuditItem, AuditValue } from '../audit/events';
import { commitWithAudit, type ChangePlan } from '../audit/store';
import { epochSeconds, type Clock, type Random } from '../clock';
import { config } from '../config';
import type { CustomerItem } from '../customers/customer';
import { requireCustomer } from '../customers/store';
import { normalizeText } from '../customers/normalize';
import {
  conflict,
  forbidden,
  gone,
  invalid,
  notFound,
  tooManyRequests,
  unavailable,
  type DomainError,
} from '../errors';
import { decodeCursor, encodeCursor, invalidCursor, type Page } from '../pagination';
import { keyedHash, sameHash } from '../secrets/keyed-hash';
import { assertNoCooldown, nextFailure, sessionEndWrite, type BudgetPolicy } from './budget';
import { claimCaseNumber, newCaseNumber } from './case-number';
import { compareKnowledgeAnswer } from './checks';
import {
  evaluateVerification,
  reasonsItCannotPass,
  type PolicyOutcome,
  type VerificationPolicy,
} from './policy';
import type {
  CheckResult,
  CompleteVerificationInput,
  RecordCheckInput,
  StartVerificationInput,
} from './schemas';
import type { RecordedCheck, VerificationItem, VerificationPurpose } from './verification';
import { assertNoSelfServiceAdvice, reportOfLinkedTriage } from './triage-link';

type AppendAudit = (input: AuditEventInput) => AuditItem;

export interface Deps {
  clock: Clock;
  random: Random;
}

/** Sessions are evidence: kept 400 days (past a yearly audit), then DynamoDB's TTL removes them. */
const RETENTION_DAYS = 400;

export const verificationPolicy = (): VerificationPolicy => {
  const { policy } = config();
  return {
    requiredMatches: ['EMAIL', 'FULL_NAME'],
    minSecurityMatches: policy.minSecurityMatches,
    requireEmailCode: policy.requireEmailCode,
  };
};

const budgetPolicy = (): BudgetPolicy => {
  const { policy } = config();
  return {
    cooldownStepsMinutes: policy.verificationCooldownStepsMinutes,
    failureStreakHours: policy.verificationFailureStreakHours,
  };
};

export const getVerification = async (verificationId: string): Promise<VerificationItem | undefined> => {
  const result = await dynamoDb().send(
    new GetCommand({ TableName: tableName('verifications'), Key: { verificationId }, ConsistentRead: true }),
  );
  return result.Item as VerificationItem | undefined;
};

export const requireVerification = async (verificationId: string): Promise<VerificationItem> => {
  const item = await getVerification(verificationId);
  if (!item) throw notFound('VERIFICATION_NOT_FOUND', 'No verification session with this id.');
  return item;
};

/** A customer's sessions, newest first, a page at a time (the cursor is the last session's index key). */
export const listCustomerVerifications = async (
  customerId: string,
  options: { limit: number; cursor?: string },
): Promise<Page<VerificationItem>> => {
  const start = options.cursor
    ? decodeCursor(options.cursor, { verificationId: 'string', customerId: 'string', startedAt: 'string' })
    : undefined;
  if (start && start.customerId !== customerId) throw invalidCursor();
  const result = await dynamoDb().send(
    new QueryCommand({
      TableName: tableName('verifications'),
      IndexName: 'byCustomer',
      KeyConditionExpression: 'customerId = :customerId',
      ExpressionAttributeValues: { ':customerId': customerId },
      ScanIndexForward: false,
      // One more than the page: whether there is an older page is known without a second read.
      Limit: options.limit + 1,
      ...(start ? { ExclusiveStartKey: start } : {}),
    }),
  );
  const items = (result.Items ?? []) as VerificationItem[];
  const page = items.slice(0, options.limit);
  const last = page[page.length - 1];
  return {
    items: page,
    nextCursor:
      items.length > options.limit && last
        ? encodeCursor({ verificationId: last.verificationId, customerId, startedAt: last.startedAt })
        : null,
  };
};
const expiresAt = (item: VerificationItem) =>
  new Date(new Date(item.startedAt).getTime() + config().policy.verificationSessionMinutes * 60000);

/** The session must be this agent's, still open, and not older than the session window. */
const requireOpenSessionOf = (item: VerificationItem, agentId: string, now: Date) => {
  if (item.agentId !== agentId)
    throw forbidden('NOT_YOUR_VERIFICATION', 'Only the agent who started this verification can continue it.');
  if (item.status !== 'OPEN')
    throw conflict('VERIFICATION_NOT_OPEN', `This verification is ${item.status}; start a new one.`);
  if (expiresAt(item) <= now)
    throw gone('VERIFICATION_EXPIRED', 'This verification session has expired; start a new one.');
};

const versionCondition = () => ({
  ConditionExpression: '#version = :version AND #status = :open',
  ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
});

/**
 * Runs one step of an open session as one transaction with its audit events. The session is read
 * once up front (its customer is the audit subject) and that read serves the first attempt; a retry
 * after a lost race reads it afresh. The customer's cooldown refuses the step before anything else.
 */
const stepInOpenSession = async <T>(
  verificationId: string,
  agentId: string,
  deps: Deps,
  step: (session: {
    item: VerificationItem;
    customer: CustomerItem;
    now: Date;
    append: AppendAudit;
  }) => Promise<ChangePlan<T>>,
): Promise<T> => {
  let fresh: VerificationItem | undefined = await requireVerification(verificationId);
  const { result } = await commitWithAudit(fresh.customerId, deps, async (append) => {
    const item = fresh ?? (await requireVerification(verificationId));
    fresh = undefined;
    const now = deps.clock.now();
    if (item.agentId !== agentId)
      throw forbidden(
        'NOT_YOUR_VERIFICATION',
        'Only the agent who started this verification can continue it.',
      );
    const customer = await requireCustomer(item.customerId, true);
    assertNoCooldown(customer, now);
    requireOpenSessionOf(item, agentId, now);
    return step({ item, customer, now, append });
  });
  return result;
};

/** Our own write lost to a concurrent one: start again from what is stored now. */
class LostRace extends Error {}

/**
 * Starts a session. One OPEN session per customer: the customer item names it, written under the
 * customer's version, so of parallel starts exactly one wins and the others are told which is open.
 * A session left open past its window is closed as EXPIRED by the next start.
 */
export const startVerification = async (
  customerId: string,
  agentId: string,
  input: StartVerificationInput,
  deps: Deps,
): Promise<VerificationItem> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const { result } = await commitWithAudit<{ item?: VerificationItem; refusal?: DomainError }>(
        customerId,
        deps,
        async (append) => {
          const customer = await requireCustomer(customerId, true);
          const now = deps.clock.now();
          // Under a "this wasn't me" lock a session may start, but it can only serve a release by security.
          const purpose: VerificationPurpose = customer.recoveryLockedAt ? 'RECOVERY_LOCK_RELEASE' : 'RESET';
          assertNoCooldown(customer, now);
          if (!input.triageId) assertNoSelfServiceAdvice(customer.lastTriage, now);
          const reportedProblem = input.triageId
            ? reportOfLinkedTriage(customer.lastTriage, { ...input, triageId: input.triageId }, now)
            : input.reportedProblem;
          const writes: TransactItem[] = [];
          let refusal: DomainError | undefined;
          const openId = customer.openVerificationId;
          const open = openId ? await getVerification(openId) : undefined;
          if (open && open.status === 'OPEN') {
            if (expiresAt(open) > now)
              throw conflict(
                'VERIFICATION_ALREADY_OPEN',
                `Verification ${open.verificationId} of this customer is open (agent ${open.agentId}) until ${expiresAt(open).toISOString()}; complete it first.`,
                { verificationId: open.verificationId, agentId: open.agentId },
              );
            // Sessions fail at their first wrong answer, so an open one holds none; one that does (kept
            // from before that rule) counts as failed and spends the budget like any failure.
            const heldMismatch = open.checks.some((check) => check.result === 'MISMATCH');
            const failure = heldMismatch ? nextFailure(customer, now, budgetPolicy()) : undefined;
            append({
              type: 'VERIFICATION_EXPIRED',
              actorType: 'system',
              actorId: 'verification',
              customerId,
              caseId: open.verificationId,
              details: {
                verificationId: open.verificationId,
                countedAsFailed: heldMismatch,
                checksRecorded: open.checks.length,
                ...(failure ? { cooldownUntil: failure.cooldownUntil.toISOString() } : {}),
              },
            });
            writes.push(
              {
                Update: {
                  TableName: tableName('verifications'),
                  Key: { verificationId: open.verificationId },
                  UpdateExpression: `SET #status = :status, completedAt = :now, #version = #version + :one${heldMismatch ? ', outcome = :failed' : ''}`,
                  ...versionCondition(),
                  ExpressionAttributeValues: {
                    ':status': heldMismatch ? 'FAILED' : 'EXPIRED',
                    ':now': now.toISOString(),
                    ':one': 1,
                    ':version': open.version,
                    ':open': 'OPEN',
                    ...(heldMismatch ? { ':failed': 'FAILED' } : {}),
                  },
                },
              },
              sessionEndWrite(customerId, open.verificationId, now, failure),
            );
            if (failure) {
              refusal = tooManyRequests(
                'VERIFICATION_COOLDOWN',
                `An expired verification of this customer held a wrong answer; no new one until ${failure.cooldownUntil.toISOString()}.`,
                failure.cooldownMinutes * 60,
              );
              return { writes, result: { refusal }, onConflict: () => new LostRace() };
            }
          }
          const verificationId = deps.random.ulid(now);
          // A number another session holds fails the transaction; the retry draws a new one.
          const caseNumber = newCaseNumber(deps.random);
          const item: VerificationItem = {
            verificationId,
            caseNumber,
            customerId,
            agentId,
            channel: input.channel,
            ...(reportedProblem ? { reportedProblem } : {}),
            ...(input.triageId ? { triageId: input.triageId } : {}),
            purpose,
            status: 'OPEN',
            startedAt: now.toISOString(),
            checks: [],
            version: 1,
            expiresAtEpoch: epochSeconds(now) + RETENTION_DAYS * 86400,
          };
          append({
            type: 'VERIFICATION_STARTED',
            actorType: 'agent',
            actorId: agentId,
            customerId,
            caseId: verificationId,
            details: {
              verificationId,
              caseNumber,
              channel: input.channel,
              reportedProblem: reportedProblem ?? null,
              ...(input.triageId ? { triageId: input.triageId } : {}),
              purpose,
            },
          });
          // The expiry write above already moved the customer's version; this one states the new pointer.
          const customerWrite: TransactItem = {
            Update: {
              TableName: tableName('customers'),
              Key: { customerId },
              UpdateExpression: 'SET openVerificationId = :id, #version = #version + :one',
              ConditionExpression: '#version = :version',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':id': verificationId, ':one': 1, ':version': customer.version },
            },
          };
          return {
            writes: [
              // DynamoDB allows one action per item in a transaction: the expiry's customer write is
              // replaced by this one, which clears nothing but names the new session.
              ...writes.filter((write) => write.Update?.TableName !== tableName('customers')),
              {
                Put: {
                  TableName: tableName('verifications'),
                  Item: item,
                  ConditionExpression: 'attribute_not_exists(verificationId)',
                },
              },
              customerWrite,
              claimCaseNumber(caseNumber, customerId, verificationId),
            ],
            result: { item },
            onConflict: () => new LostRace(),
          };
        },
      );
      if (result.refusal || !result.item) throw result.refusal ?? new LostRace();
      return result.item;
    } catch (error) {
      if (error instanceof LostRace && attempt < 5) continue;
      if (error instanceof LostRace)
        throw conflict('CONCURRENT_CHANGE', 'The customer changed while the session started; try again.');
      throw error;
    }
  }
};

export interface CheckOutcome {
  result: CheckResult;
  /** FAILED when this answer means the session can no longer pass: it ended with this check. */
  status: 'OPEN' | 'FAILED';
  reasons?: PolicyOutcome['reasons'];
  cooldownUntil?: string;
}

/**
 * VERIFICATION_COMPLETED, whether a check ended the session or the agent completed it: one shape, so
 * auditors read the outcome of every session the same way; each path adds its own details.
 */
const completedEvent = (
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

/**
 * Records one answer. A wrong answer fails the session at once and starts the customer's cooldown
 * (the budget is per customer, so a second session or another agent gets no fresh guesses); a right
 * answer, NOT_ON_FILE or "the caller does not know" (UNKNOWN) costs nothing.
 */
export const recordCheck = async (
  verificationId: string,
  agentId: string,
  input: RecordCheckInput,
  deps: Deps,
): Promise<CheckOutcome> => {
  const { policy } = config();
  return stepInOpenSession(verificationId, agentId, deps, async ({ item, customer, now, append }) => {
    // Sessions are one DynamoDB item (400 KB at most): a bound far below that, and far above a real call.
    if (item.checks.length >= policy.maxChecksPerSession)
      throw conflict(
        'TOO_MANY_CHECKS',
        `A session holds at most ${policy.maxChecksPerSession} checks; complete it and start a new one.`,
      );
    let checkResult: CheckResult;
    let emailCode = item.emailCode;
    const answer = 'answer' in input ? input.answer : undefined;
    if (answer === undefined) {
      checkResult = 'UNKNOWN';
    } else if (input.type === 'EMAIL_CODE') {
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
      // A typo that cannot be a code (letters, too few digits) is refused, not judged: it costs nothing.
      if (!/^\d{6}$/.test(given))
        throw invalid(
          'EMAIL_CODE_FORMAT',
          'The emailed code is 6 digits; type exactly what the caller reads.',
        );
      const matches = sameHash(await keyedHash(`email-code:${verificationId}`, given), emailCode.codeHash);
      checkResult = matches ? 'MATCH' : 'MISMATCH';
      emailCode = matches
        ? { ...emailCode, consumed: true }
        : { ...emailCode, failedAttempts: emailCode.failedAttempts + 1 };
    } else {
      checkResult = compareKnowledgeAnswer(input.type, answer, customer, {
        minimumNamed: policy.chargePointsToName,
      });
    }

    const check: RecordedCheck = {
      type: input.type,
      result: checkResult,
      ...(answer === undefined
        ? {}
        : { answerHash: await keyedHash(`answer:${item.customerId}:${input.type}`, normalizeText(answer)) }),
      ...(input.note ? { note: input.note } : {}),
      agentId,
      at: now.toISOString(),
    };
    const checks = [...item.checks, check];
    const cannotPass = reasonsItCannotPass(checks, verificationPolicy());
    const fails = cannotPass.length > 0;
    // Only a wrong answer spends the budget: a session that ran out of questions on file guessed nothing.
    const failure =
      fails && checks.some((recorded) => recorded.result === 'MISMATCH')
        ? nextFailure(customer, now, budgetPolicy())
        : undefined;
    append({
      type: 'VERIFICATION_CHECK_RECORDED',
      actorType: 'agent',
      actorId: agentId,
      customerId: item.customerId,
      caseId: verificationId,
      details: {
        verificationId,
        check: input.type,
        result: checkResult,
        channel: item.channel,
        noted: Boolean(input.note),
      },
    });
    if (fails)
      append(
        completedEvent(item, agentId, {
          outcome: 'FAILED',
          reasons: cannotPass.map((reason) => reason.code),
          checksRecorded: checks.length,
          cooldownUntil: failure?.cooldownUntil.toISOString() ?? null,
          endedByCheck: true,
          failureStreak: failure?.streak ?? null,
        }),
      );
    const sets = [
      'checks = list_append(checks, :check)',
      '#version = #version + :one',
      ...(emailCode ? ['emailCode = :emailCode'] : []),
      ...(fails
        ? ['#status = :failed', 'outcome = :failed', 'reasons = :reasons', 'completedAt = :now']
        : []),
    ];
    return {
      writes: [
        {
          Update: {
            TableName: tableName('verifications'),
            Key: { verificationId },
            UpdateExpression: `SET ${sets.join(', ')}`,
            ConditionExpression: '#version = :version AND #status = :open AND size(checks) < :max',
            ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
            ExpressionAttributeValues: {
              ':check': [check],
              ':one': 1,
              ':version': item.version,
              ':open': 'OPEN',
              ':max': policy.maxChecksPerSession,
              ...(emailCode ? { ':emailCode': emailCode } : {}),
              ...(fails ? { ':failed': 'FAILED', ':reasons': cannotPass, ':now': now.toISOString() } : {}),
            },
          },
        },
        ...(fails ? [sessionEndWrite(item.customerId, verificationId, now, failure)] : []),
      ],
      result: {
        result: checkResult,
        status: fails ? 'FAILED' : 'OPEN',
        ...(fails ? { reasons: cannotPass } : {}),
        ...(failure ? { cooldownUntil: failure.cooldownUntil.toISOString() } : {}),
      },
      onConflict: () =>
        conflict(
          'VERIFICATION_CHANGED',
          'The verification changed while this check was recorded; record it again.',
        ),
    };
  });
};

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

const DAY_MS = 86_400_000;

/**
 * Emails a one-time code to the address on file (never one from the request). The send is recorded
 * first, under the session's and the customer's versions: of parallel sends one wins its slot and the
 * others send nothing. Only then does the mail go out; if SES fails, that slot is spent, not reused.
 */
export const sendEmailCode = async (
  verificationId: string,
  agentId: string,
  deps: Deps & {
    /** `reference`: what the caller reads back to the agent, the case number (the id before those). */
    sendCode: (customer: CustomerItem, code: string, expiresAt: Date, reference: string) => Promise<unknown>;
  },
): Promise<{ sentTo: string; expiresAt: string; sendsLeft: number }> => {
  const { policy } = config();
  const code = generateEmailCode(deps.random);
  const codeHash = await keyedHash(`email-code:${verificationId}`, code);
  let expiresAtCode = new Date(0);
  const result = await stepInOpenSession(
    verificationId,
    agentId,
    deps,
    async ({ item, customer, now, append }) => {
      const previous = item.emailCode;
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
      const recentSends = (customer.emailCodeSentAt ?? [])
        .filter((at) => now.getTime() - new Date(at).getTime() < DAY_MS)
        .sort();
      if (recentSends.length >= policy.emailCodeMaxSendsPerCustomerDay)
        throw tooManyRequests(
          'EMAIL_CODE_DAILY_LIMIT',
          `At most ${policy.emailCodeMaxSendsPerCustomerDay} codes per customer in 24 hours.`,
          Math.max(1, (new Date(recentSends[0] ?? now).getTime() + DAY_MS - now.getTime()) / 1000),
        );
      expiresAtCode = new Date(now.getTime() + policy.emailCodeTtlMinutes * 60000);
      const sentCount = (previous?.sentCount ?? 0) + 1;
      append({
        type: 'VERIFICATION_EMAIL_CODE_SENT',
        actorType: 'agent',
        actorId: agentId,
        customerId: item.customerId,
        caseId: verificationId,
        details: {
          verificationId,
          sentCount,
          channel: item.channel,
          sendsToCustomerIn24h: recentSends.length + 1,
        },
      });
      return {
        writes: [
          {
            Update: {
              TableName: tableName('verifications'),
              Key: { verificationId },
              UpdateExpression: 'SET emailCode = :emailCode, #version = #version + :one',
              ...versionCondition(),
              ExpressionAttributeValues: {
                ':emailCode': {
                  codeHash,
                  expiresAt: expiresAtCode.toISOString(),
                  sentCount,
                  lastSentAt: now.toISOString(),
                  failedAttempts: 0,
                  consumed: false,
                },
                ':one': 1,
                ':version': item.version,
                ':open': 'OPEN',
              },
            },
          },
          {
            Update: {
              TableName: tableName('customers'),
              Key: { customerId: item.customerId },
              UpdateExpression: 'SET emailCodeSentAt = :sends, #version = #version + :one',
              ConditionExpression: '#version = :version',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: {
                ':sends': [...recentSends, now.toISOString()],
                ':one': 1,
                ':version': customer.version,
              },
            },
          },
        ],
        result: { customer, sentCount, reference: item.caseNumber ?? verificationId },
        onConflict: () =>
          conflict(
            'EMAIL_CODE_SEND_RACE',
            'Another code for this customer was being sent at the same moment; nothing was sent by this request.',
          ),
      };
    },
  );
  try {
    await deps.sendCode(result.customer, code, expiresAtCode, result.reference);
  } catch {
    throw unavailable(
      'EMAIL_CODE_NOT_DELIVERED',
      'The mail service did not accept the code; this send counts, try another one shortly.',
    );
  }
  return {
    sentTo: maskEmail(result.customer.email),
    expiresAt: expiresAtCode.toISOString(),
    sendsLeft: policy.emailCodeMaxSends - result.sentCount,
  };
};

/**
 * Completes a session by the policy. A caller who cannot read back the emailed code can pass only
 * "without possession proof", with the reason the agent recorded; a disable on it then always needs
 * a second admin and alerts security.
 */
export const completeVerification = async (
  verificationId: string,
  agentId: string,
  input: CompleteVerificationInput,
  deps: Deps,
): Promise<PolicyOutcome & { cooldownUntil?: string }> => {
  const waiver = input?.withoutPossessionProof;
  return stepInOpenSession(verificationId, agentId, deps, async ({ item, customer, now, append }) => {
    const outcome = evaluateVerification(item.checks, customer, verificationPolicy(), waiver);
    const failure =
      outcome.outcome === 'FAILED' && item.checks.some((check) => check.result === 'MISMATCH')
        ? nextFailure(customer, now, budgetPolicy())
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
    append(
      completedEvent(item, agentId, {
        outcome: outcome.outcome,
        reasons: outcome.reasons.map((reason) => reason.code),
        checksRecorded: item.checks.length,
        cooldownUntil: failure?.cooldownUntil.toISOString() ?? null,
        reportedProblem: item.reportedProblem ?? null,
        withoutPossessionProof: waived ? waived.reason : null,
      }),
    );
    return {
      writes: [
        {
          Update: {
            TableName: tableName('verifications'),
            Key: { verificationId },
            UpdateExpression: `SET #status = :status, outcome = :outcome, reasons = :reasons, completedAt = :now, #version = #version + :one${waived ? ', withoutPossessionProof = :waived' : ''}`,
            ...versionCondition(),
            ExpressionAttributeValues: {
              ':status': outcome.outcome,
              ':outcome': outcome.outcome,
              ':reasons': outcome.reasons,
              ':now': now.toISOString(),
              ':one': 1,
              ':version': item.version,
              ':open': 'OPEN',
              ...(waived ? { ':waived': waived } : {}),
            },
          },
        },
        sessionEndWrite(item.customerId, verificationId, now, failure),
      ],
      result: { ...outcome, ...(failure ? { cooldownUntil: failure.cooldownUntil.toISOString() } : {}) },
      onConflict: () =>
        conflict('VERIFICATION_CHANGED', 'The verification changed while completing; try again.'),
    };
  });
};

const countSince = async (
  indexName: 'byAgent' | 'byUser',
  key: 'agentId' | 'usedBy',
  id: string,
  sortKey: string,
  since: Date,
  passedOnly: boolean,
) => {
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const result = await dynamoDb().send(
      new QueryCommand({
        TableName: tableName('verifications'),
        IndexName: indexName,
        KeyConditionExpression: `#key = :id AND #at >= :since`,
        ExpressionAttributeNames: {
          '#key': key,
          '#at': sortKey,
          ...(passedOnly ? { '#outcome': 'outcome' } : {}),
        },
        ExpressionAttributeValues: {
          ':id': id,
          ':since': since.toISOString(),
          ...(passedOnly ? { ':passed': 'PASSED' } : {}),
        },
        ...(passedOnly ? { FilterExpression: '#outcome = :passed' } : {}),
        Select: 'COUNT',
        ExclusiveStartKey: startKey,
      }),
    );
    count += result.Count ?? 0;
    startKey = result.LastEvaluatedKey;
  } while (startKey);
  return count;
};

/** Sessions this agent passed since then (velocity limit against a helpdesk attack wave). */
export const countPassesByAgentSince = (agentId: string, since: Date) =>
  countSince('byAgent', 'agentId', agentId, 'completedAt', since, true);

/** Sessions this admin used for a disable since then. */
export const countDisablesByAdminSince = (adminId: string, since: Date) =>
  countSince('byUser', 'usedBy', adminId, 'usedAt', since, false);
