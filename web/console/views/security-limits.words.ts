// The words of the recovery limits in the security view (views/security-limits.ts), every console
// language side by side.
import type { AuditEventType } from '../../../lib/audit/events';
import type { EventWords, Words } from '../locales';

export const securityLimitsWords = {
  limitsQueueTitle: {
    nl: 'Herstel opgehouden – wachttijd of dagtellers op',
    en: 'Recovery held up – cooldown or daily budgets spent',
  },
  limitsQueueIntro: {
    nl: 'Klanten bij wie een fout antwoord een wachttijd gaf, of bij wie de codes of instructie-mails van vandaag op zijn. Wie alleen naam en e-mailadres kent, kan dit veroorzaken. Eerst aflopend bovenaan.',
    en: 'Customers a wrong answer put on a cooldown, or whose codes or guide mails for today are spent. Anyone who knows just the name and email address can cause this. Soonest to run out first.',
  },
  limitsQueueNone: {
    nl: 'Geen klant wordt nu opgehouden.',
    en: 'No customer is held up now.',
  },
  colLimits: { nl: 'Wat houdt op', en: 'What holds up' },
  colLimitedUntil: { nl: 'Tot', en: 'Until' },
  colCausingSessions: { nl: 'Veroorzaakt door', en: 'Caused by' },
  limitCooldown: { nl: 'wachttijd tot {time}', en: 'cooldown until {time}' },
  limitCodes: { nl: 'codes {sent}/{perDay}', en: 'codes {sent}/{perDay}' },
  limitGuides: { nl: 'instructie-mails {sent}/{perDay}', en: 'guide mails {sent}/{perDay}' },
  limitNone: { nl: 'niets (meer)', en: 'nothing (any more)' },
  causeSession: {
    nl: '{case} door {agent}, {time}: {causes}',
    en: '{case} by {agent}, {time}: {causes}',
  },
  cause_WRONG_ANSWER: { nl: 'fout antwoord', en: 'wrong answer' },
  cause_CODE_NOT_READ_BACK: { nl: '{count} code(s) niet voorgelezen', en: '{count} code(s) never read back' },
  limitsTitle: { nl: 'Wachttijd en dagtellers', en: 'Cooldown and daily budgets' },
  limitsCalmNote: {
    nl: 'Niets houdt het herstel van deze klant nu op.',
    en: 'Nothing holds up this customer’s recovery now.',
  },
  limitsCallBack: {
    nl: 'Wis de limieten alleen als de klant bevestigt dat hij herstel wil; laat daarna meteen een helpdeskmedewerker de verificatie starten.',
    en: 'Reset the limits only if the customer confirms they want to recover; then have a helpdesk agent start the verification at once.',
  },
  limitsStreakKept: {
    nl: 'Het aantal mislukte verificaties op rij ({streak}) blijft staan: het volgende foute antwoord geeft weer een lange wachttijd.',
    en: 'The failures in a row ({streak}) stay: the next wrong answer earns a long cooldown again.',
  },
  limitsResetReason: {
    nl: 'Reden (wie u belde, op welk nummer uit het dossier)',
    en: 'Reason (whom you called, on which number on file)',
  },
  limitsResetHint: {
    nl: 'Minstens 3 tekens. Versleuteld bewaard in de audit trail.',
    en: 'At least 3 characters. Kept sealed in the audit trail.',
  },
  limitsResetButton: { nl: 'Limieten wissen', en: 'Reset the limits' },
  confirmLimitsResetTitle: { nl: 'Limieten van {name} wissen?', en: 'Reset the limits of {name}?' },
  confirmLimitsResetBody: {
    nl: 'De wachttijd en de codes en instructie-mails van vandaag worden gewist. De klant krijgt daarover een e-mail.',
    en: 'The cooldown and today’s codes and guide mails are cleared. The customer gets an email about it.',
  },
  confirmLimitsResetYes: { nl: 'Ja, wissen', en: 'Yes, reset' },
  limitsResetDone: {
    nl: 'Limieten gewist. De klant krijgt een e-mail.',
    en: 'Limits reset. The customer gets an email.',
  },
} satisfies Words;

/** The audit events this view's buttons write, as the audit trail, the case record and the security case show them. */
export const securityLimitsEventWords = {
  RECOVERY_LIMITS_RESET: {
    label: {
      nl: 'Beveiliging: wachttijd en dagtellers van herstel gewist',
      en: 'Security: recovery cooldown and daily budgets reset',
    },
    sentence: {
      nl: 'Wachttijd en dagtellers gewist door {actor}',
      en: 'Cooldown and daily budgets reset by {actor}',
    },
  },
} satisfies Partial<Record<AuditEventType, EventWords>>;
