// Response bodies of the disable gate: disabled at once, or waiting for a second admin.
import * as z from '../schema';

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
});

/** GET /admin/approvals. */
export const pendingApprovalsSchema = z.object({
  approvals: z.array(
    z.looseObject({ approvalId: z.string(), customerId: z.string(), verificationId: z.string() }),
  ),
});
