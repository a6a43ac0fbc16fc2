// The words of the case record view (views/case-record.ts), every console language side by side.
import type { AuditEventType } from '../../../lib/audit/events';
import type { EventWords, Words } from '../locales';

export const caseRecordWords = {
  printNow: { nl: 'Afdrukken', en: 'Print' },
  caseRecordTitle: { nl: 'Zaakdossier {case}', en: 'Case record {case}' },
  caseRecordCustomer: { nl: 'Klant', en: 'Customer' },
  caseRecordVerification: { nl: 'Verificatie', en: 'Verification' },
  caseRecordSteps: { nl: 'Stappen van de verificatie', en: 'Steps of the verification' },
  caseRecordEvents: { nl: 'Gebeurtenissen van de zaak', en: 'Events of the case' },
  caseRecordNoSteps: { nl: 'Geen controles vastgelegd.', en: 'No checks recorded.' },
  caseRecordStarted: { nl: 'Gestart', en: 'Started' },
  caseRecordCompleted: { nl: 'Afgerond', en: 'Completed' },
  caseRecordOutcome: { nl: 'Uitkomst', en: 'Outcome' },
  caseRecordUsed: { nl: 'Gebruikt voor uitschakeling', en: 'Used for a disable' },
  caseRecordReasons: { nl: 'Redenen', en: 'Reasons' },
  caseRecordProblem: { nl: 'Melding', en: 'Reported problem' },
  caseRecordWithoutProof: { nl: 'Zonder bezitsbewijs', en: 'Without possession proof' },
  colCheck: { nl: 'Controle', en: 'Check' },
  colResult: { nl: 'Resultaat', en: 'Result' },
  colNote: { nl: 'Notitie', en: 'Note' },
  printedBy: { nl: 'Afgedrukt door {name} op {time}', en: 'Printed by {name} on {time}' },
  printedAudited: {
    nl: 'Dit afdrukken is vastgelegd in het audit-logboek.',
    en: 'This print is recorded in the audit trail.',
  },
  backToCustomer: { nl: '← Terug naar de klant', en: '← Back to the customer' },
  caseRecordTriage: { nl: 'Triage van dit gesprek', en: 'Triage of this call' },
} satisfies Words;

/** The audit events this view's buttons write, as the audit trail, the case record and the security case show them. */
export const caseRecordEventWords = {
  CASE_RECORD_PRINTED: {
    label: { nl: 'Zaakdossier afgedrukt', en: 'Case record printed' },
    sentence: {
      nl: 'Zaakdossier {case} afgedrukt door {actor}',
      en: 'Case record {case} printed by {actor}',
    },
  },
} satisfies Partial<Record<AuditEventType, EventWords>>;
