// When a wrong answer counts, without DynamoDB: the first wrong answer to a question waits for the
// caller to repeat it, a wrong code has tries, and a session that ends with a wrong answer nobody
// corrected spends the budget like one that failed at it. The bound: two answers per question.
import type { CustomerItem } from '../../lib/customers/customer';
import { DomainError } from '../../lib/errors';
import {
  assertRepeatFlag,
  awaitsRepeat,
  holdsWrongAnswer,
  judgeEmailCode,
  judgeKnowledgeAnswer,
  wrongAnswers,
} from '../../lib/verification/answers';
import type { Comparison } from '../../lib/verification/checks';
import { afterCheck, closeLeftOpenSession, decideCompletion } from '../../lib/verification/decisions';
import { defaultVerificationPolicy, evaluateVerification } from '../../lib/verification/policy';
import type { CheckResult, CheckType } from '../../lib/verification/schemas';
import type { RecordedCheck, VerificationItem } from '../../lib/verification/verification';

const now = new Date('2026-12-01T10:00:00.000Z');
const budget = { cooldownStepsMinutes: [15, 60, 1440], failureStreakHours: 24 };
const customer = { customerId: 'c-1', privileged: false } as CustomerItem;
const recorded = (type: CheckType, result: CheckResult): RecordedCheck => ({
  type,
  result,
  agentId: 'agent-bram',
  at: now.toISOString(),
});
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
};

/** Records answers the way the store does: flag rule first, then the judging, then the check. */
const answer = (checks: RecordedCheck[], type: CheckType, compared: Comparison, callerRepeated = false) => {
  assertRepeatFlag(checks, type, callerRepeated);
  const result = judgeKnowledgeAnswer(compared, checks, type);
  return [...checks, recorded(type, result)];
};

describe('a wrong knowledge answer', () => {
  it('waits unconfirmed the first time, and counts when the caller repeats it', () => {
    const first = answer([], 'LAST_LOGIN_DATE', 'MISMATCH');
    expect(first.at(-1)?.result).toBe('MISMATCH_UNCONFIRMED');
    expect(awaitsRepeat(first, 'LAST_LOGIN_DATE')).toBe(true);
    expect(wrongAnswers(first, false)).toEqual([]);
    const repeated = answer(first, 'LAST_LOGIN_DATE', 'MISMATCH', true);
    expect(repeated.at(-1)?.result).toBe('MISMATCH');
    expect(wrongAnswers(repeated, false)).toEqual(['LAST_LOGIN_DATE']);
  });

  it('is corrected by a right answer the second time, which then costs nothing', () => {
    const corrected = answer(answer([], 'FULL_NAME', 'MISMATCH'), 'FULL_NAME', 'MATCH', true);
    expect(corrected.map((check) => check.result)).toEqual(['MISMATCH_UNCONFIRMED', 'MATCH']);
    expect(awaitsRepeat(corrected, 'FULL_NAME')).toBe(false);
    expect(holdsWrongAnswer(corrected)).toBe(false);
  });

  it('gets one free wrong answer per question per session: after it is corrected, the next wrong one counts at once', () => {
    const corrected = answer(answer([], 'FULL_NAME', 'MISMATCH'), 'FULL_NAME', 'MATCH', true);
    expect(answer(corrected, 'FULL_NAME', 'MISMATCH').at(-1)?.result).toBe('MISMATCH');
    // Another question still has its own.
    expect(answer(corrected, 'EMAIL', 'MISMATCH').at(-1)?.result).toBe('MISMATCH_UNCONFIRMED');
  });

  it('refuses the question’s next answer without "the caller repeated it", and the flag where nothing waits', () => {
    const first = answer([], 'COMPANY_INFO', 'MISMATCH');
    expect(refusal(() => answer(first, 'COMPANY_INFO', 'MATCH'))).toBe('CALLER_REPEAT_REQUIRED');
    // "Does not know" is no way out either (the store checks it with the flag unset).
    expect(refusal(() => assertRepeatFlag(first, 'COMPANY_INFO', false))).toBe('CALLER_REPEAT_REQUIRED');
    expect(refusal(() => answer([], 'COMPANY_INFO', 'MATCH', true))).toBe('NO_ANSWER_TO_CONFIRM');
    expect(refusal(() => answer(first, 'EMAIL', 'MATCH', true))).toBe('NO_ANSWER_TO_CONFIRM');
    expect(refusal(() => assertRepeatFlag([], 'EMAIL_CODE', true))).toBe('NO_ANSWER_TO_CONFIRM');
  });

  it('lets an incomplete answer cost nothing and spend nothing: the free wrong answer is still there after it', () => {
    const partial = answer([], 'LAST_TRANSACTION', 'INCOMPLETE');
    expect(holdsWrongAnswer(partial)).toBe(false);
    expect(answer(partial, 'LAST_TRANSACTION', 'MISMATCH').at(-1)?.result).toBe('MISMATCH_UNCONFIRMED');
  });
});

describe('the emailed code', () => {
  it('allows three tries in a session: two wrong ones wait, the third counts', () => {
    const checks: RecordedCheck[] = [];
    const tries = [false, false, false].map((matches) => {
      const judged = judgeEmailCode(matches, checks, 3);
      checks.push(recorded('EMAIL_CODE', judged.result));
      return judged;
    });
    expect(tries).toEqual([
      { result: 'MISMATCH_UNCONFIRMED', triesLeft: 2 },
      { result: 'MISMATCH_UNCONFIRMED', triesLeft: 1 },
      { result: 'MISMATCH', triesLeft: 0 },
    ]);
  });

  it('takes the right code after a misread digit, and counts the tries per session, not per code sent', () => {
    const misread = [recorded('EMAIL_CODE', 'MISMATCH_UNCONFIRMED')];
    expect(judgeEmailCode(true, misread, 3)).toEqual({ result: 'MATCH', triesLeft: 2 });
    // A new code was sent after two wrong tries: the session still has one.
    const twice = [...misread, recorded('EMAIL_CODE', 'MISMATCH_UNCONFIRMED')];
    expect(judgeEmailCode(false, twice, 3).result).toBe('MISMATCH');
  });
});

describe('ending a session with a wrong answer nobody corrected', () => {
  const unconfirmed = [recorded('FULL_NAME', 'MATCH'), recorded('LAST_LOGIN_DATE', 'MISMATCH_UNCONFIRMED')];

  it('keeps the session open while it waits, but counts it when the agent completes', () => {
    expect(afterCheck(unconfirmed, customer, now, defaultVerificationPolicy, budget)).toMatchObject({
      fails: false,
      cannotPass: [],
      failure: undefined,
    });
    const item = { checks: unconfirmed } as VerificationItem;
    const { outcome, failure } = decideCompletion(
      item,
      customer,
      'agent-bram',
      undefined,
      now,
      defaultVerificationPolicy,
      budget,
    );
    expect(outcome.reasons.map((reason) => reason.code)).toContain('MISMATCH_LAST_LOGIN_DATE');
    expect(failure?.cooldownMinutes).toBe(15);
  });

  it('counts it when the session expires, and when the session ends for running out of questions', () => {
    const open = { checks: unconfirmed, startedAt: '2026-12-01T08:00:00.000Z' } as VerificationItem;
    const closed = closeLeftOpenSession(open, customer, now, { verificationSessionMinutes: 60 }, budget);
    expect(closed.heldMismatch).toBe(true);
    const outOfQuestions = [
      ...unconfirmed,
      recorded('CHARGE_POINT_IDS', 'NOT_ON_FILE'),
      recorded('COMPANY_INFO', 'NOT_ON_FILE'),
    ];
    const ended = afterCheck(outOfQuestions, customer, now, defaultVerificationPolicy, budget);
    expect(ended.cannotPass.map((reason) => reason.code)).toEqual([
      'MISMATCH_LAST_LOGIN_DATE',
      'TOO_FEW_SECURITY_QUESTIONS_ON_FILE',
    ]);
    expect(ended.failure).toBeDefined();
  });

  it('does not count an unconfirmed code try the caller then read right, nor a corrected answer', () => {
    const checks = [
      recorded('EMAIL_CODE', 'MISMATCH_UNCONFIRMED'),
      recorded('EMAIL_CODE', 'MATCH'),
      recorded('FULL_NAME', 'MISMATCH_UNCONFIRMED'),
      recorded('FULL_NAME', 'MATCH'),
    ];
    expect(holdsWrongAnswer(checks)).toBe(false);
    expect(
      evaluateVerification(checks, customer, defaultVerificationPolicy).reasons.map((r) => r.code),
    ).not.toContain('MISMATCH_FULL_NAME');
  });
});
