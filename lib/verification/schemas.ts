// The verification's vocabulary as schemas read it: channels, checks and their results, the ids in paths.
// The routes' bodies and answers are in api.ts.
import * as z from '../schema';
import { noPossessionReasons, type NoPossessionReason } from './vocabulary';

export { noPossessionReasons, type NoPossessionReason };

/** A triage id: the verification request names the triage it follows (lib/verification/triage-link.ts). */
export const triageIdSchema = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'a triage id is a ULID'));

export const channels = ['phone', 'email', 'chat'] as const;
export type Channel = (typeof channels)[number];

export const identityChecks = ['FULL_NAME', 'EMAIL', 'COMPANY_NAME', 'LAST_LOGIN_DATE'] as const;
export const securityQuestions = ['CHARGE_POINT_IDS', 'LAST_TRANSACTION', 'COMPANY_INFO'] as const;
export const checkTypes = [...identityChecks, ...securityQuestions, 'EMAIL_CODE'] as const;
export type CheckType = (typeof checkTypes)[number];
/**
 * What a check can come to. INCOMPLETE: every part said is right but too few to match; ask for more.
 * MISMATCH_UNCONFIRMED: a wrong answer that does not count yet (the first to a question in a session,
 * or a wrong emailed code with tries left); ask the caller to repeat it. UNKNOWN: the caller does not
 * know, recorded without a comparison. Only MATCH proves and only MISMATCH fails (lib/verification/answers.ts).
 */
export const checkResults = [
  'MATCH',
  'INCOMPLETE',
  'MISMATCH_UNCONFIRMED',
  'MISMATCH',
  'NOT_ON_FILE',
  'UNKNOWN',
] as const;
export type CheckResult = (typeof checkResults)[number];

export const verificationIdSchema = z
  .string()
  .check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'a verification id is a ULID'));

/** The path parameters of a route under `/admin/verifications/{verificationId}`. */
export const verificationParams = z.strictObject({ verificationId: verificationIdSchema });
