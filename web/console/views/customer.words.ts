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
    nl: 'De herstel-e-mail van {time} is niet aangekomen: het e-mailadres weigerde hem ({class}). De klant heeft dus geen link. Bel de klant terug en vraag om een e-mailadres dat werkt; laat de klant het in het klantaccount aanpassen. Daarna kan de link opnieuw worden verstuurd.',
    en: 'The reset email of {time} did not arrive: the email address refused it ({class}). So the customer has no link. Call the customer back and ask for an email address that works; have them change it in their account. Then the link can be sent again.',
  },
  mailBouncedOther: {
    nl: 'Onze e-mail “{kind}” van {time} is niet aangekomen: het e-mailadres weigerde hem ({class}). Vraag de klant bij het volgende contact om een e-mailadres dat werkt.',
    en: 'Our email “{kind}” of {time} did not arrive: the email address refused it ({class}). Ask the customer for an email address that works when you next speak to them.',
  },
  bounceClass_Permanent: { nl: 'blijvend', en: 'for good' },
  bounceClass_Transient: {
    nl: 'tijdelijk, bijvoorbeeld een volle mailbox',
    en: 'for now, for example a full mailbox',
  },
  bounceClass_Other: { nl: 'reden onbekend', en: 'reason unknown' },
  mailComplained: {
    nl: 'De klant meldde onze e-mail “{kind}” van {time} als spam: verdere mail naar dit adres wordt niet bezorgd. Bel de klant als een link nodig is.',
    en: 'The customer reported our email “{kind}” of {time} as spam: further mail to this address is not delivered. Call the customer if a link is needed.',
  },
  openCaseForOfficer: { nl: 'Open de zaak bij Herstelblokkades', en: 'Open the case in Recovery locks' },
} satisfies Words;
