// The words of the disable view (views/disable.ts), every console language side by side.
import type { AuditEventType } from '../../../lib/audit/events';
import type { EventWords, Words } from '../locales';

export const disableWords = {
  stepDisableTitle: { nl: 'Stap 2: 2FA uitschakelen', en: 'Step 2: Disable 2FA' },
  disableIntro: {
    nl: 'Alleen na een geslaagde verificatie van hooguit 30 minuten oud. De klant krijgt daarna een e-mail om 2FA opnieuw in te stellen (stap 3).',
    en: 'Only after a passed verification at most 30 minutes old. The customer then gets an email to set up 2FA again (step 3).',
  },
  disableVerification: { nl: 'Op basis van verificatie', en: 'Based on verification' },
  disableVerificationOption: {
    nl: '{id} — geslaagd {time}, door {agent}',
    en: '{id} — passed {time}, by {agent}',
  },
  disableReason: { nl: 'Reden (komt in het audit-logboek)', en: 'Reason (goes into the audit trail)' },
  disableReasonHint: {
    nl: 'Bijvoorbeeld: “Telefoon kwijt, klant telefonisch geverifieerd.”',
    en: 'For example: “Lost phone, caller verified by phone.”',
  },
  disableButton: { nl: '2FA uitschakelen…', en: 'Disable 2FA…' },
  confirmDisableTitle: { nl: '2FA uitschakelen voor {name}?', en: 'Disable 2FA for {name}?' },
  confirmDisableYes: { nl: 'Ja, 2FA uitschakelen', en: 'Yes, disable 2FA' },
  confirmDisableRequestYes: { nl: 'Ja, ter goedkeuring voorleggen', en: 'Yes, ask a second admin' },
  previewDirect: {
    nl: '2FA gaat direct uit, tenzij de uurlimieten intussen bereikt worden: dan moet een tweede admin eerst goedkeuren.',
    en: '2FA is off at once, unless the hourly limits are reached meanwhile: then a second admin must approve first.',
  },
  previewNeedsApproval: {
    nl: 'Een tweede admin moet goedkeuren ({reasons}); 2FA blijft aan tot dan.',
    en: 'A second admin must approve ({reasons}); 2FA stays on until then.',
  },
  previewUnknown: {
    nl: '2FA gaat direct uit, of een tweede admin moet eerst goedkeuren: de server beslist bij het bevestigen.',
    en: '2FA is off at once, or a second admin must approve first: the server decides when you confirm.',
  },
  previewRefused: {
    nl: 'Op deze verificatie kunt u nu niet uitschakelen ({code}).',
    en: 'You cannot disable on this verification now ({code}).',
  },
  confirmDisableApprovalBody: {
    nl: 'Dit wordt een verzoek: {preview} De klant merkt nog niets. Het verzoek wordt vastgelegd met uw naam en de reden.',
    en: 'This becomes a request: {preview} The customer notices nothing yet. The request is recorded with your name and the reason.',
  },
  confirmDisableDirectBody: {
    nl: '{preview} De authenticator-app en de back-upcodes van de klant werken daarna niet meer. De klant krijgt een e-mail met een link om 2FA opnieuw in te stellen. Deze actie wordt vastgelegd met uw naam en de reden.',
    en: '{preview} The customer’s authenticator app and backup codes stop working. The customer gets an email with a link to set up 2FA again. This action is recorded with your name and the reason.',
  },
  disableOptionWithoutProof: { nl: 'zonder bezitsbewijs', en: 'without possession proof' },
  disabledDone: {
    nl: '2FA is uitgeschakeld op basis van zaak {case}. De klant krijgt een e-mail met een link om 2FA opnieuw in te stellen.',
    en: '2FA is disabled on case {case}. The customer gets an email with a link to set up 2FA again.',
  },
  pendingApproval: {
    nl: 'Een tweede admin moet dit goedkeuren ({reasons}). Het verzoek staat in de Admin-wachtrij en verloopt om {time}.',
    en: 'A second admin must approve this ({reasons}). The request is listed in the Admin queue and expires at {time}.',
  },
  approvalReason_PRIVILEGED_CUSTOMER: { nl: 'bevoorrechte klant', en: 'privileged customer' },
  approvalReason_EMAIL_CHANGED_RECENTLY: {
    nl: 'e-mailadres kort geleden gewijzigd',
    en: 'email address changed recently',
  },
  approvalReason_RECENT_RESET: { nl: '2FA kort geleden al gereset', en: '2FA was reset recently' },
  noPassedVerification: {
    nl: 'Er is geen geslaagde, ongebruikte verificatie. Voer eerst stap 1 uit.',
    en: 'There is no passed, unused verification. Do step 1 first.',
  },
  waitingForApproval: {
    nl: 'Een uitschakeling voor deze klant wacht op goedkeuring door een tweede admin (zie Admin-wachtrij).',
    en: 'A disable for this customer is waiting for a second admin’s approval (see Admin queue).',
  },
  alreadyDisabled: {
    nl: '2FA staat uit voor deze klant; de klant kan het opnieuw instellen via de e-mail of het profiel.',
    en: '2FA is off for this customer; they can set it up again from the email or their profile.',
  },
  approvalReason_NO_POSSESSION_PROOF: {
    nl: 'geslaagd zonder bezitsbewijs (geen e-mailcode)',
    en: 'passed without possession proof (no email code)',
  },
  approvalReason_ADMIN_VELOCITY: {
    nl: 'ongewoon veel uitschakelingen door deze admin',
    en: 'unusually many disables by this admin',
  },
  approvalReason_AGENT_VELOCITY: {
    nl: 'ongewoon veel geslaagde verificaties door deze medewerker',
    en: 'unusually many passed verifications by this agent',
  },
  approvalReason_TOTAL_VELOCITY: {
    nl: 'ongewoon veel uitschakelingen door alle admins samen',
    en: 'unusually many disables by all admins together',
  },
  disableBlockedByReport: {
    nl: 'Uitschakelen kan niet: het herstel is geblokkeerd na een melding van de klant. Alleen het beveiligingsteam kan de blokkade opheffen (zie Herstelblokkades).',
    en: 'Disabling is not possible: recovery is locked after a report by the customer. Only the security team can release the lock (see Recovery locks).',
  },
  disableOwnVerification: {
    nl: 'Zaak {cases}: door uzelf geverifieerd. Uitschakelen op basis van uw eigen verificatie kan niet; vraag een andere admin.',
    en: 'Case {cases}: verified by you. Disabling on your own verification is not possible; ask another admin.',
  },
} satisfies Words;

/** The audit events this view's buttons write, as the audit trail, the case record and the security case show them. */
export const disableEventWords = {
  TWO_FA_DISABLE_PENDING_APPROVAL: {
    label: { nl: 'Uitschakeling wacht op goedkeuring', en: 'Disable awaiting approval' },
    sentence: {
      nl: 'Uitschakeling aangevraagd door {actor}, zaak {case}',
      en: 'Disable requested by {actor}, case {case}',
    },
  },
  TWO_FA_DISABLED: {
    label: { nl: '2FA uitgeschakeld', en: '2FA disabled' },
    sentence: {
      nl: '2FA uitgeschakeld door {actor}, zaak {case}',
      en: '2FA disabled by {actor}, case {case}',
    },
  },
} satisfies Partial<Record<AuditEventType, EventWords>>;
