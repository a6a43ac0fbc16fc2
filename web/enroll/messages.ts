// Everything the enrollment page says to the customer, in Dutch and English.
import type { Lang } from '../shared/i18n';

const nl = {
  documentTitle: 'Tweestapsverificatie instellen',
  headerTitle: 'Tweestapsverificatie (2FA)',
  loading: 'Even geduld…',

  noTicketTitle: 'Open deze pagina via de link in onze e-mail',
  noTicketBody:
    'Deze pagina heeft de persoonlijke link uit onze e-mail nodig. Klik op de knop of link in de e-mail, of kopieer de hele link naar de adresbalk.',
  noTicketNext:
    'Geen e-mail ontvangen? Kijk ook in uw map met ongewenste e-mail, of neem contact op met de helpdesk.',

  introTitle: 'Koppel uw authenticator-app',
  introBody:
    'Met deze pagina zet u tweestapsverificatie (2FA) voor uw account aan. Dat duurt ongeveer twee minuten.',
  introNeed:
    'U heeft uw telefoon nodig met een authenticator-app, zoals Google Authenticator, Microsoft Authenticator of een vergelijkbare app.',
  introStep1: 'Scan de QR-code met de app.',
  introStep2: 'Voer de 6-cijferige code uit de app in.',
  introStep3: 'Bewaar uw back-upcodes.',
  begin: 'Beginnen',
  notMe: 'Ik heb dit niet aangevraagd',

  scanTitle: 'Stap 1: Scan de QR-code',
  scanBody: 'Open uw authenticator-app, kies “account toevoegen” en scan deze code.',
  qrAlt: 'QR-code om uw account aan uw authenticator-app toe te voegen',
  openInApp: 'Staat de app op dit apparaat? Open hem direct',
  validUntil: 'Deze QR-code is geldig tot {time}.',
  manualTitle: 'Scannen lukt niet? Voer de sleutel in',
  manualKey: 'Sleutel voor handmatige invoer',
  manualHint: 'Kies in de app “tijdgebaseerd”. De spaties mag u weglaten.',
  copyKey: 'Sleutel kopiëren',
  keyCopied: 'De sleutel is gekopieerd.',
  codeTitle: 'Stap 2: Voer de code uit de app in',
  codeLabel: '6-cijferige code',
  codeHint: 'De code verandert elke 30 seconden. Voer de code in die nu in de app staat.',
  confirm: 'Bevestigen',
  codeFormat: 'Voer de 6 cijfers in die uw app toont.',
  restart: 'Opnieuw beginnen',

  codesTitle: '2FA staat aan. Bewaar nu uw back-upcodes',
  codesBody:
    'Raakt u uw telefoon kwijt, dan logt u in met een back-upcode. Elke code werkt één keer. U ziet deze codes maar één keer.',
  codesListLabel: 'Uw tien back-upcodes',
  copyCodes: 'Kopiëren',
  downloadCodes: 'Downloaden (.txt)',
  printCodes: 'Afdrukken',
  codesCopied: 'De back-upcodes zijn gekopieerd.',
  codesDownloaded: 'Het bestand met de back-upcodes is gedownload.',
  codesFileName: 'back-upcodes.txt',
  saved: 'Ik heb mijn back-upcodes veilig bewaard',
  finish: 'Klaar',
  savedRequired: 'Bewaar eerst uw back-upcodes en vink dan het vakje aan.',
  leaveWarning: 'U heeft uw back-upcodes nog niet bevestigd.',

  doneTitle: 'Klaar: tweestapsverificatie staat aan',
  doneBody:
    'Vanaf nu vraagt het systeem bij het inloggen om de code uit uw authenticator-app. Geen telefoon bij de hand? Gebruik dan een back-upcode.',
  doneClose: 'U kunt dit venster nu sluiten.',

  replaceNotice:
    'U koppelt een nieuwe authenticator-app en vervangt daarmee de oude. Uw oude app blijft werken tot u hieronder de code uit de nieuwe app bevestigt.',
  replacedCodesTitle: 'Uw nieuwe app is gekoppeld. Bewaar nu uw nieuwe back-upcodes',
  replacedCodesNotice:
    'Uw oude app geeft geen geldige codes meer en uw oude back-upcodes werken niet meer. Verwijder het oude account uit de oude app.',
  replacedDoneTitle: 'Klaar: uw nieuwe authenticator-app is gekoppeld',
  replacedDoneBody:
    'Vanaf nu vraagt het systeem bij het inloggen om de code uit uw nieuwe app. Alleen de nieuwe back-upcodes werken nog.',

  reportTitle: 'Heeft u dit niet aangevraagd?',
  reportBody: 'Dan probeert misschien iemand anders in uw account te komen. Als u dit meldt:',
  reportEffect1: 'blokkeren we het herstel van tweestapsverificatie voor uw account;',
  reportEffect2: 'werkt deze link niet meer;',
  reportEffect3: 'waarschuwen we ons beveiligingsteam, dat contact met u opneemt.',
  reportConfirm: 'Ja, melden: dit was ik niet',
  reportCancel: 'Terug',
  reportedTitle: 'Bedankt, uw melding is ontvangen',
  reportedBody:
    'Het herstel van tweestapsverificatie is voor uw account geblokkeerd en ons beveiligingsteam is gewaarschuwd. Zij nemen contact met u op.',
  reportedAdvice:
    'Wijzig voor de zekerheid uw wachtwoord. Wij vragen u nooit om codes uit uw app of uw back-upcodes door te geven.',

  ticket_TICKET_UNKNOWN_title: 'Deze link werkt niet',
  ticket_TICKET_UNKNOWN_body:
    'De link is onvolledig of niet geldig. Gebruik de nieuwste link uit onze e-mail; werkt klikken niet, kopieer dan de hele link.',
  ticket_TICKET_UNKNOWN_next: 'Lukt het niet? Neem contact op met de helpdesk; zij sturen u een nieuwe link.',
  ticket_TICKET_EXPIRED_title: 'Deze link is verlopen',
  ticket_TICKET_EXPIRED_body: 'Om uw account te beschermen is een link maar korte tijd geldig.',
  ticket_TICKET_EXPIRED_next:
    'Vraag de helpdesk om een nieuwe link, of zet 2FA aan via uw profielpagina nadat u bent ingelogd.',
  ticket_TICKET_SPENT_title: 'Deze link is al gebruikt',
  ticket_TICKET_SPENT_body: 'Heeft u net uw tweestapsverificatie ingesteld? Dan bent u klaar.',
  ticket_TICKET_SPENT_next: 'Was u dat niet? Neem dan direct contact op met de helpdesk.',
  ticket_TICKET_VOIDED_title: 'Er is een nieuwere link verstuurd',
  ticket_TICKET_VOIDED_body: 'Deze link werkt niet meer, omdat we u daarna een nieuwe hebben gestuurd.',
  ticket_TICKET_VOIDED_next: 'Gebruik de link uit de meest recente e-mail.',
  ticket_RECOVERY_LOCKED_title: 'Herstel is geblokkeerd',
  ticket_RECOVERY_LOCKED_body:
    'Voor uw account is gemeld dat een herstel niet door u is aangevraagd. Daarom kan 2FA niet via deze link worden ingesteld.',
  ticket_RECOVERY_LOCKED_next: 'Neem contact op met de helpdesk.',
  ticket_LOGIN_REQUIRED_title: 'Log eerst in met uw wachtwoord',
  ticket_LOGIN_REQUIRED_body:
    'Voor uw veiligheid zet u 2FA weer aan nadat u met uw wachtwoord bent ingelogd.',
  ticket_LOGIN_REQUIRED_next: 'Log in op de website; daarna brengt de site u naar het instellen van 2FA.',
  ticket_TWO_FA_ALREADY_ENABLED_title: 'Tweestapsverificatie staat al aan',
  ticket_TWO_FA_ALREADY_ENABLED_body: 'Uw account is al beveiligd met een authenticator-app.',
  ticket_TWO_FA_ALREADY_ENABLED_next:
    'U hoeft niets te doen. Wilt u een nieuwe telefoon koppelen? Neem contact op met de helpdesk.',

  error_WRONG_CODE:
    'Die code klopt niet. Controleer of de tijd op uw telefoon automatisch wordt ingesteld en voer de code in die nu in de app staat.',
  error_INVALID_CODE_FORMAT: 'Voer de 6 cijfers in die uw app toont.',
  error_ENROLLMENT_EXPIRED: 'Deze QR-code is verlopen. Begin opnieuw voor een nieuwe code.',
  error_NO_PENDING_ENROLLMENT: 'Begin opnieuw: scan de QR-code en voer dan de code in.',
  error_CONCURRENT_CHANGE: 'Er veranderde tegelijk iets (bijvoorbeeld in een ander venster). Begin opnieuw.',
  error_TOO_MANY_REQUESTS: 'Te veel pogingen. Wacht een minuut en probeer het dan opnieuw.',
  error_NETWORK_ERROR: 'Geen verbinding. Controleer uw internetverbinding en probeer het opnieuw.',
  error_generic: 'Er ging iets mis aan onze kant. Probeer het over een paar minuten opnieuw.',
  tryAgain: 'Opnieuw proberen',
  reference: 'Referentie voor de helpdesk: {id}',

  // every step names the service and the account; the link's state at open; phone layout
  accountLabel: 'Uw {service}-account:',
  introResetTitle: 'Zet tweestapsverificatie weer aan',
  introResetBody:
    'Onze helpdesk heeft de tweestapsverificatie (2FA) van uw account uitgezet. Koppel nu opnieuw een authenticator-app; dat duurt ongeveer twee minuten.',
  introReplaceTitle: 'Koppel een nieuwe authenticator-app',
  introReplaceBody:
    'U vervangt de authenticator-app van uw account door een nieuwe, bijvoorbeeld op een nieuwe telefoon. Uw huidige app blijft werken tot u de nieuwe heeft bevestigd.',
  scanTitlePhone: 'Stap 1: Voeg uw account toe aan de app',
  scanBodyPhone:
    'Staat de authenticator-app op deze telefoon? Tik dan op de knop; de app opent en voegt uw account toe.',
  openInAppPhone: 'Openen in de authenticator-app',
  scanOtherDevice: 'Staat de app op een ander apparaat? Scan dan deze QR-code met dat apparaat:',
  appEntry: 'In de app heet dit account: {entry}.',
  codesFor: 'Back-upcodes voor uw {service}-account {email}',
  codesGenerated: 'Gemaakt op {date}',
  codesFileTitle: 'Back-upcodes voor tweestapsverificatie (2FA)',
  codesFileService: 'Dienst: {service}',
  codesFileAccount: 'Account: {email}',
  codesFileGenerated: 'Gemaakt op: {date}',
  codesFileAdvice:
    'Elke code werkt één keer. Nieuwe codes maken deze ongeldig. Bewaar dit bestand op een veilige plek.',
  voidedNotMe: 'Heeft u zelf geen nieuwe link aangevraagd en 2FA niet zelf aangezet? Meld het ons dan.',

  // a link from the profile page: never mailed, never reported
  ticket_TICKET_VOIDED_profile_title: 'Er is een nieuwere link gemaakt',
  ticket_TICKET_VOIDED_profile_body:
    'Deze link werkt niet meer, omdat daarna via uw profielpagina een nieuwe is aangemaakt.',
  ticket_TICKET_VOIDED_profile_next:
    'Begin opnieuw: log in, ga naar uw profielpagina en kies daar opnieuw voor het koppelen van uw authenticator-app.',
  error_TICKET_NOT_REPORTABLE:
    'Deze link is voor u aangemaakt nadat u op uw profielpagina was ingelogd; er valt niets mee te melden. Heeft u dat niet zelf gedaan? Wijzig dan uw wachtwoord en bel de helpdesk.',
};

export type MessageKey = keyof typeof nl;

const en: Record<MessageKey, string> = {
  documentTitle: 'Set up two-step verification',
  headerTitle: 'Two-step verification (2FA)',
  loading: 'One moment…',

  noTicketTitle: 'Open this page from the link in our email',
  noTicketBody:
    'This page needs the personal link from our email. Click the button or link in the email, or copy the whole link into the address bar.',
  noTicketNext: 'No email? Check your spam folder too, or contact the helpdesk.',

  introTitle: 'Link your authenticator app',
  introBody: 'This page turns on two-step verification (2FA) for your account. It takes about two minutes.',
  introNeed:
    'You need your phone with an authenticator app, such as Google Authenticator, Microsoft Authenticator or a similar app.',
  introStep1: 'Scan the QR code with the app.',
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
    'To be safe, change your password. We never ask you to pass on codes from your app or your backup codes.',

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
  ticket_RECOVERY_LOCKED_title: 'Recovery is blocked',
  ticket_RECOVERY_LOCKED_body:
    'It was reported for your account that a recovery was not requested by you. So 2FA cannot be set up with this link.',
  ticket_RECOVERY_LOCKED_next: 'Contact the helpdesk.',
  ticket_LOGIN_REQUIRED_title: 'Sign in with your password first',
  ticket_LOGIN_REQUIRED_body: 'For your safety, you turn 2FA back on after signing in with your password.',
  ticket_LOGIN_REQUIRED_next: 'Sign in on the website; it then takes you to the 2FA setup.',
  ticket_TWO_FA_ALREADY_ENABLED_title: 'Two-step verification is already on',
  ticket_TWO_FA_ALREADY_ENABLED_body: 'Your account is already protected with an authenticator app.',
  ticket_TWO_FA_ALREADY_ENABLED_next:
    'You need not do anything. Want to link a new phone? Contact the helpdesk.',

  error_WRONG_CODE:
    'That code is not right. Check that your phone sets its time automatically and enter the code the app shows now.',
  error_INVALID_CODE_FORMAT: 'Enter the 6 digits your app shows.',
  error_ENROLLMENT_EXPIRED: 'This QR code has expired. Start again for a new one.',
  error_NO_PENDING_ENROLLMENT: 'Start again: scan the QR code, then enter the code.',
  error_CONCURRENT_CHANGE: 'Something changed at the same time (for example in another window). Start again.',
  error_TOO_MANY_REQUESTS: 'Too many attempts. Wait a minute, then try again.',
  error_NETWORK_ERROR: 'No connection. Check your internet connection and try again.',
  error_generic: 'Something went wrong on our side. Please try again in a few minutes.',
  tryAgain: 'Try again',
  reference: 'Reference for the helpdesk: {id}',

  // every step names the service and the account; the link's state at open; phone layout
  accountLabel: 'Your {service} account:',
  introResetTitle: 'Turn two-step verification back on',
  introResetBody:
    'Our helpdesk turned off two-step verification (2FA) for your account. Link an authenticator app again now; it takes about two minutes.',
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
};

export const messages: Record<Lang, Record<MessageKey, string>> = { nl, en };

/** Refusals about the link itself: each gets a page of its own instead of an inline error. */
export const ticketErrorCodes = [
  'TICKET_UNKNOWN',
  'TICKET_EXPIRED',
  'TICKET_SPENT',
  'TICKET_VOIDED',
  'RECOVERY_LOCKED',
  'LOGIN_REQUIRED',
  'TWO_FA_ALREADY_ENABLED',
] as const;
export type TicketErrorCode = (typeof ticketErrorCodes)[number];
