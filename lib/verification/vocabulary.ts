// Word lists of a verification session, with no dependencies: the schemas, the session, the audit
// and the console (which bundles this file) all take them from here.

/** The manual's "Klant Meldt" list: what the caller reports. */
export const reportedProblems = [
  'CANNOT_LOG_IN',
  'PHONE_LOST',
  'APP_BROKEN',
  'BACKUP_CODES_LOST',
  'NEW_PHONE',
  'PASSKEY_LOST',
] as const;
export type ReportedProblem = (typeof reportedProblems)[number];

/** Why a caller cannot read back the emailed code; the session can then pass only without possession proof. */
export const noPossessionReasons = [
  'MAILBOX_ON_LOST_DEVICE',
  'NO_ACCESS_TO_MAILBOX',
  'ADDRESS_NO_LONGER_EXISTS',
  'CODE_NOT_RECEIVED',
] as const;
export type NoPossessionReason = (typeof noPossessionReasons)[number];

/**
 * A session's status. EXPIRED: left OPEN past the session window; closed when the next session of the
 * customer starts. REJECTED: a second admin rejected the disable it waited for. CANCELLED: voided unused
 * by staff. Both are spent: like USED, nothing can be done on them any more.
 */
export const verificationStatuses = [
  'OPEN',
  'PASSED',
  'FAILED',
  'PENDING_APPROVAL',
  'USED',
  'EXPIRED',
  'REJECTED',
  'CANCELLED',
] as const;
export type VerificationStatus = (typeof verificationStatuses)[number];
