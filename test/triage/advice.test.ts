import { adviseTriage, adviseTriageFor, type TriageAdvice } from '../../lib/triage/advice';
import { reportedProblems, type ReportedProblem } from '../../lib/verification/vocabulary';

const replace: TriageAdvice = { advice: 'SELF_SERVICE', selfServicePath: 'REPLACE_AUTHENTICATOR' };
const backupCode: TriageAdvice = { advice: 'SELF_SERVICE', selfServicePath: 'BACKUP_CODE_SIGN_IN' };
const renew: TriageAdvice = { advice: 'SELF_SERVICE', selfServicePath: 'RENEW_BACKUP_CODES' };
const removePasskey: TriageAdvice = { advice: 'SELF_SERVICE', selfServicePath: 'REMOVE_PASSKEY' };
const verify: TriageAdvice = { advice: 'VERIFY', because: 'NO_FACTOR_LEFT' };

// Written out in full, one row per report: [app works + codes, app works only, codes only, nothing].
const expected: Record<ReportedProblem, [TriageAdvice, TriageAdvice, TriageAdvice, TriageAdvice]> = {
  CANNOT_LOG_IN: [replace, replace, backupCode, verify],
  PHONE_LOST: [replace, replace, backupCode, verify],
  APP_BROKEN: [replace, replace, backupCode, verify],
  BACKUP_CODES_LOST: [renew, renew, backupCode, verify],
  NEW_PHONE: [replace, replace, backupCode, verify],
  PASSKEY_LOST: [removePasskey, removePasskey, backupCode, verify],
};

const answerSets = [
  { oldAuthenticatorWorks: true, backupCodesAvailable: true },
  { oldAuthenticatorWorks: true, backupCodesAvailable: false },
  { oldAuthenticatorWorks: false, backupCodesAvailable: true },
  { oldAuthenticatorWorks: false, backupCodesAvailable: false },
] as const;

describe('triage advice (the manual\'s "Probleem Herkenning")', () => {
  it('covers every report of the manual', () => {
    expect(Object.keys(expected).sort()).toEqual([...reportedProblems].sort());
  });

  describe.each(reportedProblems)('a caller who reports %s', (reportedProblem) => {
    it.each(answerSets.map((answers, index) => [answers, index] as const))(
      'with %o gets the advice of the table',
      (answers, index) => {
        expect(adviseTriage({ reportedProblem, ...answers })).toEqual(expected[reportedProblem][index]);
      },
    );
  });

  it('sends to verification only a caller with nothing left', () => {
    for (const reportedProblem of reportedProblems)
      for (const answers of answerSets) {
        const advice = adviseTriage({ reportedProblem, ...answers });
        expect(advice.advice === 'VERIFY').toBe(
          !answers.oldAuthenticatorWorks && !answers.backupCodesAvailable,
        );
      }
  });

  it('a new phone with the old one in hand: log in with the old app and replace the authenticator', () => {
    expect(
      adviseTriage({
        reportedProblem: 'NEW_PHONE',
        oldAuthenticatorWorks: true,
        backupCodesAvailable: false,
      }),
    ).toEqual(replace);
  });

  it('a lost phone with backup codes: sign in with a backup code', () => {
    expect(
      adviseTriage({
        reportedProblem: 'PHONE_LOST',
        oldAuthenticatorWorks: false,
        backupCodesAvailable: true,
      }),
    ).toEqual(backupCode);
  });

  it('under a recovery lock every caller goes the security path, whatever they hold', () => {
    for (const reportedProblem of reportedProblems)
      for (const answers of answerSets) {
        expect(adviseTriageFor({ reportedProblem, ...answers }, { recoveryLocked: true })).toEqual({
          advice: 'VERIFY',
          because: 'RECOVERY_LOCKED',
        });
        expect(adviseTriageFor({ reportedProblem, ...answers }, { recoveryLocked: false })).toEqual(
          adviseTriage({ reportedProblem, ...answers }),
        );
      }
  });
});
