// Query string of the customer search.
import { z } from 'zod';

export const customerSearchQuerySchema = z.strictObject({
  query: z.string().trim().min(1).max(200),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: z.string().max(1000).optional(),
});

export type CustomerSearchQuery = z.infer<typeof customerSearchQuerySchema>;
