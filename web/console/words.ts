// Words more than one part of the console shows, and the lib vocabularies' states as words, every
// console language side by side. Typed against lib/, so a new state cannot ship without its words.
import type { LockReason } from '../../lib/customers/two-factor-state';
import type { TwoFactorStatus } from '../../lib/customers/customer';
import type { PolicyOutcome } from '../../lib/verification/policy';
import type { VerificationStatus } from '../../lib/verification/verification';
import type { Words } from './locales';

export const commonWords = {
  loading: { nl: 'Laden…', en: 'Loading…' },
  navSearch: { nl: 'Klant zoeken', en: 'Find customer' },
  colName: { nl: 'Naam', en: 'Name' },
  back: { nl: '← Terug naar zoeken', en: '← Back to search' },
  customerId: { nl: 'Klantnummer', en: 'Customer ID' },
  email: { nl: 'E-mailadres', en: 'Email address' },
  company: { nl: 'Bedrijf', en: 'Company' },
  phoneOnFile: { nl: 'Telefoon (dossier)', en: 'Phone (on file)' },
  noPhoneOnFile: { nl: 'geen nummer in het dossier', en: 'no number on file' },
  callBackOn: {
    nl: 'Bel terug op {numbers} (in het dossier), nooit op een nummer dat de beller zelf noemt.',
    en: 'Call back on {numbers} (on file), never on a number the caller gives.',
  },
  callBackNoNumber: {
    nl: 'Geen nummer in het dossier: neem contact op met een mail naar het adres in het dossier ({email}), zoals uw procedure zegt; nooit via een nummer of adres dat de beller zelf noemt.',
    en: 'No number on file: call-back by a mail to the address on file ({email}), as your procedure says; never on a number or address the caller gives.',
  },
  twoFactorStatus: { nl: '2FA-status', en: '2FA status' },
  none: { nl: '—', en: '—' },
  cancel: { nl: 'Annuleren', en: 'Cancel' },
  reasonTooShort: {
    nl: 'Geef een reden van minstens 3 tekens.',
    en: 'Give a reason of at least 3 characters.',
  },
  recentVerifications: { nl: 'Recente verificaties', en: 'Recent verifications' },
  colTime: { nl: 'Tijdstip', en: 'Time' },
  colEvent: { nl: 'Gebeurtenis', en: 'Event' },
  colActor: { nl: 'Door', en: 'By' },
  colDetails: { nl: 'Details', en: 'Details' },
  colVerification: { nl: 'Verificatie', en: 'Verification' },
  colAgent: { nl: 'Medewerker', en: 'Agent' },
  colChannel: { nl: 'Kanaal', en: 'Channel' },
  colStatus: { nl: 'Status', en: 'Status' },
  colCustomer: { nl: 'Klant', en: 'Customer' },
  refresh: { nl: 'Vernieuwen', en: 'Refresh' },
  genericError: {
    nl: 'Er ging iets mis aan onze kant. Probeer het opnieuw; blijft het misgaan, meld dan de referentie.',
    en: 'Something went wrong on our side. Please try again; if it keeps failing, report the reference.',
  },
  reference: { nl: 'Referentie: {id}', en: 'Reference: {id}' },
  colCase: { nl: 'Zaak', en: 'Case' },
  printCaseRecord: { nl: 'Zaakdossier afdrukken', en: 'Print case record' },
  cancelVerification: { nl: 'Verificatie annuleren…', en: 'Cancel verification…' },
  dialogBack: { nl: 'Terug', en: 'Back' },
  verificationCancelled: {
    nl: 'Verificatie {case} is geannuleerd.',
    en: 'Verification {case} is cancelled.',
  },
  triageYes: { nl: 'Ja', en: 'Yes' },
  triageNo: { nl: 'Nee', en: 'No' },
  customerErasedTitle: { nl: 'Klant gewist', en: 'Customer erased' },
  customerNotFoundTitle: { nl: 'Klant niet gevonden', en: 'Customer not found' },
  customerLoadFailedTitle: { nl: 'Klant niet geladen', en: 'Customer not loaded' },
  customerIdLine: { nl: 'Klantnummer {id}', en: 'Customer id {id}' },
  auditReference: { nl: 'Referentie (audit): {id}', en: 'Reference (audit): {id}' },
} satisfies Words;

/** 2FA states, and LOCKED by its reason (search, customer, security). */
export const twoFactorWords = {
  tf_ENABLED: { nl: 'Aan', en: 'On' },
  tf_DISABLED: { nl: 'Uit', en: 'Off' },
  tf_LOCKED: { nl: 'Geblokkeerd', en: 'Locked' },
  tf_LOCKED_TOO_MANY_ATTEMPTS: {
    nl: 'Geblokkeerd – te veel foute codes',
    en: 'Locked – too many wrong codes',
  },
  tf_LOCKED_REPORTED_BY_CUSTOMER: {
    nl: 'Herstel geblokkeerd – melding klant',
    en: 'Recovery locked – reported by the customer',
  },
} satisfies Words<`tf_${TwoFactorStatus}` | `tf_LOCKED_${LockReason}`>;

/** A verification session's status. */
export const verificationStatusWords = {
  vstatus_OPEN: { nl: 'loopt', en: 'open' },
  vstatus_PASSED: { nl: 'geslaagd', en: 'passed' },
  vstatus_FAILED: { nl: 'mislukt', en: 'failed' },
  vstatus_PENDING_APPROVAL: { nl: 'wacht op goedkeuring', en: 'awaiting approval' },
  vstatus_USED: { nl: 'gebruikt voor uitschakeling', en: 'used for a disable' },
  vstatus_EXPIRED: { nl: 'verlopen', en: 'expired' },
  vstatus_REJECTED: { nl: 'afgewezen door tweede admin', en: 'rejected by a second admin' },
  vstatus_CANCELLED: { nl: 'geannuleerd', en: 'cancelled' },
} satisfies Words<`vstatus_${VerificationStatus}`>;

/** A completed session's outcome. */
export const outcomeWords = {
  outcome_PASSED: { nl: 'Verificatie geslaagd', en: 'Verification passed' },
  outcome_FAILED: { nl: 'Verificatie mislukt', en: 'Verification failed' },
} satisfies Words<`outcome_${PolicyOutcome['outcome']}`>;
