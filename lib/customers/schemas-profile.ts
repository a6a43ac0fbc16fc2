// Query string of the customer profile: a cursor per history list, for its older entries.
import * as z from '../schema';
import { cursorSchema } from '../pagination';

export const customerProfileQuerySchema = z.strictObject({
  /** The `nextEventsCursor` of the page before: older audit events. */
  eventsCursor: z.optional(cursorSchema),
  /** The `nextVerificationsCursor` of the page before: older sessions. */
  verificationsCursor: z.optional(cursorSchema),
});
export type CustomerProfileQuery = z.infer<typeof customerProfileQuerySchema>;
