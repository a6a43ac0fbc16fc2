// The verification policy: when a helpdesk session PASSES, and when it can no longer pass. Pure and
// configurable; defaults from DESIGN.md. Knowledge answers only support: possession (EMAIL_CODE) is
// the proof, and a session without it passes only flagged "without possession proof".
import { wrongAnswers } from './answers';
import { securityQuestions, type CheckResult, type CheckType, type NoPossessionReason } from './schemas';

export interface VerificationPolicy {
  /** Identity checks that must be matched. */
  requiredMatches: CheckType[];
  /** How many security questions must be matched. */
  minSecurityMatches: number;
  /** Which customers must prove control of their mailbox (EMAIL_CODE): every tier, or privileged only. */
  requireEmailCode: 'always' | 'privileged';
}

export const defaultVerificationPolicy: VerificationPolicy = {
  requiredMatches: ['EMAIL', 'FULL_NAME'],
  minSecurityMatches: 2,
  requireEmailCode: 'always',
};

export interface PolicyReason {
  code: string;
  message: string;
}

export interface PolicyOutcome {
  outcome: 'PASSED' | 'FAILED';
  reasons: PolicyReason[];
  /** PASSED although the caller could not read back the emailed code: a disable then needs a second admin. */
  withoutPossessionProof?: boolean;
}

type Check = { type: CheckType; result: CheckResult };

export const needsEmailCode = (customer: { privileged: boolean }, policy: VerificationPolicy) =>
  policy.requireEmailCode === 'always' || customer.privileged;

/** The wrong answers that count; at the session's end also those left unconfirmed (answers.ts). */
const mismatchReasons = (checks: Check[], atEnd: boolean): PolicyReason[] =>
  wrongAnswers(checks, atEnd).map((type) => ({
    code: `MISMATCH_${type}`,
    message: `The answer to ${type} did not match the records.`,
  }));

/**
 * Why the session can never pass, whatever is asked next: a wrong answer that counts (guessing is the
 * attack, so one is enough), or too few security questions left that the records can answer. Empty
 * while it can. `atEnd`: the session ends now, so an unconfirmed wrong answer counts too.
 */
export const reasonsItCannotPass = (
  checks: Check[],
  policy: VerificationPolicy,
  atEnd = false,
): PolicyReason[] => {
  const reasons = mismatchReasons(checks, atEnd);
  const notOnFile = new Set(checks.filter((check) => check.result === 'NOT_ON_FILE').map((c) => c.type));
  const answerable = securityQuestions.filter((type) => !notOnFile.has(type)).length;
  if (answerable < policy.minSecurityMatches)
    reasons.push({
      code: 'TOO_FEW_SECURITY_QUESTIONS_ON_FILE',
      message: `Only ${answerable} security questions can be answered from the records; ${policy.minSecurityMatches} must match.`,
    });
  return reasons;
};

/** What the policy still asks besides no mismatch: the required matches, the security answers, the code. */
const requirementsLeft = (
  checks: Check[],
  customer: { privileged: boolean },
  policy: VerificationPolicy,
  waived: boolean,
) => {
  const reasons: PolicyReason[] = [];
  const matched = new Set(checks.filter((check) => check.result === 'MATCH').map((check) => check.type));
  for (const type of policy.requiredMatches) {
    if (!matched.has(type))
      reasons.push({ code: `${type}_NOT_MATCHED`, message: `${type} must be checked and match.` });
  }
  const securityMatches = securityQuestions.filter((type) => matched.has(type)).length;
  if (securityMatches < policy.minSecurityMatches) {
    reasons.push({
      code: 'TOO_FEW_SECURITY_ANSWERS',
      message: `${securityMatches} of the required ${policy.minSecurityMatches} security questions matched.`,
    });
  }
  const codeMissing = needsEmailCode(customer, policy) && !matched.has('EMAIL_CODE');
  if (codeMissing && !waived) {
    reasons.push({
      code: 'EMAIL_CODE_REQUIRED',
      message:
        'The code emailed to the address on file must be read back, or the session completed without possession proof with the reason.',
    });
  }
  return { reasons, codeMissing };
};

export const evaluateVerification = (
  checks: Check[],
  customer: { privileged: boolean },
  policy: VerificationPolicy,
  waiver?: { reason: NoPossessionReason },
): PolicyOutcome => {
  const left = requirementsLeft(checks, customer, policy, waiver !== undefined);
  const reasons = [...mismatchReasons(checks, true), ...left.reasons];
  const outcome = reasons.length === 0 ? 'PASSED' : 'FAILED';
  return {
    outcome,
    reasons,
    ...(outcome === 'PASSED' && left.codeMissing ? { withoutPossessionProof: true } : {}),
  };
};

/**
 * What an open session still lacks before completing it can pass, the same rule as above: with the
 * emailed code, and "without possession proof". Empty lists: it can complete now. The console shows
 * these beside its buttons, so an agent is never offered a completion that can only fail.
 */
export interface StillNeeded {
  withEmailCode: PolicyReason[];
  withoutPossessionProof: PolicyReason[];
}

export const stillNeeded = (
  checks: Check[],
  customer: { privileged: boolean },
  policy: VerificationPolicy,
): StillNeeded => {
  // A wrong answer still waiting for the caller to repeat it would count at the end: complete only after it.
  const counted = new Set(wrongAnswers(checks, false));
  const waiting: PolicyReason[] = wrongAnswers(checks, true)
    .filter((type) => !counted.has(type))
    .map((type) => ({
      code: `REPEAT_PENDING_${type}`,
      message: `The answer to ${type} did not match yet: record what the caller says again (repeated or corrected) first.`,
    }));
  return {
    withEmailCode: [...waiting, ...requirementsLeft(checks, customer, policy, false).reasons],
    withoutPossessionProof: [...waiting, ...requirementsLeft(checks, customer, policy, true).reasons],
  };
};
