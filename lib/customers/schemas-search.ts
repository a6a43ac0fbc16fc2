// The customer search's input: the query string of GET /admin/customers, and the body of
// POST /admin/customers/search (the same fields; the console's way, so no name or email is in a URL).
import * as z from '../schema';
import { cursorSchema, pageQuerySchema } from '../pagination';

const SEARCH_LIMIT = { default: 20, max: 50 } as const;
const searchText = z.singleLine(1, 200);

export const customerSearchQuerySchema = z.strictObject({
  query: searchText,
  ...pageQuerySchema(SEARCH_LIMIT.default, SEARCH_LIMIT.max),
});

export const customerSearchBodySchema = z.strictObject({
  query: searchText,
  limit: z._default(
    z.number().check(z.int(), z.minimum(1), z.maximum(SEARCH_LIMIT.max)),
    SEARCH_LIMIT.default,
  ),
  cursor: z.optional(cursorSchema),
});

export type CustomerSearchQuery = z.infer<typeof customerSearchQuerySchema>;
export type CustomerSearchBody = z.infer<typeof customerSearchBodySchema>;
