// Bodies every route shares: the contract's one error shape (every 4xx and 5xx) and the health answer.
import * as z from '../schema';

export const errorBodySchema = z.object({
  error: z.looseObject({
    code: z.string().check(z.regex(/^[A-Z][A-Z0-9_]*$/)),
    message: z.string(),
    requestId: z.optional(z.string()),
    details: z.optional(z.record(z.string(), z.unknown())),
  }),
});

export const healthSchema = z.object({ status: z.literal('ok') });

export type ErrorBody = z.infer<typeof errorBodySchema>;
