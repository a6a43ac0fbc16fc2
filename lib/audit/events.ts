// The audit event vocabulary, each event declared once with what it means elsewhere (its sealed fields,
// its business metric, its OCSF account change), and the shape of an audit item as auditors read it.
import type { BusinessMetric } from '../observability/metric-names';
import type { AccountChangeMapping } from './account-changes';
import type { NotificationKind } from './notification-kinds';

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

/** What an event's declaration says of it, each facet required: a new event states all of them. */
export interface AuditEventDeclaration {
  /**
   * The fields of its details that hold sealed text: what staff typed (a reason, a note) and an
   * address the customer gave; [] for none. Staff views show them opened, the exports only sealed, and
   * erasure leaves them unreadable. A field named here must be sealed (tsc), and sealed text in a
   * field not named here fails the append.
   */
  sealed: readonly SealedField[];
  /**
   * The business metric it counts towards once committed (lib/business-metrics), or how its details
   * decide; null counts nothing.
   */
  metric: BusinessMetric | ((event: { details: Record<string, AuditValue> }) => BusinessMetric | null) | null;
  /**
   * As which OCSF Account Change it is published on the recovery event bus (lib/events,
   * docs/recovery-events.md); null: not a change of the customer's authentication state, published
   * nowhere.
   */
  accountChange: AccountChangeMapping | null;
  /**
   * The mail it calls for (lib/audit/outbox.ts commits the ledger entry in the same transaction; the
   * notifier sends it), or how its details decide; null mails nothing.
   */
  mail:
    NotificationKind | ((event: { details: Record<string, AuditValue> }) => NotificationKind | null) | null;
}

/**
 * Every audit event type, declared once. Its order is the vocabulary's order (the contract's enum,
 * the docs' tables). The console asks each type for its words (web/console/messages.ts).
 */
export const auditEvents = {
  CUSTOMER_CREATED: { sealed: [], metric: null, accountChange: null, mail: null },
  CUSTOMER_EMAIL_CHANGED: { sealed: [], metric: null, accountChange: null, mail: null },
  CUSTOMER_RECORD_CHANGED: { sealed: [], metric: null, accountChange: null, mail: null },
  CUSTOMER_ERASED: {
    sealed: [],
    metric: null,
    accountChange: {
      activity: 'DELETE',
      severity: 'LOW',
      message: "The customer's record and authentication factors were erased.",
    },
    mail: null,
  },
  HELPDESK_TRIAGE_RECORDED: {
    sealed: [],
    // Resets avoided (self-service) against calls that needed the procedure: the triage outcome.
    metric: (event) => (event.details.advice === 'SELF_SERVICE' ? 'TriagesSelfService' : 'TriagesVerify'),
    accountChange: null,
    // Only a self-service advice with the guide asked for; a VERIFY triage mails nothing.
    mail: (event) => (event.details.guideEmailed === true ? 'SELF_SERVICE_GUIDE' : null),
  },
  VERIFICATION_STARTED: { sealed: [], metric: 'VerificationsStarted', accountChange: null, mail: null },
  VERIFICATION_CHECK_RECORDED: { sealed: [], metric: null, accountChange: null, mail: null },
  VERIFICATION_EMAIL_CODE_SENT: { sealed: [], metric: 'EmailCodesSent', accountChange: null, mail: null },
  VERIFICATION_COMPLETED: {
    sealed: [],
    metric: (event) => (event.details.outcome === 'PASSED' ? 'VerificationsPassed' : 'VerificationsFailed'),
    accountChange: null,
    mail: null,
  },
  VERIFICATION_EXPIRED: {
    sealed: [],
    // An open session left to expire with a wrong answer in it is a failure like any other.
    metric: (event) => (event.details.countedAsFailed === true ? 'VerificationsFailed' : null),
    accountChange: null,
    mail: null,
  },
  TWO_FA_DISABLE_PENDING_APPROVAL: {
    sealed: ['reason'],
    metric: 'ApprovalsPending',
    accountChange: null,
    mail: (event) => (event.details.alertSecurity === true ? 'SECURITY_REVIEW' : null),
  },
  TWO_FA_DISABLE_REJECTED: {
    sealed: ['reason'],
    metric: 'DisablesRejected',
    accountChange: null,
    mail: null,
  },
  VERIFICATION_CANCELLED: { sealed: ['reason'], metric: null, accountChange: null, mail: null },
  TWO_FA_DISABLED: {
    sealed: ['reason'],
    metric: (event) => (event.details.approvalId ? 'DisablesApproved' : 'DisablesDirect'),
    accountChange: {
      activity: 'MFA_FACTOR_DISABLE',
      severity: 'MEDIUM',
      message: 'Two-factor authentication disabled by a helpdesk reset; the customer enrolls again.',
    },
    mail: 'RESET',
  },
  RESET_LINK_RESENT: {
    sealed: ['address'],
    metric: null,
    accountChange: null,
    // A re-sent link is the reset email again, with a new ticket.
    mail: 'RESET',
  },
  RESET_EMAIL_SENT: { sealed: [], metric: 'ResetEmailsSent', accountChange: null, mail: null },
  RESET_EMAIL_FAILED: { sealed: [], metric: 'ResetEmailsFailed', accountChange: null, mail: null },
  RESET_EMAIL_BOUNCED: { sealed: [], metric: 'ResetEmailsBounced', accountChange: null, mail: null },
  ENROLLMENT_TICKET_ISSUED: { sealed: [], metric: null, accountChange: null, mail: null },
  ENROLLMENT_STARTED: { sealed: [], metric: null, accountChange: null, mail: null },
  TWO_FA_ENABLED: {
    sealed: [],
    metric: 'Enrollments',
    accountChange: {
      activity: 'MFA_FACTOR_ENABLE',
      severity: 'INFORMATIONAL',
      message: 'Two-factor authentication enabled: an authenticator app enrolled.',
    },
    mail: 'ENABLED',
  },
  BACKUP_CODE_USED: {
    sealed: [],
    metric: 'BackupCodesUsed',
    // A used code is spent, but the factor (the set of codes) stays as it was.
    accountChange: null,
    mail: (event) => (Number(event.details.backupCodesLeft) === 1 ? 'LAST_BACKUP_CODE' : 'BACKUP_CODE_USED'),
  },
  VERIFY_FAILED: { sealed: [], metric: null, accountChange: null, mail: null },
  VERIFY_REPLAY_REFUSED: { sealed: [], metric: null, accountChange: null, mail: null },
  TWO_FA_LOCKED: {
    sealed: [],
    metric: 'Lockouts',
    accountChange: {
      activity: 'LOCK',
      severity: 'MEDIUM',
      message: 'Login verification locked after repeated wrong codes.',
    },
    mail: 'LOCKED',
  },
  UNAUTHORIZED_RESET_REPORTED: {
    sealed: ['reportedFrom'],
    metric: 'UnauthorizedResetReports',
    // "This wasn't me": recovery is locked until a security officer has looked.
    accountChange: {
      activity: 'LOCK',
      severity: 'HIGH',
      message: 'Recovery locked: the customer reported a reset they did not ask for.',
    },
    mail: 'SECURITY_ALERT',
  },
  RECOVERY_LOCK_KEPT: { sealed: ['note'], metric: null, accountChange: null, mail: null },
  RECOVERY_LOCK_RELEASED: {
    sealed: ['reason'],
    metric: 'LockReleases',
    accountChange: {
      activity: 'OTHER',
      activityName: 'Unlock',
      severity: 'LOW',
      message: 'Recovery lock released by a security officer; the customer enrolls again.',
    },
    mail: 'LOCK_RELEASED',
  },
  RECOVERY_LIMITS_RESET: {
    sealed: ['reason'],
    metric: null,
    accountChange: null,
    // The customer hears that security lifted the limits someone's calls put on their recovery.
    mail: 'LIMITS_RESET',
  },
  RECOVERY_DELAY_ENDED: {
    sealed: ['reason'],
    metric: null,
    // An officer cut short the waiting period after a reset: the customer may enroll from now on.
    accountChange: {
      activity: 'OTHER',
      activityName: 'Recovery Waiting Period Ended',
      severity: 'MEDIUM',
      message: 'The waiting period after a reset was ended early by a security officer; enrollment is open.',
    },
    mail: null,
  },
  AUTHENTICATOR_REPLACED: {
    sealed: [],
    metric: 'SelfServiceReplacements',
    // The old authenticator stops working in the same write the new one starts: one factor, re-keyed.
    accountChange: {
      activity: 'MFA_FACTOR_ENABLE',
      severity: 'LOW',
      message: 'Authenticator app replaced; the previous one no longer works.',
    },
    mail: 'AUTHENTICATOR_REPLACED',
  },
  AUTHENTICATOR_ADDED: {
    sealed: [],
    // A second authenticator is no recovery: not on the dashboard's recovery graphs.
    metric: null,
    // Beside the ones in use (a passkey also has its PASSKEY_REGISTERED).
    accountChange: {
      activity: 'MFA_FACTOR_ENABLE',
      severity: 'LOW',
      message: 'A further authenticator was added beside the ones in use.',
    },
    // NIST SP 800-63B-4 §4.1.2.1: every new authenticator is notified, to every address on file.
    mail: 'AUTHENTICATOR_ADDED',
  },
  PASSKEY_REGISTERED: {
    sealed: [],
    // Counted as the enrollment or replacement it belongs to (TWO_FA_ENABLED, AUTHENTICATOR_REPLACED).
    metric: null,
    accountChange: {
      activity: 'MFA_FACTOR_ENABLE',
      severity: 'INFORMATIONAL',
      message: 'A passkey was registered as a second factor.',
    },
    mail: null,
  },
  PASSKEY_REMOVED: {
    sealed: [],
    // Counted as the reset or release it belongs to; a customer's own removal is no recovery.
    metric: null,
    // A helpdesk reset or a lock release removes every passkey (with TWO_FA_DISABLED or the release); the
    // customer removes one from the profile page (reason SELF_SERVICE).
    accountChange: {
      activity: 'MFA_FACTOR_DISABLE',
      severity: 'MEDIUM',
      message: 'A passkey was removed; it no longer signs in.',
    },
    // The customer's own removal; a reset's or a replacement's removals have their own notice.
    mail: (event) => (event.details.reason === 'SELF_SERVICE' ? 'PASSKEY_REMOVED' : null),
  },
  BACKUP_CODES_REGENERATED: {
    sealed: [],
    metric: 'BackupCodesRenewed',
    accountChange: {
      activity: 'MFA_FACTOR_ENABLE',
      severity: 'LOW',
      message: 'Backup codes renewed; the previous codes no longer work.',
    },
    mail: 'BACKUP_CODES_RENEWED',
  },
  NOTIFICATION_SENT: {
    sealed: [],
    metric: 'NotificationsSent',
    accountChange: null,
    // The customer's confirmation of "this wasn't me" follows the alert it confirms ("security has been
    // alerted" is true once the alert went out): one entry per event keeps the ledger's one-mail rule.
    mail: (event) => (event.details.kind === 'SECURITY_ALERT' ? 'REPORT_RECEIVED' : null),
  },
  NOTIFICATION_FAILED: { sealed: [], metric: 'NotificationsFailed', accountChange: null, mail: null },
  NOTIFICATION_BOUNCED: { sealed: [], metric: 'NotificationsBounced', accountChange: null, mail: null },
  EMAIL_COMPLAINT_RECEIVED: { sealed: [], metric: 'EmailComplaints', accountChange: null, mail: null },
  CASE_RECORD_PRINTED: { sealed: [], metric: null, accountChange: null, mail: null },
} as const satisfies Record<string, AuditEventDeclaration>;

export type AuditEventType = keyof typeof auditEvents;

/** A facet stated as a value, or as a function of the event's details, for one event; undefined for null. */
export const facetFor = <T extends string>(
  facet: T | ((event: { details: Record<string, AuditValue> }) => T | null) | null,
  event: { details: Record<string, AuditValue> },
): T | undefined => (typeof facet === 'function' ? facet(event) : facet) ?? undefined;
export const auditEventTypes = Object.keys(auditEvents) as [AuditEventType, ...AuditEventType[]];

/** As which OCSF activity an event is published; undefined for an event that is no account change. */
export const accountChangeOf = (type: AuditEventType): AccountChangeMapping | undefined =>
  auditEvents[type].accountChange ?? undefined;

export const isSealedText = (value: unknown): value is SealedText =>
  typeof value === 'object' &&
  value !== null &&
  (value as { sealed?: unknown }).sealed === 'aes-256-gcm/v1' &&
  typeof (value as { ciphertext?: unknown }).ciphertext === 'string';

/** Fields of an event that hold sealed text without its declaration naming them: staff would never see them opened. */
export const unnamedSealedFields = (input: Pick<AuditEventInput, 'type' | 'details'>) => {
  const named: readonly string[] = auditEvents[input.type].sealed;
  return Object.entries(input.details)
    .filter(([field, value]) => isSealedText(value) && !named.includes(field))
    .map(([field]) => field);
};

export type SealedFieldOf<T extends AuditEventType> = (typeof auditEvents)[T]['sealed'][number];

/** One event as a use case appends it; its sealed fields (its declaration's `sealed`) can hold sealed text only. */
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
