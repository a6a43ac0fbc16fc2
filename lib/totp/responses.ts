// Response body of login verification: valid or not, by which method, and what is left.
import * as z from '../schema';

const method = z.enum(['totp', 'backup_code']);

/** POST /internal/customers/{customerId}/2fa/verify. */
export const verifyOutcomeSchema = z.builtOnFirstUse(() =>
  z.discriminatedUnion('valid', [
    z.object({ valid: z.literal(true), method, backupCodesLeft: z.number().check(z.int(), z.nonnegative()) }),
    z.object({
      valid: z.literal(false),
      method,
      /** CODE_ALREADY_USED: the right code, used once already. */
      reason: z.enum(['WRONG_CODE', 'CODE_ALREADY_USED']),
      backupCodesLeft: z.number().check(z.int(), z.nonnegative()),
      attemptsLeft: z.number().check(z.int(), z.nonnegative()),
    }),
  ]),
);

export type VerifyOutcomeBody = z.infer<typeof verifyOutcomeSchema>;
