// The words of a reset's waiting period in the console (views/recovery-delay.ts), every console
// language side by side.
import type { RecoveryDelayReason } from '../../../lib/reset/waiting-period';
import type { AuditEventType } from '../../../lib/audit/events';
import type { EventWords, Words } from '../locales';

export const recoveryDelayWords = {
  delayTitle: { nl: 'Wachttijd na de reset', en: 'Waiting period after the reset' },
  delayOpensAt: { nl: 'Link werkt vanaf', en: 'Link works from' },
  delayLeft: { nl: 'Nog', en: 'Time left' },
  delayLeftValue: { nl: '{hours} u {minutes} min', en: '{hours} h {minutes} min' },
  delayWhy: { nl: 'Reden', en: 'Why' },
  delayWho: { nl: 'Wie mag inkorten', en: 'Who may cut it short' },
  delayWhoValue: {
    nl: 'Een security officer met een reden, niet {staff}.',
    en: 'A security officer, with a reason; not {staff}.',
  },
  delayWhoNobody: { nl: 'Een security officer met een reden.', en: 'A security officer, with a reason.' },
  delayExplain: {
    nl: 'De klant kan tot dan 2FA niet opnieuw instellen en niet inloggen. Elk e-mailadres in het dossier kan het herstel tot dan stoppen.',
    en: 'Until then the customer cannot set up 2FA again or sign in. Every address on file can stop the recovery until then.',
  },
  delayEndReason: { nl: 'Reden om de wachttijd te beëindigen', en: 'Reason to end the waiting period' },
  delayEndHint: {
    nl: 'Bijvoorbeeld: klant teruggebeld op het nummer in het dossier en verzoek bevestigd. Komt in het auditlog.',
    en: 'For example: called the customer back on the number on file, request confirmed. Goes into the audit trail.',
  },
  delayEndButton: { nl: 'Wachttijd beëindigen', en: 'End the waiting period' },
  confirmDelayEndTitle: { nl: 'Wachttijd van {name} beëindigen?', en: 'End the waiting period of {name}?' },
  confirmDelayEndBody: {
    nl: 'De link van de klant werkt dan meteen. Doe dit alleen als u de klant zelf heeft teruggebeld op contactgegevens uit het dossier.',
    en: 'The customer’s link then works at once. Only do this after calling the customer back on contact details on file.',
  },
  confirmDelayEndYes: { nl: 'Ja, beëindigen', en: 'Yes, end it' },
  delayEnded: {
    nl: 'De wachttijd is beëindigd: de link van de klant werkt nu.',
    en: 'The waiting period has ended: the customer’s link works now.',
  },
  delayReason_PRIVILEGED: { nl: 'bevoorrechte klant', en: 'privileged customer' },
  delayReason_WITHOUT_POSSESSION: {
    nl: 'geverifieerd zonder bezitsbewijs (geen e-mailcode)',
    en: 'verified without possession proof (no email code)',
  },
  delayReason_STANDARD: { nl: 'standaard', en: 'standard' },
} satisfies Words<`delayReason_${RecoveryDelayReason}` | (string & {})>;

/** The audit events this view's buttons write, as the audit trail, the case record and the security case show them. */
export const recoveryDelayEventWords = {
  RECOVERY_DELAY_ENDED: {
    label: {
      nl: 'Beveiliging: wachttijd na reset beëindigd',
      en: 'Security: waiting period after a reset ended',
    },
    sentence: {
      nl: 'Wachttijd na reset beëindigd door {actor}',
      en: 'Waiting period after the reset ended by {actor}',
    },
  },
} satisfies Partial<Record<AuditEventType, EventWords>>;
