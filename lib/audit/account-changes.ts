// Which audit events change a customer's authentication state, and as which OCSF Account Change
// activity (class 3001, OCSF 1.1.0) each is published: the one table the event outbox reads, beside the
// mail's (outbox.ts), so the audit store can write both markers without knowing who publishes.
import type { AuditEventType } from './events';

/** Account Change's activities (ocsf/account_change-1.1.0.json); 1.1.0 has no Unlock, so a release is Other. */
export const accountChangeActivities = {
  DELETE: { id: 6, name: 'Delete' },
  LOCK: { id: 9, name: 'Lock' },
  MFA_FACTOR_ENABLE: { id: 10, name: 'MFA Factor Enable' },
  MFA_FACTOR_DISABLE: { id: 11, name: 'MFA Factor Disable' },
  OTHER: { id: 99, name: 'Other' },
} as const;

export type AccountChangeActivity = keyof typeof accountChangeActivities;

export const severities = { INFORMATIONAL: 1, LOW: 2, MEDIUM: 3, HIGH: 4 } as const;
export type Severity = keyof typeof severities;

export interface AccountChangeMapping {
  activity: AccountChangeActivity;
  /** For OTHER: the activity's own name, as OCSF asks (activity_name carries what the id cannot). */
  activityName?: string;
  severity: Severity;
  /** One sentence for the SIEM's analyst: what happened to the account, no names. */
  message: string;
}

/**
 * The one table from audit event to OCSF activity: `undefined` is "not a change of the customer's
 * authentication state" and publishes nothing. A new audit event type fails tsc here until it is placed.
 */
export const accountChangeOf: Record<AuditEventType, AccountChangeMapping | undefined> = {
  TWO_FA_DISABLED: {
    activity: 'MFA_FACTOR_DISABLE',
    severity: 'MEDIUM',
    message: 'Two-factor authentication disabled by a helpdesk reset; the customer enrolls again.',
  },
  TWO_FA_ENABLED: {
    activity: 'MFA_FACTOR_ENABLE',
    severity: 'INFORMATIONAL',
    message: 'Two-factor authentication enabled: an authenticator app enrolled.',
  },
  // The old authenticator stops working in the same write the new one starts: one factor, re-keyed.
  AUTHENTICATOR_REPLACED: {
    activity: 'MFA_FACTOR_ENABLE',
    severity: 'LOW',
    message: 'Authenticator app replaced; the previous one no longer works.',
  },
  // A second authenticator beside the ones in use (a passkey also has its PASSKEY_REGISTERED).
  AUTHENTICATOR_ADDED: {
    activity: 'MFA_FACTOR_ENABLE',
    severity: 'LOW',
    message: 'A further authenticator was added beside the ones in use.',
  },
  PASSKEY_REGISTERED: {
    activity: 'MFA_FACTOR_ENABLE',
    severity: 'INFORMATIONAL',
    message: 'A passkey was registered as a second factor.',
  },
  // A helpdesk reset or a lock release removes every passkey (with TWO_FA_DISABLED or the release); the
  // customer removes one from the profile page (reason SELF_SERVICE).
  PASSKEY_REMOVED: {
    activity: 'MFA_FACTOR_DISABLE',
    severity: 'MEDIUM',
    message: 'A passkey was removed; it no longer signs in.',
  },
  BACKUP_CODES_REGENERATED: {
    activity: 'MFA_FACTOR_ENABLE',
    severity: 'LOW',
    message: 'Backup codes renewed; the previous codes no longer work.',
  },
  TWO_FA_LOCKED: {
    activity: 'LOCK',
    severity: 'MEDIUM',
    message: 'Login verification locked after repeated wrong codes.',
  },
  // "This wasn't me": recovery is locked until a security officer has looked.
  UNAUTHORIZED_RESET_REPORTED: {
    activity: 'LOCK',
    severity: 'HIGH',
    message: 'Recovery locked: the customer reported a reset they did not ask for.',
  },
  RECOVERY_LOCK_RELEASED: {
    activity: 'OTHER',
    activityName: 'Unlock',
    severity: 'LOW',
    message: 'Recovery lock released by a security officer; the customer enrolls again.',
  },
  // An officer cut short the waiting period after a reset: the customer may enroll from now on.
  RECOVERY_DELAY_ENDED: {
    activity: 'OTHER',
    activityName: 'Recovery Waiting Period Ended',
    severity: 'MEDIUM',
    message: 'The waiting period after a reset was ended early by a security officer; enrollment is open.',
  },
  CUSTOMER_ERASED: {
    activity: 'DELETE',
    severity: 'LOW',
    message: "The customer's record and authentication factors were erased.",
  },
  CUSTOMER_CREATED: undefined,
  CUSTOMER_EMAIL_CHANGED: undefined,
  CUSTOMER_RECORD_CHANGED: undefined,
  HELPDESK_TRIAGE_RECORDED: undefined,
  VERIFICATION_STARTED: undefined,
  VERIFICATION_CHECK_RECORDED: undefined,
  VERIFICATION_EMAIL_CODE_SENT: undefined,
  VERIFICATION_COMPLETED: undefined,
  VERIFICATION_EXPIRED: undefined,
  TWO_FA_DISABLE_PENDING_APPROVAL: undefined,
  TWO_FA_DISABLE_REJECTED: undefined,
  VERIFICATION_CANCELLED: undefined,
  RESET_LINK_RESENT: undefined,
  RESET_EMAIL_SENT: undefined,
  RESET_EMAIL_FAILED: undefined,
  RESET_EMAIL_BOUNCED: undefined,
  ENROLLMENT_TICKET_ISSUED: undefined,
  ENROLLMENT_STARTED: undefined,
  // A used code is spent, but the factor (the set of codes) stays as it was.
  BACKUP_CODE_USED: undefined,
  VERIFY_FAILED: undefined,
  VERIFY_REPLAY_REFUSED: undefined,
  RECOVERY_LOCK_KEPT: undefined,
  RECOVERY_LIMITS_RESET: undefined,
  NOTIFICATION_SENT: undefined,
  NOTIFICATION_FAILED: undefined,
  NOTIFICATION_BOUNCED: undefined,
  EMAIL_COMPLAINT_RECEIVED: undefined,
  CASE_RECORD_PRINTED: undefined,
};

export const isAccountChange = (type: AuditEventType) => accountChangeOf[type] !== undefined;
