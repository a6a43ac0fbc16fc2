// The audit trail's words (audit-sentences.ts, the audit table, the case record, the security case): the
// actors and mails by name, the clauses, and the events no console button writes, every console language
// side by side. Typed against lib/, so a new actor or mail cannot ship without its words.
import type { ActorType, AuditEventType } from '../../lib/audit/events';
import type { NotificationKind } from '../../lib/notify/templates';
import { byLocale, type EventWords, type Words } from './locales';

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

/**
 * The events no console button writes (the login service's, the customer's, the system's, and those a
 * staff action writes beside its own), each as the tables name it and as a sentence. A staff action's
 * event has its words beside the words of the view whose button writes it (views/*.words.ts);
 * messages.ts joins them, typed against the event list, so a new event cannot ship without its words.
 */
export const auditEventWords = {
  CUSTOMER_CREATED: {
    label: { nl: 'Klant aangemaakt', en: 'Customer created' },
    sentence: { nl: 'Klant aangemaakt door de loginservice', en: 'Customer created by the login service' },
  },
  CUSTOMER_EMAIL_CHANGED: {
    label: { nl: 'E-mailadres gewijzigd', en: 'Email address changed' },
    sentence: {
      nl: 'E-mailadres gewijzigd door de loginservice',
      en: 'Email address changed by the login service',
    },
  },
  CUSTOMER_RECORD_CHANGED: {
    label: { nl: 'Klantgegevens gewijzigd', en: 'Customer record changed' },
    sentence: {
      nl: 'Klantgegevens gewijzigd door de loginservice: {fields}',
      en: 'Customer record changed by the login service: {fields}',
    },
  },
  CUSTOMER_ERASED: {
    label: { nl: 'Klant gewist', en: 'Customer erased' },
    sentence: {
      nl: 'Klant gewist (AVG): persoonsgegevens en sleutel verwijderd',
      en: 'Customer erased (GDPR): personal data and key removed',
    },
  },
  VERIFICATION_EXPIRED: {
    label: { nl: 'Verificatie verlopen', en: 'Verification expired' },
    sentence: {
      nl: 'Verificatie verlopen, zaak {case}; vastgelegde controles: {count}',
      en: 'Verification expired, case {case}; checks recorded: {count}',
    },
  },
  RESET_EMAIL_SENT: {
    label: { nl: 'Herstel-e-mail verstuurd', en: 'Reset email sent' },
    sentence: { nl: 'Herstel-e-mail verstuurd naar de klant', en: 'Reset email sent to the customer' },
  },
  RESET_EMAIL_FAILED: {
    label: { nl: 'Herstel-e-mail mislukt', en: 'Reset email failed' },
    sentence: {
      nl: 'Herstel-e-mail niet verstuurd (poging {attempts})',
      en: 'Reset email not sent (attempt {attempts})',
    },
  },
  RESET_EMAIL_BOUNCED: {
    label: { nl: 'Herstel-e-mail onbestelbaar', en: 'Reset email bounced' },
    sentence: {
      nl: 'Herstel-e-mail kwam onbestelbaar terug: de klant heeft geen link',
      en: 'Reset email bounced: the customer has no link',
    },
  },
  ENROLLMENT_TICKET_ISSUED: {
    label: { nl: 'Instellink uitgegeven', en: 'Enrollment link issued' },
    sentence: {
      nl: 'Instellink uitgegeven, geldig tot {time}',
      en: 'Enrollment link issued, valid until {time}',
    },
  },
  ENROLLMENT_STARTED: {
    label: { nl: 'Instellen gestart (QR-code getoond)', en: 'Enrollment started (QR code shown)' },
    sentence: {
      nl: 'Klant begon met instellen (QR-code getoond)',
      en: 'Customer started setting up (QR code shown)',
    },
  },
  TWO_FA_ENABLED: {
    label: { nl: '2FA aangezet', en: '2FA enabled' },
    sentence: {
      nl: '2FA aangezet door de klant, {count} back-upcodes uitgegeven',
      en: '2FA turned on by the customer, {count} backup codes issued',
    },
  },
  BACKUP_CODE_USED: {
    label: { nl: 'Back-upcode gebruikt', en: 'Backup code used' },
    sentence: {
      nl: 'Back-upcode gebruikt bij inloggen, nog {left} over',
      en: 'Backup code used at login, {left} left',
    },
  },
  VERIFY_FAILED: {
    label: { nl: 'Foute 2FA-code bij inloggen', en: 'Wrong 2FA code at login' },
    sentence: {
      nl: 'Foute 2FA-code bij inloggen ({count} op rij, nog {left} pogingen)',
      en: 'Wrong 2FA code at login ({count} in a row, {left} attempts left)',
    },
  },
  VERIFY_REPLAY_REFUSED: {
    label: { nl: 'Hergebruikte 2FA-code geweigerd', en: 'Reused 2FA code refused' },
    sentence: { nl: 'Al gebruikte 2FA-code geweigerd', en: 'Reused 2FA code refused' },
  },
  TWO_FA_LOCKED: {
    label: { nl: '2FA tijdelijk geblokkeerd', en: '2FA temporarily locked' },
    sentence: { nl: '2FA tijdelijk geblokkeerd tot {time}', en: '2FA temporarily locked until {time}' },
  },
  UNAUTHORIZED_RESET_REPORTED: {
    label: { nl: 'Klant meldde: “dit was ik niet”', en: 'Customer reported “this wasn’t me”' },
    sentence: {
      nl: 'Klant meldde “dit was ik niet”: herstel geblokkeerd',
      en: 'Customer reported “this wasn’t me”: recovery locked',
    },
  },
  AUTHENTICATOR_REPLACED: {
    label: {
      nl: 'Authenticator-app vervangen door de klant (selfservice)',
      en: 'Authenticator app replaced by the customer (self-service)',
    },
    sentence: {
      nl: 'Klant verving de authenticator-app, {count} nieuwe back-upcodes',
      en: 'Customer replaced the authenticator app, {count} new backup codes',
    },
  },
  AUTHENTICATOR_ADDED: {
    label: {
      nl: 'Tweede authenticator toegevoegd door de klant',
      en: 'Second authenticator added by the customer',
    },
    sentence: {
      nl: 'Klant voegde een authenticator toe naast de bestaande; niets vervangen',
      en: 'Customer added an authenticator beside the existing ones; nothing replaced',
    },
  },
  PASSKEY_REGISTERED: {
    label: { nl: 'Passkey geregistreerd', en: 'Passkey registered' },
    sentence: { nl: 'Klant registreerde een passkey', en: 'Customer registered a passkey' },
  },
  PASSKEY_REMOVED: {
    label: { nl: 'Passkey verwijderd', en: 'Passkey removed' },
    sentence: { nl: 'Passkey verwijderd', en: 'Passkey removed' },
  },
  BACKUP_CODES_REGENERATED: {
    label: { nl: 'Back-upcodes vernieuwd door de klant', en: 'Backup codes renewed by the customer' },
    sentence: {
      nl: 'Klant vernieuwde de back-upcodes ({count} nieuwe)',
      en: 'Customer renewed the backup codes ({count} new)',
    },
  },
  NOTIFICATION_SENT: {
    label: { nl: 'Melding verstuurd', en: 'Notification sent' },
    sentence: { nl: 'E-mail “{kind}” verstuurd', en: 'Email “{kind}” sent' },
  },
  NOTIFICATION_FAILED: {
    label: { nl: 'Melding mislukt', en: 'Notification failed' },
    sentence: {
      nl: 'E-mail “{kind}” niet verstuurd (poging {attempts})',
      en: 'Email “{kind}” not sent (attempt {attempts})',
    },
  },
  NOTIFICATION_BOUNCED: {
    label: { nl: 'Melding onbestelbaar', en: 'Notification bounced' },
    sentence: { nl: 'E-mail “{kind}” kwam onbestelbaar terug', en: 'Email “{kind}” bounced' },
  },
  EMAIL_COMPLAINT_RECEIVED: {
    label: { nl: 'E-mail als spam gemeld', en: 'Email reported as spam' },
    sentence: {
      nl: 'E-mail “{kind}” door de ontvanger als spam gemeld',
      en: 'Email “{kind}” reported as spam by the recipient',
    },
  },
} satisfies Partial<Record<AuditEventType, EventWords>>;

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
