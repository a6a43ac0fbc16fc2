// The words of the security view (views/security.ts), every console language side by side.
import type { AuditEventType } from '../../../lib/audit/events';
import type { EventWords, Words } from '../locales';

export const securityWords = {
  navSecurity: { nl: 'Herstelblokkades', en: 'Recovery locks' },
  navSecurityCount: { nl: 'open', en: 'open' },
  securityTitle: { nl: 'Herstelblokkades – melding klant', en: 'Recovery locks – reported by the customer' },
  securityIntro: {
    nl: 'Klanten die op de link in de reset-e-mail meldden: “dit was ik niet”. Het herstel is geblokkeerd tot u beslist. Oudste melding bovenaan.',
    en: 'Customers who answered “this wasn’t me” from the link in the reset email. Recovery is locked until you decide. Oldest report first.',
  },
  securityNone: {
    nl: 'Er zijn geen herstelblokkades. Niets te doen.',
    en: 'There are no recovery locks. Nothing to do.',
  },
  securityMore: { nl: 'Meer blokkades', en: 'More locks' },
  colCaseNumber: { nl: 'Zaaknummer', en: 'Case number' },
  colReportedAt: { nl: 'Gemeld op', en: 'Reported' },
  colReport: { nl: 'Melding', en: 'Report' },
  colLastReview: { nl: 'Laatst beoordeeld', en: 'Last reviewed' },
  reportText: { nl: '{purpose}; 2FA stond op “{status}”', en: '{purpose}; 2FA was “{status}”' },
  ticketPurpose_RESET: {
    nl: 'Via de link in de reset-e-mail van de helpdesk',
    en: 'From the link in the helpdesk’s reset email',
  },
  ticketPurpose_SELF_SERVICE: {
    nl: 'Via een instellink die de klant na inloggen op de profielpagina aanvroeg (geen reset)',
    en: 'From a setup link the customer asked for on the profile page after signing in (no reset)',
  },
  ticketPurpose_REPLACE: {
    nl: 'Via een link om de app te vervangen, aangevraagd na inloggen op de profielpagina (geen reset)',
    en: 'From a link to replace the app, asked for on the profile page after signing in (no reset)',
  },
  ticketPurpose_OTHER: { nl: 'Via een instellink', en: 'From a setup link' },
  reviewText: { nl: '{officer}, {time}', en: '{officer}, {time}' },
  notReviewed: { nl: 'nog niet', en: 'not yet' },
  backToQueue: { nl: '← Terug naar de herstelblokkades', en: '← Back to recovery locks' },
  lockedSince: { nl: 'Geblokkeerd sinds', en: 'Locked since' },
  reportedCase: { nl: 'Gemelde zaak', en: 'Reported case' },
  noCaseNumber: {
    nl: 'geen: de melding hoort niet bij een helpdeskzaak',
    en: 'none: the report belongs to no helpdesk case',
  },
  notLockedNow: {
    nl: 'Het herstel van deze klant is niet (meer) geblokkeerd door een melding. Er valt niets te beslissen.',
    en: 'Recovery of this customer is not (or no longer) locked by a report. Nothing to decide.',
  },
  caseTimelineTitle: { nl: 'Tijdlijn van de zaak', en: 'Case timeline' },
  caseTimelineIntro: {
    nl: 'Alles wat er met deze klant gebeurde vanaf de gemelde reset, oudste eerst.',
    en: 'Everything that happened to this customer from the reported reset on, oldest first.',
  },
  caseTimelineEmpty: { nl: 'Geen gebeurtenissen gevonden.', en: 'No events found.' },
  decisionTitle: { nl: 'Beslissen', en: 'Decide' },
  decisionIntro: {
    nl: 'Bel de klant terug op een nummer dat al vóór de reset bekend was. Laat een collega van de helpdesk de klant verifiëren, met de code per e-mail. Hef de blokkade pas daarna op; anders houdt u haar aan met een notitie.',
    en: 'Call the customer back on a number known from before the reset. Have a helpdesk colleague verify them, including the emailed code. Only then release the lock; otherwise keep it with a note.',
  },
  keepTitle: { nl: 'Blokkade aanhouden', en: 'Keep the lock' },
  keepNote: {
    nl: 'Notitie (wat u vond en waarom de blokkade blijft; komt in het audit-logboek)',
    en: 'Note (what you found and why the lock stays; kept in the audit trail)',
  },
  keepHint: {
    nl: 'De klant kan pas opnieuw inschrijven als de blokkade is opgeheven. Wie de zaak later opent, leest uw notitie.',
    en: 'The customer cannot enroll again until the lock is released. Whoever opens the case later reads your note.',
  },
  keepButton: { nl: 'Geblokkeerd houden', en: 'Keep locked' },
  keptDone: {
    nl: 'Vastgelegd: de blokkade blijft. Uw notitie staat in het audit-logboek.',
    en: 'Recorded: the lock stays. Your note is in the audit trail.',
  },
  noteTooShort: {
    nl: 'Schrijf een notitie van minstens 3 tekens.',
    en: 'Write a note of at least 3 characters.',
  },
  releaseTitle: { nl: 'Blokkade opheffen', en: 'Release the lock' },
  releaseVerification: {
    nl: 'Op basis van verificatie (gedaan na de melding, door een ander dan u)',
    en: 'Based on verification (done after the report, by someone other than you)',
  },
  releaseCandidate: {
    nl: '{caseNumber} — {status}, {time}, door {agent}',
    en: '{caseNumber} — {status}, {time}, by {agent}',
  },
  releaseCandidateYou: {
    nl: '{caseNumber} — {status}, {time}, door uzelf',
    en: '{caseNumber} — {status}, {time}, by you',
  },
  emailCodeYes: { nl: 'e-mailcode voorgelezen', en: 'emailed code read back' },
  emailCodeNo: { nl: 'zonder e-mailcode', en: 'without the emailed code' },
  releaseNoCandidates: {
    nl: 'Er is nog geen geslaagde verificatie sinds de melding. Vraag een collega van de helpdesk de klant te verifiëren, met de code per e-mail.',
    en: 'There is no passed verification since the report yet. Ask a helpdesk colleague to verify the customer, including the emailed code.',
  },
  releaseReason: { nl: 'Reden (komt in het audit-logboek)', en: 'Reason (kept in the audit trail)' },
  releaseReasonHint: {
    nl: 'Bijvoorbeeld: “Klant teruggebeld op bekend nummer, melding was een vergissing.”',
    en: 'For example: “Called the customer back on the known number; the report was a mistake.”',
  },
  releaseButton: { nl: 'Blokkade opheffen…', en: 'Release the lock…' },
  confirmReleaseTitle: { nl: 'Blokkade opheffen voor {name}?', en: 'Release the lock for {name}?' },
  confirmReleaseBody: {
    nl: '2FA gaat uit en een authenticator die na de reset is ingesteld, wordt verwijderd. De klant krijgt een e-mail met een nieuwe link om 2FA in te stellen. Dit wordt vastgelegd met uw naam, de verificatie en de reden.',
    en: '2FA goes off and any authenticator set up after the reset is removed. The customer gets an email with a new link to set up 2FA. This is recorded with your name, the verification and the reason.',
  },
  confirmReleaseYes: { nl: 'Ja, blokkade opheffen', en: 'Yes, release the lock' },
  releasedDone: {
    nl: 'De blokkade is opgeheven op basis van zaak {case}. De klant krijgt een e-mail met een nieuwe link om 2FA in te stellen.',
    en: 'The lock is released on case {case}. The customer gets an email with a new link to set up 2FA.',
  },
  releaseStale: {
    nl: 'Deze verificatie is te oud (langer dan 30 minuten geleden afgerond). Laat de klant opnieuw verifiëren.',
    en: 'This verification is too old (completed more than 30 minutes ago). Have the customer verified again.',
  },
  securityOnly: {
    nl: 'Herstelblokkades zijn alleen voor security officers (groep security). Zoek de klant op om de status te zien.',
    en: 'Recovery locks are for security officers only (group security). Find the customer to see their status.',
  },
  caseTimelineIntroNoCase: {
    nl: 'Alles wat er met deze klant gebeurde vanaf 24 uur vóór de melding, oudste eerst. De melding hoort niet bij een reset, dus er is geen zaak om vanaf te beginnen.',
    en: 'Everything that happened to this customer from 24 hours before the report on, oldest first. The report belongs to no reset, so there is no case to start from.',
  },
  caseTimelineIntroUnlocked: {
    nl: 'De laatste gebeurtenissen van deze klant, oudste eerst.',
    en: 'The latest events of this customer, oldest first.',
  },
} satisfies Words;

/** The audit events this view's buttons write, as the audit trail, the case record and the security case show them. */
export const securityEventWords = {
  RECOVERY_LOCK_KEPT: {
    label: { nl: 'Beveiliging: herstelblokkade blijft (notitie)', en: 'Security: recovery lock kept (note)' },
    sentence: { nl: 'Blokkade gehandhaafd door {actor}', en: 'Recovery lock kept by {actor}' },
  },
  RECOVERY_LOCK_RELEASED: {
    label: { nl: 'Beveiliging: herstelblokkade opgeheven', en: 'Security: recovery lock released' },
    sentence: {
      nl: 'Blokkade opgeheven door {actor}, zaak {case}',
      en: 'Recovery lock lifted by {actor}, case {case}',
    },
  },
} satisfies Partial<Record<AuditEventType, EventWords>>;
