// The audit event vocabulary and the shape of an audit item as auditors read it from the exports.

export const auditEventTypes = [
  'CUSTOMER_CREATED',
  'CUSTOMER_EMAIL_CHANGED',
  'CUSTOMER_RECORD_CHANGED',
  'CUSTOMER_ERASED',
  'HELPDESK_TRIAGE_RECORDED',
  'VERIFICATION_STARTED',
  'VERIFICATION_CHECK_RECORDED',
  'VERIFICATION_EMAIL_CODE_SENT',
  'VERIFICATION_COMPLETED',
  'VERIFICATION_EXPIRED',
  'TWO_FA_DISABLE_PENDING_APPROVAL',
  'TWO_FA_DISABLE_REJECTED',
  'VERIFICATION_CANCELLED',
  'TWO_FA_DISABLED',
  'RESET_LINK_RESENT',
  'RESET_EMAIL_SENT',
  'RESET_EMAIL_FAILED',
  'RESET_EMAIL_BOUNCED',
  'ENROLLMENT_TICKET_ISSUED',
  'ENROLLMENT_STARTED',
  'TWO_FA_ENABLED',
  'BACKUP_CODE_USED',
  'VERIFY_FAILED',
  'VERIFY_REPLAY_REFUSED',
  'TWO_FA_LOCKED',
  'UNAUTHORIZED_RESET_REPORTED',
  'RECOVERY_LOCK_KEPT',
  'RECOVERY_LOCK_RELEASED',
  'RECOVERY_LIMITS_RESET',
  'RECOVERY_DELAY_ENDED',
  'AUTHENTICATOR_REPLACED',
  'AUTHENTICATOR_ADDED',
  'PASSKEY_REGISTERED',
  'PASSKEY_REMOVED',
  'BACKUP_CODES_REGENERATED',
  'NOTIFICATION_SENT',
  'NOTIFICATION_FAILED',
  'NOTIFICATION_BOUNCED',
  'EMAIL_COMPLAINT_RECEIVED',
  'CASE_RECORD_PRINTED',
] as const;

export type AuditEventType = (typeof auditEventTypes)[number];
export type ActorType = 'agent' | 'admin' | 'customer' | 'service' | 'system';

/** JSON values only: the hash is taken over RFC 8785 canonical JSON, so no Dates, no undefined. */
export type AuditValue = string | number | boolean | null | AuditValue[] | { [key: string]: AuditValue };

export interface AuditEventInput {
  type: AuditEventType;
  actorType: ActorType;
  actorId: string;
  customerId: string;
  /** The verification id that ties a recovery case together, where there is one. */
  caseId?: string;
  details: Record<string, AuditValue>;
}

export interface AuditItem {
  subject: string;
  seq: number;
  eventId: string;
  type: AuditEventType;
  at: string;
  actorType: ActorType;
  actorId: string;
  customerId: string;
  caseId?: string;
  details: Record<string, AuditValue>;
  prevHash: string;
  hash: string;
}

export const subjectOf = (customerId: string) => `customer#${customerId}`;
