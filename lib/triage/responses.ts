// Response of the triage route: the advice, and whether the self-service guide was queued.
import * as z from '../schema';
import { selfServicePaths, verifyBecause } from './advice';
import { triageIdSchema } from '../verification/schemas';

/** POST /admin/customers/{customerId}/triage (201). */
export const triageRecordedSchema = z.strictObject({
  triageId: triageIdSchema,
  advice: z.enum(['SELF_SERVICE', 'VERIFY']),
  selfServicePath: z.optional(z.enum(selfServicePaths)),
  because: z.optional(z.enum(verifyBecause)),
  /** QUEUED: the notifier mails the guide to the addresses on file; NONE: no mail (VERIFY, or not asked). */
  notification: z.enum(['QUEUED', 'NONE']),
  guidesLeftToday: z.number(),
  auditEventId: z.string(),
});
