// Response bodies of the verification routes: a session started, a check's result, the outcome.
import * as z from '../schema';
import { checkResults, checkTypes } from './schemas';

/** POST /admin/customers/{customerId}/verifications (201). */
export const verificationStartedSchema = z.looseObject({
  verificationId: z.string(),
  caseNumber: z.nullable(z.string().check(z.regex(/^HD-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/))),
  status: z.string(),
  startedAt: z.string(),
});

const policyReasonSchema = z.looseObject({ code: z.string(), message: z.string() });

/** What completing an open session still needs, with the emailed code and without it (policy.ts, stillNeeded). */
const toPassSchema = z.looseObject({
  withEmailCode: z.array(policyReasonSchema),
  withoutPossessionProof: z.array(policyReasonSchema),
});

/** POST /admin/verifications/{verificationId}/checks (201): the comparison's result, never the stored answer. */
export const checkRecordedSchema = z.looseObject({
  result: z.enum(checkResults),
  /** EMAIL_CODE, after a wrong code: how many more wrong codes the session judges before one counts. */
  triesLeft: z.optional(z.number()),
  toPass: z.optional(toPassSchema),
});

/** POST /admin/verifications/{verificationId}/email-code (202): the masked address, and sends left. */
export const emailCodeSentSchema = z.looseObject({
  sentTo: z.string(),
  expiresAt: z.string(),
  sendsLeft: z.number(),
});

/** POST /admin/verifications/{verificationId}/complete: the outcome and why, by the policy. */
export const verificationCompletedSchema = z.looseObject({
  outcome: z.enum(['PASSED', 'FAILED']),
  reasons: z.array(policyReasonSchema),
});

/** GET /admin/verifications/{verificationId}: the session with every step. */
export const verificationViewSchema = z.looseObject({
  verificationId: z.string(),
  customerId: z.string(),
  agentId: z.string(),
  status: z.string(),
  reasons: z.array(policyReasonSchema),
  toPass: z.nullable(toPassSchema),
  checks: z.array(z.looseObject({ type: z.enum(checkTypes), result: z.enum(checkResults), at: z.string() })),
});

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
