// The contract's one error shape, shared by every route (every 4xx and 5xx).
import * as z from '../schema';

export const errorBodySchema = z.object({
  error: z.looseObject({
    code: z.string().check(z.regex(/^[A-Z][A-Z0-9_]*$/)),
    message: z.string(),
    requestId: z.optional(z.string()),
    details: z.optional(z.record(z.string(), z.unknown())),
  }),
});

export type ErrorBody = z.infer<typeof errorBodySchema>;
