// The words of the triage view (views/triage.ts), every console language side by side.
import type { AuditEventType } from '../../../lib/audit/events';
import type { EventWords, Words } from '../locales';

export const triageWords = {
  triageAppWorks: {
    nl: 'Werkt de oude authenticator-app nog (geeft hij codes)?',
    en: 'Does the old authenticator app still work (does it show codes)?',
  },
  triagePasskeyWorks: {
    nl: 'Kan de klant nog inloggen met een passkey (telefoon, laptop of beveiligingssleutel)?',
    en: 'Can the caller still sign in with a passkey (phone, laptop or security key)?',
  },
  triageBackupCodes: {
    nl: 'Heeft de klant nog ongebruikte back-upcodes?',
    en: 'Does the caller still have unused backup codes?',
  },
  triageUnanswered: { nl: '(vraag het)', en: '(ask)' },
  triageSelfServiceTitle: { nl: 'Zelfhulp: geen reset nodig', en: 'Self-service: no reset needed' },
  triageSayIntro: { nl: 'Zeg tegen de klant:', en: 'Tell the caller:' },
  triageNeverAsk: {
    nl: 'Vraag de klant nooit om een code; wij hoeven er geen te weten.',
    en: 'Never ask the caller for a code; we do not need to know any.',
  },
  triageEmailGuide: { nl: 'Instructies mailen', en: 'Email the instructions' },
  triageEmailGuideHint: {
    nl: 'Naar het e-mailadres in het dossier (en de meldadressen), nooit naar een adres dat de beller noemt.',
    en: 'To the email address on file (and the notice addresses), never to an address the caller gives.',
  },
  triageGuideQueued: {
    nl: 'Vastgelegd; de instructies gaan naar het e-mailadres in het dossier (nog {left} vandaag).',
    en: 'Recorded; the instructions go to the email address on file ({left} left today).',
  },
  triageVerifyTitle: {
    nl: 'Verificatie nodig: de klant heeft geen werkende factor meer.',
    en: 'Verification needed: the caller has no working factor left.',
  },
  triageVerifyIntro: {
    nl: 'Start de verificatie hieronder; de triage wordt erbij vastgelegd.',
    en: 'Start the verification below; the triage is recorded with it.',
  },
  triageVerifyLockedTitle: {
    nl: 'Verificatie nodig: het herstel is geblokkeerd, dus geen code werkt en zelfhulp kan niet. De verificatie dient alleen de opheffing door het beveiligingsteam.',
    en: 'Verification needed: recovery is locked, so no code works and self-service cannot. The verification only serves the security team’s release.',
  },
  triageSkippedLocked: {
    nl: 'De vragen over de app en de back-upcodes vallen weg: onder een herstelblokkade telt geen code, dus het advies is altijd verificatie, wat de klant ook nog heeft.',
    en: 'The questions about the app and the backup codes are skipped: under a recovery lock no code counts, so the advice is always verification, whatever the caller still holds.',
  },
  triageFirstLocked: {
    nl: 'Kies eerst wat de klant meldt; dat wordt bij de verificatie vastgelegd.',
    en: 'First choose what the caller reports; it is recorded with the verification.',
  },
} satisfies Words;

/** The audit events this view's buttons write, as the audit trail, the case record and the security case show them. */
export const triageEventWords = {
  HELPDESK_TRIAGE_RECORDED: {
    label: {
      nl: 'Triage vastgelegd (wat de klant meldt en nog heeft)',
      en: 'Triage recorded (what the caller reports and still has)',
    },
    sentence: { nl: 'Triage door {actor}', en: 'Triage by {actor}' },
  },
} satisfies Partial<Record<AuditEventType, EventWords>>;
