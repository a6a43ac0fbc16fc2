// Everything the enrollment page says in English.
import type { EnrollWords } from './nl';

export const en: EnrollWords = {
  // What the page knows of English: its name on the language switch, how it writes dates.
  languageName: 'English',
  switchToLanguage: 'Switch to English',
  dateLocale: 'en-GB',

  documentTitle: 'Set up two-step verification',
  headerTitle: 'Two-step verification (2FA)',
  loading: 'One moment…',

  noTicketTitle: 'Open this page from your personal link',
  noTicketBody:
    'This page only works with your personal link. Did you come from your profile page? Go back there and choose the button to set up 2FA again. Did you come from our email? Click the button in the email, or copy the whole link into the address bar.',
  noTicketNext: 'Can’t find the email? Check your spam folder too, or contact the helpdesk.',

  introTitle: 'Link your authenticator app',
  introBody: 'This page turns on two-step verification (2FA) for your account. It takes about two minutes.',
  introNeed:
    'You need your phone with an authenticator app, such as Google Authenticator, Microsoft Authenticator or a similar app.',
  introStep1: 'Scan the QR code with the app.',
  introStep1Phone: 'Add your account to the app: on this phone with one tap.',
  introStep2: 'Enter the 6-digit code from the app.',
  introStep3: 'Save your backup codes.',
  begin: 'Begin',
  notMe: 'I didn’t ask for this',

  scanTitle: 'Step 1: Scan the QR code',
  scanBody: 'Open your authenticator app, choose “add account” and scan this code.',
  qrAlt: 'QR code to add your account to your authenticator app',
  openInApp: 'Is the app on this device? Open it directly',
  validUntil: 'This QR code is valid until {time}.',
  manualTitle: 'Can’t scan? Enter the key',
  manualKey: 'Key for manual entry',
  manualHint: 'Choose “time-based” in the app. You may leave out the spaces.',
  copyKey: 'Copy key',
  keyCopied: 'The key has been copied.',
  codeTitle: 'Step 2: Enter the code from the app',
  codeLabel: '6-digit code',
  codeHint: 'The code changes every 30 seconds. Enter the code the app shows now.',
  confirm: 'Confirm',
  codeFormat: 'Enter the 6 digits your app shows.',
  restart: 'Start again',

  codesTitle: '2FA is on. Now save your backup codes',
  codesBody:
    'If you lose your phone, you sign in with a backup code. Each code works once. You will see these codes only once.',
  codesListLabel: 'Your ten backup codes',
  copyCodes: 'Copy',
  downloadCodes: 'Download (.txt)',
  printCodes: 'Print',
  codesCopied: 'The backup codes have been copied.',
  codesDownloaded: 'The file with the backup codes has been downloaded.',
  codesFileName: 'backup-codes.txt',
  saved: 'I have saved my backup codes safely',
  finish: 'Done',
  savedRequired: 'Save your backup codes first, then tick the box.',
  leaveWarning: 'You have not confirmed your backup codes yet.',

  doneTitle: 'Done: two-step verification is on',
  doneBody:
    'From now on, signing in asks for the code from your authenticator app. No phone at hand? Use a backup code.',
  doneClose: 'You can close this window now.',

  replaceNotice:
    'You are linking a new authenticator app, which replaces the old one. Your old app keeps working until you confirm the code from the new app below.',
  replacedCodesTitle: 'Your new app is linked. Now save your new backup codes',
  replacedCodesNotice:
    'Your old app no longer gives valid codes and your old backup codes no longer work. Remove the old account from the old app.',
  replacedDoneTitle: 'Done: your new authenticator app is linked',
  replacedDoneBody:
    'From now on, signing in asks for the code from your new app. Only the new backup codes still work.',

  reportTitle: 'Didn’t you ask for this?',
  reportBody: 'Then someone else may be trying to get into your account. If you report it:',
  reportEffect1: 'we block the recovery of two-step verification for your account;',
  reportEffect2: 'this link stops working;',
  reportEffect3: 'we alert our security team, who will contact you.',
  reportConfirm: 'Yes, report: this wasn’t me',
  reportCancel: 'Back',
  reportedTitle: 'Thank you, we have received your report',
  reportedBody:
    'Recovery of two-step verification is blocked for your account and our security team has been alerted. They will contact you.',
  reportedAdvice:
    'Signing in to your account is blocked, with your password too, until our security team has called you and lifts the block together with you; then you can also change your password. You will get a confirmation by email. We never ask you to pass on codes from your app or your backup codes.',

  ticket_TICKET_UNKNOWN_title: 'This link does not work',
  ticket_TICKET_UNKNOWN_body:
    'The link is incomplete or not valid. Use the newest link from our email; if clicking does not work, copy the whole link.',
  ticket_TICKET_UNKNOWN_next: 'Still stuck? Contact the helpdesk; they will send you a new link.',
  ticket_TICKET_EXPIRED_title: 'This link has expired',
  ticket_TICKET_EXPIRED_body: 'To protect your account, a link is valid only for a short time.',
  ticket_TICKET_EXPIRED_next:
    'Ask the helpdesk for a new link, or turn on 2FA from your profile page after signing in.',
  ticket_TICKET_SPENT_title: 'This link has already been used',
  ticket_TICKET_SPENT_body: 'Did you just set up two-step verification? Then you are done.',
  ticket_TICKET_SPENT_next: 'Wasn’t that you? Contact the helpdesk right away.',
  ticket_TICKET_VOIDED_title: 'A newer link has been sent',
  ticket_TICKET_VOIDED_body: 'This link no longer works, because we sent you a new one after it.',
  ticket_TICKET_VOIDED_next: 'Use the link from the most recent email.',
  ticket_RECOVERY_LOCKED_title: 'Your account is locked, for your protection',
  ticket_RECOVERY_LOCKED_body:
    'It was reported for your account that a recovery of two-step verification was not requested by you. So signing in is blocked, with your password too, and this link no longer works.',
  ticket_RECOVERY_LOCKED_next:
    'Our security team will call you back on the phone number we have for you and lift the block together with you. You need not do anything now.',
  ticket_LOGIN_REQUIRED_title: 'Sign in with your password first',
  ticket_LOGIN_REQUIRED_body: 'For your safety, you turn 2FA back on after signing in with your password.',
  ticket_LOGIN_REQUIRED_next: 'Sign in on the website; it then takes you to the 2FA setup.',
  ticket_TWO_FA_ALREADY_ENABLED_title: 'Two-step verification is already on',
  ticket_TWO_FA_ALREADY_ENABLED_body: 'Your account is already protected with an authenticator app.',
  ticket_TWO_FA_ALREADY_ENABLED_next:
    'You need not do anything. A new phone? You can move yourself: sign in with your password and the code from the app on your old phone (or a backup code), choose “Replace authenticator” on your profile page and scan the QR code with your new phone. Old app gone and no backup code left? Then call the helpdesk.',

  error_WRONG_CODE:
    'That code is not right. Check that your phone sets its time automatically and enter the code the app shows now.',
  error_WRONG_CODE_STALE_ENTRY:
    'That code is not right. Your app may still hold an older entry for this account, from an earlier QR code: that one no longer works. Delete that entry from the app, add the account again from this QR code and enter the code the app shows now.',
  earlierQrReplaced:
    'This is a new QR code. Did you scan an earlier QR code for this account? Then delete that older entry from your app: only this one works.',
  error_INVALID_CODE_FORMAT: 'Enter the 6 digits your app shows.',
  error_ENROLLMENT_EXPIRED: 'This QR code has expired. Start again for a new one.',
  error_NO_PENDING_ENROLLMENT: 'Start again: scan the QR code, then enter the code.',
  error_CONCURRENT_CHANGE: 'Something changed at the same time (for example in another window). Start again.',
  error_TOO_MANY_REQUESTS: 'Too many attempts. Wait a minute, then try again.',
  error_NETWORK_ERROR: 'No connection. Check your internet connection and try again.',
  error_generic: 'Something went wrong on our side. Please try again in a few minutes.',
  tryAgain: 'Try again',
  helpdeskPhone: 'Helpdesk: {phone}',
  caseNumber: 'Case number: {caseNumber}',
  reference: 'Reference for the helpdesk: {id}',

  // every step names the service and the account; the link's state at open; phone layout
  accountLabel: 'Your {service} account:',
  introResetTitle: 'Turn two-step verification back on',
  introResetBody:
    'Our helpdesk turned off two-step verification (2FA) for your account. Turn it back on now, with a passkey or an authenticator app; it takes about two minutes.',
  introReplaceTitle: 'Link a new authenticator app',
  introReplaceBody:
    'You are replacing the authenticator app of your account with a new one, for example on a new phone. Your current app keeps working until you have confirmed the new one.',
  scanTitlePhone: 'Step 1: Add your account to the app',
  scanBodyPhone:
    'Is the authenticator app on this phone? Tap the button; the app opens and adds your account.',
  openInAppPhone: 'Open in the authenticator app',
  scanOtherDevice: 'Is the app on another device? Then scan this QR code with that device:',
  appEntry: 'In the app this account is called: {entry}.',
  codesFor: 'Backup codes for your {service} account {email}',
  codesGenerated: 'Created on {date}',
  codesFileTitle: 'Backup codes for two-step verification (2FA)',
  codesFileService: 'Service: {service}',
  codesFileAccount: 'Account: {email}',
  codesFileGenerated: 'Created on: {date}',
  codesFileAdvice: 'Each code works once. New codes make these invalid. Keep this file in a safe place.',
  voidedNotMe: 'Did you not ask for a new link and not turn on 2FA yourself? Then tell us.',

  // a link from the profile page: never mailed, never reported
  ticket_TICKET_VOIDED_profile_title: 'A newer link has been made',
  ticket_TICKET_VOIDED_profile_body:
    'This link no longer works, because a newer one was made from your profile page after it.',
  ticket_TICKET_VOIDED_profile_next:
    'Start again: sign in, go to your profile page and choose to link your authenticator app there again.',
  error_TICKET_NOT_REPORTABLE:
    'This link was made for you after you signed in on your profile page; there is nothing to report with it. Didn’t you do that yourself? Then change your password and call the helpdesk.',

  // A reset's waiting period and a notice's "this wasn't me" link (issue 29).
  waitingTitle: 'Your link does not work yet',
  waitingOpensAt: 'You can set up 2FA again from {when}.',
  waitingWhy:
    'For your protection we wait a while before 2FA can be set up again after a helpdesk reset. That way, if someone else pretended to be you, you have time to stop the recovery. Until then you cannot sign in.',
  waitingNext:
    'Keep the email and open this link again after that time. The link stays valid for a while after that.',
  waitingCheck: 'Check again',

  noticeTitle: 'Didn’t you ask for this?',
  noticeBody:
    'Someone asked our helpdesk to turn off two-step verification for your account. If that was not you, stop the recovery here.',
  noticeEffect1: 'The recovery stops at once: no one can set up 2FA for your account.',
  noticeEffect2: 'Our security team contacts you on the details we already have on file.',
  noticeConfirm: 'Stop the recovery',
  noticeReportedTitle: 'The recovery has been stopped',
  noticeAlreadyReportedTitle: 'The recovery was already stopped',
  noticeReportedBody:
    'No one can set up 2FA for your account now. Our security team will contact you. To be safe, change your password.',
  error_NOTICE_UNKNOWN:
    'This link is not valid. Use the link in the newest message we sent you, or call the helpdesk.',
  error_NOTICE_SUPERSEDED:
    'This message was about an earlier recovery of your account. Use the link in the newest message, or call the helpdesk.',
  error_RECOVERY_COMPLETED:
    'Two-step verification has already been set up again on this account. Was that not you? Call the helpdesk now.',
  error_RECOVERY_PENDING: 'This link does not work yet: the waiting period is still running.',

  // The passkey way (issue 28).
  passkeyTitle: 'Use a passkey (fingerprint, face or screen lock)',
  passkeyBody:
    'Recommended. You will sign in the way you unlock your phone or computer. A passkey only works on our own website, so a fake sign-in page cannot use it.',
  passkeyBegin: 'Set up a passkey',
  passkeyBusy: 'Follow the steps on your device…',
  passkeyOrApp: 'Or use an authenticator app',
  error_PASSKEY_CANCELLED: 'No passkey was created. Try again, or link an authenticator app below.',
  error_PASSKEY_NOT_VERIFIED:
    'The passkey could not be checked. Use your fingerprint, face or screen lock and try again.',
  passkeyCodesBody:
    'If you don’t have the device with your passkey at hand, you sign in with a backup code. Each code works once. You will see these codes only once.',
  passkeyDoneBody:
    'From now on you sign in with your passkey: your fingerprint, face or screen lock. No device at hand? Use a backup code.',
  passkeySecondTitle: 'Tip: keep a second way in',
  passkeySecondBody:
    'If you lose this device, a second way gets you back in without the helpdesk: a passkey on another device, a security key or an authenticator app. Keep your backup codes somewhere other than this device too.',
  addAnotherBegin: 'Add another way',
  introAddTitle: 'Add another way to sign in',
  introAddBody:
    'The ways you sign in now and your backup codes keep working. Add a passkey on another device or a security key, or link an authenticator app.',
  addNoPasskeyHere:
    'This browser cannot make a passkey. Open this link on a phone or computer with a fingerprint, face or screen lock.',
  addedTitle: 'Another way to sign in added',
  addedPasskeyBody:
    'You can now also sign in with this passkey. Your other ways and your backup codes keep working. We emailed you a confirmation.',
  addedAppBody:
    'You can now also sign in with the code from your authenticator app. Your other ways and your backup codes keep working. We emailed you a confirmation.',
  error_TOTP_ALREADY_ENABLED:
    'Your account has an authenticator app already. Add a passkey above, or choose “new phone” on your profile page to move the app.',
  error_PASSKEY_LIMIT_REACHED:
    'Your account has the most passkeys it can have (10). Use one of your passkeys or a backup code.',
  error_PASSKEY_ALREADY_REGISTERED:
    'This passkey is on your account already. Use another device or a security key.',

  // Replace mode's two app entries side by side (issue 24): the new entry's name, a code from the old one.
  replaceAppEntry:
    'In the app the new entry is called: {entry}. The date tells it apart from the old entry, which works until you confirm below.',
  error_OLD_AUTHENTICATOR_CODE:
    'This is the code of your old entry in the app, not the new one. Enter the code of the new entry: {entry}.',
};
