// Dutch mails: every word a customer mail writes outside its templates, and its templates.
import reset from '../templates/reset/nl.txt';
import resetHtml from '../templates/reset/nl.html';
import enabled from '../templates/enabled/nl.txt';
import enabledHtml from '../templates/enabled/nl.html';
import locked from '../templates/locked/nl.txt';
import lockedHtml from '../templates/locked/nl.html';
import backupCodeUsed from '../templates/backup-code-used/nl.txt';
import backupCodeUsedHtml from '../templates/backup-code-used/nl.html';
import lastBackupCode from '../templates/last-backup-code/nl.txt';
import lastBackupCodeHtml from '../templates/last-backup-code/nl.html';
import authenticatorReplaced from '../templates/authenticator-replaced/nl.txt';
import authenticatorReplacedHtml from '../templates/authenticator-replaced/nl.html';
import authenticatorAdded from '../templates/authenticator-added/nl.txt';
import authenticatorAddedHtml from '../templates/authenticator-added/nl.html';
import passkeyRemoved from '../templates/passkey-removed/nl.txt';
import passkeyRemovedHtml from '../templates/passkey-removed/nl.html';
import backupCodesRenewed from '../templates/backup-codes-renewed/nl.txt';
import backupCodesRenewedHtml from '../templates/backup-codes-renewed/nl.html';
import lockReleased from '../templates/lock-released/nl.txt';
import lockReleasedHtml from '../templates/lock-released/nl.html';
import limitsReset from '../templates/limits-reset/nl.txt';
import limitsResetHtml from '../templates/limits-reset/nl.html';
import reportReceived from '../templates/report-received/nl.txt';
import reportReceivedHtml from '../templates/report-received/nl.html';
import guideReplaceAuthenticator from '../templates/guide-replace-authenticator/nl.txt';
import guideReplaceAuthenticatorHtml from '../templates/guide-replace-authenticator/nl.html';
import guideBackupCodeSignIn from '../templates/guide-backup-code-sign-in/nl.txt';
import guideBackupCodeSignInHtml from '../templates/guide-backup-code-sign-in/nl.html';
import guideRenewBackupCodes from '../templates/guide-renew-backup-codes/nl.txt';
import guideRenewBackupCodesHtml from '../templates/guide-renew-backup-codes/nl.html';
import guidePasskeySignIn from '../templates/guide-passkey-sign-in/nl.txt';
import guidePasskeySignInHtml from '../templates/guide-passkey-sign-in/nl.html';
import guideRemovePasskey from '../templates/guide-remove-passkey/nl.txt';
import guideRemovePasskeyHtml from '../templates/guide-remove-passkey/nl.html';
import resetNotice from '../templates/reset-notice/nl.txt';
import resetNoticeHtml from '../templates/reset-notice/nl.html';
import emailCodeText from '../templates/email-code/nl.txt';
import emailCodeHtml from '../templates/email-code/nl.html';
import type { MailTemplates, MailWords, TemplateSource } from '../mail-language';

export const words: MailWords = {
  dateTag: 'nl-NL',
  longDate: '{day} {month} {year}',
  months: [
    'januari',
    'februari',
    'maart',
    'april',
    'mei',
    'juni',
    'juli',
    'augustus',
    'september',
    'oktober',
    'november',
    'december',
  ],
  at: ' om ',
  timeZone: 'Nederlandse tijd',
  helpdesk: 'onze helpdesk',
  verifiedBy: { phone: 'telefonisch', chat: 'per chat', email: 'per e-mail' },
  verifiedAtHelpdesk: 'bij de helpdesk',
  atFurtherAddress:
    'Dit bericht gaat over uw account met e-mailadres {account}. U kon dat postvak niet openen; daarom heeft onze helpdesk de link naar dit adres gestuurd, dat bij ons voor uw account bekend is. Op {account} ontvangt u alleen een melding.',
  linkWent: {
    EMAIL: 'De link om 2FA weer aan te zetten is alleen naar het hoofdadres van het account gestuurd.',
    FURTHER_ADDRESS:
      'De link om 2FA weer aan te zetten is op verzoek van de helpdesk naar één ander adres gestuurd dat bij ons voor dit account bekend is, niet naar dit adres.',
  },
  waiting:
    'Voor uw veiligheid werkt de link om 2FA weer aan te zetten pas vanaf {availableAt}. Tot dan kan niemand 2FA voor uw account instellen en kunt u niet inloggen. Heeft u hier niet om gevraagd? Meld het dan nu met de link hieronder: het herstel stopt direct.',
  enabledMethod: {
    totp: 'een authenticator-app',
    passkey: 'een passkey (vingerafdruk, gezicht of schermvergrendeling)',
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
