import { adviseTriage, adviseTriageFor, reportFits, type TriageAdvice } from '../../lib/triage/advice';
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
        for (const hasPasskeys of [false, true])
          expect(
            adviseTriageFor(
              { reportedProblem, ...answers, passkeyWorks: true },
              { recoveryLocked: true, hasPasskeys },
            ),
          ).toEqual({ advice: 'VERIFY', because: 'RECOVERY_LOCKED' });
        expect(
          adviseTriageFor({ reportedProblem, ...answers }, { recoveryLocked: false, hasPasskeys: false }),
        ).toEqual(adviseTriage({ reportedProblem, ...answers }));
      }
  });
});

describe('triage advice for a customer with a passkey on file', () => {
  const standing = { recoveryLocked: false, hasPasskeys: true };
  const passkeySignIn: TriageAdvice = { advice: 'SELF_SERVICE', selfServicePath: 'PASSKEY_SIGN_IN' };

  it.each(reportedProblems)(
    '%s without the app but with a passkey that signs in: self-service, codes or not',
    (reportedProblem) => {
      for (const backupCodesAvailable of [undefined, true, false])
        expect(
          adviseTriageFor(
            { reportedProblem, oldAuthenticatorWorks: false, passkeyWorks: true, backupCodesAvailable },
            standing,
          ),
        ).toEqual(passkeySignIn);
    },
  );

  it('a working app decides first: the passkey is not asked', () => {
    expect(
      adviseTriageFor(
        { reportedProblem: 'NEW_PHONE', oldAuthenticatorWorks: true, passkeyWorks: true },
        standing,
      ),
    ).toEqual(replace);
  });

  it('without the app, no advice until the passkey is answered; without a working passkey, the codes decide', () => {
    const lost = { reportedProblem: 'PHONE_LOST', oldAuthenticatorWorks: false } as const;
    expect(adviseTriageFor({ ...lost, backupCodesAvailable: false }, standing)).toBeUndefined();
    expect(adviseTriageFor({ ...lost, passkeyWorks: false }, standing)).toBeUndefined();
    expect(adviseTriageFor({ ...lost, passkeyWorks: false, backupCodesAvailable: true }, standing)).toEqual(
      backupCode,
    );
    expect(adviseTriageFor({ ...lost, passkeyWorks: false, backupCodesAvailable: false }, standing)).toEqual(
      verify,
    );
  });

  it('an answer about a passkey the customer does not have counts for nothing', () => {
    const noPasskey = { recoveryLocked: false, hasPasskeys: false };
    const claimed = {
      reportedProblem: 'PHONE_LOST',
      oldAuthenticatorWorks: false,
      passkeyWorks: true,
    } as const;
    // A client that skipped the codes because it saw a passkey (since removed) gets no advice: asked again.
    expect(adviseTriageFor(claimed, noPasskey)).toBeUndefined();
    expect(adviseTriageFor({ ...claimed, backupCodesAvailable: false }, noPasskey)).toEqual(verify);
  });

  it('"passkey lost" is a report about a passkey on file; every other report fits any customer', () => {
    expect(reportFits('PASSKEY_LOST', { hasPasskeys: true })).toBe(true);
    expect(reportFits('PASSKEY_LOST', { hasPasskeys: false })).toBe(false);
    for (const problem of reportedProblems.filter((report) => report !== 'PASSKEY_LOST'))
      expect([problem, reportFits(problem, { hasPasskeys: false })]).toEqual([problem, true]);
  });
});
