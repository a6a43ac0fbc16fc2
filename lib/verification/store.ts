// Verification sessions in DynamoDB: start, record a check, email a code, complete. Each step is one
// transaction with its audit event; conditions state who may act and in which state.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDb, tableName } from '../aws/dynamodb';
import type { AuditEventInput, AuditItem } from '../audit/events';
import { commitWithAudit, type ChangePlan } from '../audit/store';
import { epochSeconds, type Clock, type Random } from '../clock';
import { config } from '../config';
import type { CustomerItem } from '../customers/customer';
import { requireCustomer } from '../customers/store';
import { normalizeText } from '../customers/normalize';
import { conflict, forbidden, gone, locked, notFound, tooManyRequests } from '../errors';
import { keyedHash, sameHash } from '../secrets/keyed-hash';
import { compareKnowledgeAnswer } from './checks';
import { evaluateVerification, type PolicyOutcome } from './policy';
import type { CheckResult, RecordCheckInput, StartVerificationInput } from './schemas';
import type { RecordedCheck, VerificationItem } from './verification';

type AppendAudit = (input: AuditEventInput) => AuditItem;

export interface Deps {
  clock: Clock;
  random: Random;
}

/** Sessions are evidence: kept 400 days (past a yearly audit), then DynamoDB's TTL removes them. */
const RETENTION_DAYS = 400;
const EMAIL_CODE_MAX_FAILED_ATTEMPTS = 3;

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

export const listCustomerVerifications = async (
  customerId: string,
  limit: number,
): Promise<VerificationItem[]> => {
  const result = await dynamoDb().send(
    new QueryCommand({
      TableName: tableName('verifications'),
      IndexName: 'byCustomer',
      KeyConditionExpression: 'customerId = :customerId',
      ExpressionAttributeValues: { ':customerId': customerId },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (result.Items ?? []) as VerificationItem[];
};

/** The session must be this agent's, still open, and not older than the session window. */
const requireOpenSessionOf = (item: VerificationItem, agentId: string, now: Date) => {
  if (item.agentId !== agentId)
    throw forbidden('NOT_YOUR_VERIFICATION', 'Only the agent who started this verification can continue it.');
  if (item.status !== 'OPEN')
    throw conflict('VERIFICATION_NOT_OPEN', `This verification is ${item.status}; start a new one.`);
  const ageMinutes = (now.getTime() - new Date(item.startedAt).getTime()) / 60000;
  if (ageMinutes > config().policy.verificationSessionMinutes)
    throw gone('VERIFICATION_EXPIRED', 'This verification session has expired; start a new one.');
};

const versionCondition = () => ({
  ConditionExpression: '#version = :version AND #status = :open',
  ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
});

/**
 * Runs one step of an open session as one transaction with its audit events. The session is read
 * once up front (its customer is the audit subject) and that read serves the first attempt; a retry
 * after a lost race reads it afresh.
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
    requireOpenSessionOf(item, agentId, now);
    const customer = await requireCustomer(item.customerId, true);
    return step({ item, customer, now, append });
  });
  return result;
};

export const startVerification = async (
  customerId: string,
  agentId: string,
  input: StartVerificationInput,
  deps: Deps,
): Promise<VerificationItem> => {
  const { result } = await commitWithAudit(customerId, deps, async (append) => {
    const customer = await requireCustomer(customerId, true);
    const now = deps.clock.now();
    if (customer.recoveryLockedAt)
      throw locked(
        'RECOVERY_LOCKED',
        'Recovery is locked for this customer after a "this wasn\'t me" report; involve the security team.',
      );
    const cooldownUntil =
      typeof customer.verificationCooldownUntil === 'string' ? customer.verificationCooldownUntil : undefined;
    if (cooldownUntil && new Date(cooldownUntil) > now) {
      throw tooManyRequests(
        'VERIFICATION_COOLDOWN',
        'A recent verification of this customer failed; a new one can start after the cooldown.',
        (new Date(cooldownUntil).getTime() - now.getTime()) / 1000,
      );
    }
    const verificationId = deps.random.ulid(now);
    const item: VerificationItem = {
      verificationId,
      customerId,
      agentId,
      channel: input.channel,
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
      details: { verificationId, channel: input.channel },
    });
    return {
      writes: [
        {
          Put: {
            TableName: tableName('verifications'),
            Item: item,
            ConditionExpression: 'attribute_not_exists(verificationId)',
          },
        },
      ],
      result: item,
    };
  });
  return result;
};

export const recordCheck = async (
  verificationId: string,
  agentId: string,
  input: RecordCheckInput,
  deps: Deps,
): Promise<{ result: CheckResult }> => {
  return stepInOpenSession(verificationId, agentId, deps, async ({ item, customer, now, append }) => {
    let checkResult: CheckResult;
    let emailCode = item.emailCode;
    if (input.type === 'EMAIL_CODE') {
      if (!emailCode)
        throw conflict(
          'EMAIL_CODE_NOT_SENT',
          'Send the email code first, then record what the caller reads back.',
        );
      if (emailCode.consumed)
        throw conflict('EMAIL_CODE_USED', 'The emailed code was already confirmed in this session.');
      if (new Date(emailCode.expiresAt) <= now)
        throw gone('EMAIL_CODE_EXPIRED', 'The emailed code has expired; send a new one.');
      if (emailCode.failedAttempts >= EMAIL_CODE_MAX_FAILED_ATTEMPTS)
        throw tooManyRequests('EMAIL_CODE_ATTEMPTS_EXCEEDED', 'Too many wrong codes; send a new one.', 1);
      const given = input.answer.replace(/[\s-]/g, '');
      const matches = sameHash(await keyedHash(`email-code:${verificationId}`, given), emailCode.codeHash);
      checkResult = matches ? 'MATCH' : 'MISMATCH';
      emailCode = matches
        ? { ...emailCode, consumed: true }
        : { ...emailCode, failedAttempts: emailCode.failedAttempts + 1 };
    } else {
      checkResult = compareKnowledgeAnswer(input.type, input.answer, customer, {
        minimumNamed: config().policy.minSecurityMatches,
      });
    }

    const check: RecordedCheck = {
      type: input.type,
      result: checkResult,
      answerHash: await keyedHash(`answer:${item.customerId}:${input.type}`, normalizeText(input.answer)),
      ...(input.note ? { note: input.note } : {}),
      agentId,
      at: now.toISOString(),
    };
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
    return {
      writes: [
        {
          Update: {
            TableName: tableName('verifications'),
            Key: { verificationId },
            UpdateExpression: `SET checks = list_append(checks, :check), #version = #version + :one${emailCode ? ', emailCode = :emailCode' : ''}`,
            ...versionCondition(),
            ExpressionAttributeValues: {
              ':check': [check],
              ':one': 1,
              ':version': item.version,
              ':open': 'OPEN',
              ...(emailCode ? { ':emailCode': emailCode } : {}),
            },
          },
        },
      ],
      result: { result: checkResult },
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

/**
 * Emails a one-time code to the address on file (never one from the request). The mail goes out
 * before the state is written: if SES fails nothing changes; if the write fails the code is unusable.
 */
export const sendEmailCode = async (
  verificationId: string,
  agentId: string,
  deps: Deps & { sendCode: (customer: CustomerItem, code: string, expiresAt: Date) => Promise<unknown> },
): Promise<{ sentTo: string; expiresAt: string; sendsLeft: number }> => {
  const { policy } = config();
  const item = await requireVerification(verificationId);
  const now = deps.clock.now();
  requireOpenSessionOf(item, agentId, now);
  const previous = item.emailCode;
  if (previous && previous.sentCount >= policy.emailCodeMaxSends)
    throw tooManyRequests(
      'EMAIL_CODE_LIMIT',
      `At most ${policy.emailCodeMaxSends} codes per session; start a new session later.`,
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
  const customer = await requireCustomer(item.customerId, true);
  const code = generateEmailCode(deps.random);
  const expiresAt = new Date(now.getTime() + policy.emailCodeTtlMinutes * 60000);
  await deps.sendCode(customer, code, expiresAt);

  const sentCount = (previous?.sentCount ?? 0) + 1;
  await commitWithAudit(item.customerId, deps, async (append) => {
    append({
      type: 'VERIFICATION_EMAIL_CODE_SENT',
      actorType: 'agent',
      actorId: agentId,
      customerId: item.customerId,
      caseId: verificationId,
      details: { verificationId, sentCount, channel: item.channel },
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
                codeHash: await keyedHash(`email-code:${verificationId}`, code),
                expiresAt: expiresAt.toISOString(),
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
      ],
      result: undefined,
      onConflict: () =>
        conflict('VERIFICATION_CHANGED', 'The verification changed meanwhile; send the code again.'),
    };
  });
  return {
    sentTo: maskEmail(customer.email),
    expiresAt: expiresAt.toISOString(),
    sendsLeft: policy.emailCodeMaxSends - sentCount,
  };
};

export const completeVerification = async (
  verificationId: string,
  agentId: string,
  deps: Deps,
): Promise<PolicyOutcome> => {
  return stepInOpenSession(verificationId, agentId, deps, async ({ item, customer, now, append }) => {
    const { policy } = config();
    const outcome = evaluateVerification(item.checks, customer, {
      requiredMatches: ['EMAIL', 'FULL_NAME'],
      minSecurityMatches: policy.minSecurityMatches,
      requireEmailCode: policy.requireEmailCode,
    });
    append({
      type: 'VERIFICATION_COMPLETED',
      actorType: 'agent',
      actorId: agentId,
      customerId: item.customerId,
      caseId: verificationId,
      details: {
        verificationId,
        outcome: outcome.outcome,
        reasons: outcome.reasons.map((reason) => reason.code),
        checksRecorded: item.checks.length,
        channel: item.channel,
      },
    });
    const cooldownUntil = new Date(now.getTime() + policy.verificationCooldownMinutes * 60000).toISOString();
    return {
      writes: [
        {
          Update: {
            TableName: tableName('verifications'),
            Key: { verificationId },
            UpdateExpression:
              'SET #status = :status, outcome = :outcome, reasons = :reasons, completedAt = :now, #version = #version + :one',
            ...versionCondition(),
            ExpressionAttributeValues: {
              ':status': outcome.outcome,
              ':outcome': outcome.outcome,
              ':reasons': outcome.reasons,
              ':now': now.toISOString(),
              ':one': 1,
              ':version': item.version,
              ':open': 'OPEN',
            },
          },
        },
        ...(outcome.outcome === 'FAILED'
          ? [
              {
                Update: {
                  TableName: tableName('customers'),
                  Key: { customerId: item.customerId },
                  UpdateExpression:
                    'SET verificationCooldownUntil = :until, lastFailedVerificationAt = :now, failedVerificationCount = if_not_exists(failedVerificationCount, :zero) + :one, #version = #version + :one',
                  ConditionExpression: 'attribute_exists(customerId)',
                  ExpressionAttributeNames: { '#version': 'version' },
                  ExpressionAttributeValues: {
                    ':until': cooldownUntil,
                    ':now': now.toISOString(),
                    ':zero': 0,
                    ':one': 1,
                  },
                },
              },
            ]
          : []),
      ],
      result: outcome,
      onConflict: () =>
        conflict('VERIFICATION_CHANGED', 'The verification changed while completing; try again.'),
    };
  });
};
