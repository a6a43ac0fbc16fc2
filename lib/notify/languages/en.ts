// English mails: every word a customer mail writes outside its templates, and its templates.
import reset from '../templates/reset/en.txt';
import resetHtml from '../templates/reset/en.html';
import enabled from '../templates/enabled/en.txt';
import enabledHtml from '../templates/enabled/en.html';
import locked from '../templates/locked/en.txt';
import lockedHtml from '../templates/locked/en.html';
import backupCodeUsed from '../templates/backup-code-used/en.txt';
import backupCodeUsedHtml from '../templates/backup-code-used/en.html';
import lastBackupCode from '../templates/last-backup-code/en.txt';
import lastBackupCodeHtml from '../templates/last-backup-code/en.html';
import authenticatorReplaced from '../templates/authenticator-replaced/en.txt';
import authenticatorReplacedHtml from '../templates/authenticator-replaced/en.html';
import authenticatorAdded from '../templates/authenticator-added/en.txt';
import authenticatorAddedHtml from '../templates/authenticator-added/en.html';
import passkeyRemoved from '../templates/passkey-removed/en.txt';
import passkeyRemovedHtml from '../templates/passkey-removed/en.html';
import backupCodesRenewed from '../templates/backup-codes-renewed/en.txt';
import backupCodesRenewedHtml from '../templates/backup-codes-renewed/en.html';
import lockReleased from '../templates/lock-released/en.txt';
import lockReleasedHtml from '../templates/lock-released/en.html';
import limitsReset from '../templates/limits-reset/en.txt';
import limitsResetHtml from '../templates/limits-reset/en.html';
import reportReceived from '../templates/report-received/en.txt';
import reportReceivedHtml from '../templates/report-received/en.html';
import guideReplaceAuthenticator from '../templates/guide-replace-authenticator/en.txt';
import guideReplaceAuthenticatorHtml from '../templates/guide-replace-authenticator/en.html';
import guideBackupCodeSignIn from '../templates/guide-backup-code-sign-in/en.txt';
import guideBackupCodeSignInHtml from '../templates/guide-backup-code-sign-in/en.html';
import guideRenewBackupCodes from '../templates/guide-renew-backup-codes/en.txt';
import guideRenewBackupCodesHtml from '../templates/guide-renew-backup-codes/en.html';
import guidePasskeySignIn from '../templates/guide-passkey-sign-in/en.txt';
import guidePasskeySignInHtml from '../templates/guide-passkey-sign-in/en.html';
import guideRemovePasskey from '../templates/guide-remove-passkey/en.txt';
import guideRemovePasskeyHtml from '../templates/guide-remove-passkey/en.html';
import resetNotice from '../templates/reset-notice/en.txt';
import resetNoticeHtml from '../templates/reset-notice/en.html';
import emailCodeText from '../templates/email-code/en.txt';
import emailCodeHtml from '../templates/email-code/en.html';
import type { MailTemplates, MailWords, TemplateSource } from '../mail-language';

export const words: MailWords = {
  dateTag: 'en-GB',
  longDate: '{day} {month} {year}',
  months: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  at: ' at ',
  timeZone: 'Amsterdam time',
  helpdesk: 'our helpdesk',
  verifiedBy: { phone: 'by phone', chat: 'in a chat', email: 'by email' },
  verifiedAtHelpdesk: 'with the helpdesk',
  atFurtherAddress:
    'This message is about your account with the email address {account}. You could not open that mailbox, so our helpdesk sent the link to this address, which is on file for your account. {account} receives a notice only.',
  linkWent: {
    EMAIL: "The link to turn 2FA on again went only to the account's main address.",
    FURTHER_ADDRESS:
      'At the helpdesk’s request, the link to turn 2FA back on was sent to one other address on file for this account, not to this one.',
  },
  waiting:
    'For your protection the link to turn 2FA on again works only from {availableAt}. Until then no one can set up 2FA for your account and you cannot sign in. Did you not ask for this? Report it now with the link below: the recovery stops at once.',
  enabledMethod: {
    totp: 'an authenticator app',
    passkey: 'a passkey (fingerprint, face or screen lock)',
  },
};

export const templates: MailTemplates = {
  mails: {
    RESET: { text: reset, html: resetHtml },
    ENABLED: { text: enabled, html: enabledHtml },
    LOCKED: { text: locked, html: lockedHtml },
    BACKUP_CODE_USED: { text: backupCodeUsed, html: backupCodeUsedHtml },
    LAST_BACKUP_CODE: { text: lastBackupCode, html: lastBackupCodeHtml },
    AUTHENTICATOR_REPLACED: { text: authenticatorReplaced, html: authenticatorReplacedHtml },
    AUTHENTICATOR_ADDED: { text: authenticatorAdded, html: authenticatorAddedHtml },
    PASSKEY_REMOVED: { text: passkeyRemoved, html: passkeyRemovedHtml },
    BACKUP_CODES_RENEWED: { text: backupCodesRenewed, html: backupCodesRenewedHtml },
    LOCK_RELEASED: { text: lockReleased, html: lockReleasedHtml },
    LIMITS_RESET: { text: limitsReset, html: limitsResetHtml },
    REPORT_RECEIVED: { text: reportReceived, html: reportReceivedHtml },
  },
  guides: {
    REPLACE_AUTHENTICATOR: { text: guideReplaceAuthenticator, html: guideReplaceAuthenticatorHtml },
    BACKUP_CODE_SIGN_IN: { text: guideBackupCodeSignIn, html: guideBackupCodeSignInHtml },
    RENEW_BACKUP_CODES: { text: guideRenewBackupCodes, html: guideRenewBackupCodesHtml },
    PASSKEY_SIGN_IN: { text: guidePasskeySignIn, html: guidePasskeySignInHtml },
    REMOVE_PASSKEY: { text: guideRemovePasskey, html: guideRemovePasskeyHtml },
  },
  resetNotice: { text: resetNotice, html: resetNoticeHtml },
};

/** The helpdesk's out-of-band code, apart: the admin API sends it and bundles only this template. */
export const emailCode: TemplateSource = { text: emailCodeText, html: emailCodeHtml };
