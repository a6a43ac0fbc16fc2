// Response bodies of the security officers' routes.
import * as z from '../schema';

const twoFactorStatus = z.enum(['ENABLED', 'DISABLED', 'LOCKED']);

/** GET /security/recovery-locks: oldest lock first. */
export const recoveryLockQueueSchema = z.strictObject({
  locks: z.array(
    z.strictObject({
      customerId: z.string(),
      fullName: z.string(),
      email: z.string(),
      companyName: z.nullable(z.string()),
      lockedAt: z.string(),
      /** The case of the reset the customer reported, or null where the ticket named none. */
      caseId: z.nullable(z.string()),
      report: z.nullable(
        z.strictObject({
          ticketPurpose: z.string(),
          previousStatus: twoFactorStatus,
          reportedAt: z.string(),
        }),
      ),
      lastReview: z.nullable(
        z.strictObject({ officerId: z.string(), at: z.string(), auditEventId: z.string() }),
      ),
    }),
  ),
  nextCursor: z.nullable(z.string()),
});

/** POST …/recovery-lock/release. */
export const recoveryLockReleasedSchema = z.strictObject({
  status: z.literal('RELEASED'),
  twoFactor: z.literal('DISABLED'),
  auditEventId: z.string(),
  notification: z.literal('QUEUED'),
});

/** POST …/recovery-lock/keep. */
export const recoveryLockKeptSchema = z.strictObject({
  status: z.literal('RECOVERY_LOCKED'),
  reviewedAt: z.string(),
  auditEventId: z.string(),
});
