// Input of the security officers' routes: the queue's paging, a release, a "keep locked" note.
import * as z from '../schema';
import { pageQuerySchema } from '../pagination';
import { verificationIdSchema } from '../verification/schemas';

export const recoveryLockQueueQuerySchema = z.strictObject({ ...pageQuerySchema(50, 100) });

export const releaseRecoveryLockSchema = z.strictObject({
  /** A PASSED session with the emailed code read back, started under the lock by someone else. */
  verificationId: verificationIdSchema,
  /** Why the officer lifts the lock, in their words: kept in the audit trail. */
  reason: z.singleLine(3, 500),
});

export const keepRecoveryLockSchema = z.strictObject({
  /** What the officer found and why the lock stays: kept in the audit trail. */
  note: z.singleLine(3, 1000),
});

export type RecoveryLockQueueQuery = z.infer<typeof recoveryLockQueueQuerySchema>;
export type ReleaseRecoveryLockInput = z.infer<typeof releaseRecoveryLockSchema>;
export type KeepRecoveryLockInput = z.infer<typeof keepRecoveryLockSchema>;
