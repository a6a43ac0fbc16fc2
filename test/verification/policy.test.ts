// When a verification passes: the default policy of DESIGN.md and its configurable parts.
import { defaultVerificationPolicy, evaluateVerification } from '../../lib/verification/policy';
import type { CheckResult, CheckType } from '../../lib/verification/schemas';

const checks = (entries: [CheckType, CheckResult][]) => entries.map(([type, result]) => ({ type, result }));
const normal = { privileged: false };

describe('the verification policy', () => {
  it('passes with email and full name matched and two security questions', () => {
    const outcome = evaluateVerification(
      checks([
        ['EMAIL', 'MATCH'],
        ['FULL_NAME', 'MATCH'],
        ['CHARGE_POINT_IDS', 'MATCH'],
        ['COMPANY_INFO', 'MATCH'],
        ['COMPANY_NAME', 'NOT_ON_FILE'],
      ]),
      normal,
      defaultVerificationPolicy,
    );
    expect(outcome).toEqual({ outcome: 'PASSED', reasons: [] });
  });

  it('fails on any mismatch, even with everything else right', () => {
    const outcome = evaluateVerification(
      checks([
        ['EMAIL', 'MATCH'],
        ['FULL_NAME', 'MATCH'],
        ['CHARGE_POINT_IDS', 'MATCH'],
        ['COMPANY_INFO', 'MATCH'],
        ['LAST_LOGIN_DATE', 'MISMATCH'],
      ]),
      normal,
      defaultVerificationPolicy,
    );
    expect(outcome.outcome).toBe('FAILED');
    expect(outcome.reasons.map((reason) => reason.code)).toEqual(['MISMATCH_LAST_LOGIN_DATE']);
  });

  it('fails with one security question, or without the identity checks, and says why', () => {
    const outcome = evaluateVerification(
      checks([['CHARGE_POINT_IDS', 'MATCH']]),
      normal,
      defaultVerificationPolicy,
    );
    expect(outcome.reasons.map((reason) => reason.code)).toEqual([
      'EMAIL_NOT_MATCHED',
      'FULL_NAME_NOT_MATCHED',
      'TOO_FEW_SECURITY_ANSWERS',
    ]);
  });

  it('needs the emailed code for privileged customers by default, and for everyone when configured', () => {
    const base = checks([
      ['EMAIL', 'MATCH'],
      ['FULL_NAME', 'MATCH'],
      ['CHARGE_POINT_IDS', 'MATCH'],
      ['LAST_TRANSACTION', 'MATCH'],
    ]);
    expect(
      evaluateVerification(base, { privileged: true }, defaultVerificationPolicy).reasons.map((r) => r.code),
    ).toEqual(['EMAIL_CODE_REQUIRED']);
    expect(
      evaluateVerification(
        [...base, { type: 'EMAIL_CODE', result: 'MATCH' }],
        { privileged: true },
        defaultVerificationPolicy,
      ).outcome,
    ).toBe('PASSED');
    expect(
      evaluateVerification(base, normal, { ...defaultVerificationPolicy, requireEmailCode: 'always' })
        .outcome,
    ).toBe('FAILED');
    expect(
      evaluateVerification(base, normal, { ...defaultVerificationPolicy, minSecurityMatches: 3 }).outcome,
    ).toBe('FAILED');
  });
});
