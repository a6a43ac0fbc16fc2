// Verification sessions in DynamoDB: start, record a check (record-check.ts), email a code, complete.
// Each step is one transaction with its audit event; conditions state who may act and in which state.
import { sealNote } from './notes';
import { commitWithAudit } from '../audit/store';
import { tableName, type TransactItem } from '../aws/dynamodb';
import { epochSeconds } from '../clock';
import { config } from '../config';
import type { CustomerItem } from '../customers/customer';
import { requireCustomer } from '../customers/store';
import { conflict, tooManyRequests, unavailable, type DomainError } from '../errors';
import { keyedHash } from '../secrets/keyed-hash';
import { assertNoSelfServiceAdvice, reportOfLinkedTriage } from './triage-link';
import { assertNoCooldown, emailCodeSendWrite, sessionEndWrite } from './budget';
import { claimCaseNumber, newCaseNumber } from './case-number';
import {
  assertCanSendEmailCode,
  closeLeftOpenSession,
  completedEvent,
  decideCompletion,
  generateEmailCode,
  maskEmail,
} from './decisions';
import {
  budgetPolicy,
  sessionPolicy,
  stepInOpenSession,
  verificationPolicy,
  versionCondition,
  type Deps,
} from './open-session';
import type { PolicyOutcome } from './policy';
import { getVerification } from './reads';
import { countWrite } from '../velocity/store';
import type { CompleteVerificationInput, StartVerificationInput } from './api';
import type { VerificationItem, VerificationPurpose } from './verification';

/** Recording an answer has its own module; the routes reach every step of a session from here. */
export { recordCheck } from './record-check';

/** Sessions are evidence: kept 400 days (past a yearly audit), then DynamoDB's TTL removes them. */
export const VERIFICATION_RETENTION_DAYS = 400;

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
            const { heldMismatch, failure } = closeLeftOpenSession(
              open,
              customer,
              now,
              sessionPolicy(),
              budgetPolicy(),
            );
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
            expiresAtEpoch: epochSeconds(now) + VERIFICATION_RETENTION_DAYS * 86400,
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
  // In AWS the hash is a KMS call: it runs while the session and the customer are read, not before.
  const codeHashing = keyedHash(`email-code:${verificationId}`, code);
  codeHashing.catch(() => undefined);
  let expiresAtCode = new Date(0);
  const result = await stepInOpenSession(
    verificationId,
    agentId,
    deps,
    async ({ item, customer, now, append }) => {
      const codeHash = await codeHashing;
      const previous = item.emailCode;
      const recentSends = assertCanSendEmailCode(item, customer, now, policy);
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
          emailCodeSendWrite(customer, [...recentSends, now.toISOString()], policy),
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
    const decided = decideCompletion(
      item,
      customer,
      agentId,
      waiver,
      now,
      verificationPolicy(),
      budgetPolicy(),
    );
    const { outcome, failure } = decided;
    const waived =
      decided.waived?.note === undefined || typeof decided.waived.note !== 'string'
        ? decided.waived
        : { ...decided.waived, note: await sealNote(item.customerId, decided.waived.note, deps) };
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
        // The agent's passes, read by the disable's velocity limit in one consistent read.
        ...(outcome.outcome === 'PASSED'
          ? [countWrite({ kind: 'AGENT_PASSES', staffId: agentId }, now)]
          : []),
      ],
      result: { ...outcome, ...(failure ? { cooldownUntil: failure.cooldownUntil.toISOString() } : {}) },
      onConflict: () =>
        conflict('VERIFICATION_CHANGED', 'The verification changed while completing; try again.'),
    };
  });
};
