// The words of the handoff view (views/handoff.ts), every console language side by side.
import type { AuditEventType } from '../../../lib/audit/events';
import type { EventWords, Words } from '../locales';

export const handoffWords = {
  caseNumberLabel: { nl: 'Zaaknummer:', en: 'Case number:' },
  copy: { nl: 'Kopiëren', en: 'Copy' },
  copyCaseNumber: { nl: 'Zaaknummer {caseNumber} kopiëren', en: 'Copy case number {caseNumber}' },
  caseNumberCopiedShort: { nl: 'Gekopieerd', en: 'Copied' },
  caseNumberCopied: { nl: 'Zaaknummer {caseNumber} gekopieerd.', en: 'Case number {caseNumber} copied.' },
  caseNumberSelected: {
    nl: 'Geselecteerd: kopieer met Ctrl+C (Cmd+C op een Mac).',
    en: 'Selected: copy with Ctrl+C (Cmd+C on a Mac).',
  },
  cancelVerificationTitle: { nl: 'Verificatie {case} annuleren?', en: 'Cancel verification {case}?' },
  cancelVerificationBody: {
    nl: 'Daarna kan niemand 2FA meer uitschakelen op deze verificatie. Uw naam en de reden worden vastgelegd.',
    en: 'Afterwards nobody can disable 2FA on this verification. Your name and the reason are recorded.',
  },
  cancelVerificationReason: {
    nl: 'Reden (komt in het audit-logboek)',
    en: 'Reason (goes into the audit log)',
  },
  cancelVerificationYes: { nl: 'Ja, verificatie annuleren', en: 'Yes, cancel the verification' },
  rejectedTitle: { nl: 'Uitschakeling afgewezen', en: 'Disable rejected' },
  rejectedBy: {
    nl: 'Admin {admin} heeft op {time} de uitschakeling op verificatie {case} afgewezen.',
    en: 'Admin {admin} rejected the disable on verification {case} on {time}.',
  },
  rejectedSomeone: {
    nl: 'Een tweede admin heeft de uitschakeling op verificatie {case} afgewezen.',
    en: 'A second admin rejected the disable on verification {case}.',
  },
  rejectedReason: { nl: 'Reden: “{reason}”', en: 'Reason: “{reason}”' },
  rejectedNext: {
    nl: 'Deze verificatie is niet meer bruikbaar. Is uitschakelen toch nodig, verifieer de klant dan opnieuw.',
    en: 'This verification can no longer be used. If a disable is still needed, verify the caller again.',
  },
  resetLinkTitle: { nl: 'Herstel-link', en: 'Reset link' },
  resetLinkIntro: {
    nl: '2FA staat uit sinds de reset van {time} en de klant heeft het nog niet opnieuw ingesteld. Is de link verlopen of kwijt? Stuur een nieuwe; de vorige link werkt dan niet meer.',
    en: '2FA has been off since the reset of {time} and the customer has not set it up again. Did the link expire or get lost? Send a new one; the previous link then stops working.',
  },
  resendResetLink: { nl: 'Herstel-link opnieuw sturen', en: 'Send the reset link again' },
  resetLinkSent: {
    nl: 'Nieuwe link verstuurd naar het e-mailadres in onze gegevens. De vorige link werkt niet meer. Vandaag kan dit nog {left} keer.',
    en: 'New link sent to the email address in our records. The previous link no longer works. {left} more today.',
  },
  resetLinkSentLast: {
    nl: 'Nieuwe link verstuurd naar het e-mailadres in onze gegevens. De vorige link werkt niet meer. Dit was de laatste voor vandaag (hooguit 3 per 24 uur).',
    en: 'New link sent to the email address in our records. The previous link no longer works. That was the last one for today (at most 3 per 24 hours).',
  },
} satisfies Words;

/** The audit events this view's buttons write, as the audit trail, the case record and the security case show them. */
export const handoffEventWords = {
  VERIFICATION_CANCELLED: {
    label: { nl: 'Verificatie geannuleerd', en: 'Verification cancelled' },
    sentence: {
      nl: 'Verificatie geannuleerd door {actor}, zaak {case} (was {status})',
      en: 'Verification cancelled by {actor}, case {case} (was {status})',
    },
  },
  RESET_LINK_RESENT: {
    label: { nl: 'Herstellink opnieuw verstuurd', en: 'Reset link sent again' },
    sentence: {
      nl: 'Herstellink opnieuw verstuurd door {actor} ({count}e in 24 uur)',
      en: 'Reset link sent again by {actor} (no. {count} in 24 hours)',
    },
  },
} satisfies Partial<Record<AuditEventType, EventWords>>;
