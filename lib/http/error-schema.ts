// The one error shape of the contract, as a schema: every 4xx and 5xx body has it.
import * as z from '../schema';

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string().check(z.regex(/^[A-Z][A-Z0-9_]*$/)),
    message: z.string(),
    requestId: z.optional(z.string()),
    details: z.optional(z.record(z.string(), z.unknown())),
  }),
});

export type ErrorBody = z.infer<typeof errorBodySchema>;
