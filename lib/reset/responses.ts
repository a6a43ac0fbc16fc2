// Response bodies of the disable gate: disabled at once, or waiting for a second admin.
import { checksSummarySchema } from '../verification/checks-summary';
import * as z from '../schema';
import { approvalReasons } from './approval-reasons';

/** 200 of disable and approve: the same answer either way. */
export const twoFactorDisabledSchema = z.looseObject({
  twoFactor: z.literal('DISABLED'),
  auditEventId: z.string(),
  notification: z.string(),
});

/** 202 of disable when policy asks for a second person. */
export const disablePendingApprovalSchema = z.looseObject({
  status: z.literal('PENDING_APPROVAL'),
  approvalId: z.string(),
  /** Why a second admin must decide. */
  approvalReasons: z.array(z.enum(approvalReasons)),
  expiresAt: z.string(),
});

/** GET /admin/approvals: what the deciding admin needs, newest first. */
export const pendingApprovalsSchema = z.object({
  approvals: z.array(
    z.object({
      approvalId: z.string(),
      customerId: z.string(),
      customerName: z.nullable(z.string()),
      verificationId: z.string(),
      caseNumber: z.nullable(z.string()),
      requestedBy: z.string(),
      verifiedBy: z.string(),
      /** The requester's reason, opened (or the placeholder once the customer is erased). */
      reason: z.string(),
      approvalReasons: z.array(z.enum(approvalReasons)),
      checksSummary: checksSummarySchema,
      requestedAt: z.string(),
      createdAt: z.string(),
      expiresAt: z.string(),
      ownRequest: z.boolean(),
      canApprove: z.boolean(),
    }),
  ),
});
export type PendingApproval = z.infer<typeof pendingApprovalsSchema>['approvals'][number];

/** POST /admin/approvals/{approvalId}/reject. */
export const disableRejectedSchema = z.strictObject({
  status: z.literal('REJECTED'),
  approvalId: z.string(),
  auditEventId: z.string(),
});

/** POST /admin/customers/{customerId}/2fa/reset-link (202): the notifier issues and mails the new link. */
export const resetLinkQueuedSchema = z.strictObject({
  status: z.literal('QUEUED'),
  auditEventId: z.string(),
  sendsLeftToday: z.number(),
});

/** POST /admin/verifications/{verificationId}/cancel. */
export const verificationCancelledSchema = z.strictObject({
  status: z.literal('CANCELLED'),
  verificationId: z.string(),
  auditEventId: z.string(),
});

/** POST /enroll/notice-report: recovery is locked (now, or already by an earlier report). */
export const noticeReportedSchema = z.strictObject({
  status: z.literal('RECOVERY_LOCKED'),
  reportedAt: z.string(),
  alreadyReported: z.boolean(),
});
