// Input of the security officers' routes: the queues' paging, a release, a "keep locked" note, a limits reset.
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

export const recoveryLimitQueueQuerySchema = z.strictObject({ ...pageQuerySchema(20, 50) });

export const resetRecoveryLimitsSchema = z.strictObject({
  /** Why the officer lifts the limits (the call-back on contact details on file): kept sealed in the audit trail. */
  reason: z.singleLine(3, 500),
});

export const endRecoveryDelaySchema = z.strictObject({
  /** Why the officer ends the wait (e.g. the call-back on a number on file): kept sealed in the audit trail. */
  reason: z.singleLine(3, 500),
});

export type EndRecoveryDelayInput = z.infer<typeof endRecoveryDelaySchema>;
export type RecoveryLimitQueueQuery = z.infer<typeof recoveryLimitQueueQuerySchema>;
export type ResetRecoveryLimitsInput = z.infer<typeof resetRecoveryLimitsSchema>;
export type RecoveryLockQueueQuery = z.infer<typeof recoveryLockQueueQuerySchema>;
export type ReleaseRecoveryLockInput = z.infer<typeof releaseRecoveryLockSchema>;
export type KeepRecoveryLockInput = z.infer<typeof keepRecoveryLockSchema>;
