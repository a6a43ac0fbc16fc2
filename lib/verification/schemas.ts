// Input of the verification routes: one zod schema per body, the single source of validation and types.
import * as z from '../schema';
import { pageQuerySchema } from '../pagination';
import { noPossessionReasons, reportedProblems, type NoPossessionReason } from './vocabulary';

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

export const startVerificationSchema = z.strictObject({
  channel: z.enum(channels),
  reportedProblem: z.optional(z.enum(reportedProblems)),
  /** The triage whose advice was VERIFY (triage-link.ts); its report becomes the session's. */
  triageId: z.optional(triageIdSchema),
});

const note = z.optional(z.string().check(z.trim(), z.maxLength(1000)));

export const recordCheckSchema = z.union([
  z.strictObject({
    type: z.enum(checkTypes),
    /** What the caller said, as the agent typed it. Compared on the server, kept only as a keyed hash. */
    answer: z.singleLine(1, 500),
    /**
     * The caller was asked again after MISMATCH_UNCONFIRMED and this is what they said: required for the
     * question's next answer, refused on any other; a wrong answer with it counts (answers.ts).
     */
    callerRepeated: z.optional(z.literal(true)),
    /** The agent's own note, kept as written (it is the agent's documentation, not the caller's data); may span lines. */
    note,
  }),
  z.strictObject({
    type: z.enum(checkTypes),
    /** The caller does not know: recorded as UNKNOWN, never compared, never a wrong answer. */
    unknown: z.literal(true),
    note,
  }),
]);

export const completeVerificationSchema = z.optional(
  z.strictObject({
    /** The caller cannot receive the emailed code: the session may pass only without possession proof. */
    withoutPossessionProof: z.optional(
      z.strictObject({
        reason: z.enum(noPossessionReasons),
        note: z.optional(z.string().check(z.trim(), z.minLength(3), z.maxLength(1000))),
      }),
    ),
  }),
);

export type StartVerificationInput = z.infer<typeof startVerificationSchema>;
export type RecordCheckInput = z.infer<typeof recordCheckSchema>;
export type CompleteVerificationInput = z.infer<typeof completeVerificationSchema>;

/** GET /admin/verifications: the admins' hand-off list (only `status=PASSED` is listed: passes nobody used). */
export const readyVerificationsQuerySchema = z.strictObject({
  status: z.literal('PASSED'),
  ...pageQuerySchema(50, 100),
});
export type ReadyVerificationsQuery = z.infer<typeof readyVerificationsQuerySchema>;
