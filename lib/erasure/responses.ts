// Response body of the erasure route: what this call did, ids and counts only.
import * as z from '../schema';

/** POST /internal/customers/{customerId}/erase. */
export const customerErasedSchema = z.builtOnFirstUse(() =>
  z.object({
    customerId: z.string(),
    erased: z.literal(true),
    erasedAt: z.string(),
    /** False when an earlier call erased the record and this one only finished the deletions. */
    erasedNow: z.boolean(),
    removed: z.object({
      verifications: z.number(),
      tickets: z.number(),
      approvals: z.number(),
      notifications: z.number(),
    }),
  }),
);

export type CustomerErased = z.infer<typeof customerErasedSchema>;
