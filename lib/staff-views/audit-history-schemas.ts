// Query and answer of GET /admin/customers/{customerId}/audit-events: a customer's audit trail, paged.
import * as z from '../schema';
import { pageQuerySchema } from '../pagination';
import { verificationIdSchema } from '../verification/schemas';
import { staffAuditEventSchema } from '../audit/staff-event-schema';

export { staffAuditEventSchema };

export const auditHistoryQuerySchema = z.strictObject({
  ...pageQuerySchema(50, 200),
  /** The verification id of one case (the events' `caseId`). */
  caseId: z.optional(verificationIdSchema),
});
export type AuditHistoryQueryInput = z.infer<typeof auditHistoryQuerySchema>;

export const auditHistorySchema = z.object({
  events: z.array(staffAuditEventSchema),
  /** Pass back as `cursor` (with the same `caseId`) for the older events; null on the last page. */
  nextCursor: z.nullable(z.string()),
});
export type AuditHistory = z.infer<typeof auditHistorySchema>;
