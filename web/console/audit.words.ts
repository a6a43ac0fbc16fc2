// The audit trail's words (audit-sentences.ts, the audit table, the case record, the security case): the
// events, actors and mails by name and as sentences, every console language side by side. Typed
// against lib/, so a new event type, actor or mail cannot ship without its words.
import type { ActorType, AuditEventType } from '../../lib/audit/events';
import type { NotificationKind } from '../../lib/notify/templates';
import { byLocale, type Words } from './locales';

export const auditWords = {
  as_reason: { nl: 'reden: “{reason}”', en: 'reason: “{reason}”' },
  as_note: { nl: 'notitie: “{note}”', en: 'note: “{note}”' },
  as_withNote: { nl: '(met notitie)', en: '(with a note)' },
  as_verifiedBy: { nl: 'geverifieerd door {name}', en: 'verified by {name}' },
  as_requestedApproved: {
    nl: 'aangevraagd door {requester}, goedgekeurd door {approver}',
    en: 'requested by {requester}, approved by {approver}',
  },
  as_cooldown: { nl: 'wachttijd tot {time}', en: 'cooldown until {time}' },
  as_countedAsFailed: { nl: 'telt als mislukt', en: 'counts as failed' },
  as_withoutProof: { nl: 'zonder bezitsbewijs: {why}', en: 'without possession proof: {why}' },
  as_problem: { nl: 'melding: {problem}', en: 'reported: {problem}' },
  as_sentToFurther: {
    nl: 'naar een ander adres in het dossier: {address}',
    en: 'to another address on file: {address}',
  },
  as_reportedFrom: { nl: 'gemeld vanaf {address}', en: 'reported from {address}' },
  as_forRelease: { nl: 'voor het opheffen van de blokkade', en: 'to lift the recovery lock' },
  as_secondAdmin: { nl: 'tweede admin nodig: {reasons}', en: 'second admin needed: {reasons}' },
  as_field_email: { nl: 'e-mailadres', en: 'email address' },
  as_field_name: { nl: 'naam', en: 'name' },
  as_field_privileged: { nl: 'bevoorrecht: {before} → {after}', en: 'privileged: {before} → {after}' },
  as_field_notificationEmails: { nl: 'meldingsadressen', en: 'notification addresses' },
  as_field_phoneNumbers: { nl: 'telefoonnummers', en: 'phone numbers' },
  as_yes: { nl: 'ja', en: 'yes' },
  as_no: { nl: 'nee', en: 'no' },
  as_failedReason: { nl: 'fout: {reason}', en: 'error: {reason}' },
  as_finalFailure: { nl: 'opgegeven', en: 'gave up' },
  triageHistory: {
    nl: '{problem} · app werkt: {app}{passkey} · back-upcodes: {codes} → {advice}',
    en: '{problem} · app works: {app}{passkey} · backup codes: {codes} → {advice}',
  },
  triageHistoryPasskey: {
    nl: ' · passkey werkt: {answer}',
    en: ' · passkey works: {answer}',
  },
  triageAdvice_SELF_SERVICE: { nl: 'zelfhulp', en: 'self-service' },
  triageAdvice_VERIFY: { nl: 'verificatie', en: 'verification' },
  triageGuideMailed: { nl: 'instructies gemaild', en: 'instructions emailed' },
  actorRoleSecurity: { nl: 'security officer', en: 'security officer' },
  triageNotAsked: { nl: 'niet gevraagd', en: 'not asked' },
} satisfies Words;

export const actorLabels = byLocale({
  agent: { nl: 'medewerker', en: 'agent' },
  admin: { nl: 'admin', en: 'admin' },
  customer: { nl: 'klant', en: 'customer' },
  service: { nl: 'loginservice', en: 'login service' },
  system: { nl: 'systeem', en: 'system' },
} satisfies Words<ActorType>);

export const eventLabels = byLocale({
  CUSTOMER_CREATED: { nl: 'Klant aangemaakt', en: 'Customer created' },
  CUSTOMER_EMAIL_CHANGED: { nl: 'E-mailadres gewijzigd', en: 'Email address changed' },
  CUSTOMER_RECORD_CHANGED: { nl: 'Klantgegevens gewijzigd', en: 'Customer record changed' },
  CUSTOMER_ERASED: { nl: 'Klant gewist', en: 'Customer erased' },
  VERIFICATION_EXPIRED: { nl: 'Verificatie verlopen', en: 'Verification expired' },
  VERIFICATION_STARTED: { nl: 'Verificatie gestart', en: 'Verification started' },
  VERIFICATION_CHECK_RECORDED: { nl: 'Controle vastgelegd', en: 'Check recorded' },
  VERIFICATION_EMAIL_CODE_SENT: { nl: 'Verificatiecode gemaild', en: 'Verification code emailed' },
  VERIFICATION_COMPLETED: { nl: 'Verificatie afgerond', en: 'Verification completed' },
  TWO_FA_DISABLE_PENDING_APPROVAL: {
    nl: 'Uitschakeling wacht op goedkeuring',
    en: 'Disable awaiting approval',
  },
  TWO_FA_DISABLED: { nl: '2FA uitgeschakeld', en: '2FA disabled' },
  RESET_EMAIL_SENT: { nl: 'Herstel-e-mail verstuurd', en: 'Reset email sent' },
  RESET_EMAIL_FAILED: { nl: 'Herstel-e-mail mislukt', en: 'Reset email failed' },
  RESET_EMAIL_BOUNCED: { nl: 'Herstel-e-mail onbestelbaar', en: 'Reset email bounced' },
  ENROLLMENT_TICKET_ISSUED: { nl: 'Instellink uitgegeven', en: 'Enrollment link issued' },
  ENROLLMENT_STARTED: { nl: 'Instellen gestart (QR-code getoond)', en: 'Enrollment started (QR code shown)' },
  TWO_FA_ENABLED: { nl: '2FA aangezet', en: '2FA enabled' },
  BACKUP_CODE_USED: { nl: 'Back-upcode gebruikt', en: 'Backup code used' },
  VERIFY_FAILED: { nl: 'Foute 2FA-code bij inloggen', en: 'Wrong 2FA code at login' },
  VERIFY_REPLAY_REFUSED: { nl: 'Hergebruikte 2FA-code geweigerd', en: 'Reused 2FA code refused' },
  TWO_FA_LOCKED: { nl: '2FA tijdelijk geblokkeerd', en: '2FA temporarily locked' },
  UNAUTHORIZED_RESET_REPORTED: {
    nl: 'Klant meldde: “dit was ik niet”',
    en: 'Customer reported “this wasn’t me”',
  },
  RECOVERY_LOCK_KEPT: {
    nl: 'Beveiliging: herstelblokkade blijft (notitie)',
    en: 'Security: recovery lock kept (note)',
  },
  RECOVERY_LOCK_RELEASED: {
    nl: 'Beveiliging: herstelblokkade opgeheven',
    en: 'Security: recovery lock released',
  },
  RECOVERY_LIMITS_RESET: {
    nl: 'Beveiliging: wachttijd en dagtellers van herstel gewist',
    en: 'Security: recovery cooldown and daily budgets reset',
  },
  RECOVERY_DELAY_ENDED: {
    nl: 'Beveiliging: wachttijd na reset beëindigd',
    en: 'Security: waiting period after a reset ended',
  },
  TWO_FA_DISABLE_REJECTED: {
    nl: 'Uitschakeling afgewezen door tweede admin',
    en: 'Disable rejected by a second admin',
  },
  VERIFICATION_CANCELLED: { nl: 'Verificatie geannuleerd', en: 'Verification cancelled' },
  RESET_LINK_RESENT: { nl: 'Herstellink opnieuw verstuurd', en: 'Reset link sent again' },
  AUTHENTICATOR_REPLACED: {
    nl: 'Authenticator-app vervangen door de klant (selfservice)',
    en: 'Authenticator app replaced by the customer (self-service)',
  },
  AUTHENTICATOR_ADDED: {
    nl: 'Tweede authenticator toegevoegd door de klant',
    en: 'Second authenticator added by the customer',
  },
  PASSKEY_REGISTERED: { nl: 'Passkey geregistreerd', en: 'Passkey registered' },
  PASSKEY_REMOVED: { nl: 'Passkey verwijderd', en: 'Passkey removed' },
  BACKUP_CODES_REGENERATED: {
    nl: 'Back-upcodes vernieuwd door de klant',
    en: 'Backup codes renewed by the customer',
  },
  NOTIFICATION_SENT: { nl: 'Melding verstuurd', en: 'Notification sent' },
  NOTIFICATION_FAILED: { nl: 'Melding mislukt', en: 'Notification failed' },
  NOTIFICATION_BOUNCED: { nl: 'Melding onbestelbaar', en: 'Notification bounced' },
  EMAIL_COMPLAINT_RECEIVED: { nl: 'E-mail als spam gemeld', en: 'Email reported as spam' },
  CASE_RECORD_PRINTED: { nl: 'Zaakdossier afgedrukt', en: 'Case record printed' },
  HELPDESK_TRIAGE_RECORDED: {
    nl: 'Triage vastgelegd (wat de klant meldt en nog heeft)',
    en: 'Triage recorded (what the caller reports and still has)',
  },
} satisfies Words<AuditEventType>);

/**
 * Each audit event as a sentence (the audit table, the case record). Placeholders are filled from the
 * event: {actor}, {case}, {check}, {result}, {channel}, {count}, {time}, {left}, {status}, {kind},
 * {attempts}, {fields}; clauses such as the reason are added after it. Typed against the event list,
 * so a new event type cannot ship without its sentence.
 */
export const auditSentences = byLocale({
  CUSTOMER_CREATED: {
    nl: 'Klant aangemaakt door de loginservice',
    en: 'Customer created by the login service',
  },
  CUSTOMER_EMAIL_CHANGED: {
    nl: 'E-mailadres gewijzigd door de loginservice',
    en: 'Email address changed by the login service',
  },
  CUSTOMER_RECORD_CHANGED: {
    nl: 'Klantgegevens gewijzigd door de loginservice: {fields}',
    en: 'Customer record changed by the login service: {fields}',
  },
  CUSTOMER_ERASED: {
    nl: 'Klant gewist (AVG): persoonsgegevens en sleutel verwijderd',
    en: 'Customer erased (GDPR): personal data and key removed',
  },
  VERIFICATION_STARTED: {
    nl: 'Verificatie gestart door {actor}, zaak {case}, via {channel}',
    en: 'Verification started by {actor}, case {case}, via {channel}',
  },
  VERIFICATION_CHECK_RECORDED: { nl: 'Controle {check}: {result}', en: 'Check {check}: {result}' },
  VERIFICATION_EMAIL_CODE_SENT: {
    nl: 'Code gemaild naar het adres in onze gegevens ({count}e in deze zaak)',
    en: 'Code emailed to the address on file (no. {count} in this case)',
  },
  VERIFICATION_COMPLETED: {
    nl: '{outcome}, zaak {case}; vastgelegde controles: {count}',
    en: '{outcome}, case {case}; checks recorded: {count}',
  },
  VERIFICATION_EXPIRED: {
    nl: 'Verificatie verlopen, zaak {case}; vastgelegde controles: {count}',
    en: 'Verification expired, case {case}; checks recorded: {count}',
  },
  TWO_FA_DISABLE_PENDING_APPROVAL: {
    nl: 'Uitschakeling aangevraagd door {actor}, zaak {case}',
    en: 'Disable requested by {actor}, case {case}',
  },
  TWO_FA_DISABLE_REJECTED: {
    nl: 'Uitschakeling afgewezen door {actor}, zaak {case}',
    en: 'Disable rejected by {actor}, case {case}',
  },
  VERIFICATION_CANCELLED: {
    nl: 'Verificatie geannuleerd door {actor}, zaak {case} (was {status})',
    en: 'Verification cancelled by {actor}, case {case} (was {status})',
  },
  TWO_FA_DISABLED: {
    nl: '2FA uitgeschakeld door {actor}, zaak {case}',
    en: '2FA disabled by {actor}, case {case}',
  },
  RESET_LINK_RESENT: {
    nl: 'Herstellink opnieuw verstuurd door {actor} ({count}e in 24 uur)',
    en: 'Reset link sent again by {actor} (no. {count} in 24 hours)',
  },
  RESET_EMAIL_SENT: { nl: 'Herstel-e-mail verstuurd naar de klant', en: 'Reset email sent to the customer' },
  RESET_EMAIL_FAILED: {
    nl: 'Herstel-e-mail niet verstuurd (poging {attempts})',
    en: 'Reset email not sent (attempt {attempts})',
  },
  RESET_EMAIL_BOUNCED: {
    nl: 'Herstel-e-mail kwam onbestelbaar terug: de klant heeft geen link',
    en: 'Reset email bounced: the customer has no link',
  },
  ENROLLMENT_TICKET_ISSUED: {
    nl: 'Instellink uitgegeven, geldig tot {time}',
    en: 'Enrollment link issued, valid until {time}',
  },
  ENROLLMENT_STARTED: {
    nl: 'Klant begon met instellen (QR-code getoond)',
    en: 'Customer started setting up (QR code shown)',
  },
  TWO_FA_ENABLED: {
    nl: '2FA aangezet door de klant, {count} back-upcodes uitgegeven',
    en: '2FA turned on by the customer, {count} backup codes issued',
  },
  BACKUP_CODE_USED: {
    nl: 'Back-upcode gebruikt bij inloggen, nog {left} over',
    en: 'Backup code used at login, {left} left',
  },
  VERIFY_FAILED: {
    nl: 'Foute 2FA-code bij inloggen ({count} op rij, nog {left} pogingen)',
    en: 'Wrong 2FA code at login ({count} in a row, {left} attempts left)',
  },
  VERIFY_REPLAY_REFUSED: { nl: 'Al gebruikte 2FA-code geweigerd', en: 'Reused 2FA code refused' },
  TWO_FA_LOCKED: { nl: '2FA tijdelijk geblokkeerd tot {time}', en: '2FA temporarily locked until {time}' },
  UNAUTHORIZED_RESET_REPORTED: {
    nl: 'Klant meldde “dit was ik niet”: herstel geblokkeerd',
    en: 'Customer reported “this wasn’t me”: recovery locked',
  },
  RECOVERY_LOCK_KEPT: { nl: 'Blokkade gehandhaafd door {actor}', en: 'Recovery lock kept by {actor}' },
  RECOVERY_LIMITS_RESET: {
    nl: 'Wachttijd en dagtellers gewist door {actor}',
    en: 'Cooldown and daily budgets reset by {actor}',
  },
  RECOVERY_DELAY_ENDED: {
    nl: 'Wachttijd na reset beëindigd door {actor}',
    en: 'Waiting period after the reset ended by {actor}',
  },
  RECOVERY_LOCK_RELEASED: {
    nl: 'Blokkade opgeheven door {actor}, zaak {case}',
    en: 'Recovery lock lifted by {actor}, case {case}',
  },
  AUTHENTICATOR_REPLACED: {
    nl: 'Klant verving de authenticator-app, {count} nieuwe back-upcodes',
    en: 'Customer replaced the authenticator app, {count} new backup codes',
  },
  AUTHENTICATOR_ADDED: {
    nl: 'Klant voegde een authenticator toe naast de bestaande; niets vervangen',
    en: 'Customer added an authenticator beside the existing ones; nothing replaced',
  },
  PASSKEY_REGISTERED: { nl: 'Klant registreerde een passkey', en: 'Customer registered a passkey' },
  PASSKEY_REMOVED: { nl: 'Passkey verwijderd', en: 'Passkey removed' },
  BACKUP_CODES_REGENERATED: {
    nl: 'Klant vernieuwde de back-upcodes ({count} nieuwe)',
    en: 'Customer renewed the backup codes ({count} new)',
  },
  NOTIFICATION_SENT: { nl: 'E-mail “{kind}” verstuurd', en: 'Email “{kind}” sent' },
  NOTIFICATION_FAILED: {
    nl: 'E-mail “{kind}” niet verstuurd (poging {attempts})',
    en: 'Email “{kind}” not sent (attempt {attempts})',
  },
  NOTIFICATION_BOUNCED: { nl: 'E-mail “{kind}” kwam onbestelbaar terug', en: 'Email “{kind}” bounced' },
  EMAIL_COMPLAINT_RECEIVED: {
    nl: 'E-mail “{kind}” door de ontvanger als spam gemeld',
    en: 'Email “{kind}” reported as spam by the recipient',
  },
  CASE_RECORD_PRINTED: {
    nl: 'Zaakdossier {case} afgedrukt door {actor}',
    en: 'Case record {case} printed by {actor}',
  },
  HELPDESK_TRIAGE_RECORDED: { nl: 'Triage door {actor}', en: 'Triage by {actor}' },
} satisfies Words<AuditEventType>);

/** The emails the notifier sends, as the audit table names them. */
export const notificationKindLabels = byLocale({
  RESET: { nl: 'herstel', en: 'reset' },
  ENABLED: { nl: '2FA aangezet', en: '2FA turned on' },
  LOCKED: { nl: '2FA geblokkeerd', en: '2FA locked' },
  BACKUP_CODE_USED: { nl: 'back-upcode gebruikt', en: 'backup code used' },
  LAST_BACKUP_CODE: { nl: 'laatste back-upcode', en: 'last backup code' },
  AUTHENTICATOR_REPLACED: { nl: 'app vervangen', en: 'app replaced' },
  AUTHENTICATOR_ADDED: { nl: 'authenticator toegevoegd', en: 'authenticator added' },
  PASSKEY_REMOVED: { nl: 'passkey verwijderd', en: 'passkey removed' },
  BACKUP_CODES_RENEWED: { nl: 'back-upcodes vernieuwd', en: 'backup codes renewed' },
  SECURITY_ALERT: { nl: 'beveiligingsmelding', en: 'security alert' },
  SECURITY_REVIEW: {
    nl: 'verzoek om beoordeling aan de security officers',
    en: 'review request to the security officers',
  },
  LOCK_RELEASED: { nl: 'blokkade opgeheven', en: 'lock lifted' },
  LIMITS_RESET: { nl: 'herstellimieten gewist', en: 'recovery limits reset' },
  SELF_SERVICE_GUIDE: { nl: 'zelfhulp-instructies', en: 'self-service instructions' },
  REPORT_RECEIVED: {
    nl: 'bevestiging van de melding aan de klant',
    en: 'report confirmation to the customer',
  },
} satisfies Words<NotificationKind>);
