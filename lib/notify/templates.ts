// The email templates, bundled as text. Only the functions that send mail import this module.
import backupCodeUsedEn from './templates/backup-code-used/en.txt';
import backupCodeUsedEnHtml from './templates/backup-code-used/en.html';
import backupCodeUsedNl from './templates/backup-code-used/nl.txt';
import backupCodeUsedNlHtml from './templates/backup-code-used/nl.html';
import enabledEn from './templates/enabled/en.txt';
import enabledEnHtml from './templates/enabled/en.html';
import enabledNl from './templates/enabled/nl.txt';
import enabledNlHtml from './templates/enabled/nl.html';
import lastBackupCodeEn from './templates/last-backup-code/en.txt';
import lastBackupCodeEnHtml from './templates/last-backup-code/en.html';
import lastBackupCodeNl from './templates/last-backup-code/nl.txt';
import lastBackupCodeNlHtml from './templates/last-backup-code/nl.html';
import limitsResetEn from './templates/limits-reset/en.txt';
import limitsResetEnHtml from './templates/limits-reset/en.html';
import limitsResetNl from './templates/limits-reset/nl.txt';
import limitsResetNlHtml from './templates/limits-reset/nl.html';
import lockReleasedEn from './templates/lock-released/en.txt';
import lockReleasedEnHtml from './templates/lock-released/en.html';
import lockReleasedNl from './templates/lock-released/nl.txt';
import lockReleasedNlHtml from './templates/lock-released/nl.html';
import authenticatorReplacedEn from './templates/authenticator-replaced/en.txt';
import authenticatorReplacedEnHtml from './templates/authenticator-replaced/en.html';
import authenticatorReplacedNl from './templates/authenticator-replaced/nl.txt';
import authenticatorReplacedNlHtml from './templates/authenticator-replaced/nl.html';
import authenticatorAddedEn from './templates/authenticator-added/en.txt';
import authenticatorAddedEnHtml from './templates/authenticator-added/en.html';
import authenticatorAddedNl from './templates/authenticator-added/nl.txt';
import authenticatorAddedNlHtml from './templates/authenticator-added/nl.html';
import passkeyRemovedEn from './templates/passkey-removed/en.txt';
import passkeyRemovedEnHtml from './templates/passkey-removed/en.html';
import passkeyRemovedNl from './templates/passkey-removed/nl.txt';
import passkeyRemovedNlHtml from './templates/passkey-removed/nl.html';
import backupCodesRenewedEn from './templates/backup-codes-renewed/en.txt';
import backupCodesRenewedEnHtml from './templates/backup-codes-renewed/en.html';
import backupCodesRenewedNl from './templates/backup-codes-renewed/nl.txt';
import backupCodesRenewedNlHtml from './templates/backup-codes-renewed/nl.html';
import lockedEn from './templates/locked/en.txt';
import lockedEnHtml from './templates/locked/en.html';
import lockedNl from './templates/locked/nl.txt';
import lockedNlHtml from './templates/locked/nl.html';
import resetNoticeEn from './templates/reset-notice/en.txt';
import resetNoticeEnHtml from './templates/reset-notice/en.html';
import resetNoticeNl from './templates/reset-notice/nl.txt';
import resetNoticeNlHtml from './templates/reset-notice/nl.html';
import resetEn from './templates/reset/en.txt';
import resetEnHtml from './templates/reset/en.html';
import resetNl from './templates/reset/nl.txt';
import resetNlHtml from './templates/reset/nl.html';
import securityAlertNl from './templates/security-alert/nl.txt';
import securityAlertNlHtml from './templates/security-alert/nl.html';
import securityReviewNl from './templates/security-review/nl.txt';
import securityReviewNlHtml from './templates/security-review/nl.html';
import guideReplaceEn from './templates/guide-replace-authenticator/en.txt';
import guideReplaceEnHtml from './templates/guide-replace-authenticator/en.html';
import guideReplaceNl from './templates/guide-replace-authenticator/nl.txt';
import guideReplaceNlHtml from './templates/guide-replace-authenticator/nl.html';
import guideBackupCodeEn from './templates/guide-backup-code-sign-in/en.txt';
import guideBackupCodeEnHtml from './templates/guide-backup-code-sign-in/en.html';
import guideBackupCodeNl from './templates/guide-backup-code-sign-in/nl.txt';
import guideBackupCodeNlHtml from './templates/guide-backup-code-sign-in/nl.html';
import guideRenewEn from './templates/guide-renew-backup-codes/en.txt';
import guideRenewEnHtml from './templates/guide-renew-backup-codes/en.html';
import guideRenewNl from './templates/guide-renew-backup-codes/nl.txt';
import guideRenewNlHtml from './templates/guide-renew-backup-codes/nl.html';
import guidePasskeySignInEn from './templates/guide-passkey-sign-in/en.txt';
import guidePasskeySignInEnHtml from './templates/guide-passkey-sign-in/en.html';
import guidePasskeySignInNl from './templates/guide-passkey-sign-in/nl.txt';
import guidePasskeySignInNlHtml from './templates/guide-passkey-sign-in/nl.html';
import guideRemovePasskeyEn from './templates/guide-remove-passkey/en.txt';
import guideRemovePasskeyEnHtml from './templates/guide-remove-passkey/en.html';
import guideRemovePasskeyNl from './templates/guide-remove-passkey/nl.txt';
import guideRemovePasskeyNlHtml from './templates/guide-remove-passkey/nl.html';
import reportReceivedEn from './templates/report-received/en.txt';
import reportReceivedEnHtml from './templates/report-received/en.html';
import reportReceivedNl from './templates/report-received/nl.txt';
import reportReceivedNlHtml from './templates/report-received/nl.html';
import type { MailLocale } from '../locales';
import type { SelfServicePath } from '../triage/advice';
import type { NotificationKind } from '../audit/outbox';
import type { TemplateSource } from './render';

// The kinds are the outbox's vocabulary (which audit event calls for which email).
export type { NotificationKind };

/** The mails to the security team, not to a customer: they have no customer language. */
export type SecurityTeamNotificationKind = 'SECURITY_ALERT' | 'SECURITY_REVIEW';
export type CustomerNotificationKind = Exclude<NotificationKind, SecurityTeamNotificationKind>;

/** Every mail to a customer, in every mail language (lib/locales.ts). */
export const notificationTemplates: Record<CustomerNotificationKind, Record<MailLocale, TemplateSource>> = {
  RESET: { nl: { text: resetNl, html: resetNlHtml }, en: { text: resetEn, html: resetEnHtml } },
  ENABLED: { nl: { text: enabledNl, html: enabledNlHtml }, en: { text: enabledEn, html: enabledEnHtml } },
  LOCKED: { nl: { text: lockedNl, html: lockedNlHtml }, en: { text: lockedEn, html: lockedEnHtml } },
  BACKUP_CODE_USED: {
    nl: { text: backupCodeUsedNl, html: backupCodeUsedNlHtml },
    en: { text: backupCodeUsedEn, html: backupCodeUsedEnHtml },
  },
  LAST_BACKUP_CODE: {
    nl: { text: lastBackupCodeNl, html: lastBackupCodeNlHtml },
    en: { text: lastBackupCodeEn, html: lastBackupCodeEnHtml },
  },
  AUTHENTICATOR_REPLACED: {
    nl: { text: authenticatorReplacedNl, html: authenticatorReplacedNlHtml },
    en: { text: authenticatorReplacedEn, html: authenticatorReplacedEnHtml },
  },
  AUTHENTICATOR_ADDED: {
    nl: { text: authenticatorAddedNl, html: authenticatorAddedNlHtml },
    en: { text: authenticatorAddedEn, html: authenticatorAddedEnHtml },
  },
  PASSKEY_REMOVED: {
    nl: { text: passkeyRemovedNl, html: passkeyRemovedNlHtml },
    en: { text: passkeyRemovedEn, html: passkeyRemovedEnHtml },
  },
  BACKUP_CODES_RENEWED: {
    nl: { text: backupCodesRenewedNl, html: backupCodesRenewedNlHtml },
    en: { text: backupCodesRenewedEn, html: backupCodesRenewedEnHtml },
  },
  LOCK_RELEASED: {
    nl: { text: lockReleasedNl, html: lockReleasedNlHtml },
    en: { text: lockReleasedEn, html: lockReleasedEnHtml },
  },
  LIMITS_RESET: {
    nl: { text: limitsResetNl, html: limitsResetNlHtml },
    en: { text: limitsResetEn, html: limitsResetEnHtml },
  },
  REPORT_RECEIVED: {
    nl: { text: reportReceivedNl, html: reportReceivedNlHtml },
    en: { text: reportReceivedEn, html: reportReceivedEnHtml },
  },
  // One guide per self-service path (selfServiceGuideTemplates); this entry is the new-phone one.
  SELF_SERVICE_GUIDE: {
    nl: { text: guideReplaceNl, html: guideReplaceNlHtml },
    en: { text: guideReplaceEn, html: guideReplaceEnHtml },
  },
};

/** The security team reads Dutch: its mails are written in that one language. */
export const securityTeamLocale = 'nl' satisfies MailLocale;
export const securityTeamTemplates: Record<SecurityTeamNotificationKind, TemplateSource> = {
  SECURITY_ALERT: { text: securityAlertNl, html: securityAlertNlHtml },
  SECURITY_REVIEW: { text: securityReviewNl, html: securityReviewNlHtml },
};

/** The self-service guide after a triage, by the path the triage advised: the steps the agent told the caller. */
export const selfServiceGuideTemplates: Record<SelfServicePath, Record<MailLocale, TemplateSource>> = {
  REPLACE_AUTHENTICATOR: notificationTemplates.SELF_SERVICE_GUIDE,
  BACKUP_CODE_SIGN_IN: {
    nl: { text: guideBackupCodeNl, html: guideBackupCodeNlHtml },
    en: { text: guideBackupCodeEn, html: guideBackupCodeEnHtml },
  },
  RENEW_BACKUP_CODES: {
    nl: { text: guideRenewNl, html: guideRenewNlHtml },
    en: { text: guideRenewEn, html: guideRenewEnHtml },
  },
  PASSKEY_SIGN_IN: {
    nl: { text: guidePasskeySignInNl, html: guidePasskeySignInNlHtml },
    en: { text: guidePasskeySignInEn, html: guidePasskeySignInEnHtml },
  },
  REMOVE_PASSKEY: {
    nl: { text: guideRemovePasskeyNl, html: guideRemovePasskeyNlHtml },
    en: { text: guideRemovePasskeyEn, html: guideRemovePasskeyEnHtml },
  },
};

/**
 * What the further notification addresses get for a reset: the notice without the links, because the
 * reset email's links carry the enrollment ticket and a notice address must never recover the account.
 */
export const resetNoticeTemplates: Record<MailLocale, TemplateSource> = {
  nl: { text: resetNoticeNl, html: resetNoticeNlHtml },
  en: { text: resetNoticeEn, html: resetNoticeEnHtml },
};
