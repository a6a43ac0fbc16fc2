// Query and answer of GET /admin/customers/{customerId}/audit-events: a customer's audit trail, paged.
import * as z from '../schema';
import { pageQuerySchema } from '../pagination';
import { verificationIdSchema } from '../verification/schemas';
import { auditEventTypes } from '../audit/events';

export const auditHistoryQuerySchema = z.strictObject({
  ...pageQuerySchema(50, 200),
  /** The verification id of one case (the events' `caseId`). */
  caseId: z.optional(verificationIdSchema),
});
export type AuditHistoryQueryInput = z.infer<typeof auditHistoryQuerySchema>;

/** One event as staff read it: sealed staff text opened (or the placeholder), never the hash fields. */
export const staffAuditEventSchema = z.object({
  seq: z.number(),
  eventId: z.string(),
  type: z.enum(auditEventTypes),
  at: z.string(),
  actorType: z.enum(['agent', 'admin', 'customer', 'service', 'system']),
  actorId: z.string(),
  caseId: z.nullable(z.string()),
  details: z.record(z.string(), z.unknown()),
});

export const auditHistorySchema = z.object({
  events: z.array(staffAuditEventSchema),
  /** Pass back as `cursor` (with the same `caseId`) for the older events; null on the last page. */
  nextCursor: z.nullable(z.string()),
});
