// When a verification passes: the default policy of DESIGN.md and its configurable parts.
import {
  defaultVerificationPolicy,
  evaluateVerification,
  reasonsItCannotPass,
  stillNeeded,
} from '../../lib/verification/policy';
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
        ['EMAIL_CODE', 'MATCH'],
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
        ['EMAIL_CODE', 'MATCH'],
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
      'EMAIL_CODE_REQUIRED',
    ]);
  });

  it('needs the emailed code from every customer by default, and only from privileged ones when configured', () => {
    const base = checks([
      ['EMAIL', 'MATCH'],
      ['FULL_NAME', 'MATCH'],
      ['CHARGE_POINT_IDS', 'MATCH'],
      ['LAST_TRANSACTION', 'MATCH'],
    ]);
    expect(evaluateVerification(base, normal, defaultVerificationPolicy).reasons.map((r) => r.code)).toEqual([
      'EMAIL_CODE_REQUIRED',
    ]);
    expect(
      evaluateVerification(
        [...base, { type: 'EMAIL_CODE', result: 'MATCH' }],
        normal,
        defaultVerificationPolicy,
      ),
    ).toEqual({ outcome: 'PASSED', reasons: [] });
    const privilegedOnly = { ...defaultVerificationPolicy, requireEmailCode: 'privileged' as const };
    expect(evaluateVerification(base, normal, privilegedOnly).outcome).toBe('PASSED');
    expect(evaluateVerification(base, { privileged: true }, privilegedOnly).outcome).toBe('FAILED');
    expect(evaluateVerification(base, normal, { ...privilegedOnly, minSecurityMatches: 3 }).outcome).toBe(
      'FAILED',
    );
  });

  it('passes without the code only when the reason is recorded, and then says "without possession proof"', () => {
    const base = checks([
      ['EMAIL', 'MATCH'],
      ['FULL_NAME', 'MATCH'],
      ['CHARGE_POINT_IDS', 'MATCH'],
      ['LAST_TRANSACTION', 'MATCH'],
    ]);
    expect(
      evaluateVerification(base, normal, defaultVerificationPolicy, { reason: 'MAILBOX_ON_LOST_DEVICE' }),
    ).toEqual({ outcome: 'PASSED', reasons: [], withoutPossessionProof: true });
    // With the code read back, the waiver changes nothing.
    expect(
      evaluateVerification(
        [...base, { type: 'EMAIL_CODE', result: 'MATCH' }],
        normal,
        defaultVerificationPolicy,
        {
          reason: 'CODE_NOT_RECEIVED',
        },
      ),
    ).toEqual({ outcome: 'PASSED', reasons: [] });
    // A waiver never covers a wrong answer or missing knowledge.
    expect(
      evaluateVerification(base.slice(0, 3), normal, defaultVerificationPolicy, {
        reason: 'CODE_NOT_RECEIVED',
      }).outcome,
    ).toBe('FAILED');
  });

  it('knows when a session can no longer pass: at a wrong answer, or when too few questions are on file', () => {
    expect(
      reasonsItCannotPass(
        checks([
          ['EMAIL', 'MATCH'],
          ['COMPANY_INFO', 'UNKNOWN'],
        ]),
        defaultVerificationPolicy,
      ),
    ).toEqual([]);
    expect(
      reasonsItCannotPass(checks([['EMAIL_CODE', 'MISMATCH']]), defaultVerificationPolicy).map((r) => r.code),
    ).toEqual(['MISMATCH_EMAIL_CODE']);
    expect(
      reasonsItCannotPass(
        checks([
          ['COMPANY_INFO', 'NOT_ON_FILE'],
          ['LAST_TRANSACTION', 'NOT_ON_FILE'],
        ]),
        defaultVerificationPolicy,
      ).map((r) => r.code),
    ).toEqual(['TOO_FEW_SECURITY_QUESTIONS_ON_FILE']);
  });

  it('says what completing still needs by the same rule: never a mismatch (that ends the session), the code only where asked', () => {
    const answered = checks([
      ['FULL_NAME', 'MATCH'],
      ['EMAIL', 'MATCH'],
      ['CHARGE_POINT_IDS', 'MATCH'],
      ['LAST_TRANSACTION', 'UNKNOWN'],
    ]);
    const codes = (reasons: { code: string }[]) => reasons.map((reason) => reason.code);
    const needs = stillNeeded(answered, normal, defaultVerificationPolicy);
    expect(codes(needs.withEmailCode)).toEqual(['TOO_FEW_SECURITY_ANSWERS', 'EMAIL_CODE_REQUIRED']);
    expect(codes(needs.withoutPossessionProof)).toEqual(['TOO_FEW_SECURITY_ANSWERS']);
    const tiered = { ...defaultVerificationPolicy, requireEmailCode: 'privileged' as const };
    expect(codes(stillNeeded(answered, normal, tiered).withEmailCode)).toEqual(['TOO_FEW_SECURITY_ANSWERS']);
    // Empty exactly when evaluating with the code (or the waiver) passes.
    const done = [
      ...answered,
      ...checks([
        ['COMPANY_INFO', 'MATCH'],
        ['EMAIL_CODE', 'MATCH'],
      ]),
    ];
    expect(stillNeeded(done, normal, defaultVerificationPolicy)).toEqual({
      withEmailCode: [],
      withoutPossessionProof: [],
    });
    expect(evaluateVerification(done, normal, defaultVerificationPolicy).outcome).toBe('PASSED');
  });
});
