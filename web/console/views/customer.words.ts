// The words of the customer view (views/customer.ts), every console language side by side.
import type { Words } from '../locales';

export const customerWords = {
  customerDetails: { nl: 'Klantgegevens', en: 'Customer details' },
  privileged: {
    nl: 'Bevoorrechte klant: de e-mailcode is verplicht en een tweede admin moet goedkeuren.',
    en: 'Privileged customer: the email code is required and a second admin must approve.',
  },
  cooldown: {
    nl: 'Een eerdere verificatie is mislukt. Een nieuwe kan pas starten na {time}.',
    en: 'An earlier verification failed. A new one can start after {time}.',
  },
  failedVerifications: { nl: 'Mislukte verificaties: {count}', en: 'Failed verifications: {count}' },
  lastReset: { nl: 'Laatst gereset', en: 'Last reset' },
  twoFactorMethods: { nl: 'Inlogmethoden', en: 'Sign-in methods' },
  method_totp: { nl: 'authenticator-app', en: 'authenticator app' },
  method_passkey: { nl: 'passkeys: {count}', en: 'passkeys: {count}' },
  method_backup_codes: { nl: 'back-upcodes: {count}', en: 'backup codes: {count}' },
  emailChanged: { nl: 'E-mailadres gewijzigd: {time}', en: 'Email address changed: {time}' },
  historyTitle: { nl: 'Geschiedenis', en: 'History' },
  noVerifications: { nl: 'Nog geen verificaties.', en: 'No verifications yet.' },
  olderVerifications: { nl: 'Oudere verificaties…', en: 'Older verifications…' },
  colRecord: { nl: 'Dossier', en: 'Record' },
  lockReportedNotice: {
    nl: 'Herstel geblokkeerd – melding klant: de klant meldde “dit was ik niet”. Alleen het beveiligingsteam kan de blokkade opheffen.',
    en: 'Recovery locked – reported by the customer: they said “this wasn’t me”. Only the security team can release the lock.',
  },
  mailBouncedReset: {
    nl: 'De herstel-e-mail van {time} kwam onbestelbaar terug ({class}): de klant heeft geen link. Bel de klant terug; een nieuwe link komt pas aan als het adres in het klantaccount is verbeterd.',
    en: 'The reset email of {time} bounced ({class}): the customer has no link. Call the customer back; a new link arrives only once the address in their account is corrected.',
  },
  mailBouncedOther: {
    nl: 'Onze e-mail “{kind}” van {time} kwam onbestelbaar terug ({class}): het adres ontvangt onze mail niet.',
    en: 'Our email “{kind}” of {time} bounced ({class}): the address does not receive our mail.',
  },
  mailComplained: {
    nl: 'De klant meldde onze e-mail “{kind}” van {time} als spam: verdere mail naar dit adres wordt niet bezorgd. Bel de klant als een link nodig is.',
    en: 'The customer reported our email “{kind}” of {time} as spam: further mail to this address is not delivered. Call the customer if a link is needed.',
  },
  openCaseForOfficer: { nl: 'Open de zaak bij Herstelblokkades', en: 'Open the case in Recovery locks' },
} satisfies Words;
