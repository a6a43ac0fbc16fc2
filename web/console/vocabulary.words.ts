// The verification vocabularies of lib/ as the console names them: checks, results, channels, the
// caller's problems, what the agent says for each self-service path and the reasons for going without
// possession proof, every console language side by side. Typed against lib/, so a new member cannot
// ship without its words.
import type { SelfServicePath } from '../../lib/triage/advice';
import type { ReportedProblem } from '../../lib/verification/vocabulary';
import type { Channel, CheckResult, CheckType, NoPossessionReason } from '../../lib/verification/schemas';
import { byLocale, type Words } from './locales';

export const checkLabels = byLocale({
  FULL_NAME: { nl: 'Volledige naam', en: 'Full name' },
  EMAIL: { nl: 'E-mailadres', en: 'Email address' },
  COMPANY_NAME: { nl: 'Bedrijfsnaam (indien van toepassing)', en: 'Company name (if applicable)' },
  LAST_LOGIN_DATE: { nl: 'Laatste logindatum (indien bekend)', en: 'Last login date (if known)' },
  CHARGE_POINT_IDS: { nl: 'Laadpaal-ID’s die de klant beheert', en: 'Charge point IDs the customer manages' },
  LAST_TRANSACTION: {
    nl: 'Laatste transactie (datum, bedrag of laadpaal)',
    en: 'Last transaction (date, amount or charge point)',
  },
  COMPANY_INFO: {
    nl: 'Bedrijfsinformatie (bijv. KvK-nummer, vestiging)',
    en: 'Company information (e.g. Chamber of Commerce number, location)',
  },
  EMAIL_CODE: { nl: 'Code die de klant voorleest', en: 'Code the caller reads back' },
} satisfies Words<CheckType>);

/** Short names of the checks, for one-line summaries (the approvals list). */
export const checkShortLabels = byLocale({
  FULL_NAME: { nl: 'naam', en: 'name' },
  EMAIL: { nl: 'e-mail', en: 'email' },
  COMPANY_NAME: { nl: 'bedrijfsnaam', en: 'company name' },
  LAST_LOGIN_DATE: { nl: 'laatste login', en: 'last login' },
  CHARGE_POINT_IDS: { nl: 'laadpalen', en: 'charge points' },
  LAST_TRANSACTION: { nl: 'laatste transactie', en: 'last transaction' },
  COMPANY_INFO: { nl: 'bedrijfsinfo', en: 'company info' },
  EMAIL_CODE: { nl: 'e-mailcode', en: 'email code' },
} satisfies Words<CheckType>);

/** What the server accepts for each question, shown next to it so the agent types it that way. */
export const checkFormats = byLocale({
  FULL_NAME: {
    nl: 'voor- en achternaam; hoofdletters, accenten, apostrofs en streepjes maken niet uit',
    en: 'first and last name; case, accents, apostrophes and hyphens do not matter',
  },
  EMAIL: { nl: 'het hele adres', en: 'the whole address' },
  COMPANY_NAME: {
    nl: 'met of zonder rechtsvorm (B.V., N.V., V.O.F.)',
    en: 'with or without legal form (B.V., N.V., V.O.F.)',
  },
  LAST_LOGIN_DATE: {
    nl: 'één dag: 03-03-2026, 3-3 of 3 maart',
    en: 'one day: 03-03-2026, 3-3 or 3 March',
  },
  CHARGE_POINT_IDS: {
    nl: 'een of meer eigen ID’s, gescheiden door komma’s; één fout ID = afwijkend',
    en: 'one or more of their IDs, comma-separated; one wrong ID = mismatch',
  },
  LAST_TRANSACTION: {
    nl: 'één dag plus het bedrag (27,10 / € 27.10 / 27 euro 10) of de laadpaal; alleen de dag is onvolledig',
    en: 'one day plus the amount (27,10 / € 27.10 / 27 euro 10) or the charge point; the day alone is incomplete',
  },
  COMPANY_INFO: {
    nl: 'het KvK- of btw-nummer (één nummer); alleen de vestigingsplaats is onvolledig',
    en: 'the Chamber of Commerce or VAT number (one number); the location alone is incomplete',
  },
  EMAIL_CODE: { nl: 'de cijfers uit de e-mail', en: 'the digits from the email' },
} satisfies Words<CheckType>);

export const resultLabels = byLocale({
  MATCH: { nl: 'Komt overeen', en: 'Matches' },
  INCOMPLETE: { nl: 'Onvolledig: vraag door', en: 'Incomplete: ask for more' },
  MISMATCH_UNCONFIRMED: {
    nl: 'Komt niet overeen (telt nog niet)',
    en: 'Does not match (not counted yet)',
  },
  MISMATCH: { nl: 'Komt niet overeen', en: 'Does not match' },
  NOT_ON_FILE: { nl: 'Niet in onze gegevens', en: 'Not on file' },
  UNKNOWN: { nl: 'Weet de klant niet', en: 'Caller does not know' },
} satisfies Words<CheckResult>);

export const channelLabels = byLocale({
  phone: { nl: 'Telefoon', en: 'Phone' },
  email: { nl: 'E-mail', en: 'Email' },
  chat: { nl: 'Chat', en: 'Chat' },
} satisfies Words<Channel>);

export const reportedProblemLabels = byLocale({
  CANNOT_LOG_IN: { nl: 'Kan niet inloggen', en: 'Cannot log in' },
  PHONE_LOST: { nl: 'Telefoon kwijt', en: 'Phone lost' },
  APP_BROKEN: { nl: 'App werkt niet', en: 'App does not work' },
  BACKUP_CODES_LOST: { nl: 'Back-upcodes kwijt', en: 'Backup codes lost' },
  NEW_PHONE: { nl: 'Nieuwe telefoon', en: 'New phone' },
  PASSKEY_LOST: { nl: 'Passkey of beveiligingssleutel kwijt', en: 'Passkey or security key lost' },
} satisfies Words<ReportedProblem>);

/**
 * What the agent says for each self-service path triage advises (views/triage.ts), beside the reports:
 * a new report and its path are words of this one file.
 */
export const triageSayWords = {
  triageSay_REPLACE_AUTHENTICATOR: {
    nl: '“Log in zoals altijd, met de code uit de app op uw oude telefoon. Ga naar Profiel en kies ‘Authenticator vervangen’. Scan daar de QR-code met uw nieuwe telefoon; de oude app werkt tot de nieuwe bevestigd is. U krijgt er nieuwe back-upcodes bij.”',
    en: '“Log in as usual, with the code from the app on your old phone. Go to Profile and choose ‘Replace authenticator’. Scan the QR code there with your new phone; the old app keeps working until the new one is confirmed. You get new backup codes with it.”',
  },
  triageSay_BACKUP_CODE_SIGN_IN: {
    nl: '“Log in met uw wachtwoord en kies ‘Back-upcode gebruiken’. Ga daarna naar Profiel, kies ‘Authenticator vervangen’ en zet de app op uw telefoon opnieuw op; u krijgt dan ook nieuwe back-upcodes.”',
    en: '“Log in with your password and choose ‘Use a backup code’. Then go to Profile, choose ‘Replace authenticator’ and set up the app on your phone again; you also get new backup codes.”',
  },
  triageSay_PASSKEY_SIGN_IN: {
    nl: '“Log in met uw wachtwoord en kies ‘Inloggen met een passkey’. Ga daarna naar Profiel, kies ‘Authenticator vervangen’, bevestig met uw passkey en zet de app op uw telefoon opnieuw op; u krijgt dan ook nieuwe back-upcodes.”',
    en: '“Log in with your password and choose ‘Sign in with a passkey’. Then go to Profile, choose ‘Replace authenticator’, confirm with your passkey and set up the app on your phone again; you also get new backup codes.”',
  },
  triageSay_RENEW_BACKUP_CODES: {
    nl: '“Log in zoals altijd, met de code uit uw app. Ga naar Profiel en kies ‘Back-upcodes vernieuwen’. De oude codes, ook de kwijtgeraakte, werken daarna niet meer.”',
    en: '“Log in as usual, with the code from your app. Go to Profile and choose ‘Renew backup codes’. The old codes, the lost ones too, stop working.”',
  },
  triageSay_REMOVE_PASSKEY: {
    nl: '“Log in zoals altijd, met de code uit uw app. Ga naar Profiel, kies bij ‘Passkeys’ de passkey die u kwijt bent en kies ‘Verwijderen’; bevestig met een code uit de app. Doe het vandaag nog: wie de sleutel vindt, kan er met uw wachtwoord mee proberen in te loggen.”',
    en: '“Log in as usual, with the code from your app. Go to Profile, choose the lost passkey under ‘Passkeys’ and choose ‘Remove’; confirm with a code from the app. Do it today: whoever finds the key could try to log in with it and your password.”',
  },
} satisfies Words<`triageSay_${SelfServicePath}`>;

export const noPossessionReasonLabels = byLocale({
  MAILBOX_ON_LOST_DEVICE: {
    nl: 'De mailbox stond op het verloren toestel',
    en: 'The mailbox was on the lost device',
  },
  NO_ACCESS_TO_MAILBOX: { nl: 'Geen toegang tot de mailbox', en: 'No access to the mailbox' },
  ADDRESS_NO_LONGER_EXISTS: { nl: 'Het e-mailadres bestaat niet meer', en: 'The address no longer exists' },
  CODE_NOT_RECEIVED: { nl: 'De code komt niet aan', en: 'The code does not arrive' },
} satisfies Words<NoPossessionReason>);
