// The triage rule (the manual's "Probleem Herkenning"): from what the caller reports and which factor
// they still hold, self-service or the verification procedure. No dependencies: the route, the audit,
// the console (which bundles this file) and the recovery report all take the words from here.
import type { AuditEventType } from '../audit/events';
import type { ReportedProblem } from '../verification/vocabulary';

/** What the customer does alone, with the factor still in hand (the login service's step-up routes). */
export const selfServicePaths = [
  /** Log in with the old app, then "authenticator vervangen" (a replace ticket; new backup codes come with it). */
  'REPLACE_AUTHENTICATOR',
  /** Log in with a backup code, then replace the authenticator (which also renews the backup codes). */
  'BACKUP_CODE_SIGN_IN',
  /** Log in with a passkey, then replace the authenticator (a passkey is the step-up; new backup codes come with it). */
  'PASSKEY_SIGN_IN',
  /** Log in with the app, then renew the backup codes (the old ones stop working). */
  'RENEW_BACKUP_CODES',
  /** Log in with the app, then remove the lost passkey (the login service's passkey removal). */
  'REMOVE_PASSKEY',
] as const;
export type SelfServicePath = (typeof selfServicePaths)[number];

/**
 * The audit event that shows a self-service path was followed, and, where other paths write the same
 * event, which of its details say it was this one: the recovery report counts it as a reset avoided. A
 * new path is a tsc error here until it names the event its completion writes.
 */
export interface SelfServiceCompletion {
  type: AuditEventType;
  /** Whether an event of `type` completes this path (e.g. a removal the customer made, not a reset's). */
  when?: (details: Record<string, unknown>) => boolean;
}

export const selfServiceCompletions = {
  REPLACE_AUTHENTICATOR: { type: 'AUTHENTICATOR_REPLACED' },
  BACKUP_CODE_SIGN_IN: { type: 'AUTHENTICATOR_REPLACED' },
  PASSKEY_SIGN_IN: { type: 'AUTHENTICATOR_REPLACED' },
  RENEW_BACKUP_CODES: { type: 'BACKUP_CODES_REGENERATED' },
  // A reset and a replacement remove passkeys too (reason RESET, REPLACED): only the customer's own counts.
  REMOVE_PASSKEY: { type: 'PASSKEY_REMOVED', when: (details) => details.reason === 'SELF_SERVICE' },
} as const satisfies Record<SelfServicePath, SelfServiceCompletion>;

/** Whether an audit event completes a self-service path (the recovery report's "reset avoided"). */
export const completesSelfService = (event: { type: string; details: Record<string, unknown> }) =>
  Object.values<SelfServiceCompletion>(selfServiceCompletions).some(
    (completion) => completion.type === event.type && (completion.when?.(event.details) ?? true),
  );

/** The event types that can complete a self-service path. */
export const selfServiceCompletionTypes = [
  ...new Set(
    Object.values<SelfServiceCompletion>(selfServiceCompletions).map((completion) => completion.type),
  ),
];

export const triageAdvices = ['SELF_SERVICE', 'VERIFY'] as const;
export type TriageAdviceKind = (typeof triageAdvices)[number];

/**
 * Why the procedure: the caller holds no factor any more, or a "this wasn't me" report locked
 * recovery (then no code counts, so self-service cannot work, and the security team decides).
 */
export const verifyBecause = ['NO_FACTOR_LEFT', 'RECOVERY_LOCKED'] as const;
export type VerifyBecause = (typeof verifyBecause)[number];

export interface TriageAnswers {
  reportedProblem: ReportedProblem;
  /** Does the caller still have the old authenticator, and does it still show codes? */
  oldAuthenticatorWorks: boolean;
  /**
   * Can the caller still sign in with a passkey? Asked only when the app does not work and the customer
   * has one on file (passkeyQuestionAsked); a passkey signs in and steps up like the app.
   */
  passkeyWorks?: boolean;
  /**
   * Does the caller still have unused backup codes? Not asked when the app or a passkey works (either
   * decides alone).
   */
  backupCodesAvailable?: boolean;
}

export type TriageAdvice =
  { advice: 'SELF_SERVICE'; selfServicePath: SelfServicePath } | { advice: 'VERIFY'; because: VerifyBecause };

/**
 * The report decides only what to do with a working app: renew the codes when those are what is lost,
 * move to a new authenticator otherwise (new phone, a phone that is going, an app that misbehaves: a
 * fresh enrollment with new backup codes). One entry per report, so a new report is a tsc error here
 * until someone decides its path.
 */
export const pathWithWorkingApp: Record<ReportedProblem, SelfServicePath> = {
  CANNOT_LOG_IN: 'REPLACE_AUTHENTICATOR',
  PHONE_LOST: 'REPLACE_AUTHENTICATOR',
  APP_BROKEN: 'REPLACE_AUTHENTICATOR',
  BACKUP_CODES_LOST: 'RENEW_BACKUP_CODES',
  NEW_PHONE: 'REPLACE_AUTHENTICATOR',
  // A lost security key or a passkey on a lost device: the app signs in and removes it; the rest stays.
  PASSKEY_LOST: 'REMOVE_PASSKEY',
};

/**
 * Every reset is what an attacker asks a helpdesk for, so a caller who holds any factor recovers
 * with it: with a working app, the report's path; without it, a backup code signs in.
 */
export const adviseTriage = (answers: TriageAnswers): TriageAdvice => {
  if (answers.oldAuthenticatorWorks)
    return { advice: 'SELF_SERVICE', selfServicePath: pathWithWorkingApp[answers.reportedProblem] };
  if (answers.passkeyWorks === true) return { advice: 'SELF_SERVICE', selfServicePath: 'PASSKEY_SIGN_IN' };
  if (answers.backupCodesAvailable === true)
    return { advice: 'SELF_SERVICE', selfServicePath: 'BACKUP_CODE_SIGN_IN' };
  return { advice: 'VERIFY', because: 'NO_FACTOR_LEFT' };
};

/** The answers as asked: under a recovery lock the questions about the factors are not. */
export type AskedTriageAnswers = Omit<TriageAnswers, 'oldAuthenticatorWorks'> & {
  oldAuthenticatorWorks?: boolean;
};

/**
 * Whether the questions about the factors are asked at all: under a recovery lock no code counts, so
 * no answer could change the advice, and asking them would only suggest it could.
 */
export const factorQuestionsAsked = (customer: { recoveryLocked: boolean }) => !customer.recoveryLocked;

/** What the triage needs to know of the customer: a lock, and whether a passkey is on file to ask about. */
export interface TriageStanding {
  recoveryLocked: boolean;
  hasPasskeys: boolean;
}

/**
 * A report about a factor names one on file: "passkey lost" of a customer without a passkey would mail
 * a guide to remove nothing. The console offers only the reports that fit; the server refuses the rest
 * (a passkey removed while the console showed it), and the agent asks what the caller lost.
 */
export const reportFits = (problem: ReportedProblem, customer: Pick<TriageStanding, 'hasPasskeys'>) =>
  problem !== 'PASSKEY_LOST' || customer.hasPasskeys;

/** The passkey question: only for a customer with a passkey on file, once the app is known not to work. */
export const passkeyQuestionAsked = (
  answers: Pick<AskedTriageAnswers, 'oldAuthenticatorWorks'>,
  customer: TriageStanding,
) => factorQuestionsAsked(customer) && customer.hasPasskeys && answers.oldAuthenticatorWorks === false;

/**
 * The customer's standing decides before the answers: under a recovery lock no code counts. Without a
 * lock, undefined until the questions that decide are answered: the app; without it, a passkey on file;
 * without one that works, the backup codes. An answer about a passkey the customer does not have
 * counts for nothing (one removed while the console showed it).
 */
export const adviseTriageFor = (
  answers: AskedTriageAnswers,
  customer: TriageStanding,
): TriageAdvice | undefined => {
  if (customer.recoveryLocked) return { advice: 'VERIFY', because: 'RECOVERY_LOCKED' };
  const { oldAuthenticatorWorks } = answers;
  if (oldAuthenticatorWorks === undefined) return undefined;
  const passkeyWorks = passkeyQuestionAsked(answers, customer) ? answers.passkeyWorks : false;
  if (oldAuthenticatorWorks === false) {
    if (passkeyWorks === undefined) return undefined;
    if (!passkeyWorks && answers.backupCodesAvailable === undefined) return undefined;
  }
  return adviseTriage({ ...answers, oldAuthenticatorWorks, passkeyWorks });
};
