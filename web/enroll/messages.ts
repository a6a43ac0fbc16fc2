// Everything the enrollment page says to the customer, each key in every language of the page's list.
import { byLanguage } from '../shared/i18n';
import { enrollLanguages, type EnrollLang } from './languages';
import { waitingWords } from './waiting.words';
import { passkeyWords } from './passkey.words';
import { replaceWords } from './replace.words';

export { enrollLanguages, type EnrollLang } from './languages';

const words = {
  documentTitle: { nl: 'Tweestapsverificatie instellen', en: 'Set up two-step verification' },
  headerTitle: { nl: 'Tweestapsverificatie (2FA)', en: 'Two-step verification (2FA)' },
  loading: { nl: 'Even geduld…', en: 'One moment…' },

  noTicketTitle: {
    nl: 'Open deze pagina via uw persoonlijke link',
    en: 'Open this page from your personal link',
  },
  noTicketBody: {
    nl: 'Deze pagina werkt alleen met uw persoonlijke link. Kwam u via uw profielpagina? Ga daar terug en kies opnieuw de knop om 2FA in te stellen. Kwam u via onze e-mail? Klik op de knop in de e-mail, of kopieer de hele link naar de adresbalk.',
    en: 'This page only works with your personal link. Did you come from your profile page? Go back there and choose the button to set up 2FA again. Did you come from our email? Click the button in the email, or copy the whole link into the address bar.',
  },
  noTicketNext: {
    nl: 'E-mail niet gevonden? Kijk ook in uw map met ongewenste e-mail, of neem contact op met de helpdesk.',
    en: 'Can’t find the email? Check your spam folder too, or contact the helpdesk.',
  },

  introTitle: { nl: 'Koppel uw authenticator-app', en: 'Link your authenticator app' },
  introBody: {
    nl: 'Met deze pagina zet u tweestapsverificatie (2FA) voor uw account aan. Dat duurt ongeveer twee minuten.',
    en: 'This page turns on two-step verification (2FA) for your account. It takes about two minutes.',
  },
  introNeed: {
    nl: 'U heeft uw telefoon nodig met een authenticator-app, zoals Google Authenticator, Microsoft Authenticator of een vergelijkbare app.',
    en: 'You need your phone with an authenticator app, such as Google Authenticator, Microsoft Authenticator or a similar app.',
  },
  introStep1: { nl: 'Scan de QR-code met de app.', en: 'Scan the QR code with the app.' },
  introStep1Phone: {
    nl: 'Voeg uw account toe aan de app: op deze telefoon met één tik.',
    en: 'Add your account to the app: on this phone with one tap.',
  },
  introStep2: { nl: 'Voer de 6-cijferige code uit de app in.', en: 'Enter the 6-digit code from the app.' },
  introStep3: { nl: 'Bewaar uw back-upcodes.', en: 'Save your backup codes.' },
  begin: { nl: 'Beginnen', en: 'Begin' },
  notMe: { nl: 'Ik heb dit niet aangevraagd', en: 'I didn’t ask for this' },

  scanTitle: { nl: 'Stap 1: Scan de QR-code', en: 'Step 1: Scan the QR code' },
  scanBody: {
    nl: 'Open uw authenticator-app, kies “account toevoegen” en scan deze code.',
    en: 'Open your authenticator app, choose “add account” and scan this code.',
  },
  qrAlt: {
    nl: 'QR-code om uw account aan uw authenticator-app toe te voegen',
    en: 'QR code to add your account to your authenticator app',
  },
  openInApp: {
    nl: 'Staat de app op dit apparaat? Open hem direct',
    en: 'Is the app on this device? Open it directly',
  },
  validUntil: { nl: 'Deze QR-code is geldig tot {time}.', en: 'This QR code is valid until {time}.' },
  manualTitle: { nl: 'Scannen lukt niet? Voer de sleutel in', en: 'Can’t scan? Enter the key' },
  manualKey: { nl: 'Sleutel voor handmatige invoer', en: 'Key for manual entry' },
  manualHint: {
    nl: 'Kies in de app “tijdgebaseerd”. De spaties mag u weglaten.',
    en: 'Choose “time-based” in the app. You may leave out the spaces.',
  },
  copyKey: { nl: 'Sleutel kopiëren', en: 'Copy key' },
  keyCopied: { nl: 'De sleutel is gekopieerd.', en: 'The key has been copied.' },
  codeTitle: { nl: 'Stap 2: Voer de code uit de app in', en: 'Step 2: Enter the code from the app' },
  codeLabel: { nl: '6-cijferige code', en: '6-digit code' },
  codeHint: {
    nl: 'De code verandert elke 30 seconden. Voer de code in die nu in de app staat.',
    en: 'The code changes every 30 seconds. Enter the code the app shows now.',
  },
  confirm: { nl: 'Bevestigen', en: 'Confirm' },
  codeFormat: { nl: 'Voer de 6 cijfers in die uw app toont.', en: 'Enter the 6 digits your app shows.' },
  restart: { nl: 'Opnieuw beginnen', en: 'Start again' },

  codesTitle: { nl: '2FA staat aan. Bewaar nu uw back-upcodes', en: '2FA is on. Now save your backup codes' },
  codesBody: {
    nl: 'Raakt u uw telefoon kwijt, dan logt u in met een back-upcode. Elke code werkt één keer. U ziet deze codes maar één keer.',
    en: 'If you lose your phone, you sign in with a backup code. Each code works once. You will see these codes only once.',
  },
  codesListLabel: { nl: 'Uw tien back-upcodes', en: 'Your ten backup codes' },
  copyCodes: { nl: 'Kopiëren', en: 'Copy' },
  downloadCodes: { nl: 'Downloaden (.txt)', en: 'Download (.txt)' },
  printCodes: { nl: 'Afdrukken', en: 'Print' },
  codesCopied: { nl: 'De back-upcodes zijn gekopieerd.', en: 'The backup codes have been copied.' },
  codesDownloaded: {
    nl: 'Het bestand met de back-upcodes is gedownload.',
    en: 'The file with the backup codes has been downloaded.',
  },
  codesFileName: { nl: 'back-upcodes.txt', en: 'backup-codes.txt' },
  saved: { nl: 'Ik heb mijn back-upcodes veilig bewaard', en: 'I have saved my backup codes safely' },
  finish: { nl: 'Klaar', en: 'Done' },
  savedRequired: {
    nl: 'Bewaar eerst uw back-upcodes en vink dan het vakje aan.',
    en: 'Save your backup codes first, then tick the box.',
  },
  leaveWarning: {
    nl: 'U heeft uw back-upcodes nog niet bevestigd.',
    en: 'You have not confirmed your backup codes yet.',
  },

  doneTitle: { nl: 'Klaar: tweestapsverificatie staat aan', en: 'Done: two-step verification is on' },
  doneBody: {
    nl: 'Vanaf nu vraagt het systeem bij het inloggen om de code uit uw authenticator-app. Geen telefoon bij de hand? Gebruik dan een back-upcode.',
    en: 'From now on, signing in asks for the code from your authenticator app. No phone at hand? Use a backup code.',
  },
  doneClose: { nl: 'U kunt dit venster nu sluiten.', en: 'You can close this window now.' },

  replaceNotice: {
    nl: 'U koppelt een nieuwe authenticator-app en vervangt daarmee de oude. Uw oude app blijft werken tot u hieronder de code uit de nieuwe app bevestigt.',
    en: 'You are linking a new authenticator app, which replaces the old one. Your old app keeps working until you confirm the code from the new app below.',
  },
  replacedCodesTitle: {
    nl: 'Uw nieuwe app is gekoppeld. Bewaar nu uw nieuwe back-upcodes',
    en: 'Your new app is linked. Now save your new backup codes',
  },
  replacedCodesNotice: {
    nl: 'Uw oude app geeft geen geldige codes meer en uw oude back-upcodes werken niet meer. Verwijder het oude account uit de oude app.',
    en: 'Your old app no longer gives valid codes and your old backup codes no longer work. Remove the old account from the old app.',
  },
  replacedDoneTitle: {
    nl: 'Klaar: uw nieuwe authenticator-app is gekoppeld',
    en: 'Done: your new authenticator app is linked',
  },
  replacedDoneBody: {
    nl: 'Vanaf nu vraagt het systeem bij het inloggen om de code uit uw nieuwe app. Alleen de nieuwe back-upcodes werken nog.',
    en: 'From now on, signing in asks for the code from your new app. Only the new backup codes still work.',
  },

  reportTitle: { nl: 'Heeft u dit niet aangevraagd?', en: 'Didn’t you ask for this?' },
  reportBody: {
    nl: 'Dan probeert misschien iemand anders in uw account te komen. Als u dit meldt:',
    en: 'Then someone else may be trying to get into your account. If you report it:',
  },
  reportEffect1: {
    nl: 'blokkeren we het herstel van tweestapsverificatie voor uw account;',
    en: 'we block the recovery of two-step verification for your account;',
  },
  reportEffect2: { nl: 'werkt deze link niet meer;', en: 'this link stops working;' },
  reportEffect3: {
    nl: 'waarschuwen we ons beveiligingsteam, dat contact met u opneemt.',
    en: 'we alert our security team, who will contact you.',
  },
  reportConfirm: { nl: 'Ja, melden: dit was ik niet', en: 'Yes, report: this wasn’t me' },
  reportCancel: { nl: 'Terug', en: 'Back' },
  reportedTitle: { nl: 'Bedankt, uw melding is ontvangen', en: 'Thank you, we have received your report' },
  reportedBody: {
    nl: 'Het herstel van tweestapsverificatie is voor uw account geblokkeerd en ons beveiligingsteam is gewaarschuwd. Zij nemen contact met u op.',
    en: 'Recovery of two-step verification is blocked for your account and our security team has been alerted. They will contact you.',
  },
  reportedAdvice: {
    nl: 'Inloggen op uw account is geblokkeerd, ook met uw wachtwoord, tot ons beveiligingsteam u heeft gebeld en de blokkade samen met u opheft; dan kunt u ook uw wachtwoord wijzigen. U krijgt een bevestiging per e-mail. Wij vragen u nooit om codes uit uw app of uw back-upcodes door te geven.',
    en: 'Signing in to your account is blocked, with your password too, until our security team has called you and lifts the block together with you; then you can also change your password. You will get a confirmation by email. We never ask you to pass on codes from your app or your backup codes.',
  },

  ticket_TICKET_UNKNOWN_title: { nl: 'Deze link werkt niet', en: 'This link does not work' },
  ticket_TICKET_UNKNOWN_body: {
    nl: 'De link is onvolledig of niet geldig. Gebruik de nieuwste link uit onze e-mail; werkt klikken niet, kopieer dan de hele link.',
    en: 'The link is incomplete or not valid. Use the newest link from our email; if clicking does not work, copy the whole link.',
  },
  ticket_TICKET_UNKNOWN_next: {
    nl: 'Lukt het niet? Neem contact op met de helpdesk; zij sturen u een nieuwe link.',
    en: 'Still stuck? Contact the helpdesk; they will send you a new link.',
  },
  ticket_TICKET_EXPIRED_title: { nl: 'Deze link is verlopen', en: 'This link has expired' },
  ticket_TICKET_EXPIRED_body: {
    nl: 'Om uw account te beschermen is een link maar korte tijd geldig.',
    en: 'To protect your account, a link is valid only for a short time.',
  },
  ticket_TICKET_EXPIRED_next: {
    nl: 'Vraag de helpdesk om een nieuwe link, of zet 2FA aan via uw profielpagina nadat u bent ingelogd.',
    en: 'Ask the helpdesk for a new link, or turn on 2FA from your profile page after signing in.',
  },
  ticket_TICKET_SPENT_title: { nl: 'Deze link is al gebruikt', en: 'This link has already been used' },
  ticket_TICKET_SPENT_body: {
    nl: 'Heeft u net uw tweestapsverificatie ingesteld? Dan bent u klaar.',
    en: 'Did you just set up two-step verification? Then you are done.',
  },
  ticket_TICKET_SPENT_next: {
    nl: 'Was u dat niet? Neem dan direct contact op met de helpdesk.',
    en: 'Wasn’t that you? Contact the helpdesk right away.',
  },
  ticket_TICKET_VOIDED_title: { nl: 'Er is een nieuwere link verstuurd', en: 'A newer link has been sent' },
  ticket_TICKET_VOIDED_body: {
    nl: 'Deze link werkt niet meer, omdat we u daarna een nieuwe hebben gestuurd.',
    en: 'This link no longer works, because we sent you a new one after it.',
  },
  ticket_TICKET_VOIDED_next: {
    nl: 'Gebruik de link uit de meest recente e-mail.',
    en: 'Use the link from the most recent email.',
  },
  ticket_RECOVERY_LOCKED_title: {
    nl: 'Uw account is geblokkeerd, voor uw bescherming',
    en: 'Your account is locked, for your protection',
  },
  ticket_RECOVERY_LOCKED_body: {
    nl: 'Voor uw account is gemeld dat een herstel van de tweestapsverificatie niet door u is aangevraagd. Daarom is inloggen geblokkeerd, ook met uw wachtwoord, en werkt deze link niet meer.',
    en: 'It was reported for your account that a recovery of two-step verification was not requested by you. So signing in is blocked, with your password too, and this link no longer works.',
  },
  ticket_RECOVERY_LOCKED_next: {
    nl: 'Ons beveiligingsteam belt u terug op het telefoonnummer dat wij van u hebben en heft de blokkade samen met u op. U hoeft nu niets te doen.',
    en: 'Our security team will call you back on the phone number we have for you and lift the block together with you. You need not do anything now.',
  },
  ticket_LOGIN_REQUIRED_title: {
    nl: 'Log eerst in met uw wachtwoord',
    en: 'Sign in with your password first',
  },
  ticket_LOGIN_REQUIRED_body: {
    nl: 'Voor uw veiligheid zet u 2FA weer aan nadat u met uw wachtwoord bent ingelogd.',
    en: 'For your safety, you turn 2FA back on after signing in with your password.',
  },
  ticket_LOGIN_REQUIRED_next: {
    nl: 'Log in op de website; daarna brengt de site u naar het instellen van 2FA.',
    en: 'Sign in on the website; it then takes you to the 2FA setup.',
  },
  ticket_TWO_FA_ALREADY_ENABLED_title: {
    nl: 'Tweestapsverificatie staat al aan',
    en: 'Two-step verification is already on',
  },
  ticket_TWO_FA_ALREADY_ENABLED_body: {
    nl: 'Uw account is al beveiligd met een authenticator-app.',
    en: 'Your account is already protected with an authenticator app.',
  },
  ticket_TWO_FA_ALREADY_ENABLED_next: {
    nl: 'U hoeft niets te doen. Een nieuwe telefoon? Dat regelt u zelf: log in met uw wachtwoord en de code uit de app op uw oude telefoon (of een back-upcode), kies op uw profielpagina “Authenticator vervangen” en scan de QR-code met uw nieuwe telefoon. Werkt de oude app niet meer en heeft u geen back-upcode? Bel dan de helpdesk.',
    en: 'You need not do anything. A new phone? You can move yourself: sign in with your password and the code from the app on your old phone (or a backup code), choose “Replace authenticator” on your profile page and scan the QR code with your new phone. Old app gone and no backup code left? Then call the helpdesk.',
  },

  error_WRONG_CODE: {
    nl: 'Die code klopt niet. Controleer of de tijd op uw telefoon automatisch wordt ingesteld en voer de code in die nu in de app staat.',
    en: 'That code is not right. Check that your phone sets its time automatically and enter the code the app shows now.',
  },
  error_WRONG_CODE_STALE_ENTRY: {
    nl: 'Die code klopt niet. Uw app heeft misschien nog een oudere invoer voor dit account, van een eerdere QR-code: die werkt niet meer. Verwijder die invoer uit de app, voeg het account opnieuw toe met deze QR-code en voer de code in die nu in de app staat.',
    en: 'That code is not right. Your app may still hold an older entry for this account, from an earlier QR code: that one no longer works. Delete that entry from the app, add the account again from this QR code and enter the code the app shows now.',
  },
  earlierQrReplaced: {
    nl: 'Dit is een nieuwe QR-code. Heeft u eerder al een QR-code voor dit account gescand? Verwijder die oudere invoer dan uit uw app: alleen deze werkt.',
    en: 'This is a new QR code. Did you scan an earlier QR code for this account? Then delete that older entry from your app: only this one works.',
  },
  error_INVALID_CODE_FORMAT: {
    nl: 'Voer de 6 cijfers in die uw app toont.',
    en: 'Enter the 6 digits your app shows.',
  },
  error_ENROLLMENT_EXPIRED: {
    nl: 'Deze QR-code is verlopen. Begin opnieuw voor een nieuwe code.',
    en: 'This QR code has expired. Start again for a new one.',
  },
  error_NO_PENDING_ENROLLMENT: {
    nl: 'Begin opnieuw: scan de QR-code en voer dan de code in.',
    en: 'Start again: scan the QR code, then enter the code.',
  },
  error_CONCURRENT_CHANGE: {
    nl: 'Er veranderde tegelijk iets (bijvoorbeeld in een ander venster). Begin opnieuw.',
    en: 'Something changed at the same time (for example in another window). Start again.',
  },
  error_TOO_MANY_REQUESTS: {
    nl: 'Te veel pogingen. Wacht een minuut en probeer het dan opnieuw.',
    en: 'Too many attempts. Wait a minute, then try again.',
  },
  error_NETWORK_ERROR: {
    nl: 'Geen verbinding. Controleer uw internetverbinding en probeer het opnieuw.',
    en: 'No connection. Check your internet connection and try again.',
  },
  error_generic: {
    nl: 'Er ging iets mis aan onze kant. Probeer het over een paar minuten opnieuw.',
    en: 'Something went wrong on our side. Please try again in a few minutes.',
  },
  tryAgain: { nl: 'Opnieuw proberen', en: 'Try again' },
  helpdeskPhone: { nl: 'Helpdesk: {phone}', en: 'Helpdesk: {phone}' },
  caseNumber: { nl: 'Zaaknummer: {caseNumber}', en: 'Case number: {caseNumber}' },
  reference: { nl: 'Referentie voor de helpdesk: {id}', en: 'Reference for the helpdesk: {id}' },

  // every step names the service and the account; the link's state at open; phone layout
  accountLabel: { nl: 'Uw {service}-account:', en: 'Your {service} account:' },
  introResetTitle: { nl: 'Zet tweestapsverificatie weer aan', en: 'Turn two-step verification back on' },
  introResetBody: {
    nl: 'Onze helpdesk heeft de tweestapsverificatie (2FA) van uw account uitgezet. Zet die nu weer aan, met een passkey of een authenticator-app; dat duurt ongeveer twee minuten.',
    en: 'Our helpdesk turned off two-step verification (2FA) for your account. Turn it back on now, with a passkey or an authenticator app; it takes about two minutes.',
  },
  introReplaceTitle: { nl: 'Koppel een nieuwe authenticator-app', en: 'Link a new authenticator app' },
  introReplaceBody: {
    nl: 'U vervangt de authenticator-app van uw account door een nieuwe, bijvoorbeeld op een nieuwe telefoon. Uw huidige app blijft werken tot u de nieuwe heeft bevestigd.',
    en: 'You are replacing the authenticator app of your account with a new one, for example on a new phone. Your current app keeps working until you have confirmed the new one.',
  },
  scanTitlePhone: { nl: 'Stap 1: Voeg uw account toe aan de app', en: 'Step 1: Add your account to the app' },
  scanBodyPhone: {
    nl: 'Staat de authenticator-app op deze telefoon? Tik dan op de knop; de app opent en voegt uw account toe.',
    en: 'Is the authenticator app on this phone? Tap the button; the app opens and adds your account.',
  },
  openInAppPhone: { nl: 'Openen in de authenticator-app', en: 'Open in the authenticator app' },
  scanOtherDevice: {
    nl: 'Staat de app op een ander apparaat? Scan dan deze QR-code met dat apparaat:',
    en: 'Is the app on another device? Then scan this QR code with that device:',
  },
  appEntry: { nl: 'In de app heet dit account: {entry}.', en: 'In the app this account is called: {entry}.' },
  codesFor: {
    nl: 'Back-upcodes voor uw {service}-account {email}',
    en: 'Backup codes for your {service} account {email}',
  },
  codesGenerated: { nl: 'Gemaakt op {date}', en: 'Created on {date}' },
  codesFileTitle: {
    nl: 'Back-upcodes voor tweestapsverificatie (2FA)',
    en: 'Backup codes for two-step verification (2FA)',
  },
  codesFileService: { nl: 'Dienst: {service}', en: 'Service: {service}' },
  codesFileAccount: { nl: 'Account: {email}', en: 'Account: {email}' },
  codesFileGenerated: { nl: 'Gemaakt op: {date}', en: 'Created on: {date}' },
  codesFileAdvice: {
    nl: 'Elke code werkt één keer. Nieuwe codes maken deze ongeldig. Bewaar dit bestand op een veilige plek.',
    en: 'Each code works once. New codes make these invalid. Keep this file in a safe place.',
  },
  voidedNotMe: {
    nl: 'Heeft u zelf geen nieuwe link aangevraagd en 2FA niet zelf aangezet? Meld het ons dan.',
    en: 'Did you not ask for a new link and not turn on 2FA yourself? Then tell us.',
  },

  // a link from the profile page: never mailed, never reported
  ticket_TICKET_VOIDED_profile_title: {
    nl: 'Er is een nieuwere link gemaakt',
    en: 'A newer link has been made',
  },
  ticket_TICKET_VOIDED_profile_body: {
    nl: 'Deze link werkt niet meer, omdat daarna via uw profielpagina een nieuwe is aangemaakt.',
    en: 'This link no longer works, because a newer one was made from your profile page after it.',
  },
  ticket_TICKET_VOIDED_profile_next: {
    nl: 'Begin opnieuw: log in, ga naar uw profielpagina en kies daar opnieuw voor het koppelen van uw authenticator-app.',
    en: 'Start again: sign in, go to your profile page and choose to link your authenticator app there again.',
  },
  error_TICKET_NOT_REPORTABLE: {
    nl: 'Deze link is voor u aangemaakt nadat u op uw profielpagina was ingelogd; er valt niets mee te melden. Heeft u dat niet zelf gedaan? Wijzig dan uw wachtwoord en bel de helpdesk.',
    en: 'This link was made for you after you signed in on your profile page; there is nothing to report with it. Didn’t you do that yourself? Then change your password and call the helpdesk.',
  },
  ...waitingWords,
  ...passkeyWords,
  ...replaceWords,
} satisfies Record<string, Record<EnrollLang, string>>;

export type MessageKey = keyof typeof words;

export const isMessageKey = (key: string): key is MessageKey => key in words;

export const messages = byLanguage(enrollLanguages, words);

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
