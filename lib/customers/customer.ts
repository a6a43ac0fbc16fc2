// The customer as stored in the Customers table: the synced record plus our 2FA state.
import type { SealedSecret } from '../secrets/sealed-secret';
import type { CustomerRecord } from './schemas';
import type { TextKey } from '../audit/sealed-text';
import { maskPhoneNumber } from './phone-numbers';
import type { PasskeyChallenge, StoredPasskey } from './passkeys';
import type { NotificationKind } from '../audit/outbox';

export type TwoFactorStatus = 'ENABLED' | 'DISABLED' | 'LOCKED';

/** SES reported one of our mails to the customer bounced or drew a complaint (lib/bounces). */
export interface MailFeedbackMark {
  at: string;
  /** Which of our mails came back. */
  kind: NotificationKind;
  feedback: 'bounce' | 'complaint';
  /** SES's class: the bounce type (Permanent, Transient, Undetermined) or the complaint's feedback type. */
  class: string;
}

export interface CustomerItem extends CustomerRecord {
  customerId: string;
  emailKey: string;
  privileged: boolean;
  createdAt: string;
  updatedAt: string;
  /** When the login service last reported a different address; a disable is refused for a while after. */
  emailChangedAt?: string;
  /** The last bounce or complaint SES reported for a mail to this customer; no address, no SES text. */
  lastMailFeedback?: MailFeedbackMark;
  twoFactor: TwoFactorStatus;
  /** Set by "this wasn't me": no helpdesk reset until the security team clears it. */
  recoveryLockedAt?: string;
  /** Present only while recovery is locked: the key of the sparse `recoveryLocks` index (the security queue). */
  recoveryLockFlag?: 'LOCKED';
  /** The case of the reset the customer reported ('-' when the ticket named none). */
  recoveryLockCaseId?: string;
  recoveryLockReport?: { ticketPurpose: string; previousStatus: TwoFactorStatus; reportedAt: string };
  /** The security officer's last "keep locked" decision (the note itself is in the audit event). */
  recoveryLockReview?: { officerId: string; at: string; auditEventId: string };
  /** After a FAILED verification no new session starts until then (any agent). */
  verificationCooldownUntil?: string;
  failedVerificationCount?: number;
  lastFailedVerificationAt?: string;
  /** Failures in a row (each within the streak window of the one before): the next cooldown's step. */
  verificationFailureStreak?: number;
  /** The one OPEN verification session of this customer, if any. */
  openVerificationId?: string;
  /** When helpdesk codes were emailed in the last 24 hours (the per-customer send limit). */
  emailCodeSentAt?: string[];
  /** When 2FA was last disabled by the helpdesk; a second reset soon after needs a second admin. */
  lastResetAt?: string;
  /**
   * The case behind lastResetAt (the verification id a disable or a lock release used): what a re-sent
   * link belongs to, however many sessions came after it.
   */
  lastResetCaseId?: string;
  /**
   * The waiting period of the last reset (lib/reset/waiting-period.ts): no enrollment before this
   * moment, and why it was set. A report locks and removes it; a security officer may end it early.
   */
  recoveryAvailableAt?: string;
  recoveryDelayReason?: string;
  /**
   * The "this wasn't me" links of the last reset's notices, one per further address on file, by the
   * SHA-256 of the link's token (lib/reset/notice-report.ts); a new reset replaces them.
   */
  recoveryNotices?: Record<string, { address: string; caseId: string; issuedAt: string }>;
  /** Seals staff free text about this customer in audit events; erasure deletes it (lib/audit/sealed-text.ts). */
  textKey?: TextKey;
  /** When an admin re-sent the reset link in the last 24 hours (the per-customer limit). */
  resetLinkSentAt?: string[];
  /**
   * The further address on file an admin picked for the newest re-sent link (the customer could not
   * open the main mailbox), for that RESET_LINK_RESENT event only; a re-send to the main address removes it.
   */
  resetLinkRecipient?: { eventId: string; address: string };
  /** When a self-service guide was mailed after a triage in the last 24 hours (the per-customer limit). */
  selfServiceGuideSentAt?: string[];
  /** Present while a cooldown or a spent daily budget limits recovery: the key of the sparse `recoveryLimits` index. */
  recoveryLimitFlag?: 'LIMITED';
  /** When the customer's last limit runs out (the queue lists only entries whose end is ahead). */
  recoveryLimitedUntil?: string;
  /** The newest triage: a verification started on its advice names it (lib/triage/store.ts). */
  lastTriage?: { triageId: string; at: string; advice: 'SELF_SERVICE' | 'VERIFY'; reportedProblem: string };
  /** Increments on every write so conditional updates can detect a concurrent change. */
  version: number;

  // The TOTP factor (lib/totp, lib/enrollment, lib/backup-codes). Never shown to staff, never logged.
  /** The active authenticator's secret, AES-256-GCM sealed (lib/secrets/sealed-secret.ts). */
  totpSecret?: SealedSecret;
  /** RFC 6238 time step of the last accepted code: no code of this step or earlier is accepted again. */
  totpLastUsedStep?: number;
  /** SHA-256 (hex) of each unused backup code, a DynamoDB string set; a used code is deleted from it. */
  backupCodeHashes?: Set<string>;
  backupCodesIssuedAt?: string;
  twoFactorEnabledAt?: string;
  /** A started, unconfirmed enrollment: the new secret waits here until a code for it is confirmed. */
  pendingEnrollment?: PendingEnrollment;
  /** Consecutive failed login verifications since the last success or the last lock. */
  verifyFailures?: number;
  /** Locks since the last success; each lock lasts twice as long as the one before. */
  verifyLockCount?: number;
  /** While in the future, twoFactor is LOCKED and TOTP codes are refused (backup codes still work). */
  lockedUntil?: string;
  // The passkey factor (lib/passkeys; the item mapping in ./passkeys.ts), keyed by credential id.
  passkeys?: Record<string, StoredPasskey>;
  /** The outstanding registration challenge, bound to the enrollment ticket that asked for it. */
  passkeyRegistrationChallenge?: PasskeyChallenge;
  /** The outstanding login challenge: one at a time, spent by the verify that answers it. */
  passkeyLoginChallenge?: PasskeyChallenge;
  /** Uncounted passkey refusals (lib/passkeys/refusals.ts) in the window that began at `since`. */
  passkeyRefusals?: { since: string; count: number };
  /** SHA-256 of the one enrollment ticket that may be used; issuing a new ticket voids the older ones. */
  enrollmentTicketHash?: string;
  [attribute: string]: unknown;
}

export interface PendingEnrollment {
  secret: SealedSecret;
  /** The ticket that started it: only that ticket can confirm it. */
  ticketHash: string;
  startedAt: string;
  expiresAt: string;
}

/** The authenticators (app secret, passkeys) and backup codes: a 2FA disable REMOVEs every one of these attributes. */
export const twoFactorSecretAttributes = [
  'totpSecret',
  'totpLastUsedStep',
  'backupCodeHashes',
  'backupCodesIssuedAt',
  'twoFactorEnabledAt',
  'pendingEnrollment',
  'passkeys',
  'passkeyRegistrationChallenge',
  'passkeyLoginChallenge',
] as const;

/** Brute-force state of login verification: a 2FA disable REMOVEs these too, so no lock outlives the factor. */
export const twoFactorLockAttributes = ['verifyFailures', 'verifyLockCount', 'lockedUntil'] as const;

/**
 * What a 2FA disable removes (`REMOVE ${twoFactorAttributesRemovedOnDisable.join(', ')}`).
 * `enrollmentTicketHash` stays: the notifier's issueTicket after the disable replaces it.
 */
export const twoFactorAttributesRemovedOnDisable = [
  ...twoFactorSecretAttributes,
  ...twoFactorLockAttributes,
] as const;

/** What staff may see: never secrets, backup codes, or the answers verification checks compare with. */
export const staffView = (customer: CustomerItem) => ({
  customerId: customer.customerId,
  fullName: customer.fullName,
  email: customer.email,
  companyName: customer.companyName ?? null,
  // Only the security officer calls back, so only the officer's case view shows the whole number.
  phoneNumbersMasked: (customer.phoneNumbers ?? []).map(maskPhoneNumber),
  locale: customer.locale,
  privileged: customer.privileged,
  twoFactor: customer.twoFactor,
  recoveryLocked: customer.recoveryLockedAt !== undefined,
  verificationCooldownUntil: customer.verificationCooldownUntil ?? null,
  failedVerificationCount: customer.failedVerificationCount ?? 0,
  lastFailedVerificationAt: customer.lastFailedVerificationAt ?? null,
  openVerificationId: customer.openVerificationId ?? null,
  lastResetAt: customer.lastResetAt ?? null,
  emailChangedAt: customer.emailChangedAt ?? null,
  createdAt: customer.createdAt,
  updatedAt: customer.updatedAt,
});

declare module '../data/tables' {
  /** The Customers table's indexes key on these fields (checked in lib/data/tables.ts). */
  interface IndexedItems {
    customers: CustomerItem;
  }
}
