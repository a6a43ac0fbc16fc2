// Recording one answer of a verification session: judge it (checks.ts compares, answers.ts decides
// whether a wrong one counts yet), then write the check, the session's end if it came to that, and
// the audit events in one transaction.
import { tableName } from '../aws/dynamodb';
import { config } from '../config';
import { normalizeText } from '../customers/normalize';
import { conflict } from '../errors';
import { storeTextKey, textSealerOf } from '../customers/text-key';
import { keyedHash, sameHash } from '../secrets/keyed-hash';
import { assertRepeatFlag, judgeEmailCode, judgeKnowledgeAnswer } from './answers';
import { sessionEndWrite } from './budget';
import { compareKnowledgeAnswer } from './checks';
import { stillNeeded } from './policy';
import {
  afterCheck,
  assertRoomForCheck,
  completedEvent,
  type CheckOutcome,
  emailCodeAfter,
  emailCodeAnswer,
} from './decisions';
import { budgetPolicy, stepInOpenSession, verificationPolicy, type Deps } from './open-session';
import type { RecordCheckInput } from './api';
import type { CheckResult } from './schemas';
import type { RecordedCheck } from './verification';

/** A parallel request stored the customer's first audit-text key before this check's note could. */
class TextKeyStoredMeanwhile extends Error {}

/**
 * Records one answer. A wrong answer that counts fails the session at once and starts the customer's
 * cooldown (the budget is per customer, so a second session or another agent gets no fresh guesses);
 * a question's first wrong answer waits unconfirmed for the caller to repeat it (answers.ts). A right
 * or partly right (INCOMPLETE) answer, NOT_ON_FILE or "the caller does not know" costs nothing.
 */
export const recordCheck = async (
  verificationId: string,
  agentId: string,
  input: RecordCheckInput,
  deps: Deps,
): Promise<CheckOutcome> => {
  try {
    return await recordCheckOnce(verificationId, agentId, input, deps, true);
  } catch (error) {
    if (!(error instanceof TextKeyStoredMeanwhile)) throw error;
    // Planned again from a fresh read, which now holds the key (or tells what else changed).
    return recordCheckOnce(verificationId, agentId, input, deps, false);
  }
};

const recordCheckOnce = async (
  verificationId: string,
  agentId: string,
  input: RecordCheckInput,
  deps: Deps,
  mayPlanAgain: boolean,
): Promise<CheckOutcome> => {
  const { policy } = config();
  return stepInOpenSession(verificationId, agentId, deps, async ({ item, customer, now, append }) => {
    assertRoomForCheck(item, policy);
    let checkResult: CheckResult;
    let triesLeft: number | undefined;
    let emailCode = item.emailCode;
    const answer = 'answer' in input ? input.answer : undefined;
    const callerRepeated = 'callerRepeated' in input && input.callerRepeated === true;
    assertRepeatFlag(item.checks, input.type, callerRepeated);
    if (answer === undefined) {
      checkResult = 'UNKNOWN';
    } else if (input.type === 'EMAIL_CODE') {
      const judged = emailCodeAnswer(emailCode, answer, now);
      const matches = sameHash(
        await keyedHash(`email-code:${verificationId}`, judged.given),
        judged.emailCode.codeHash,
      );
      ({ result: checkResult, triesLeft } = judgeEmailCode(matches, item.checks, policy.emailCodeMaxTries));
      emailCode = emailCodeAfter(judged.emailCode, matches);
    } else {
      const compared = compareKnowledgeAnswer(input.type, answer, customer, {
        minimumNamed: policy.chargePointsToName,
      });
      checkResult = judgeKnowledgeAnswer(compared, item.checks, input.type);
    }

    // A note is free text about a person: sealed with the customer's key, taken from the customer the
    // step has read; a customer without one gets it stored in this step's transaction (no write before it).
    const sealer = input.note ? await textSealerOf(customer, deps) : undefined;
    const check: RecordedCheck = {
      type: input.type,
      result: checkResult,
      ...(answer === undefined
        ? {}
        : { answerHash: await keyedHash(`answer:${item.customerId}:${input.type}`, normalizeText(answer)) }),
      ...(input.note && sealer ? { note: sealer.seal(input.note) } : {}),
      agentId,
      at: now.toISOString(),
    };
    const checks = [...item.checks, check];
    const { cannotPass, fails, failure } = afterCheck(
      checks,
      customer,
      now,
      verificationPolicy(),
      budgetPolicy(),
    );
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
        callerRepeated,
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
        ...(fails
          ? [sessionEndWrite(item.customerId, verificationId, now, failure, sealer?.newKey)]
          : sealer?.newKey
            ? [storeTextKey(item.customerId, sealer.newKey)]
            : []),
      ],
      result: {
        result: checkResult,
        ...(triesLeft === undefined || checkResult === 'MATCH' ? {} : { triesLeft }),
        status: fails ? 'FAILED' : 'OPEN',
        ...(fails
          ? { reasons: cannotPass }
          : { toPass: stillNeeded(checks, customer, verificationPolicy()) }),
        ...(failure ? { cooldownUntil: failure.cooldownUntil.toISOString() } : {}),
      },
      onConflict: ([sessionWrite, customerWrite]) =>
        sealer?.newKey &&
        mayPlanAgain &&
        sessionWrite !== 'ConditionalCheckFailed' &&
        customerWrite === 'ConditionalCheckFailed'
          ? new TextKeyStoredMeanwhile()
          : conflict(
              'VERIFICATION_CHANGED',
              'The verification changed while this check was recorded; record it again.',
            ),
    };
  });
};
