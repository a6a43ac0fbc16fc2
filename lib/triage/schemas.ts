// Input of the triage route: what the caller reports and which factor they still hold.
import * as z from '../schema';
import { channels } from '../verification/schemas';
import { reportedProblems } from '../verification/vocabulary';

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
