// The verification policy: when a helpdesk session PASSES. Pure and configurable; defaults from DESIGN.md.
import { securityQuestions, type CheckResult, type CheckType } from './schemas';

export interface VerificationPolicy {
  /** Identity checks that must be matched. */
  requiredMatches: CheckType[];
  /** How many security questions must be matched. */
  minSecurityMatches: number;
  /** Out-of-band proof of the mailbox on file: for privileged customers, everyone, or nobody. */
  requireEmailCode: 'privileged' | 'always' | 'never';
}

export const defaultVerificationPolicy: VerificationPolicy = {
  requiredMatches: ['EMAIL', 'FULL_NAME'],
  minSecurityMatches: 2,
  requireEmailCode: 'privileged',
};

export interface PolicyReason {
  code: string;
  message: string;
}

export interface PolicyOutcome {
  outcome: 'PASSED' | 'FAILED';
  reasons: PolicyReason[];
}

export const evaluateVerification = (
  checks: { type: CheckType; result: CheckResult }[],
  customer: { privileged: boolean },
  policy: VerificationPolicy,
): PolicyOutcome => {
  const reasons: PolicyReason[] = [];
  const matched = new Set(checks.filter((check) => check.result === 'MATCH').map((check) => check.type));
  // Any wrong answer fails the session, even if the caller later got it right: guessing is the attack.
  const mismatched = [
    ...new Set(checks.filter((check) => check.result === 'MISMATCH').map((check) => check.type)),
  ];
  for (const type of mismatched)
    reasons.push({ code: `MISMATCH_${type}`, message: `The answer to ${type} did not match the records.` });
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
  const needsEmailCode =
    policy.requireEmailCode === 'always' || (policy.requireEmailCode === 'privileged' && customer.privileged);
  if (needsEmailCode && !matched.has('EMAIL_CODE')) {
    reasons.push({
      code: 'EMAIL_CODE_REQUIRED',
      message: customer.privileged
        ? 'This customer is privileged: the code emailed to the address on file must be read back.'
        : 'The code emailed to the address on file must be read back.',
    });
  }
  return { outcome: reasons.length === 0 ? 'PASSED' : 'FAILED', reasons };
};
