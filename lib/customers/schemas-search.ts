// Query string of the customer search.
import * as z from '../schema';
import { pageQuerySchema } from '../pagination';

export const customerSearchQuerySchema = z.strictObject({
  query: z.singleLine(1, 200),
  ...pageQuerySchema(20, 50),
});

export type CustomerSearchQuery = z.infer<typeof customerSearchQuerySchema>;
