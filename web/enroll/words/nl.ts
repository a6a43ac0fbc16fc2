// Everything the enrollment page says in Dutch, the page's first language: its keys are the page's keys
// (EnrollWords), so every other language's file is checked against this one, key by key.
import type { LanguageFacts } from '../../shared/i18n';

export const nl = {
  // What the page knows of Dutch: its name on the language switch, how it writes dates.
  languageName: 'Nederlands',
  switchToLanguage: 'Schakel over naar Nederlands',
  dateLocale: 'nl-NL',

  documentTitle: 'Tweestapsverificatie instellen',
  headerTitle: 'Tweestapsverificatie (2FA)',
  loading: 'Even geduld…',

  noTicketTitle: 'Open deze pagina via uw persoonlijke link',
  noTicketBody:
    'Deze pagina werkt alleen met uw persoonlijke link. Kwam u via uw profielpagina? Ga daar terug en kies opnieuw de knop om 2FA in te stellen. Kwam u via onze e-mail? Klik op de knop in de e-mail, of kopieer de hele link naar de adresbalk.',
  noTicketNext:
    'E-mail niet gevonden? Kijk ook in uw map met ongewenste e-mail, of neem contact op met de helpdesk.',

  introTitle: 'Koppel uw authenticator-app',
  introBody:
    'Met deze pagina zet u tweestapsverificatie (2FA) voor uw account aan. Dat duurt ongeveer twee minuten.',
  introNeed:
    'U heeft uw telefoon nodig met een authenticator-app, zoals Google Authenticator, Microsoft Authenticator of een vergelijkbare app.',
  introStep1: 'Scan de QR-code met de app.',
  introStep1Phone: 'Voeg uw account toe aan de app: op deze telefoon met één tik.',
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
    'Inloggen op uw account is geblokkeerd, ook met uw wachtwoord, tot ons beveiligingsteam u heeft gebeld en de blokkade samen met u opheft; dan kunt u ook uw wachtwoord wijzigen. U krijgt een bevestiging per e-mail. Wij vragen u nooit om codes uit uw app of uw back-upcodes door te geven.',

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
  ticket_RECOVERY_LOCKED_title: 'Uw account is geblokkeerd, voor uw bescherming',
  ticket_RECOVERY_LOCKED_body:
    'Voor uw account is gemeld dat een herstel van de tweestapsverificatie niet door u is aangevraagd. Daarom is inloggen geblokkeerd, ook met uw wachtwoord, en werkt deze link niet meer.',
  ticket_RECOVERY_LOCKED_next:
    'Ons beveiligingsteam belt u terug op het telefoonnummer dat wij van u hebben en heft de blokkade samen met u op. U hoeft nu niets te doen.',
  ticket_LOGIN_REQUIRED_title: 'Log eerst in met uw wachtwoord',
  ticket_LOGIN_REQUIRED_body:
    'Voor uw veiligheid zet u 2FA weer aan nadat u met uw wachtwoord bent ingelogd.',
  ticket_LOGIN_REQUIRED_next: 'Log in op de website; daarna brengt de site u naar het instellen van 2FA.',
  ticket_TWO_FA_ALREADY_ENABLED_title: 'Tweestapsverificatie staat al aan',
  ticket_TWO_FA_ALREADY_ENABLED_body: 'Uw account is al beveiligd met een authenticator-app.',
  ticket_TWO_FA_ALREADY_ENABLED_next:
    'U hoeft niets te doen. Een nieuwe telefoon? Dat regelt u zelf: log in met uw wachtwoord en de code uit de app op uw oude telefoon (of een back-upcode), kies op uw profielpagina “Authenticator vervangen” en scan de QR-code met uw nieuwe telefoon. Werkt de oude app niet meer en heeft u geen back-upcode? Bel dan de helpdesk.',

  error_WRONG_CODE:
    'Die code klopt niet. Controleer of de tijd op uw telefoon automatisch wordt ingesteld en voer de code in die nu in de app staat.',
  error_WRONG_CODE_STALE_ENTRY:
    'Die code klopt niet. Uw app heeft misschien nog een oudere invoer voor dit account, van een eerdere QR-code: die werkt niet meer. Verwijder die invoer uit de app, voeg het account opnieuw toe met deze QR-code en voer de code in die nu in de app staat.',
  earlierQrReplaced:
    'Dit is een nieuwe QR-code. Heeft u eerder al een QR-code voor dit account gescand? Verwijder die oudere invoer dan uit uw app: alleen deze werkt.',
  error_INVALID_CODE_FORMAT: 'Voer de 6 cijfers in die uw app toont.',
  error_ENROLLMENT_EXPIRED: 'Deze QR-code is verlopen. Begin opnieuw voor een nieuwe code.',
  error_NO_PENDING_ENROLLMENT: 'Begin opnieuw: scan de QR-code en voer dan de code in.',
  error_CONCURRENT_CHANGE: 'Er veranderde tegelijk iets (bijvoorbeeld in een ander venster). Begin opnieuw.',
  error_TOO_MANY_REQUESTS: 'Te veel pogingen. Wacht een minuut en probeer het dan opnieuw.',
  error_NETWORK_ERROR: 'Geen verbinding. Controleer uw internetverbinding en probeer het opnieuw.',
  error_generic: 'Er ging iets mis aan onze kant. Probeer het over een paar minuten opnieuw.',
  tryAgain: 'Opnieuw proberen',
  helpdeskPhone: 'Helpdesk: {phone}',
  caseNumber: 'Zaaknummer: {caseNumber}',
  reference: 'Referentie voor de helpdesk: {id}',

  // every step names the service and the account; the link's state at open; phone layout
  accountLabel: 'Uw {service}-account:',
  introResetTitle: 'Zet tweestapsverificatie weer aan',
  introResetBody:
    'Onze helpdesk heeft de tweestapsverificatie (2FA) van uw account uitgezet. Zet die nu weer aan, met een passkey of een authenticator-app; dat duurt ongeveer twee minuten.',
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

  // A reset's waiting period and a notice's "this wasn't me" link (issue 29).
  waitingTitle: 'Uw link werkt nog niet',
  waitingOpensAt: 'U kunt 2FA weer instellen vanaf {when}.',
  waitingWhy:
    'Voor uw veiligheid wachten we een tijd voordat 2FA na een reset door de helpdesk weer ingesteld kan worden. Zo heeft u, als iemand anders zich voor u uitgaf, de tijd om het herstel te stoppen. Tot dan kunt u niet inloggen.',
  waitingNext:
    'Bewaar de e-mail en open deze link na dat tijdstip opnieuw. De link blijft daarna nog even geldig.',
  waitingCheck: 'Opnieuw controleren',

  noticeTitle: 'Heeft u dit niet aangevraagd?',
  noticeBody:
    'Iemand heeft onze helpdesk gevraagd de tweestapsverificatie van uw account uit te schakelen. Was u dat niet, stop het herstel dan hier.',
  noticeEffect1: 'Het herstel stopt direct: niemand kan 2FA voor uw account instellen.',
  noticeEffect2: 'Ons beveiligingsteam neemt contact met u op via de gegevens die wij al van u hebben.',
  noticeConfirm: 'Herstel stoppen',
  noticeReportedTitle: 'Het herstel is gestopt',
  noticeAlreadyReportedTitle: 'Het herstel was al gestopt',
  noticeReportedBody:
    'Niemand kan nu 2FA voor uw account instellen. Ons beveiligingsteam neemt contact met u op. Wijzig voor de zekerheid uw wachtwoord.',
  error_NOTICE_UNKNOWN:
    'Deze link is niet geldig. Gebruik de link in het nieuwste bericht dat wij u stuurden, of bel de helpdesk.',
  error_NOTICE_SUPERSEDED:
    'Dit bericht ging over een eerder herstel van uw account. Gebruik de link in het nieuwste bericht, of bel de helpdesk.',
  error_RECOVERY_COMPLETED:
    'De tweestapsverificatie van dit account is al opnieuw ingesteld. Was u dat niet? Bel dan nu de helpdesk.',
  error_RECOVERY_PENDING: 'Deze link werkt nog niet: de wachttijd loopt nog.',

  // The passkey way (issue 28).
  passkeyTitle: 'Gebruik een passkey (vingerafdruk, gezicht of schermvergrendeling)',
  passkeyBody:
    'Aanbevolen. U logt straks in zoals u uw telefoon of computer ontgrendelt. Een passkey werkt alleen op onze eigen website, dus een nagemaakte inlogpagina kan hem niet gebruiken.',
  passkeyBegin: 'Passkey instellen',
  passkeyBusy: 'Volg de stappen van uw apparaat…',
  passkeyOrApp: 'Of gebruik een authenticator-app',
  error_PASSKEY_CANCELLED:
    'Er is geen passkey gemaakt. Probeer het opnieuw, of koppel hieronder een authenticator-app.',
  error_PASSKEY_NOT_VERIFIED:
    'De passkey kon niet worden gecontroleerd. Gebruik uw vingerafdruk, gezicht of schermvergrendeling en probeer het opnieuw.',
  passkeyCodesBody:
    'Heeft u uw apparaat met de passkey niet bij de hand, dan logt u in met een back-upcode. Elke code werkt één keer. U ziet deze codes maar één keer.',
  passkeyDoneBody:
    'Vanaf nu logt u in met uw passkey: uw vingerafdruk, gezicht of schermvergrendeling. Geen apparaat bij de hand? Gebruik dan een back-upcode.',
  passkeySecondTitle: 'Tip: zorg voor een tweede manier',
  passkeySecondBody:
    'Raakt u dit apparaat kwijt, dan helpt een tweede manier u verder zonder de helpdesk: een passkey op een ander apparaat, een beveiligingssleutel of een authenticator-app. Bewaar ook uw back-upcodes op een andere plek dan dit apparaat.',
  addAnotherBegin: 'Nog een manier toevoegen',
  introAddTitle: 'Voeg een extra manier van inloggen toe',
  introAddBody:
    'Uw huidige manieren van inloggen en uw back-upcodes blijven werken. Voeg een passkey toe op een ander apparaat of een beveiligingssleutel, of koppel een authenticator-app.',
  addNoPasskeyHere:
    'Deze browser kan geen passkey maken. Open deze link op een telefoon of computer met vingerafdruk, gezicht of schermvergrendeling.',
  addedTitle: 'Extra manier van inloggen toegevoegd',
  addedPasskeyBody:
    'U kunt nu ook met deze passkey inloggen. Uw andere manieren en uw back-upcodes blijven werken. We hebben u een bevestiging gemaild.',
  addedAppBody:
    'U kunt nu ook inloggen met de code uit uw authenticator-app. Uw andere manieren en uw back-upcodes blijven werken. We hebben u een bevestiging gemaild.',
  error_TOTP_ALREADY_ENABLED:
    'Uw account heeft al een authenticator-app. Voeg hierboven een passkey toe, of kies op uw profielpagina “nieuwe telefoon” om de app te verhuizen.',
  error_PASSKEY_LIMIT_REACHED:
    'Uw account heeft al het maximale aantal passkeys (10). Gebruik een van uw bestaande passkeys of een back-upcode.',
  error_PASSKEY_ALREADY_REGISTERED:
    'Deze passkey staat al op uw account. Gebruik een ander apparaat of een beveiligingssleutel.',

  // Replace mode's two app entries side by side (issue 24): the new entry's name, a code from the old one.
  replaceAppEntry:
    'In de app heet de nieuwe invoer: {entry}. Aan de datum herkent u hem naast de oude invoer, die werkt tot u hieronder bevestigt.',
  error_OLD_AUTHENTICATOR_CODE:
    'Dit is de code van uw oude invoer in de app, niet van de nieuwe. Voer de code in van de nieuwe invoer: {entry}.',
} satisfies LanguageFacts & Record<string, string>;

/** Every word of the enrollment page: what each language's file (web/enroll/words/<lang>.ts) writes. */
export type EnrollWords = Record<keyof typeof nl, string>;
