// Input of the disable and approval routes, and of a notice's "this wasn't me" link.
import * as z from '../schema';
import { verificationIdSchema } from '../verification/schemas';

export const disableRequestSchema = z.strictObject({
  verificationId: verificationIdSchema,
  /** Why the admin disables 2FA, in their words: kept in the audit trail. */
  reason: z.singleLine(3, 500),
});

/** POST /admin/approvals/{approvalId}/reject and POST /admin/verifications/{verificationId}/cancel. */
export const staffReasonSchema = z.strictObject({
  /** Why, in the admin's or agent's words: kept in the audit trail. */
  reason: z.singleLine(3, 500),
});

/**
 * A notice's "this wasn't me" token (lib/reset/notice-report.ts). Any string within the bound: a
 * malformed one is simply unknown (404 NOTICE_UNKNOWN), as for tickets.
 */
export const noticeTokenSchema = z.string().check(z.minLength(1), z.maxLength(400));

/**
 * POST /admin/customers/{customerId}/2fa/reset-link. `sendTo` is for a customer who cannot open the
 * mailbox of `email`: one of the customer's further addresses on file (`notificationEmails`), chosen by
 * the admin. Any address not on file is refused, so a caller cannot have the link sent where they read it.
 */
export const resetLinkRequestSchema = z.optional(
  z.strictObject({ sendTo: z.optional(z.email().check(z.maxLength(254))) }),
);

export const approvalIdSchema = z
  .string()
  .check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'an approval id is a ULID'));

export type DisableRequestInput = z.infer<typeof disableRequestSchema>;
export type StaffReasonInput = z.infer<typeof staffReasonSchema>;
export type ResetLinkRequestInput = z.infer<typeof resetLinkRequestSchema>;
