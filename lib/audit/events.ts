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

// Types, not interfaces: they must fit AuditValue's index signature to sit in an event's details.
type UnpaddedSealedText = {
  sealed: 'aes-256-gcm/v1';
  iv: string;
  tag: string;
  ciphertext: string;
};

/**
 * Text sealed with the customer's own key (lib/audit/sealed-text.ts). GCM's ciphertext is exactly as
 * long as the text, so texts are sealed padded to a multiple of `pad` bytes: the length shows only the
 * bucket. Seals from before padding have no `pad` and still open.
 */
export type SealedText = UnpaddedSealedText | (UnpaddedSealedText & { pad: number });

/** The names a sealed field may have, each with its own words in the console. */
export type SealedField = 'reason' | 'note' | 'address' | 'reportedFrom';

/**
 * Which fields of each event's details hold sealed text: what staff typed (a reason, a note) and an
 * address the customer gave. Staff views show them opened, the exports only sealed, and erasure leaves
 * them unreadable. A new event type is a tsc error here until it names its sealed fields (none: []);
 * a field named here must be sealed (tsc), and sealed text in a field not named here fails the append.
 */
export const sealedFieldsOf = {
  CUSTOMER_CREATED: [],
  CUSTOMER_EMAIL_CHANGED: [],
  CUSTOMER_RECORD_CHANGED: [],
  CUSTOMER_ERASED: [],
  HELPDESK_TRIAGE_RECORDED: [],
  VERIFICATION_STARTED: [],
  VERIFICATION_CHECK_RECORDED: [],
  VERIFICATION_EMAIL_CODE_SENT: [],
  VERIFICATION_COMPLETED: [],
  VERIFICATION_EXPIRED: [],
  TWO_FA_DISABLE_PENDING_APPROVAL: ['reason'],
  TWO_FA_DISABLE_REJECTED: ['reason'],
  VERIFICATION_CANCELLED: ['reason'],
  TWO_FA_DISABLED: ['reason'],
  RESET_LINK_RESENT: ['address'],
  RESET_EMAIL_SENT: [],
  RESET_EMAIL_FAILED: [],
  RESET_EMAIL_BOUNCED: [],
  ENROLLMENT_TICKET_ISSUED: [],
  ENROLLMENT_STARTED: [],
  TWO_FA_ENABLED: [],
  BACKUP_CODE_USED: [],
  VERIFY_FAILED: [],
  VERIFY_REPLAY_REFUSED: [],
  TWO_FA_LOCKED: [],
  UNAUTHORIZED_RESET_REPORTED: ['reportedFrom'],
  RECOVERY_LOCK_KEPT: ['note'],
  RECOVERY_LOCK_RELEASED: ['reason'],
  RECOVERY_LIMITS_RESET: ['reason'],
  RECOVERY_DELAY_ENDED: ['reason'],
  AUTHENTICATOR_REPLACED: [],
  AUTHENTICATOR_ADDED: [],
  PASSKEY_REGISTERED: [],
  PASSKEY_REMOVED: [],
  BACKUP_CODES_REGENERATED: [],
  NOTIFICATION_SENT: [],
  NOTIFICATION_FAILED: [],
  NOTIFICATION_BOUNCED: [],
  EMAIL_COMPLAINT_RECEIVED: [],
  CASE_RECORD_PRINTED: [],
} as const satisfies Record<AuditEventType, readonly SealedField[]>;

export const isSealedText = (value: unknown): value is SealedText =>
  typeof value === 'object' &&
  value !== null &&
  (value as { sealed?: unknown }).sealed === 'aes-256-gcm/v1' &&
  typeof (value as { ciphertext?: unknown }).ciphertext === 'string';

/** Fields of an event that hold sealed text without sealedFieldsOf naming them: staff would never see them opened. */
export const unnamedSealedFields = (input: Pick<AuditEventInput, 'type' | 'details'>) => {
  const named: readonly string[] = sealedFieldsOf[input.type];
  return Object.entries(input.details)
    .filter(([field, value]) => isSealedText(value) && !named.includes(field))
    .map(([field]) => field);
};

export type SealedFieldOf<T extends AuditEventType> = (typeof sealedFieldsOf)[T][number];

/** One event as a use case appends it; its sealed fields (sealedFieldsOf) can hold sealed text only. */
export type AuditEventInputOf<T extends AuditEventType> = {
  type: T;
  actorType: ActorType;
  actorId: string;
  customerId: string;
  /** The verification id that ties a recovery case together, where there is one. */
  caseId?: string;
  details: Record<string, AuditValue> & { [Field in SealedFieldOf<T>]?: SealedText };
};

export type AuditEventInput = { [T in AuditEventType]: AuditEventInputOf<T> }[AuditEventType];

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
