// Everything the console says, in Dutch and English. The check and event vocabularies are typed
// against lib/, so a new check type or audit event cannot ship without words for it.
import type { AuditEventType, ActorType } from '../../lib/audit/events';
import type { ReportedProblem } from '../../lib/verification/vocabulary';
import type { Channel, CheckResult, CheckType, NoPossessionReason } from '../../lib/verification/schemas';
import type { NotificationKind } from '../../lib/notify/templates';
import type { Lang } from '../shared/i18n';

const nl = {
  appTitle: 'Helpdesk-console',
  skipToContent: 'Naar de inhoud',
  loading: 'Laden…',
  signOut: 'Afmelden',
  signedInAs: 'Aangemeld als {name} ({roles})',
  roleHelpdesk: 'helpdeskmedewerker',
  roleAdmin: 'admin',
  roleSecurity: 'security officer',
  navSearch: 'Klant zoeken',
  navApprovals: 'Goedkeuringen',
  mainNav: 'Hoofdmenu',

  signInTitle: 'Aanmelden',
  signInLocalIntro:
    'Lokale ontwikkelomgeving: u meldt u aan bij de lokale OpenID-provider, met een lokale gebruiker en het wachtwoord dat npm start toont. In AWS is dit de aanmeldpagina van Cognito.',
  signInHostedIntro:
    'Meld u aan met uw helpdeskaccount. U gaat naar de aanmeldpagina (wachtwoord en authenticator-app) en komt daarna hier terug.',
  signInHostedButton: 'Aanmelden met helpdeskaccount',
  sessionExpired: 'Uw sessie is verlopen. Meld u opnieuw aan.',
  signInFailed: 'Aanmelden is mislukt. Probeer het opnieuw.',
  noStaffRole:
    'Uw account heeft geen helpdesk- of adminrol. Vraag een beheerder om u aan een groep toe te voegen.',
  configBroken:
    'De console is niet goed ingericht (config.json ontbreekt of klopt niet). Meld dit aan de beheerder.',

  searchTitle: 'Klant zoeken',
  searchHint: 'Zoek op e-mailadres of op (een deel van) de naam of bedrijfsnaam.',
  searchLabel: 'E-mailadres of naam',
  searchButton: 'Zoeken',
  searchNone: 'Geen klanten gevonden voor “{query}”.',
  searchCountOne: '1 klant gevonden.',
  searchCountMany: '{count} klanten gevonden.',
  searchMore: 'Meer resultaten',
  searchResults: 'Zoekresultaten',
  colName: 'Naam',
  colEmail: 'E-mail',
  colCompany: 'Bedrijf',
  colTwoFactor: '2FA',

  back: '← Terug naar zoeken',
  customerDetails: 'Klantgegevens',
  customerId: 'Klantnummer',
  email: 'E-mailadres',
  company: 'Bedrijf',
  twoFactorStatus: '2FA-status',
  tf_ENABLED: 'Aan',
  tf_DISABLED: 'Uit',
  tf_LOCKED: 'Geblokkeerd',
  tf_LOCKED_TOO_MANY_ATTEMPTS: 'Geblokkeerd – te veel foute codes',
  tf_LOCKED_REPORTED_BY_CUSTOMER: 'Herstel geblokkeerd – melding klant',
  privileged: 'Bevoorrechte klant: de e-mailcode is verplicht en een tweede admin moet goedkeuren.',
  recoveryLocked:
    'Herstel geblokkeerd: de klant meldde “dit was ik niet”. Niet verder gaan; schakel het beveiligingsteam in.',
  cooldown: 'Een eerdere verificatie is mislukt. Een nieuwe kan pas starten na {time}.',
  failedVerifications: 'Mislukte verificaties: {count}',
  lastReset: 'Laatst gereset',
  emailChanged: 'E-mailadres gewijzigd: {time}',
  none: '—',

  stepVerifyTitle: 'Stap 1: Identiteit verifiëren',
  verifyIntro:
    'Volg de handleiding: eerst de identiteit, dan de beveiligingsvragen. Typ wat de klant zegt; het systeem vergelijkt het met onze gegevens en toont alleen of het overeenkomt.',
  policyHint:
    'Geslaagd (standaardbeleid): naam en e-mailadres komen overeen, minstens twee beveiligingsvragen komen overeen, de klant leest de gemailde code voor, en geen enkel antwoord wijkt af. Eén afwijkend antwoord beëindigt de verificatie; “Weet de klant niet” kost niets.',
  channel: 'Contact via',
  startVerification: 'Verificatie starten',
  verificationOpen: 'Verificatie {id} loopt (via {channel}).',
  verificationDone: 'Verificatie {id} (via {channel}) is afgerond.',
  noVerificationNeeded:
    '2FA staat uit voor deze klant, dus er valt niets te herstellen. De klant zet 2FA zelf aan via de link in de e-mail of op de profielpagina.',
  sectionIdentity: '1. Klant identificeren',
  sectionSecurity: '2. Beveiligingsvragen',
  sectionEmailCode: '3. Code per e-mail (bewijs van bezit)',
  sectionComplete: '4. Afronden',
  answer: 'Antwoord van de klant',
  note: 'Notitie (optioneel)',
  check: 'Controleren',
  checkAnnounce: '{check}: {result}',
  checkHintMismatch: 'Een afwijkend antwoord laat deze verificatie meteen mislukken.',
  checkHintNotOnFile: 'Niet in onze gegevens: stel een andere vraag.',
  answerRequired: 'Vul eerst het antwoord van de klant in.',
  notAsked: 'Niet gevraagd',
  noteShown: 'Notitie: {note}',
  emailCodeIntro:
    'Stuur een eenmalige code naar het e-mailadres in onze gegevens (nooit naar een adres dat de beller noemt) en laat de klant de code voorlezen.',
  emailCodeRequired: 'Verplicht: de code is het bewijs, de vragen hierboven ondersteunen alleen.',
  emailCodeOptional: 'Niet verplicht voor deze klant.',
  sendEmailCode: 'Code e-mailen',
  resendEmailCode: 'Nieuwe code e-mailen',
  emailCodeSent: 'Code verstuurd naar {to}, geldig tot {time}. Nog {left} keer opnieuw te versturen.',
  emailCodeSentEarlier: 'Er is al een code gemaild, geldig tot {time}.',
  completeIntro: 'Klaar met vragen? Rond af; het systeem beslist volgens het beleid.',
  complete: 'Verificatie afronden',
  outcome_PASSED: 'Verificatie geslaagd',
  outcome_FAILED: 'Verificatie mislukt',
  failedNext: 'Schakel 2FA niet uit. Er geldt nu een wachttijd voordat een nieuwe verificatie kan starten.',
  passedHelpdesk:
    'Vraag een admin om 2FA uit te schakelen en noem verificatie {id}. De verificatie blijft 30 minuten bruikbaar (standaardbeleid).',
  passedAdmin: 'Ga verder met stap 2 hieronder.',
  reasonMismatch: 'Het antwoord op “{check}” kwam niet overeen.',
  reasonNotMatched: '“{check}” moet gecontroleerd zijn en overeenkomen.',
  reason_TOO_FEW_SECURITY_ANSWERS: 'Te weinig beveiligingsvragen kwamen overeen.',
  reason_EMAIL_CODE_REQUIRED: 'Bij deze klant moet de code uit de e-mail worden voorgelezen.',

  stepDisableTitle: 'Stap 2: 2FA uitschakelen',
  disableIntro:
    'Alleen na een geslaagde verificatie van hooguit 30 minuten oud. De klant krijgt daarna een e-mail om 2FA opnieuw in te stellen (stap 3).',
  disableVerification: 'Op basis van verificatie',
  disableVerificationOption: '{id} — geslaagd {time}, door {agent}',
  disableReason: 'Reden (komt in het audit-logboek)',
  disableReasonHint: 'Bijvoorbeeld: “Telefoon kwijt, klant telefonisch geverifieerd.”',
  disableButton: '2FA uitschakelen…',
  confirmDisableTitle: '2FA uitschakelen voor {name}?',
  confirmDisableBody:
    'De authenticator-app en de back-upcodes van de klant werken daarna niet meer. De klant krijgt een e-mail met een link om 2FA opnieuw in te stellen. Deze actie wordt vastgelegd met uw naam en de reden.',
  confirmDisableYes: 'Ja, 2FA uitschakelen',
  cancel: 'Annuleren',
  disabledDone:
    '2FA is uitgeschakeld op basis van zaak {case}. De klant krijgt een e-mail met een link om 2FA opnieuw in te stellen.',
  pendingApproval:
    'Een tweede admin moet dit goedkeuren ({reasons}). Het verzoek staat bij Goedkeuringen en verloopt om {time}.',
  approvalReason_PRIVILEGED_CUSTOMER: 'bevoorrechte klant',
  approvalReason_EMAIL_CHANGED_RECENTLY: 'e-mailadres kort geleden gewijzigd',
  approvalReason_RECENT_RESET: '2FA kort geleden al gereset',
  reasonTooShort: 'Geef een reden van minstens 3 tekens.',
  noPassedVerification: 'Er is geen geslaagde, ongebruikte verificatie. Voer eerst stap 1 uit.',
  waitingForApproval:
    'Een uitschakeling voor deze klant wacht op goedkeuring door een tweede admin (zie Goedkeuringen).',
  alreadyDisabled:
    '2FA staat uit voor deze klant; de klant kan het opnieuw instellen via de e-mail of het profiel.',
  adminOnlyDisable: 'Alleen een admin kan 2FA uitschakelen.',

  historyTitle: 'Geschiedenis',
  recentVerifications: 'Recente verificaties',
  recentEvents: 'Audit-gebeurtenissen',
  colTime: 'Tijdstip',
  colEvent: 'Gebeurtenis',
  colActor: 'Door',
  colDetails: 'Details',
  colVerification: 'Verificatie',
  colAgent: 'Medewerker',
  colChannel: 'Kanaal',
  colStatus: 'Status',
  noHistory: 'Nog geen gebeurtenissen.',
  noVerifications: 'Nog geen verificaties.',
  vstatus_OPEN: 'loopt',
  vstatus_PASSED: 'geslaagd',
  vstatus_FAILED: 'mislukt',
  vstatus_PENDING_APPROVAL: 'wacht op goedkeuring',
  vstatus_USED: 'gebruikt voor uitschakeling',
  vstatus_EXPIRED: 'verlopen',
  vstatus_REJECTED: 'afgewezen door tweede admin',
  vstatus_CANCELLED: 'geannuleerd',
  approvalReason_NO_POSSESSION_PROOF: 'geslaagd zonder bezitsbewijs (geen e-mailcode)',
  approvalReason_ADMIN_VELOCITY: 'ongewoon veel uitschakelingen door deze admin',
  approvalReason_AGENT_VELOCITY: 'ongewoon veel geslaagde verificaties door deze medewerker',
  callerDoesNotKnow: 'Weet de klant niet',
  expectedFormat: 'Verwacht: {format}',
  reportedProblem: 'Wat meldt de klant?',
  reportedProblemNone: '(kies)',
  olderVerifications: 'Oudere verificaties…',
  olderEvents: 'Oudere gebeurtenissen…',
  withoutProofTitle: 'Klant kan de code niet ontvangen?',
  withoutProofIntro:
    'Alleen als de klant echt geen toegang heeft tot het e-mailadres. De verificatie slaagt dan hooguit “zonder bezitsbewijs”: een tweede admin moet de uitschakeling goedkeuren en het beveiligingsteam krijgt bericht.',
  withoutProofReason: 'Waarom niet?',
  completeWithoutProof: 'Afronden zonder bezitsbewijs',
  withoutProofPassed:
    'Geslaagd zonder bezitsbewijs: een tweede admin moet goedkeuren en het beveiligingsteam krijgt bericht.',
  endedByAnswer: 'Dit antwoord beëindigt de verificatie.',

  approvalsTitle: 'Wachtende goedkeuringen',
  approvalsIntro:
    'Uitschakelingen die een tweede admin nodig hebben. U kunt niet goedkeuren wat u zelf aanvroeg of verifieerde.',
  approvalsNone: 'Er wachten geen goedkeuringen.',
  colCustomer: 'Klant',
  colRequestedBy: 'Aangevraagd door',
  colVerifiedBy: 'Geverifieerd door',
  colReason: 'Reden',
  colWhy: 'Waarom een tweede admin',
  colExpires: 'Verloopt',
  colAction: 'Actie',
  approve: 'Goedkeuren…',
  confirmApproveTitle: 'Uitschakeling van 2FA goedkeuren?',
  confirmApproveBody:
    '2FA van {customer} wordt uitgeschakeld en uw goedkeuring wordt vastgelegd. Reden van {requester}: “{reason}”',
  confirmApproveYes: 'Ja, goedkeuren',
  approved: 'Goedgekeurd: 2FA van {customer} is uitgeschakeld.',
  refresh: 'Vernieuwen',

  genericError:
    'Er ging iets mis aan onze kant. Probeer het opnieuw; blijft het misgaan, meld dan de referentie.',
  reference: 'Referentie: {id}',

  // audit table and case record
  auditFilterCase: 'Zaak',
  auditFilterAll: 'Alle gebeurtenissen',
  auditShowing: '{count} gebeurtenissen getoond.',
  auditShowingAll: 'Alle {count} gebeurtenissen getoond.',
  auditLoadAll: 'Alles laden',
  auditNoneForCase: 'Geen gebeurtenissen voor deze zaak.',
  auditTimesIn: 'Tijden in uw tijdzone ({zone}).',
  colCase: 'Zaak',
  colRecord: 'Dossier',
  printCaseRecord: 'Zaakdossier afdrukken',
  printNow: 'Afdrukken',
  caseRecordTitle: 'Zaakdossier {case}',
  caseRecordCustomer: 'Klant',
  caseRecordVerification: 'Verificatie',
  caseRecordSteps: 'Stappen van de verificatie',
  caseRecordEvents: 'Gebeurtenissen van de zaak',
  caseRecordNoSteps: 'Geen controles vastgelegd.',
  caseRecordStarted: 'Gestart',
  caseRecordCompleted: 'Afgerond',
  caseRecordOutcome: 'Uitkomst',
  caseRecordUsed: 'Gebruikt voor uitschakeling',
  caseRecordReasons: 'Redenen',
  caseRecordProblem: 'Melding',
  caseRecordWithoutProof: 'Zonder bezitsbewijs',
  colCheck: 'Controle',
  colResult: 'Resultaat',
  colNote: 'Notitie',
  printedBy: 'Afgedrukt door {name} op {time}',
  printedAudited: 'Dit afdrukken is vastgelegd in het audit-logboek.',
  backToCustomer: '← Terug naar de klant',
  as_reason: 'reden: “{reason}”',
  as_note: 'notitie: “{note}”',
  as_withNote: '(met notitie)',
  as_verifiedBy: 'geverifieerd door {name}',
  as_requestedApproved: 'aangevraagd door {requester}, goedgekeurd door {approver}',
  as_cooldown: 'wachttijd tot {time}',
  as_countedAsFailed: 'telt als mislukt',
  as_withoutProof: 'zonder bezitsbewijs: {why}',
  as_problem: 'melding: {problem}',
  as_forRelease: 'voor het opheffen van de blokkade',
  as_secondAdmin: 'tweede admin nodig: {reasons}',
  as_field_email: 'e-mailadres',
  as_field_name: 'naam',
  as_field_privileged: 'bevoorrecht: {before} → {after}',
  as_field_notificationEmails: 'meldingsadressen',
  as_yes: 'ja',
  as_no: 'nee',
  as_failedReason: 'fout: {reason}',
  as_finalFailure: 'opgegeven',
  // security officer's view (recovery locks)
  navSecurity: 'Herstelblokkades',
  navSecurityCount: 'Herstelblokkades: {count} open',
  securityTitle: 'Herstelblokkades – melding klant',
  securityIntro:
    'Klanten die op de link in de reset-e-mail meldden: “dit was ik niet”. Het herstel is geblokkeerd tot u beslist. Oudste melding bovenaan.',
  securityNone: 'Er zijn geen herstelblokkades. Niets te doen.',
  securityMore: 'Meer blokkades',
  colCaseNumber: 'Zaaknummer',
  colReportedAt: 'Gemeld op',
  colReport: 'Melding',
  colLastReview: 'Laatst beoordeeld',
  reportText: '{purpose}; 2FA stond op “{status}”',
  ticketPurpose_RESET: 'Via de link in de reset-e-mail van de helpdesk',
  ticketPurpose_SELF_SERVICE:
    'Via een instellink die de klant na inloggen op de profielpagina aanvroeg (geen reset)',
  ticketPurpose_REPLACE:
    'Via een link om de app te vervangen, aangevraagd na inloggen op de profielpagina (geen reset)',
  ticketPurpose_OTHER: 'Via een instellink',
  reviewText: '{officer}, {time}',
  notReviewed: 'nog niet',
  backToQueue: '← Terug naar de herstelblokkades',
  lockedSince: 'Geblokkeerd sinds',
  reportedCase: 'Gemelde zaak',
  noCaseNumber: 'geen: de melding hoort niet bij een helpdeskzaak',
  notLockedNow:
    'Het herstel van deze klant is niet (meer) geblokkeerd door een melding. Er valt niets te beslissen.',
  caseTimelineTitle: 'Tijdlijn van de zaak',
  caseTimelineIntro: 'Alles wat er met deze klant gebeurde vanaf de gemelde reset, oudste eerst.',
  caseTimelineEmpty: 'Geen gebeurtenissen gevonden.',
  decisionTitle: 'Beslissen',
  decisionIntro:
    'Bel de klant terug op een nummer dat al vóór de reset bekend was. Laat een collega van de helpdesk de klant verifiëren, met de code per e-mail. Hef de blokkade pas daarna op; anders houdt u haar aan met een notitie.',
  keepTitle: 'Blokkade aanhouden',
  keepNote: 'Notitie (wat u vond en waarom de blokkade blijft; komt in het audit-logboek)',
  keepButton: 'Geblokkeerd houden',
  keptDone: 'Vastgelegd: de blokkade blijft. Uw notitie staat in het audit-logboek.',
  noteTooShort: 'Schrijf een notitie van minstens 3 tekens.',
  releaseTitle: 'Blokkade opheffen',
  releaseVerification: 'Op basis van verificatie (gedaan na de melding, door een ander dan u)',
  releaseCandidate: '{caseNumber} — {status}, {time}, door {agent}',
  releaseCandidateYou: '{caseNumber} — {status}, {time}, door uzelf',
  emailCodeYes: 'e-mailcode voorgelezen',
  emailCodeNo: 'zonder e-mailcode',
  releaseNoCandidates:
    'Er is nog geen geslaagde verificatie sinds de melding. Vraag een collega van de helpdesk de klant te verifiëren, met de code per e-mail.',
  releaseReason: 'Reden (komt in het audit-logboek)',
  releaseReasonHint: 'Bijvoorbeeld: “Klant teruggebeld op bekend nummer, melding was een vergissing.”',
  releaseButton: 'Blokkade opheffen…',
  confirmReleaseTitle: 'Blokkade opheffen voor {name}?',
  confirmReleaseBody:
    '2FA gaat uit en een authenticator die na de reset is ingesteld, wordt verwijderd. De klant krijgt een e-mail met een nieuwe link om 2FA in te stellen. Dit wordt vastgelegd met uw naam, de verificatie en de reden.',
  confirmReleaseYes: 'Ja, blokkade opheffen',
  releasedDone:
    'De blokkade is opgeheven op basis van zaak {case}. De klant krijgt een e-mail met een nieuwe link om 2FA in te stellen.',
  releaseStale:
    'Deze verificatie is te oud (langer dan 30 minuten geleden afgerond). Laat de klant opnieuw verifiëren.',
  lockReportedNotice:
    'Herstel geblokkeerd – melding klant: de klant meldde “dit was ik niet”. Alleen het beveiligingsteam kan de blokkade opheffen.',
  releaseOnlyVerification:
    'Op verzoek van het beveiligingsteam kunt u de beller verifiëren, met de code per e-mail. Zo’n verificatie dient alleen om de blokkade op te heffen; 2FA uitschakelen kan er niet mee.',
  passedForRelease:
    'Meld zaak {caseNumber} aan het beveiligingsteam: een security officer (niet uzelf) kan de blokkade nu opheffen. De verificatie blijft 30 minuten bruikbaar.',
  disableBlockedByReport:
    'Uitschakelen kan niet: het herstel is geblokkeerd na een melding van de klant. Alleen het beveiligingsteam kan de blokkade opheffen (zie Herstelblokkades).',
  openCaseForOfficer: 'Open de zaak bij Herstelblokkades',
  securityOnly:
    'Herstelblokkades zijn alleen voor security officers (groep security). Zoek de klant op om de status te zien.',
  // approvals, cancel, reset link, case numbers, hand-off (issue 12)
  navApprovalsPending: 'Goedkeuringen, {count} wachtend',
  caseNumberLabel: 'Zaaknummer:',
  copy: 'Kopiëren',
  copyCaseNumber: 'Zaaknummer {caseNumber} kopiëren',
  caseNumberCopiedShort: 'Gekopieerd',
  caseNumberCopied: 'Zaaknummer {caseNumber} gekopieerd.',
  caseNumberSelected: 'Geselecteerd: kopieer met Ctrl+C (Cmd+C op een Mac).',
  cancelVerification: 'Verificatie annuleren…',
  cancelVerificationTitle: 'Verificatie {case} annuleren?',
  cancelVerificationBody:
    'Daarna kan niemand 2FA meer uitschakelen op deze verificatie. Uw naam en de reden worden vastgelegd.',
  cancelVerificationReason: 'Reden (komt in het audit-logboek)',
  cancelVerificationYes: 'Ja, verificatie annuleren',
  dialogBack: 'Terug',
  verificationCancelled: 'Verificatie {case} is geannuleerd.',
  verificationStatusNow: 'Deze verificatie is nu: {status}.',
  rejectedTitle: 'Uitschakeling afgewezen',
  rejectedBy: 'Admin {admin} heeft op {time} de uitschakeling op verificatie {case} afgewezen.',
  rejectedSomeone: 'Een tweede admin heeft de uitschakeling op verificatie {case} afgewezen.',
  rejectedReason: 'Reden: “{reason}”',
  rejectedNext:
    'Deze verificatie is niet meer bruikbaar. Is uitschakelen toch nodig, verifieer de klant dan opnieuw.',
  resetLinkTitle: 'Herstel-link',
  resetLinkIntro:
    '2FA staat uit sinds de reset van {time} en de klant heeft het nog niet opnieuw ingesteld. Is de link verlopen of kwijt? Stuur een nieuwe; de vorige link werkt dan niet meer.',
  resendResetLink: 'Herstel-link opnieuw sturen',
  resetLinkSent:
    'Nieuwe link verstuurd naar het e-mailadres in onze gegevens. De vorige link werkt niet meer. Vandaag kan dit nog {left} keer.',
  resetLinkSentLast:
    'Nieuwe link verstuurd naar het e-mailadres in onze gegevens. De vorige link werkt niet meer. Dit was de laatste voor vandaag (hooguit 3 per 24 uur).',
  reject: 'Afwijzen…',
  rejectTitle: 'Uitschakeling voor {customer} afwijzen?',
  rejectBody:
    'Het verzoek van {requester} vervalt en de verificatie is daarna niet meer bruikbaar. De aanvrager ziet uw reden.',
  rejectReason: 'Reden van afwijzing (komt in het audit-logboek)',
  rejectYes: 'Ja, afwijzen',
  rejected: 'Afgewezen: het verzoek voor {customer} is beëindigd; de verificatie is niet meer bruikbaar.',
  ownRequestNote: 'U vroeg dit zelf aan; een andere admin beslist erover.',
  ownVerificationNote: 'U verifieerde deze klant zelf; een andere admin keurt goed.',
  colChecks: 'Controles',
  colRequestedAt: 'Aangevraagd',
  colPassedAt: 'Geslaagd',
  colTimeLeft: 'Nog bruikbaar',
  colNotes: 'Let op',
  checksMatched: 'komt overeen: {checks}',
  checksNotMatched: 'niet bevestigd: {checks}',
  checksWithoutProof: 'zonder bezitsbewijs: {reason}',
  timeLeft: 'nog {minutes} min (tot {time})',
  readyTitle: 'Klaar voor een admin',
  readyIntro:
    'Geslaagde verificaties die nog niemand gebruikte, nieuwste eerst. Een verificatie is 30 minuten na het slagen bruikbaar (standaardbeleid); daarna moet de klant opnieuw geverifieerd worden.',
  readyNone: 'Er wachten geen geslaagde verificaties.',
  readyOpen: 'Klant openen',
  readyWithoutProof: 'Zonder bezitsbewijs: een tweede admin moet goedkeuren.',
  readyOwnVerification: 'U verifieerde dit zelf; een andere admin schakelt uit.',
  searchHintCase: 'Of zoek op zaaknummer (HD-XXXX-XXXX).',
  searchCaseFound: 'Zaak {caseNumber}',
  // triage
  triageIntro:
    'Vraag eerst wat er aan de hand is. Wie nog een werkende factor heeft, helpt zichzelf zonder reset; alleen wie niets meer heeft, wordt geverifieerd.',
  triageAppWorks: 'Werkt de oude authenticator-app nog (geeft hij codes)?',
  triageBackupCodes: 'Heeft de klant nog ongebruikte back-upcodes?',
  triageUnanswered: '(vraag het)',
  triageYes: 'Ja',
  triageNo: 'Nee',
  triageSelfServiceTitle: 'Zelfhulp: geen reset nodig',
  triageSayIntro: 'Zeg tegen de klant:',
  triageSay_REPLACE_AUTHENTICATOR:
    '“Log in zoals altijd, met de code uit de app op uw oude telefoon. Ga naar Profiel en kies ‘Authenticator vervangen’. Scan daar de QR-code met uw nieuwe telefoon; de oude app werkt tot de nieuwe bevestigd is. U krijgt er nieuwe back-upcodes bij.”',
  triageSay_BACKUP_CODE_SIGN_IN:
    '“Log in met uw wachtwoord en kies ‘Back-upcode gebruiken’. Ga daarna naar Profiel, kies ‘Authenticator vervangen’ en zet de app op uw telefoon opnieuw op; u krijgt dan ook nieuwe back-upcodes.”',
  triageSay_RENEW_BACKUP_CODES:
    '“Log in zoals altijd, met de code uit uw app. Ga naar Profiel en kies ‘Back-upcodes vernieuwen’. De oude codes, ook de kwijtgeraakte, werken daarna niet meer.”',
  triageNeverAsk: 'Vraag de klant nooit om een code; wij hoeven er geen te weten.',
  triageEmailGuide: 'Instructies mailen',
  triageEmailGuideHint:
    'Naar het e-mailadres in het dossier (en de meldadressen), nooit naar een adres dat de beller noemt.',
  triageGuideQueued:
    'Vastgelegd; de instructies gaan naar het e-mailadres in het dossier (nog {left} vandaag).',
  triageVerifyTitle: 'Verificatie nodig: de klant heeft geen werkende factor meer.',
  triageVerifyIntro: 'Start de verificatie hieronder; de triage wordt erbij vastgelegd.',
  triageHistory: '{problem} · app werkt: {app} · back-upcodes: {codes} → {advice}',
  triageAdvice_SELF_SERVICE: 'zelfhulp',
  triageAdvice_VERIFY: 'verificatie',
  triageGuideMailed: 'instructies gemaild',
  // console polish
  customerErasedTitle: 'Klant gewist',
  customerNotFoundTitle: 'Klant niet gevonden',
  customerLoadFailedTitle: 'Klant niet geladen',
  customerIdLine: 'Klantnummer {id}',
  actorRoleSecurity: 'security officer',
  caseRecordTriage: 'Triage van dit gesprek',
  colCustomerCase: 'Klant en zaak',
  colRequest: 'Aanvraag',
  colChecksAndReason: 'Controles en reden',
  // console flow fixes (newcomer walk)
  triageVerifyLockedTitle:
    'Verificatie nodig: het herstel is geblokkeerd, dus geen code werkt en zelfhulp kan niet. De verificatie dient alleen de opheffing door het beveiligingsteam.',
  triageFirst:
    'Beantwoord eerst de triage hierboven: een verificatie start alleen als de klant geen werkende factor meer heeft.',
  triageNotAsked: 'niet gevraagd',
  cooldownBeforeTriage:
    'Wachttijd: een eerdere verificatie is mislukt. Een nieuwe verificatie kan pas starten na {time}.',
  cooldownSelfServiceStill: 'Zelfhulp (triage hieronder) kan wel.',
  startAfterCooldown: 'Verificatie starten kan pas na {time} (wachttijd na een mislukte verificatie).',
  passedOwnAdmin: 'U verifieerde deze klant zelf: een andere admin moet 2FA uitschakelen. Noem zaak {id}.',
  disableOwnVerification:
    'Zaak {cases}: door uzelf geverifieerd. Uitschakelen op basis van uw eigen verificatie kan niet; vraag een andere admin.',
  auditReference: 'Referentie (audit): {id}',
  // reports that did not come from a reset link (newcomer finding 4)
  caseTimelineIntroNoCase:
    'Alles wat er met deze klant gebeurde vanaf 24 uur vóór de melding, oudste eerst. De melding hoort niet bij een reset, dus er is geen zaak om vanaf te beginnen.',
  caseTimelineIntroUnlocked: 'De laatste gebeurtenissen van deze klant, oudste eerst.',
};

export type MessageKey = keyof typeof nl;

const en: Record<MessageKey, string> = {
  appTitle: 'Helpdesk console',
  skipToContent: 'Skip to content',
  loading: 'Loading…',
  signOut: 'Sign out',
  signedInAs: 'Signed in as {name} ({roles})',
  roleHelpdesk: 'helpdesk',
  roleAdmin: 'admin',
  roleSecurity: 'security officer',
  navSearch: 'Find customer',
  navApprovals: 'Approvals',
  mainNav: 'Main menu',

  signInTitle: 'Sign in',
  signInLocalIntro:
    'Local development stack: you sign in at the local OpenID provider, with a local user and the password npm start prints. In AWS this is Cognito’s sign-in page.',
  signInHostedIntro:
    'Sign in with your helpdesk account. You go to the sign-in page (password and authenticator app) and come back here.',
  signInHostedButton: 'Sign in with helpdesk account',
  sessionExpired: 'Your session has expired. Please sign in again.',
  signInFailed: 'Sign-in failed. Please try again.',
  noStaffRole:
    'Your account has neither the helpdesk nor the admin role. Ask an administrator to add you to a group.',
  configBroken:
    'The console is not set up correctly (config.json is missing or wrong). Tell the administrator.',

  searchTitle: 'Find a customer',
  searchHint: 'Search by email address or by (part of) the name or company name.',
  searchLabel: 'Email address or name',
  searchButton: 'Search',
  searchNone: 'No customers found for “{query}”.',
  searchCountOne: '1 customer found.',
  searchCountMany: '{count} customers found.',
  searchMore: 'More results',
  searchResults: 'Search results',
  colName: 'Name',
  colEmail: 'Email',
  colCompany: 'Company',
  colTwoFactor: '2FA',

  back: '← Back to search',
  customerDetails: 'Customer details',
  customerId: 'Customer ID',
  email: 'Email address',
  company: 'Company',
  twoFactorStatus: '2FA status',
  tf_ENABLED: 'On',
  tf_DISABLED: 'Off',
  tf_LOCKED: 'Locked',
  tf_LOCKED_TOO_MANY_ATTEMPTS: 'Locked – too many wrong codes',
  tf_LOCKED_REPORTED_BY_CUSTOMER: 'Recovery locked – reported by the customer',
  privileged: 'Privileged customer: the email code is required and a second admin must approve.',
  recoveryLocked:
    'Recovery locked: the customer reported “this wasn’t me”. Do not proceed; involve the security team.',
  cooldown: 'An earlier verification failed. A new one can start after {time}.',
  failedVerifications: 'Failed verifications: {count}',
  lastReset: 'Last reset',
  emailChanged: 'Email address changed: {time}',
  none: '—',

  stepVerifyTitle: 'Step 1: Verify identity',
  verifyIntro:
    'Follow the manual: identity first, then the security questions. Type what the caller says; the system compares it with our records and only shows whether it matches.',
  policyHint:
    'Passes (default policy): name and email address match, at least two security questions match, the caller reads back the emailed code, and no answer differs. One wrong answer ends the verification; “Caller does not know” costs nothing.',
  channel: 'Contact channel',
  startVerification: 'Start verification',
  verificationOpen: 'Verification {id} is open (via {channel}).',
  verificationDone: 'Verification {id} (via {channel}) is completed.',
  noVerificationNeeded:
    '2FA is off for this customer, so there is nothing to recover. The customer turns 2FA on from the link in the email or on the profile page.',
  sectionIdentity: '1. Identify the caller',
  sectionSecurity: '2. Security questions',
  sectionEmailCode: '3. Code by email (proof of possession)',
  sectionComplete: '4. Complete',
  answer: 'Caller’s answer',
  note: 'Note (optional)',
  check: 'Check',
  checkAnnounce: '{check}: {result}',
  checkHintMismatch: 'A wrong answer makes this verification fail.',
  checkHintNotOnFile: 'Not in our records: ask another question.',
  answerRequired: 'Type the caller’s answer first.',
  notAsked: 'Not asked',
  noteShown: 'Note: {note}',
  emailCodeIntro:
    'Send a one-time code to the email address in our records (never to an address the caller gives) and have the caller read the code back.',
  emailCodeRequired: 'Required: the code is the proof, the questions above only support it.',
  emailCodeOptional: 'Not required for this customer.',
  sendEmailCode: 'Email the code',
  resendEmailCode: 'Email a new code',
  emailCodeSent: 'Code sent to {to}, valid until {time}. {left} more sends left.',
  emailCodeSentEarlier: 'A code was already emailed, valid until {time}.',
  completeIntro: 'Done asking? Complete it; the system decides by the policy.',
  complete: 'Complete verification',
  outcome_PASSED: 'Verification passed',
  outcome_FAILED: 'Verification failed',
  failedNext: 'Do not disable 2FA. A cooldown now applies before a new verification can start.',
  passedHelpdesk:
    'Ask an admin to disable 2FA and mention verification {id}. It stays usable for 30 minutes (default policy).',
  passedAdmin: 'Continue with step 2 below.',
  reasonMismatch: 'The answer to “{check}” did not match.',
  reasonNotMatched: '“{check}” must be checked and match.',
  reason_TOO_FEW_SECURITY_ANSWERS: 'Too few security questions matched.',
  reason_EMAIL_CODE_REQUIRED: 'For this customer the emailed code must be read back.',

  stepDisableTitle: 'Step 2: Disable 2FA',
  disableIntro:
    'Only after a passed verification at most 30 minutes old. The customer then gets an email to set up 2FA again (step 3).',
  disableVerification: 'Based on verification',
  disableVerificationOption: '{id} — passed {time}, by {agent}',
  disableReason: 'Reason (goes into the audit trail)',
  disableReasonHint: 'For example: “Lost phone, caller verified by phone.”',
  disableButton: 'Disable 2FA…',
  confirmDisableTitle: 'Disable 2FA for {name}?',
  confirmDisableBody:
    'The customer’s authenticator app and backup codes stop working. The customer gets an email with a link to set up 2FA again. This action is recorded with your name and the reason.',
  confirmDisableYes: 'Yes, disable 2FA',
  cancel: 'Cancel',
  disabledDone: '2FA is disabled on case {case}. The customer gets an email with a link to set up 2FA again.',
  pendingApproval:
    'A second admin must approve this ({reasons}). The request is listed under Approvals and expires at {time}.',
  approvalReason_PRIVILEGED_CUSTOMER: 'privileged customer',
  approvalReason_EMAIL_CHANGED_RECENTLY: 'email address changed recently',
  approvalReason_RECENT_RESET: '2FA was reset recently',
  reasonTooShort: 'Give a reason of at least 3 characters.',
  noPassedVerification: 'There is no passed, unused verification. Do step 1 first.',
  waitingForApproval: 'A disable for this customer is waiting for a second admin’s approval (see Approvals).',
  alreadyDisabled: '2FA is off for this customer; they can set it up again from the email or their profile.',
  adminOnlyDisable: 'Only an admin can disable 2FA.',

  historyTitle: 'History',
  recentVerifications: 'Recent verifications',
  recentEvents: 'Audit events',
  colTime: 'Time',
  colEvent: 'Event',
  colActor: 'By',
  colDetails: 'Details',
  colVerification: 'Verification',
  colAgent: 'Agent',
  colChannel: 'Channel',
  colStatus: 'Status',
  noHistory: 'No events yet.',
  noVerifications: 'No verifications yet.',
  vstatus_OPEN: 'open',
  vstatus_PASSED: 'passed',
  vstatus_FAILED: 'failed',
  vstatus_PENDING_APPROVAL: 'awaiting approval',
  vstatus_USED: 'used for a disable',
  vstatus_EXPIRED: 'expired',
  vstatus_REJECTED: 'rejected by a second admin',
  vstatus_CANCELLED: 'cancelled',
  approvalReason_NO_POSSESSION_PROOF: 'passed without possession proof (no email code)',
  approvalReason_ADMIN_VELOCITY: 'unusually many disables by this admin',
  approvalReason_AGENT_VELOCITY: 'unusually many passed verifications by this agent',
  callerDoesNotKnow: 'Caller does not know',
  expectedFormat: 'Expected: {format}',
  reportedProblem: 'What does the caller report?',
  reportedProblemNone: '(choose)',
  olderVerifications: 'Older verifications…',
  olderEvents: 'Older events…',
  withoutProofTitle: 'Caller cannot receive the code?',
  withoutProofIntro:
    'Only if the caller truly has no access to the mailbox. The verification can then pass only “without possession proof”: a second admin must approve the disable and the security team is told.',
  withoutProofReason: 'Why not?',
  completeWithoutProof: 'Complete without possession proof',
  withoutProofPassed:
    'Passed without possession proof: a second admin must approve and the security team is told.',
  endedByAnswer: 'This answer ended the verification.',

  approvalsTitle: 'Pending approvals',
  approvalsIntro:
    'Disables that need a second admin. You cannot approve what you requested or verified yourself.',
  approvalsNone: 'No approvals are waiting.',
  colCustomer: 'Customer',
  colRequestedBy: 'Requested by',
  colVerifiedBy: 'Verified by',
  colReason: 'Reason',
  colWhy: 'Why a second admin',
  colExpires: 'Expires',
  colAction: 'Action',
  approve: 'Approve…',
  confirmApproveTitle: 'Approve disabling 2FA?',
  confirmApproveBody:
    '2FA of {customer} will be disabled and your approval is recorded. Reason given by {requester}: “{reason}”',
  confirmApproveYes: 'Yes, approve',
  approved: 'Approved: 2FA of {customer} is disabled.',
  refresh: 'Refresh',

  genericError:
    'Something went wrong on our side. Please try again; if it keeps failing, report the reference.',
  reference: 'Reference: {id}',

  // audit table and case record
  auditFilterCase: 'Case',
  auditFilterAll: 'All events',
  auditShowing: '{count} events shown.',
  auditShowingAll: 'All {count} events shown.',
  auditLoadAll: 'Load all',
  auditNoneForCase: 'No events for this case.',
  auditTimesIn: 'Times in your time zone ({zone}).',
  colCase: 'Case',
  colRecord: 'Record',
  printCaseRecord: 'Print case record',
  printNow: 'Print',
  caseRecordTitle: 'Case record {case}',
  caseRecordCustomer: 'Customer',
  caseRecordVerification: 'Verification',
  caseRecordSteps: 'Steps of the verification',
  caseRecordEvents: 'Events of the case',
  caseRecordNoSteps: 'No checks recorded.',
  caseRecordStarted: 'Started',
  caseRecordCompleted: 'Completed',
  caseRecordOutcome: 'Outcome',
  caseRecordUsed: 'Used for a disable',
  caseRecordReasons: 'Reasons',
  caseRecordProblem: 'Reported problem',
  caseRecordWithoutProof: 'Without possession proof',
  colCheck: 'Check',
  colResult: 'Result',
  colNote: 'Note',
  printedBy: 'Printed by {name} on {time}',
  printedAudited: 'This print is recorded in the audit trail.',
  backToCustomer: '← Back to the customer',
  as_reason: 'reason: “{reason}”',
  as_note: 'note: “{note}”',
  as_withNote: '(with a note)',
  as_verifiedBy: 'verified by {name}',
  as_requestedApproved: 'requested by {requester}, approved by {approver}',
  as_cooldown: 'cooldown until {time}',
  as_countedAsFailed: 'counts as failed',
  as_withoutProof: 'without possession proof: {why}',
  as_problem: 'reported: {problem}',
  as_forRelease: 'to lift the recovery lock',
  as_secondAdmin: 'second admin needed: {reasons}',
  as_field_email: 'email address',
  as_field_name: 'name',
  as_field_privileged: 'privileged: {before} → {after}',
  as_field_notificationEmails: 'notification addresses',
  as_yes: 'yes',
  as_no: 'no',
  as_failedReason: 'error: {reason}',
  as_finalFailure: 'gave up',
  // security officer's view (recovery locks)
  navSecurity: 'Recovery locks',
  navSecurityCount: 'Recovery locks: {count} open',
  securityTitle: 'Recovery locks – reported by the customer',
  securityIntro:
    'Customers who answered “this wasn’t me” from the link in the reset email. Recovery is locked until you decide. Oldest report first.',
  securityNone: 'There are no recovery locks. Nothing to do.',
  securityMore: 'More locks',
  colCaseNumber: 'Case number',
  colReportedAt: 'Reported',
  colReport: 'Report',
  colLastReview: 'Last reviewed',
  reportText: '{purpose}; 2FA was “{status}”',
  ticketPurpose_RESET: 'From the link in the helpdesk’s reset email',
  ticketPurpose_SELF_SERVICE:
    'From a setup link the customer asked for on the profile page after signing in (no reset)',
  ticketPurpose_REPLACE:
    'From a link to replace the app, asked for on the profile page after signing in (no reset)',
  ticketPurpose_OTHER: 'From a setup link',
  reviewText: '{officer}, {time}',
  notReviewed: 'not yet',
  backToQueue: '← Back to recovery locks',
  lockedSince: 'Locked since',
  reportedCase: 'Reported case',
  noCaseNumber: 'none: the report belongs to no helpdesk case',
  notLockedNow: 'Recovery of this customer is not (or no longer) locked by a report. Nothing to decide.',
  caseTimelineTitle: 'Case timeline',
  caseTimelineIntro: 'Everything that happened to this customer from the reported reset on, oldest first.',
  caseTimelineEmpty: 'No events found.',
  decisionTitle: 'Decide',
  decisionIntro:
    'Call the customer back on a number known from before the reset. Have a helpdesk colleague verify them, including the emailed code. Only then release the lock; otherwise keep it with a note.',
  keepTitle: 'Keep the lock',
  keepNote: 'Note (what you found and why the lock stays; kept in the audit trail)',
  keepButton: 'Keep locked',
  keptDone: 'Recorded: the lock stays. Your note is in the audit trail.',
  noteTooShort: 'Write a note of at least 3 characters.',
  releaseTitle: 'Release the lock',
  releaseVerification: 'Based on verification (done after the report, by someone other than you)',
  releaseCandidate: '{caseNumber} — {status}, {time}, by {agent}',
  releaseCandidateYou: '{caseNumber} — {status}, {time}, by you',
  emailCodeYes: 'emailed code read back',
  emailCodeNo: 'without the emailed code',
  releaseNoCandidates:
    'There is no passed verification since the report yet. Ask a helpdesk colleague to verify the customer, including the emailed code.',
  releaseReason: 'Reason (kept in the audit trail)',
  releaseReasonHint: 'For example: “Called the customer back on the known number; the report was a mistake.”',
  releaseButton: 'Release the lock…',
  confirmReleaseTitle: 'Release the lock for {name}?',
  confirmReleaseBody:
    '2FA goes off and any authenticator set up after the reset is removed. The customer gets an email with a new link to set up 2FA. This is recorded with your name, the verification and the reason.',
  confirmReleaseYes: 'Yes, release the lock',
  releasedDone:
    'The lock is released on case {case}. The customer gets an email with a new link to set up 2FA.',
  releaseStale:
    'This verification is too old (completed more than 30 minutes ago). Have the customer verified again.',
  lockReportedNotice:
    'Recovery locked – reported by the customer: they said “this wasn’t me”. Only the security team can release the lock.',
  releaseOnlyVerification:
    'At the security team’s request you can verify the caller, including the emailed code. Such a verification only serves to release the lock; 2FA cannot be disabled on it.',
  passedForRelease:
    'Tell the security team case {caseNumber}: a security officer (not you) can now release the lock. The verification stays usable for 30 minutes.',
  disableBlockedByReport:
    'Disabling is not possible: recovery is locked after a report by the customer. Only the security team can release the lock (see Recovery locks).',
  openCaseForOfficer: 'Open the case in Recovery locks',
  securityOnly:
    'Recovery locks are for security officers only (group security). Find the customer to see their status.',
  // approvals, cancel, reset link, case numbers, hand-off (issue 12)
  navApprovalsPending: 'Approvals, {count} waiting',
  caseNumberLabel: 'Case number:',
  copy: 'Copy',
  copyCaseNumber: 'Copy case number {caseNumber}',
  caseNumberCopiedShort: 'Copied',
  caseNumberCopied: 'Case number {caseNumber} copied.',
  caseNumberSelected: 'Selected: copy with Ctrl+C (Cmd+C on a Mac).',
  cancelVerification: 'Cancel verification…',
  cancelVerificationTitle: 'Cancel verification {case}?',
  cancelVerificationBody:
    'Afterwards nobody can disable 2FA on this verification. Your name and the reason are recorded.',
  cancelVerificationReason: 'Reason (goes into the audit log)',
  cancelVerificationYes: 'Yes, cancel the verification',
  dialogBack: 'Back',
  verificationCancelled: 'Verification {case} is cancelled.',
  verificationStatusNow: 'This verification is now: {status}.',
  rejectedTitle: 'Disable rejected',
  rejectedBy: 'Admin {admin} rejected the disable on verification {case} on {time}.',
  rejectedSomeone: 'A second admin rejected the disable on verification {case}.',
  rejectedReason: 'Reason: “{reason}”',
  rejectedNext:
    'This verification can no longer be used. If a disable is still needed, verify the caller again.',
  resetLinkTitle: 'Reset link',
  resetLinkIntro:
    '2FA has been off since the reset of {time} and the customer has not set it up again. Did the link expire or get lost? Send a new one; the previous link then stops working.',
  resendResetLink: 'Send the reset link again',
  resetLinkSent:
    'New link sent to the email address in our records. The previous link no longer works. {left} more today.',
  resetLinkSentLast:
    'New link sent to the email address in our records. The previous link no longer works. That was the last one for today (at most 3 per 24 hours).',
  reject: 'Reject…',
  rejectTitle: 'Reject the disable for {customer}?',
  rejectBody:
    'The request of {requester} ends and the verification can no longer be used. The requester sees your reason.',
  rejectReason: 'Reason for rejecting (goes into the audit log)',
  rejectYes: 'Yes, reject',
  rejected: 'Rejected: the request for {customer} has ended; the verification can no longer be used.',
  ownRequestNote: 'You requested this yourself; another admin decides on it.',
  ownVerificationNote: 'You verified this caller yourself; another admin approves.',
  colChecks: 'Checks',
  colRequestedAt: 'Requested',
  colPassedAt: 'Passed',
  colTimeLeft: 'Usable for',
  colNotes: 'Note',
  checksMatched: 'matched: {checks}',
  checksNotMatched: 'not confirmed: {checks}',
  checksWithoutProof: 'without possession proof: {reason}',
  timeLeft: '{minutes} min left (until {time})',
  readyTitle: 'Ready for an admin',
  readyIntro:
    'Passed verifications nobody has used yet, newest first. A verification is usable for 30 minutes after it passed (default policy); after that the caller must be verified again.',
  readyNone: 'No passed verifications are waiting.',
  readyOpen: 'Open customer',
  readyWithoutProof: 'Without possession proof: a second admin must approve.',
  readyOwnVerification: 'You verified this yourself; another admin disables.',
  searchHintCase: 'Or search by case number (HD-XXXX-XXXX).',
  searchCaseFound: 'Case {caseNumber}',
  // triage
  triageIntro:
    'First ask what is wrong. A caller who still has a working factor helps themselves without a reset; only a caller with nothing left is verified.',
  triageAppWorks: 'Does the old authenticator app still work (does it show codes)?',
  triageBackupCodes: 'Does the caller still have unused backup codes?',
  triageUnanswered: '(ask)',
  triageYes: 'Yes',
  triageNo: 'No',
  triageSelfServiceTitle: 'Self-service: no reset needed',
  triageSayIntro: 'Tell the caller:',
  triageSay_REPLACE_AUTHENTICATOR:
    '“Log in as usual, with the code from the app on your old phone. Go to Profile and choose ‘Replace authenticator’. Scan the QR code there with your new phone; the old app keeps working until the new one is confirmed. You get new backup codes with it.”',
  triageSay_BACKUP_CODE_SIGN_IN:
    '“Log in with your password and choose ‘Use a backup code’. Then go to Profile, choose ‘Replace authenticator’ and set up the app on your phone again; you also get new backup codes.”',
  triageSay_RENEW_BACKUP_CODES:
    '“Log in as usual, with the code from your app. Go to Profile and choose ‘Renew backup codes’. The old codes, the lost ones too, stop working.”',
  triageNeverAsk: 'Never ask the caller for a code; we do not need to know any.',
  triageEmailGuide: 'Email the instructions',
  triageEmailGuideHint:
    'To the email address on file (and the notice addresses), never to an address the caller gives.',
  triageGuideQueued: 'Recorded; the instructions go to the email address on file ({left} left today).',
  triageVerifyTitle: 'Verification needed: the caller has no working factor left.',
  triageVerifyIntro: 'Start the verification below; the triage is recorded with it.',
  triageHistory: '{problem} · app works: {app} · backup codes: {codes} → {advice}',
  triageAdvice_SELF_SERVICE: 'self-service',
  triageAdvice_VERIFY: 'verification',
  triageGuideMailed: 'instructions emailed',
  // console polish
  customerErasedTitle: 'Customer erased',
  customerNotFoundTitle: 'Customer not found',
  customerLoadFailedTitle: 'Customer not loaded',
  customerIdLine: 'Customer id {id}',
  actorRoleSecurity: 'security officer',
  caseRecordTriage: 'Triage of this call',
  colCustomerCase: 'Customer and case',
  colRequest: 'Request',
  colChecksAndReason: 'Checks and reason',
  // console flow fixes (newcomer walk)
  triageVerifyLockedTitle:
    'Verification needed: recovery is locked, so no code works and self-service cannot. The verification only serves the security team’s release.',
  triageFirst:
    'Answer the triage above first: a verification starts only when the caller has no working factor left.',
  triageNotAsked: 'not asked',
  cooldownBeforeTriage:
    'Cooldown: an earlier verification failed. A new verification can start only after {time}.',
  cooldownSelfServiceStill: 'Self-service (triage below) still can.',
  startAfterCooldown:
    'Starting a verification is possible after {time} (cooldown after a failed verification).',
  passedOwnAdmin: 'You verified this customer yourself: another admin must disable 2FA. Quote case {id}.',
  disableOwnVerification:
    'Case {cases}: verified by you. Disabling on your own verification is not possible; ask another admin.',
  auditReference: 'Reference (audit): {id}',
  // reports that did not come from a reset link (newcomer finding 4)
  caseTimelineIntroNoCase:
    'Everything that happened to this customer from 24 hours before the report on, oldest first. The report belongs to no reset, so there is no case to start from.',
  caseTimelineIntroUnlocked: 'The latest events of this customer, oldest first.',
};

export const messages: Record<Lang, Record<MessageKey, string>> = { nl, en };

/** The manual's questions, in its order: identity first, then the security questions. */
export const identityChecks = ['FULL_NAME', 'EMAIL', 'COMPANY_NAME', 'LAST_LOGIN_DATE'] as const;
export const securityQuestions = ['CHARGE_POINT_IDS', 'LAST_TRANSACTION', 'COMPANY_INFO'] as const;
// Fails to compile when lib/ adds a check type the checklist does not place.
const everyCheckPlaced: Exclude<
  CheckType,
  (typeof identityChecks)[number] | (typeof securityQuestions)[number] | 'EMAIL_CODE'
> extends never
  ? true
  : never = true;
void everyCheckPlaced;

export const checkLabels: Record<Lang, Record<CheckType, string>> = {
  nl: {
    FULL_NAME: 'Volledige naam',
    EMAIL: 'E-mailadres',
    COMPANY_NAME: 'Bedrijfsnaam (indien van toepassing)',
    LAST_LOGIN_DATE: 'Laatste logindatum (indien bekend)',
    CHARGE_POINT_IDS: 'Laadpaal-ID’s die de klant beheert',
    LAST_TRANSACTION: 'Laatste transactie (datum, bedrag of laadpaal)',
    COMPANY_INFO: 'Bedrijfsinformatie (bijv. KvK-nummer, vestiging)',
    EMAIL_CODE: 'Code die de klant voorleest',
  },
  en: {
    FULL_NAME: 'Full name',
    EMAIL: 'Email address',
    COMPANY_NAME: 'Company name (if applicable)',
    LAST_LOGIN_DATE: 'Last login date (if known)',
    CHARGE_POINT_IDS: 'Charge point IDs the customer manages',
    LAST_TRANSACTION: 'Last transaction (date, amount or charge point)',
    COMPANY_INFO: 'Company information (e.g. Chamber of Commerce number, location)',
    EMAIL_CODE: 'Code the caller reads back',
  },
};

export const resultLabels: Record<Lang, Record<CheckResult, string>> = {
  nl: {
    MATCH: 'Komt overeen',
    MISMATCH: 'Komt niet overeen',
    NOT_ON_FILE: 'Niet in onze gegevens',
    UNKNOWN: 'Weet de klant niet',
  },
  en: {
    MATCH: 'Matches',
    MISMATCH: 'Does not match',
    NOT_ON_FILE: 'Not on file',
    UNKNOWN: 'Caller does not know',
  },
};

export const channelLabels: Record<Lang, Record<Channel, string>> = {
  nl: { phone: 'Telefoon', email: 'E-mail', chat: 'Chat' },
  en: { phone: 'Phone', email: 'Email', chat: 'Chat' },
};

export const actorLabels: Record<Lang, Record<ActorType, string>> = {
  nl: { agent: 'medewerker', admin: 'admin', customer: 'klant', service: 'loginservice', system: 'systeem' },
  en: { agent: 'agent', admin: 'admin', customer: 'customer', service: 'login service', system: 'system' },
};

export const eventLabels: Record<Lang, Record<AuditEventType, string>> = {
  nl: {
    CUSTOMER_CREATED: 'Klant aangemaakt',
    CUSTOMER_EMAIL_CHANGED: 'E-mailadres gewijzigd',
    CUSTOMER_RECORD_CHANGED: 'Klantgegevens gewijzigd',
    CUSTOMER_ERASED: 'Klant gewist',
    VERIFICATION_EXPIRED: 'Verificatie verlopen',
    VERIFICATION_STARTED: 'Verificatie gestart',
    VERIFICATION_CHECK_RECORDED: 'Controle vastgelegd',
    VERIFICATION_EMAIL_CODE_SENT: 'Verificatiecode gemaild',
    VERIFICATION_COMPLETED: 'Verificatie afgerond',
    TWO_FA_DISABLE_PENDING_APPROVAL: 'Uitschakeling wacht op goedkeuring',
    TWO_FA_DISABLED: '2FA uitgeschakeld',
    RESET_EMAIL_SENT: 'Herstel-e-mail verstuurd',
    RESET_EMAIL_FAILED: 'Herstel-e-mail mislukt',
    ENROLLMENT_TICKET_ISSUED: 'Instellink uitgegeven',
    ENROLLMENT_STARTED: 'Instellen gestart (QR-code getoond)',
    TWO_FA_ENABLED: '2FA aangezet',
    BACKUP_CODE_USED: 'Back-upcode gebruikt',
    VERIFY_FAILED: 'Foute 2FA-code bij inloggen',
    VERIFY_REPLAY_REFUSED: 'Hergebruikte 2FA-code geweigerd',
    TWO_FA_LOCKED: '2FA tijdelijk geblokkeerd',
    UNAUTHORIZED_RESET_REPORTED: 'Klant meldde: “dit was ik niet”',
    RECOVERY_LOCK_KEPT: 'Beveiliging: herstelblokkade blijft (notitie)',
    RECOVERY_LOCK_RELEASED: 'Beveiliging: herstelblokkade opgeheven',
    TWO_FA_DISABLE_REJECTED: 'Uitschakeling afgewezen door tweede admin',
    VERIFICATION_CANCELLED: 'Verificatie geannuleerd',
    RESET_LINK_RESENT: 'Herstellink opnieuw verstuurd',
    AUTHENTICATOR_REPLACED: 'Authenticator-app vervangen door de klant (selfservice)',
    BACKUP_CODES_REGENERATED: 'Back-upcodes vernieuwd door de klant',
    NOTIFICATION_SENT: 'Melding verstuurd',
    NOTIFICATION_FAILED: 'Melding mislukt',
    CASE_RECORD_PRINTED: 'Zaakdossier afgedrukt',
    // triage
    HELPDESK_TRIAGE_RECORDED: 'Triage vastgelegd (wat de klant meldt en nog heeft)',
  },
  en: {
    CUSTOMER_CREATED: 'Customer created',
    CUSTOMER_EMAIL_CHANGED: 'Email address changed',
    CUSTOMER_RECORD_CHANGED: 'Customer record changed',
    CUSTOMER_ERASED: 'Customer erased',
    VERIFICATION_EXPIRED: 'Verification expired',
    VERIFICATION_STARTED: 'Verification started',
    VERIFICATION_CHECK_RECORDED: 'Check recorded',
    VERIFICATION_EMAIL_CODE_SENT: 'Verification code emailed',
    VERIFICATION_COMPLETED: 'Verification completed',
    TWO_FA_DISABLE_PENDING_APPROVAL: 'Disable awaiting approval',
    TWO_FA_DISABLED: '2FA disabled',
    RESET_EMAIL_SENT: 'Reset email sent',
    RESET_EMAIL_FAILED: 'Reset email failed',
    ENROLLMENT_TICKET_ISSUED: 'Enrollment link issued',
    ENROLLMENT_STARTED: 'Enrollment started (QR code shown)',
    TWO_FA_ENABLED: '2FA enabled',
    BACKUP_CODE_USED: 'Backup code used',
    VERIFY_FAILED: 'Wrong 2FA code at login',
    VERIFY_REPLAY_REFUSED: 'Reused 2FA code refused',
    TWO_FA_LOCKED: '2FA temporarily locked',
    UNAUTHORIZED_RESET_REPORTED: 'Customer reported “this wasn’t me”',
    RECOVERY_LOCK_KEPT: 'Security: recovery lock kept (note)',
    RECOVERY_LOCK_RELEASED: 'Security: recovery lock released',
    TWO_FA_DISABLE_REJECTED: 'Disable rejected by a second admin',
    VERIFICATION_CANCELLED: 'Verification cancelled',
    RESET_LINK_RESENT: 'Reset link sent again',
    AUTHENTICATOR_REPLACED: 'Authenticator app replaced by the customer (self-service)',
    BACKUP_CODES_REGENERATED: 'Backup codes renewed by the customer',
    NOTIFICATION_SENT: 'Notification sent',
    NOTIFICATION_FAILED: 'Notification failed',
    CASE_RECORD_PRINTED: 'Case record printed',
    // triage
    HELPDESK_TRIAGE_RECORDED: 'Triage recorded (what the caller reports and still has)',
  },
};

/** Refusals of the API in plain words; a code missing here falls back to the API's own message. */
export const errorSentences: Record<Lang, Partial<Record<string, string>>> = {
  nl: {
    NETWORK_ERROR: 'De server is niet bereikbaar. Controleer de verbinding en probeer het opnieuw.',
    UNAUTHORIZED: 'Uw sessie is verlopen of ongeldig. Meld u opnieuw aan.',
    FORBIDDEN: 'Uw rol mag dit niet doen.',
    TOO_MANY_REQUESTS: 'Te veel verzoeken tegelijk. Wacht even en probeer het opnieuw.',
    SERVICE_UNAVAILABLE: 'De opslag is even niet bereikbaar. Probeer het over enkele seconden opnieuw.',
    INVALID_REQUEST: 'De invoer is niet geldig. Controleer de velden.',
    QUERY_TOO_SHORT: 'Typ minstens een paar letters van de naam, of een e-mailadres.',
    INVALID_CURSOR: 'De zoekresultaten zijn verouderd. Zoek opnieuw.',
    CUSTOMER_NOT_FOUND: 'Deze klant bestaat niet (meer).',
    RECOVERY_LOCKED:
      'Herstel is geblokkeerd: de klant meldde “dit was ik niet”. Schakel het beveiligingsteam in.',
    VERIFICATION_COOLDOWN:
      'Een recente verificatie van deze klant is mislukt. Een nieuwe kan pas na de wachttijd starten.',
    VERIFICATION_NOT_FOUND: 'Deze verificatie bestaat niet.',
    NOT_YOUR_VERIFICATION: 'Alleen de medewerker die deze verificatie startte kan haar voortzetten.',
    VERIFICATION_NOT_OPEN: 'Deze verificatie is al afgerond. Start zo nodig een nieuwe.',
    VERIFICATION_EXPIRED: 'Deze verificatie duurde te lang en is verlopen. Start een nieuwe.',
    VERIFICATION_CHANGED: 'De verificatie werd tegelijk gewijzigd. Probeer het nog eens.',
    EMAIL_CODE_NOT_SENT: 'Mail eerst de code; leg daarna vast wat de klant voorleest.',
    EMAIL_CODE_USED: 'De gemailde code is in deze verificatie al bevestigd.',
    EMAIL_CODE_EXPIRED: 'De gemailde code is verlopen. Mail een nieuwe.',
    EMAIL_CODE_ATTEMPTS_EXCEEDED: 'Te veel foute codes. Mail een nieuwe code.',
    EMAIL_CODE_LIMIT: 'Het maximum aantal codes voor deze verificatie is bereikt.',
    EMAIL_CODE_TOO_SOON: 'Er is net een code verstuurd. Wacht even voordat u een nieuwe mailt.',
    TWO_FA_NOT_ENABLED: '2FA staat al uit voor deze klant.',
    VERIFICATION_OTHER_CUSTOMER: 'Deze verificatie hoort bij een andere klant.',
    VERIFICATION_NOT_COMPLETED: 'De verificatie loopt nog; de medewerker moet haar eerst afronden.',
    VERIFICATION_NOT_PASSED: 'De verificatie is mislukt; daarop kan 2FA niet worden uitgeschakeld.',
    VERIFICATION_ALREADY_USED: 'Deze verificatie is al gebruikt. Er is een nieuwe verificatie nodig.',
    APPROVAL_PENDING: 'Op deze verificatie wacht al een uitschakeling op goedkeuring door een tweede admin.',
    VERIFICATION_STALE:
      'De verificatie is te oud om nog 2FA op uit te schakelen. Verifieer de klant opnieuw.',
    CONCURRENT_CHANGE:
      'De klant of de verificatie is tegelijk gewijzigd. Laad de pagina opnieuw en probeer het nog eens.',
    IDEMPOTENCY_KEY_REUSED: 'Dit verzoek is al eens met andere gegevens verstuurd. Probeer het opnieuw.',
    APPROVAL_NOT_FOUND: 'Dit goedkeuringsverzoek bestaat niet.',
    APPROVAL_NOT_PENDING: 'Over dit verzoek is al beslist.',
    APPROVAL_EXPIRED: 'Dit verzoek is verlopen. Begin opnieuw met een nieuwe verificatie.',
    APPROVER_IS_REQUESTER: 'U vroeg deze uitschakeling zelf aan; een andere admin moet goedkeuren.',
    APPROVER_IS_VERIFIER: 'U verifieerde deze klant zelf; een andere admin moet goedkeuren.',
    VERIFICATION_NOT_PENDING: 'De verificatie achter dit verzoek wacht niet meer op goedkeuring.',
    // approvals, cancel, reset link (issue 12)
    REJECTER_IS_REQUESTER: 'U vroeg deze uitschakeling zelf aan; een andere admin beslist erover.',
    VERIFICATION_NOT_CANCELLABLE:
      'Deze verificatie is al gebruikt, afgerond zonder succes of geannuleerd; er valt niets te annuleren.',
    RESET_LINK_DAILY_LIMIT:
      'Er zijn de afgelopen 24 uur al 3 herstel-links naar deze klant gestuurd; meer kan niet. Probeer het morgen opnieuw, of laat de klant 2FA aanzetten via de profielpagina.',
    NOT_AWAITING_ENROLLMENT:
      'Een herstel-link kan alleen opnieuw worden gestuurd zolang 2FA uit staat na een reset door de helpdesk.',
    VERIFICATION_REJECTED:
      'Een tweede admin wees de uitschakeling op deze verificatie af. Verifieer de klant opnieuw.',
    VERIFICATION_CANCELLED: 'Deze verificatie is geannuleerd. Verifieer de klant opnieuw.',
    VERIFICATION_ALREADY_OPEN:
      'Er loopt al een verificatie van deze klant. Rond die eerst af (of wacht tot ze verloopt).',
    DISABLER_IS_VERIFIER: 'U verifieerde deze klant zelf; een andere admin moet 2FA uitschakelen.',
    TOO_MANY_CHECKS: 'Deze verificatie heeft het maximum aantal vragen. Rond haar af.',
    EMAIL_CODE_DAILY_LIMIT: 'Er zijn vandaag al te veel codes naar deze klant gemaild.',
    EMAIL_CODE_SEND_RACE: 'Er werd tegelijk al een code verstuurd; deze is niet verstuurd.',
    EMAIL_CODE_NOT_DELIVERED: 'De mailserver nam de code niet aan. Probeer het zo opnieuw.',
    EMAIL_CODE_FORMAT: 'De code bestaat uit 6 cijfers. Typ precies wat de klant voorleest.',
    // security officer's view (recovery locks)
    RELEASER_IS_VERIFIER:
      'U verifieerde deze klant zelf; een andere security officer moet de blokkade opheffen (vier ogen).',
    RELEASER_IN_REPORTED_CASE:
      'U had een rol in de reset die de klant meldde; een andere security officer beslist over de melding (vier ogen).',
    VERIFIER_IN_REPORTED_CASE:
      'Deze beller is geverifieerd door iemand die een rol had in de gemelde reset; laat een andere helpdeskmedewerker de klant opnieuw verifiëren.',
    EMAIL_CODE_REQUIRED:
      'Deze verificatie is geslaagd zonder de code per e-mail. Voor het opheffen moet de klant de gemailde code hebben voorgelezen.',
    VERIFICATION_NOT_FOR_RELEASE:
      'Deze verificatie is gedaan vóór de melding. Alleen een verificatie van na de melding telt.',
    NOT_RECOVERY_LOCKED: 'Het herstel van deze klant is niet (meer) geblokkeerd. Laad de pagina opnieuw.',
    VERIFICATION_FOR_RELEASE_ONLY:
      'Deze verificatie is gedaan tijdens een herstelblokkade en dient alleen om die op te heffen, niet om 2FA uit te schakelen.',
    VERIFICATION_BEFORE_LAST_RESET:
      'Deze verificatie is gestart vóór de laatste reset van deze klant. Verifieer de klant opnieuw.',
    // triage
    SELF_SERVICE_GUIDE_DAILY_LIMIT:
      'Deze klant kreeg vandaag al het maximum aan instructie-mails. Vertel de stappen aan de telefoon.',
    TRIAGE_NOT_CURRENT: 'Die triage is niet meer de lopende. Beantwoord de vragen opnieuw.',
    TRIAGE_ADVISED_SELF_SERVICE:
      'De triage stuurt deze klant naar zelfhulp; verificatie is niet nodig. Werkte zelfhulp niet? Beantwoord de vragen opnieuw.',
    TRIAGE_REPORT_DIFFERS: 'De melding wijkt af van die in de triage.',
    // console polish
    ERASED:
      'Deze klant is gewist (AVG): de gegevens zijn verwijderd en dit klantnummer wordt niet meer gebruikt. Is de persoon weer klant, zoek dan op naam of e-mailadres (hij heeft dan een nieuw klantnummer).',
    INVALID_PATH_PARAMETER:
      'Dit adres klopt niet (geen geldig klant- of zaaknummer). Zoek de klant opnieuw op.',
  },
  en: {
    NETWORK_ERROR: 'The server cannot be reached. Check the connection and try again.',
    UNAUTHORIZED: 'Your session has expired or is not valid. Please sign in again.',
    FORBIDDEN: 'Your role may not do this.',
    TOO_MANY_REQUESTS: 'Too many requests at once. Wait a moment and try again.',
    SERVICE_UNAVAILABLE: 'Storage is briefly unavailable. Try again in a few seconds.',
    INVALID_REQUEST: 'The input is not valid. Check the fields.',
    QUERY_TOO_SHORT: 'Type at least a few letters of the name, or an email address.',
    INVALID_CURSOR: 'The search results are out of date. Search again.',
    CUSTOMER_NOT_FOUND: 'This customer does not exist (any more).',
    RECOVERY_LOCKED: 'Recovery is locked: the customer reported “this wasn’t me”. Involve the security team.',
    VERIFICATION_COOLDOWN:
      'A recent verification of this customer failed. A new one can start after the cooldown.',
    VERIFICATION_NOT_FOUND: 'This verification does not exist.',
    NOT_YOUR_VERIFICATION: 'Only the agent who started this verification can continue it.',
    VERIFICATION_NOT_OPEN: 'This verification is already completed. Start a new one if needed.',
    VERIFICATION_EXPIRED: 'This verification took too long and has expired. Start a new one.',
    VERIFICATION_CHANGED: 'The verification changed at the same time. Please try again.',
    EMAIL_CODE_NOT_SENT: 'Email the code first; then record what the caller reads back.',
    EMAIL_CODE_USED: 'The emailed code was already confirmed in this verification.',
    EMAIL_CODE_EXPIRED: 'The emailed code has expired. Email a new one.',
    EMAIL_CODE_ATTEMPTS_EXCEEDED: 'Too many wrong codes. Email a new code.',
    EMAIL_CODE_LIMIT: 'The maximum number of codes for this verification has been reached.',
    EMAIL_CODE_TOO_SOON: 'A code was just sent. Wait a moment before emailing another.',
    TWO_FA_NOT_ENABLED: '2FA is already off for this customer.',
    VERIFICATION_OTHER_CUSTOMER: 'This verification belongs to another customer.',
    VERIFICATION_NOT_COMPLETED: 'The verification is still open; the agent must complete it first.',
    VERIFICATION_NOT_PASSED: 'The verification failed; 2FA cannot be disabled on it.',
    VERIFICATION_ALREADY_USED: 'This verification was already used. A new verification is needed.',
    APPROVAL_PENDING: 'A disable on this verification is already waiting for a second admin.',
    VERIFICATION_STALE: 'The verification is too old to disable 2FA on. Verify the caller again.',
    CONCURRENT_CHANGE: 'The customer or the verification changed at the same time. Reload and try again.',
    IDEMPOTENCY_KEY_REUSED: 'This request was already sent with other data. Please try again.',
    APPROVAL_NOT_FOUND: 'This approval request does not exist.',
    APPROVAL_NOT_PENDING: 'This request was already decided.',
    APPROVAL_EXPIRED: 'This request has expired. Start again with a new verification.',
    APPROVER_IS_REQUESTER: 'You requested this disable yourself; another admin must approve.',
    APPROVER_IS_VERIFIER: 'You verified this caller yourself; another admin must approve.',
    VERIFICATION_ALREADY_OPEN:
      'A verification of this customer is already open. Complete it first (or wait until it expires).',
    DISABLER_IS_VERIFIER: 'You verified this caller yourself; another admin must disable 2FA.',
    TOO_MANY_CHECKS: 'This verification holds the maximum number of checks. Complete it.',
    EMAIL_CODE_DAILY_LIMIT: 'Too many codes were emailed to this customer today.',
    EMAIL_CODE_SEND_RACE: 'A code was being sent at the same moment; this one was not sent.',
    EMAIL_CODE_NOT_DELIVERED: 'The mail server did not accept the code. Try again shortly.',
    EMAIL_CODE_FORMAT: 'The code is 6 digits. Type exactly what the caller reads.',
    VERIFICATION_NOT_PENDING: 'The verification behind this request is no longer waiting for approval.',
    // security officer's view (recovery locks)
    RELEASER_IS_VERIFIER:
      'You verified this caller yourself; another security officer must release the lock (four eyes).',
    RELEASER_IN_REPORTED_CASE:
      'You took part in the reset the customer reported; another security officer decides on the report (four eyes).',
    VERIFIER_IN_REPORTED_CASE:
      'This caller was verified by someone who took part in the reported reset; have another helpdesk agent verify the customer again.',
    EMAIL_CODE_REQUIRED:
      'This verification passed without the emailed code. A release needs the caller to have read back the emailed code.',
    VERIFICATION_NOT_FOR_RELEASE:
      'This verification was done before the report. Only a verification from after the report counts.',
    NOT_RECOVERY_LOCKED: 'Recovery of this customer is not (or no longer) locked. Reload the page.',
    VERIFICATION_FOR_RELEASE_ONLY:
      'This verification was done during a recovery lock and only serves to release it, not to disable 2FA.',
    VERIFICATION_BEFORE_LAST_RESET:
      "This verification was started before the customer's last reset. Verify the caller again.",
    // approvals, cancel, reset link (issue 12)
    REJECTER_IS_REQUESTER: 'You requested this disable yourself; another admin decides on it.',
    VERIFICATION_NOT_CANCELLABLE:
      'This verification was already used, failed or was cancelled; there is nothing to cancel.',
    RESET_LINK_DAILY_LIMIT:
      'Three reset links have already been sent to this customer in the last 24 hours; no more are possible. Try again tomorrow, or have the customer turn on 2FA from their profile page.',
    NOT_AWAITING_ENROLLMENT: 'A reset link can only be sent again while 2FA is off after a helpdesk reset.',
    VERIFICATION_REJECTED:
      'A second admin rejected the disable on this verification. Verify the caller again.',
    VERIFICATION_CANCELLED: 'This verification was cancelled. Verify the caller again.',
    // triage
    SELF_SERVICE_GUIDE_DAILY_LIMIT:
      'This customer already got the most instruction emails for today. Tell the steps on the phone.',
    TRIAGE_NOT_CURRENT: 'That triage is no longer the current one. Answer the questions again.',
    TRIAGE_ADVISED_SELF_SERVICE:
      'The triage sends this caller to self-service; no verification is needed. Did self-service not work? Answer the questions again.',
    TRIAGE_REPORT_DIFFERS: 'The report differs from the one in the triage.',
    // console polish
    ERASED:
      'This customer was erased (GDPR): the data is removed and this customer id is not used again. If the person is a customer again, search by name or email (they then have a new customer id).',
    INVALID_PATH_PARAMETER:
      'This address is not valid (not a valid customer id or case number). Search for the customer again.',
  },
};

/** What the server accepts for each question, shown next to it so the agent types it that way. */
export const checkFormats: Record<Lang, Record<CheckType, string>> = {
  nl: {
    FULL_NAME: 'voor- en achternaam, hoofdletters maken niet uit',
    EMAIL: 'het hele adres',
    COMPANY_NAME: 'met of zonder rechtsvorm (B.V., N.V., V.O.F.)',
    LAST_LOGIN_DATE: 'één dag: 19-11-2026, 19-11 of 19 november',
    CHARGE_POINT_IDS: 'een of meer eigen ID’s, gescheiden door komma’s; één fout ID = afwijkend',
    LAST_TRANSACTION: 'één dag plus het bedrag (18,45 / € 18.45 / 18 euro 45) of de laadpaal',
    COMPANY_INFO: 'het KvK- of btw-nummer (één nummer)',
    EMAIL_CODE: 'de cijfers uit de e-mail',
  },
  en: {
    FULL_NAME: 'first and last name, case does not matter',
    EMAIL: 'the whole address',
    COMPANY_NAME: 'with or without legal form (B.V., N.V., V.O.F.)',
    LAST_LOGIN_DATE: 'one day: 19-11-2026, 19-11 or 19 November',
    CHARGE_POINT_IDS: 'one or more of their IDs, comma-separated; one wrong ID = mismatch',
    LAST_TRANSACTION: 'one day plus the amount (18,45 / € 18.45 / 18 euro 45) or the charge point',
    COMPANY_INFO: 'the Chamber of Commerce or VAT number (one number)',
    EMAIL_CODE: 'the digits from the email',
  },
};

export const reportedProblemLabels: Record<Lang, Record<ReportedProblem, string>> = {
  nl: {
    CANNOT_LOG_IN: 'Kan niet inloggen',
    PHONE_LOST: 'Telefoon kwijt',
    APP_BROKEN: 'App werkt niet',
    BACKUP_CODES_LOST: 'Back-upcodes kwijt',
    NEW_PHONE: 'Nieuwe telefoon',
  },
  en: {
    CANNOT_LOG_IN: 'Cannot log in',
    PHONE_LOST: 'Phone lost',
    APP_BROKEN: 'App does not work',
    BACKUP_CODES_LOST: 'Backup codes lost',
    NEW_PHONE: 'New phone',
  },
};

export const noPossessionReasonLabels: Record<Lang, Record<NoPossessionReason, string>> = {
  nl: {
    MAILBOX_ON_LOST_DEVICE: 'De mailbox stond op het verloren toestel',
    NO_ACCESS_TO_MAILBOX: 'Geen toegang tot de mailbox',
    ADDRESS_NO_LONGER_EXISTS: 'Het e-mailadres bestaat niet meer',
    CODE_NOT_RECEIVED: 'De code komt niet aan',
  },
  en: {
    MAILBOX_ON_LOST_DEVICE: 'The mailbox was on the lost device',
    NO_ACCESS_TO_MAILBOX: 'No access to the mailbox',
    ADDRESS_NO_LONGER_EXISTS: 'The address no longer exists',
    CODE_NOT_RECEIVED: 'The code does not arrive',
  },
};

/**
 * Each audit event as a sentence (the audit table, the case record). Placeholders are filled from the
 * event: {actor}, {case}, {check}, {result}, {channel}, {count}, {time}, {left}, {status}, {kind},
 * {attempts}, {fields}; clauses such as the reason are added after it. Typed against the event list,
 * so a new event type cannot ship without its sentence.
 */
export const auditSentences: Record<Lang, Record<AuditEventType, string>> = {
  nl: {
    CUSTOMER_CREATED: 'Klant aangemaakt door de loginservice',
    CUSTOMER_EMAIL_CHANGED: 'E-mailadres gewijzigd door de loginservice',
    CUSTOMER_RECORD_CHANGED: 'Klantgegevens gewijzigd door de loginservice: {fields}',
    CUSTOMER_ERASED: 'Klant gewist (AVG): persoonsgegevens en sleutel verwijderd',
    VERIFICATION_STARTED: 'Verificatie gestart door {actor}, zaak {case}, via {channel}',
    VERIFICATION_CHECK_RECORDED: 'Controle {check}: {result}',
    VERIFICATION_EMAIL_CODE_SENT: 'Code gemaild naar het adres in onze gegevens ({count}e in deze zaak)',
    VERIFICATION_COMPLETED: '{outcome}, zaak {case}; vastgelegde controles: {count}',
    VERIFICATION_EXPIRED: 'Verificatie verlopen, zaak {case}; vastgelegde controles: {count}',
    TWO_FA_DISABLE_PENDING_APPROVAL: 'Uitschakeling aangevraagd door {actor}, zaak {case}',
    TWO_FA_DISABLE_REJECTED: 'Uitschakeling afgewezen door {actor}, zaak {case}',
    VERIFICATION_CANCELLED: 'Verificatie geannuleerd door {actor}, zaak {case} (was {status})',
    TWO_FA_DISABLED: '2FA uitgeschakeld door {actor}, zaak {case}',
    RESET_LINK_RESENT: 'Herstellink opnieuw verstuurd door {actor} ({count}e in 24 uur)',
    RESET_EMAIL_SENT: 'Herstel-e-mail verstuurd naar de klant',
    RESET_EMAIL_FAILED: 'Herstel-e-mail niet verstuurd (poging {attempts})',
    ENROLLMENT_TICKET_ISSUED: 'Instellink uitgegeven, geldig tot {time}',
    ENROLLMENT_STARTED: 'Klant begon met instellen (QR-code getoond)',
    TWO_FA_ENABLED: '2FA aangezet door de klant, {count} back-upcodes uitgegeven',
    BACKUP_CODE_USED: 'Back-upcode gebruikt bij inloggen, nog {left} over',
    VERIFY_FAILED: 'Foute 2FA-code bij inloggen ({count} op rij, nog {left} pogingen)',
    VERIFY_REPLAY_REFUSED: 'Al gebruikte 2FA-code geweigerd',
    TWO_FA_LOCKED: '2FA tijdelijk geblokkeerd tot {time}',
    UNAUTHORIZED_RESET_REPORTED: 'Klant meldde “dit was ik niet”: herstel geblokkeerd',
    RECOVERY_LOCK_KEPT: 'Blokkade gehandhaafd door {actor}',
    RECOVERY_LOCK_RELEASED: 'Blokkade opgeheven door {actor}, zaak {case}',
    AUTHENTICATOR_REPLACED: 'Klant verving de authenticator-app, {count} nieuwe back-upcodes',
    BACKUP_CODES_REGENERATED: 'Klant vernieuwde de back-upcodes ({count} nieuwe)',
    NOTIFICATION_SENT: 'E-mail “{kind}” verstuurd',
    NOTIFICATION_FAILED: 'E-mail “{kind}” niet verstuurd (poging {attempts})',
    CASE_RECORD_PRINTED: 'Zaakdossier {case} afgedrukt door {actor}',
    HELPDESK_TRIAGE_RECORDED: 'Triage door {actor}',
  },
  en: {
    CUSTOMER_CREATED: 'Customer created by the login service',
    CUSTOMER_EMAIL_CHANGED: 'Email address changed by the login service',
    CUSTOMER_RECORD_CHANGED: 'Customer record changed by the login service: {fields}',
    CUSTOMER_ERASED: 'Customer erased (GDPR): personal data and key removed',
    VERIFICATION_STARTED: 'Verification started by {actor}, case {case}, via {channel}',
    VERIFICATION_CHECK_RECORDED: 'Check {check}: {result}',
    VERIFICATION_EMAIL_CODE_SENT: 'Code emailed to the address on file (no. {count} in this case)',
    VERIFICATION_COMPLETED: '{outcome}, case {case}; checks recorded: {count}',
    VERIFICATION_EXPIRED: 'Verification expired, case {case}; checks recorded: {count}',
    TWO_FA_DISABLE_PENDING_APPROVAL: 'Disable requested by {actor}, case {case}',
    TWO_FA_DISABLE_REJECTED: 'Disable rejected by {actor}, case {case}',
    VERIFICATION_CANCELLED: 'Verification cancelled by {actor}, case {case} (was {status})',
    TWO_FA_DISABLED: '2FA disabled by {actor}, case {case}',
    RESET_LINK_RESENT: 'Reset link sent again by {actor} (no. {count} in 24 hours)',
    RESET_EMAIL_SENT: 'Reset email sent to the customer',
    RESET_EMAIL_FAILED: 'Reset email not sent (attempt {attempts})',
    ENROLLMENT_TICKET_ISSUED: 'Enrollment link issued, valid until {time}',
    ENROLLMENT_STARTED: 'Customer started setting up (QR code shown)',
    TWO_FA_ENABLED: '2FA turned on by the customer, {count} backup codes issued',
    BACKUP_CODE_USED: 'Backup code used at login, {left} left',
    VERIFY_FAILED: 'Wrong 2FA code at login ({count} in a row, {left} attempts left)',
    VERIFY_REPLAY_REFUSED: 'Reused 2FA code refused',
    TWO_FA_LOCKED: '2FA temporarily locked until {time}',
    UNAUTHORIZED_RESET_REPORTED: 'Customer reported “this wasn’t me”: recovery locked',
    RECOVERY_LOCK_KEPT: 'Recovery lock kept by {actor}',
    RECOVERY_LOCK_RELEASED: 'Recovery lock lifted by {actor}, case {case}',
    AUTHENTICATOR_REPLACED: 'Customer replaced the authenticator app, {count} new backup codes',
    BACKUP_CODES_REGENERATED: 'Customer renewed the backup codes ({count} new)',
    NOTIFICATION_SENT: 'Email “{kind}” sent',
    NOTIFICATION_FAILED: 'Email “{kind}” not sent (attempt {attempts})',
    CASE_RECORD_PRINTED: 'Case record {case} printed by {actor}',
    HELPDESK_TRIAGE_RECORDED: 'Triage by {actor}',
  },
};

/** The emails the notifier sends, as the audit table names them. */
export const notificationKindLabels: Record<Lang, Record<NotificationKind, string>> = {
  nl: {
    RESET: 'herstel',
    ENABLED: '2FA aangezet',
    LOCKED: '2FA geblokkeerd',
    BACKUP_CODE_USED: 'back-upcode gebruikt',
    LAST_BACKUP_CODE: 'laatste back-upcode',
    AUTHENTICATOR_REPLACED: 'app vervangen',
    BACKUP_CODES_RENEWED: 'back-upcodes vernieuwd',
    SECURITY_ALERT: 'beveiligingsmelding',
    SECURITY_REVIEW: 'verzoek om beoordeling aan de security officers',
    LOCK_RELEASED: 'blokkade opgeheven',
    SELF_SERVICE_GUIDE: 'zelfhulp-instructies',
  },
  en: {
    RESET: 'reset',
    ENABLED: '2FA turned on',
    LOCKED: '2FA locked',
    BACKUP_CODE_USED: 'backup code used',
    LAST_BACKUP_CODE: 'last backup code',
    AUTHENTICATOR_REPLACED: 'app replaced',
    BACKUP_CODES_RENEWED: 'backup codes renewed',
    SECURITY_ALERT: 'security alert',
    SECURITY_REVIEW: 'review request to the security officers',
    LOCK_RELEASED: 'lock lifted',
    SELF_SERVICE_GUIDE: 'self-service instructions',
  },
};

// approvals, cancel, reset link, case numbers, hand-off (issue 12)
/** Short names of the checks, for one-line summaries (the approvals list). */
export const checkShortLabels: Record<Lang, Record<CheckType, string>> = {
  nl: {
    FULL_NAME: 'naam',
    EMAIL: 'e-mail',
    COMPANY_NAME: 'bedrijfsnaam',
    LAST_LOGIN_DATE: 'laatste login',
    CHARGE_POINT_IDS: 'laadpalen',
    LAST_TRANSACTION: 'laatste transactie',
    COMPANY_INFO: 'bedrijfsinfo',
    EMAIL_CODE: 'e-mailcode',
  },
  en: {
    FULL_NAME: 'name',
    EMAIL: 'email',
    COMPANY_NAME: 'company name',
    LAST_LOGIN_DATE: 'last login',
    CHARGE_POINT_IDS: 'charge points',
    LAST_TRANSACTION: 'last transaction',
    COMPANY_INFO: 'company info',
    EMAIL_CODE: 'email code',
  },
};
