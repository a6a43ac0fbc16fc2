// The triage route (helpdesk and admins), with the schemas of its input and answer: what the caller
// reports and which factor they still hold; the advice, and whether the self-service guide was queued.
import { customerParams } from '../customers/schemas';
import { appendAudit, staff, type RouteEntry } from '../route-entry';
import * as z from '../schema';
import { channels, triageIdSchema } from '../verification/schemas';
import { reportedProblems } from '../verification/vocabulary';
import { selfServicePaths, verifyBecause } from './advice';

export const recordTriageSchema = z
  .strictObject({
    reportedProblem: z.enum(reportedProblems),
    /**
     * Left out only under a recovery lock (the advice is VERIFY whatever it is, so it is not asked);
     * otherwise its absence is 400 TRIAGE_ANSWER_REQUIRED.
     */
    oldAuthenticatorWorks: z.optional(z.boolean()),
    /** Asked only when the app does not work and the customer has a passkey on file. */
    passkeyWorks: z.optional(z.boolean()),
    /** Asked only when neither the app nor a passkey works: either changes what the codes would. */
    backupCodesAvailable: z.optional(z.boolean()),
    channel: z.enum(channels),
    /**
     * On self-service advice, mail the guide to the addresses on file (default). There is deliberately
     * no address field: a caller's "send it to this address instead" is the helpdesk attack.
     */
    emailGuide: z.optional(z.boolean()),
  })
  .check(
    z.refine(
      (answers) =>
        answers.oldAuthenticatorWorks !== false ||
        answers.passkeyWorks === true ||
        answers.backupCodesAvailable !== undefined,
      {
        message: 'backupCodesAvailable is required when neither the old authenticator nor a passkey works',
        path: ['backupCodesAvailable'],
      },
    ),
    z.refine((answers) => answers.oldAuthenticatorWorks === false || answers.passkeyWorks === undefined, {
      message: 'passkeyWorks is only asked when the old authenticator does not work',
      path: ['passkeyWorks'],
    }),
    z.refine(
      (answers) => answers.oldAuthenticatorWorks !== undefined || answers.backupCodesAvailable === undefined,
      {
        message: 'backupCodesAvailable is only asked after oldAuthenticatorWorks',
        path: ['backupCodesAvailable'],
      },
    ),
  );

export type RecordTriageInput = z.infer<typeof recordTriageSchema>;

/** POST /admin/customers/{customerId}/triage (201). */
export const triageRecordedSchema = z.builtOnFirstUse(() =>
  z.strictObject({
    triageId: triageIdSchema,
    advice: z.enum(['SELF_SERVICE', 'VERIFY']),
    selfServicePath: z.optional(z.enum(selfServicePaths)),
    because: z.optional(z.enum(verifyBecause)),
    /** QUEUED: the notifier mails the guide to the addresses on file; NONE: no mail (VERIFY, or not asked). */
    notification: z.enum(['QUEUED', 'NONE']),
    guidesLeftToday: z.number(),
    auditEventId: z.string(),
  }),
);

export const triageRoutes = [
  {
    method: 'POST',
    path: '/admin/customers/{customerId}/triage',
    operation: 'recordTriage',
    responses: { 201: triageRecordedSchema },
    function: 'adminApi',
    auth: staff,
    params: customerParams,
    body: recordTriageSchema,
    // The guide mail is the notifier's (the event's outbox marker): this route sends nothing itself.
    tables: { customers: 'readWrite', ...appendAudit },
  },
] as const satisfies readonly RouteEntry[];
