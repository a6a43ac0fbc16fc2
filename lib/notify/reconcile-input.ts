// What the reconciliation function accepts: the schedule's fixed input, or the redrive command's.
import * as z from '../schema';

export const reconcileInputSchema = z.strictObject({
  action: z.literal('reconcile'),
  dryRun: z.optional(z.boolean()),
  settleAfterMinutes: z.optional(z.number().check(z.int(), z.gte(0), z.lte(7 * 24 * 60))),
  limit: z.optional(z.number().check(z.int(), z.gte(1), z.lte(1000))),
});

export type ReconcileInput = z.infer<typeof reconcileInputSchema>;
