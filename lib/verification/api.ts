// The verification routes (helpdesk, admins; reads also security officers), with the schemas of their
// input and answers: a session started, a check's result, the emailed code, the outcome, the session as
// read, the admins' hand-off list, the printed case record, a cancel.
import { customerParams } from '../customers/schemas';
import { pageQuerySchema } from '../pagination';
import {
  adminOnly,
  appendAudit,
  staff,
  staffAndSecurity,
  staffReasonSchema,
  type RouteEntry,
} from '../route-entry';
import * as z from '../schema';
import {
  channels,
  checkResults,
  checkTypes,
  noPossessionReasons,
  triageIdSchema,
  verificationParams,
} from './schemas';
import { reportedProblems, verificationStatuses } from './vocabulary';

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

/** POST /admin/customers/{customerId}/verifications (201). */
export const verificationStartedSchema = z.builtOnFirstUse(() =>
  z.looseObject({
    verificationId: z.string(),
    caseNumber: z.nullable(z.string().check(z.regex(/^HD-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/))),
    status: z.string(),
    startedAt: z.string(),
  }),
);

const policyReasonSchema = z.object({ code: z.string(), message: z.string() });

/** What completing an open session still needs, with the emailed code and without it (policy.ts, stillNeeded). */
const toPassSchema = z.object({
  withEmailCode: z.array(policyReasonSchema),
  withoutPossessionProof: z.array(policyReasonSchema),
});

/** POST /admin/verifications/{verificationId}/checks (201): the comparison's result, never the stored answer. */
export const checkRecordedSchema = z.builtOnFirstUse(() =>
  z.object({
    result: z.enum(checkResults),
    /** EMAIL_CODE, after a wrong code: how many more wrong codes the session judges before one counts. */
    triesLeft: z.optional(z.number()),
    /** While the session stays open: what completing it still needs (lib/verification/policy.ts). */
    toPass: z.optional(toPassSchema),
    /** FAILED when this answer means the session can no longer pass: it ended with this check. */
    status: z.enum(['OPEN', 'FAILED']),
    reasons: z.optional(z.array(policyReasonSchema)),
    cooldownUntil: z.optional(z.string()),
  }),
);
export type CheckOutcome = z.infer<typeof checkRecordedSchema>;

/** POST /admin/verifications/{verificationId}/email-code (202): the masked address, and sends left. */
export const emailCodeSentSchema = z.builtOnFirstUse(() =>
  z.looseObject({
    sentTo: z.string(),
    expiresAt: z.string(),
    sendsLeft: z.number(),
  }),
);

/** POST /admin/verifications/{verificationId}/complete: the outcome and why, by the policy. */
export const verificationCompletedSchema = z.builtOnFirstUse(() =>
  z.object({
    outcome: z.enum(['PASSED', 'FAILED']),
    reasons: z.array(policyReasonSchema),
    /** PASSED although the caller could not read back the emailed code: a disable then needs a second admin. */
    withoutPossessionProof: z.optional(z.boolean()),
  }),
);

/** GET /admin/verifications/{verificationId}: the session with every step. */
export const verificationViewSchema = z.builtOnFirstUse(() =>
  z.object({
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
    withoutPossessionProof: z.nullable(
      z.object({ reason: z.enum(noPossessionReasons), agentId: z.string() }),
    ),
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
  }),
);
export type VerificationView = z.infer<typeof verificationViewSchema>;

/** POST /admin/verifications/{verificationId}/case-record (201): the print is recorded, by whom and when. */
export const caseRecordPrintedSchema = z.builtOnFirstUse(() =>
  z.object({
    auditEventId: z.string(),
    printedBy: z.string(),
    printedAt: z.string(),
    caseNumber: z.nullable(z.string()),
  }),
);

/** GET /admin/verifications?status=PASSED: the admins' hand-off list, newest first, with the time left. */
export const readyVerificationsSchema = z.builtOnFirstUse(() =>
  z.strictObject({
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
  }),
);

/** POST /admin/verifications/{verificationId}/cancel. */
export const verificationCancelledSchema = z.builtOnFirstUse(() =>
  z.strictObject({
    status: z.literal('CANCELLED'),
    verificationId: z.string(),
    auditEventId: z.string(),
  }),
);

export const verificationRoutes = [
  {
    method: 'POST',
    path: '/admin/customers/{customerId}/verifications',
    operation: 'startVerification',
    responses: { 201: verificationStartedSchema },
    function: 'adminApi',
    auth: staff,
    params: customerParams,
    body: startVerificationSchema,
    // The session's case number is claimed in CustomerSearch (a conditional Put), where search finds it.
    tables: { customers: 'readWrite', verifications: 'readWrite', customerSearch: 'append', ...appendAudit },
  },
  {
    method: 'POST',
    path: '/admin/verifications/{verificationId}/checks',
    operation: 'recordCheck',
    responses: { 201: checkRecordedSchema },
    function: 'adminApi',
    auth: staff,
    params: verificationParams,
    body: recordCheckSchema,
    tables: { customers: 'readWrite', verifications: 'readWrite', ...appendAudit },
    services: ['answerHashKey'],
  },
  {
    method: 'POST',
    path: '/admin/verifications/{verificationId}/email-code',
    operation: 'sendEmailCode',
    responses: { 202: emailCodeSentSchema },
    function: 'adminApi',
    auth: staff,
    params: verificationParams,
    tables: { customers: 'readWrite', verifications: 'readWrite', ...appendAudit },
    services: ['sendEmail', 'answerHashKey'],
  },
  {
    method: 'POST',
    path: '/admin/verifications/{verificationId}/complete',
    operation: 'completeVerification',
    responses: { 200: verificationCompletedSchema },
    function: 'adminApi',
    auth: staff,
    params: verificationParams,
    body: completeVerificationSchema,
    // A pass is counted in the agent's velocity window.
    tables: { customers: 'readWrite', verifications: 'readWrite', velocity: 'readWrite', ...appendAudit },
  },
  {
    method: 'GET',
    path: '/admin/verifications/{verificationId}',
    operation: 'getVerification',
    responses: { 200: verificationViewSchema },
    function: 'adminApi',
    // The session's agent, admins and security officers (lib/verification/access.ts decides, 403 otherwise).
    auth: staffAndSecurity,
    params: verificationParams,
    tables: { verifications: 'read' },
  },
  {
    method: 'GET',
    path: '/admin/verifications',
    operation: 'listReadyVerifications',
    responses: { 200: readyVerificationsSchema },
    function: 'adminApi',
    // Admins only: the list names every customer about to have 2FA disabled, which is the admins' work;
    // an agent sees their own outcome on the customer's page and needs no one else's.
    auth: adminOnly,
    query: readyVerificationsQuerySchema,
    // The list names the customer of each session.
    tables: { verifications: 'read', customers: 'read' },
  },
  {
    method: 'POST',
    path: '/admin/verifications/{verificationId}/case-record',
    operation: 'recordCaseRecordPrinted',
    responses: { 201: caseRecordPrintedSchema },
    function: 'adminApi',
    // Who may read the session prints it (lib/verification/access.ts).
    auth: staffAndSecurity,
    params: verificationParams,
    // No input beyond the path; an empty JSON object is accepted from clients that always send one.
    body: z.optional(z.strictObject({})),
    // One person's prints of a case within a minute are one event: a conditional marker in Idempotency.
    tables: { customers: 'read', verifications: 'read', idempotency: 'readWrite', ...appendAudit },
  },
  {
    method: 'POST',
    path: '/admin/verifications/{verificationId}/cancel',
    operation: 'cancelVerification',
    responses: { 200: verificationCancelledSchema },
    function: 'adminApi',
    auth: staff,
    params: verificationParams,
    body: staffReasonSchema,
    tables: { customers: 'readWrite', verifications: 'readWrite', ...appendAudit },
    // The reason is sealed into the audit event with the customer's audit-text key (made or unwrapped).
    services: ['sealSecrets', 'openSecrets'],
  },
] as const satisfies readonly RouteEntry[];
