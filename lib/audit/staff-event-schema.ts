// One audit event as staff read it (the customer's history, the profile, the security officer's case
// timeline): sealed staff text opened (or the placeholder), never the hash fields. One shape for every
// answer that lists events, and for the console that reads them.
import * as z from '../schema';
import { auditEventTypes } from './events';

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

export type StaffAuditEvent = z.infer<typeof staffAuditEventSchema>;
