// Whether a wrong answer counts yet: the session's side of judging an answer. A comparison (checks.ts)
// says MATCH / INCOMPLETE / MISMATCH; here the first wrong answer to a question in a session becomes
// MISMATCH_UNCONFIRMED (the agent asks the caller to repeat it), a wrong emailed code with tries left
// likewise, and when the session ends a wrong answer nobody corrected counts after all.
// The bound this keeps against an attacker probing answers: per question per session, one wrong
// answer is free only if the question is then answered right; the next wrong one fails the session,
// and ending the session any other way (complete, expire; cancel is refused) counts the free one too.
// So before a cooldown a session yields at most two answers per question, never a free search.
import { conflict } from '../errors';
import type { Comparison } from './checks';
import type { CheckResult, CheckType } from './schemas';

type Check = { type: CheckType; result: CheckResult };

/** The question has a wrong answer that waits for the caller to repeat it: unconfirmed, not answered right since. */
export const awaitsRepeat = (checks: readonly Check[], type: CheckType) => {
  const ofType = checks.filter((check) => check.type === type);
  const unconfirmed = ofType.findIndex((check) => check.result === 'MISMATCH_UNCONFIRMED');
  return unconfirmed >= 0 && !ofType.slice(unconfirmed + 1).some((check) => check.result === 'MATCH');
};

/**
 * The questions whose wrong answer counts: each MISMATCH, and when the session ends (`atEnd`) each
 * unconfirmed one that was never answered right after it.
 */
export const wrongAnswers = (checks: readonly Check[], atEnd: boolean): CheckType[] => [
  ...new Set(
    checks
      .filter((check) => check.result === 'MISMATCH' || (atEnd && awaitsRepeat(checks, check.type)))
      .map((check) => check.type),
  ),
];

/** Whether ending the session now spends the customer's budget (starts a cooldown). */
export const holdsWrongAnswer = (checks: readonly Check[]) => wrongAnswers(checks, true).length > 0;

/**
 * The agent's "the caller repeated it" must answer a wrong answer that waits for it, and such an
 * answer must get it: the question's next record is the repeated answer ("does not know" is refused
 * then, or it would make the free wrong answer a free probe). A wrong code is simply read again.
 */
export const assertRepeatFlag = (checks: readonly Check[], type: CheckType, callerRepeated: boolean) => {
  const waiting = type !== 'EMAIL_CODE' && awaitsRepeat(checks, type);
  if (callerRepeated && !waiting)
    throw conflict(
      'NO_ANSWER_TO_CONFIRM',
      `No answer to ${type} waits to be repeated; record this answer without "the caller repeated it".`,
    );
  if (!callerRepeated && waiting)
    throw conflict(
      'CALLER_REPEAT_REQUIRED',
      `The last answer to ${type} did not match: ask the caller to repeat it and record what they say with "the caller repeated it" (a wrong answer then counts).`,
    );
};

/** A knowledge answer's result in this session: only the question's first wrong answer is unconfirmed. */
export const judgeKnowledgeAnswer = (
  compared: Comparison,
  checks: readonly Check[],
  type: CheckType,
): CheckResult => {
  if (compared !== 'MISMATCH') return compared;
  const freeOneSpent = checks.some((check) => check.type === type && check.result === 'MISMATCH_UNCONFIRMED');
  return freeOneSpent ? 'MISMATCH' : 'MISMATCH_UNCONFIRMED';
};

/**
 * The emailed code read back: a wrong one with tries left is unconfirmed, the last try counts. The
 * tries are the session's (a new code brings none), so a session judges at most `maxTries` wrong codes.
 */
export const judgeEmailCode = (matches: boolean, checks: readonly Check[], maxTries: number) => {
  const wrongSoFar = checks.filter(
    (check) =>
      check.type === 'EMAIL_CODE' && (check.result === 'MISMATCH' || check.result === 'MISMATCH_UNCONFIRMED'),
  ).length;
  const wrong = wrongSoFar + (matches ? 0 : 1);
  const result: CheckResult = matches ? 'MATCH' : wrong >= maxTries ? 'MISMATCH' : 'MISMATCH_UNCONFIRMED';
  return { result, triesLeft: Math.max(0, maxTries - wrong) };
};
