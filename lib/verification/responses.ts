// Response bodies of the verification routes: a session started, a check's result, the outcome.
import * as z from '../schema';
import { channels, checkResults, checkTypes, noPossessionReasons } from './schemas';
import { reportedProblems, verificationStatuses } from './vocabulary';

/** POST /admin/customers/{customerId}/verifications (201). */
export const verificationStartedSchema = z.looseObject({
  verificationId: z.string(),
  caseNumber: z.nullable(z.string().check(z.regex(/^HD-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/))),
  status: z.string(),
  startedAt: z.string(),
});

const policyReasonSchema = z.object({ code: z.string(), message: z.string() });

/** What completing an open session still needs, with the emailed code and without it (policy.ts, stillNeeded). */
const toPassSchema = z.object({
  withEmailCode: z.array(policyReasonSchema),
  withoutPossessionProof: z.array(policyReasonSchema),
});

/** POST /admin/verifications/{verificationId}/checks (201): the comparison's result, never the stored answer. */
export const checkRecordedSchema = z.object({
  result: z.enum(checkResults),
  /** EMAIL_CODE, after a wrong code: how many more wrong codes the session judges before one counts. */
  triesLeft: z.optional(z.number()),
  /** While the session stays open: what completing it still needs (lib/verification/policy.ts). */
  toPass: z.optional(toPassSchema),
  /** FAILED when this answer means the session can no longer pass: it ended with this check. */
  status: z.enum(['OPEN', 'FAILED']),
  reasons: z.optional(z.array(policyReasonSchema)),
  cooldownUntil: z.optional(z.string()),
});
export type CheckOutcome = z.infer<typeof checkRecordedSchema>;

/** POST /admin/verifications/{verificationId}/email-code (202): the masked address, and sends left. */
export const emailCodeSentSchema = z.looseObject({
  sentTo: z.string(),
  expiresAt: z.string(),
  sendsLeft: z.number(),
});

/** POST /admin/verifications/{verificationId}/complete: the outcome and why, by the policy. */
export const verificationCompletedSchema = z.object({
  outcome: z.enum(['PASSED', 'FAILED']),
  reasons: z.array(policyReasonSchema),
  /** PASSED although the caller could not read back the emailed code: a disable then needs a second admin. */
  withoutPossessionProof: z.optional(z.boolean()),
});

/** GET /admin/verifications/{verificationId}: the session with every step. */
export const verificationViewSchema = z.object({
  verificationId: z.string(),
  caseNumber: z.nullable(z.string()),
  customerId: z.string(),
  agentId: z.string(),
  channel: z.enum(channels),
  reportedProblem: z.nullable(z.enum(reportedProblems)),
  status: z.enum(verificationStatuses),
  startedAt: z.string(),
  completedAt: z.nullable(z.string()),
  outcome: z.nullable(z.enum(['PASSED', 'FAILED'])),
  reasons: z.array(policyReasonSchema),
  usedAt: z.nullable(z.string()),
  usedBy: z.nullable(z.string()),
  withoutPossessionProof: z.nullable(z.object({ reason: z.enum(noPossessionReasons), agentId: z.string() })),
  /** How often the code was sent and until when the last one holds; never the code. */
  emailCode: z.nullable(z.object({ sentCount: z.number(), lastSentAt: z.string(), expiresAt: z.string() })),
  toPass: z.nullable(toPassSchema),
  checks: z.array(
    z.object({
      type: z.enum(checkTypes),
      result: z.enum(checkResults),
      /** The agent's note, opened. */
      note: z.nullable(z.string()),
      agentId: z.string(),
      at: z.string(),
    }),
  ),
});
export type VerificationView = z.infer<typeof verificationViewSchema>;

/** POST /admin/verifications/{verificationId}/case-record (201): the print is recorded, by whom and when. */
export const caseRecordPrintedSchema = z.object({
  auditEventId: z.string(),
  printedBy: z.string(),
  printedAt: z.string(),
  caseNumber: z.nullable(z.string()),
});

/** GET /admin/verifications?status=PASSED: the admins' hand-off list, newest first, with the time left. */
export const readyVerificationsSchema = z.strictObject({
  verifications: z.array(
    z.strictObject({
      verificationId: z.string(),
      caseNumber: z.nullable(z.string()),
      customerId: z.string(),
      customerName: z.nullable(z.string()),
      agentId: z.string(),
      completedAt: z.string(),
      staleAt: z.string(),
      secondsLeft: z.number(),
      withoutPossessionProof: z.nullable(z.string()),
      ownVerification: z.boolean(),
      /**
       * What a disable by the reader would do now, by the disable's own rule: DIRECT, NEEDS_APPROVAL
       * (with the reasons a second admin sees) or REFUSED (the error code). The hourly limits can
       * fill before the disable, which then decides again.
       */
      disable: z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('DIRECT') }),
        z.strictObject({ kind: z.literal('NEEDS_APPROVAL'), reasons: z.array(z.string()) }),
        z.strictObject({ kind: z.literal('REFUSED'), code: z.string() }),
      ]),
    }),
  ),
  nextCursor: z.nullable(z.string()),
});
