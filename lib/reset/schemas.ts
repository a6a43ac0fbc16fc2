// Input of the disable and approval routes.
import { z } from 'zod';
import { verificationIdSchema } from '../verification/schemas';

export const disableRequestSchema = z.strictObject({
  verificationId: verificationIdSchema,
  /** Why the admin disables 2FA, in their words: kept in the audit trail. */
  reason: z.string().trim().min(3).max(500),
});

export const approvalIdSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'an approval id is a ULID');

export type DisableRequestInput = z.infer<typeof disableRequestSchema>;
