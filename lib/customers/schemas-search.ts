// Query string of the customer search.
import * as z from '../schema';

export const customerSearchQuerySchema = z.strictObject({
  query: z.singleLine(1, 200),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(50)), 20),
  cursor: z.optional(z.string().check(z.maxLength(1000))),
});

export type CustomerSearchQuery = z.infer<typeof customerSearchQuerySchema>;
