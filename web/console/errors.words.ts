// The API's refusals in plain words, every console language side by side: one sentence for each code a
// staff route can answer (lib/error-codes.ts) and for the ones the client makes up; tsc names a new code
// that has none.
import type { StaffErrorCode } from '../../lib/error-codes';
import type { ClientErrorCode } from '../shared/api';
import { byLocale, type Words } from './locales';

export const errorSentences = byLocale({
  NETWORK_ERROR: {
    nl: 'De server is niet bereikbaar. Controleer de verbinding en probeer het opnieuw.',
    en: 'The server cannot be reached. Check the connection and try again.',
  },
  UNAUTHORIZED: {
    nl: 'Uw sessie is verlopen of ongeldig. Meld u opnieuw aan.',
    en: 'Your session has expired or is not valid. Please sign in again.',
  },
  FORBIDDEN: { nl: 'Uw rol mag dit niet doen.', en: 'Your role may not do this.' },
  TOO_MANY_REQUESTS: {
    nl: 'Te veel verzoeken tegelijk. Wacht even en probeer het opnieuw.',
    en: 'Too many requests at once. Wait a moment and try again.',
  },
  SERVICE_UNAVAILABLE: {
    nl: 'De opslag is even niet bereikbaar. Probeer het over enkele seconden opnieuw.',
    en: 'Storage is briefly unavailable. Try again in a few seconds.',
  },
  INVALID_REQUEST: {
    nl: 'De invoer is niet geldig. Controleer de velden.',
    en: 'The input is not valid. Check the fields.',
  },
  QUERY_TOO_SHORT: {
    nl: 'Typ minstens een paar letters van de naam, of een e-mailadres.',
    en: 'Type at least a few letters of the name, or an email address.',
  },
  INVALID_CURSOR: {
    nl: 'De zoekresultaten zijn verouderd. Zoek opnieuw.',
    en: 'The search results are out of date. Search again.',
  },
  CUSTOMER_NOT_FOUND: {
    nl: 'Deze klant bestaat niet (meer).',
    en: 'This customer does not exist (any more).',
  },
  RECOVERY_LOCKED: {
    nl: 'Herstel is geblokkeerd: de klant meldde “dit was ik niet”. Schakel het beveiligingsteam in.',
    en: 'Recovery is locked: the customer reported “this wasn’t me”. Involve the security team.',
  },
  VERIFICATION_COOLDOWN: {
    nl: 'Een recente verificatie van deze klant is mislukt. Een nieuwe kan pas na de wachttijd starten.',
    en: 'A recent verification of this customer failed. A new one can start after the cooldown.',
  },
  VERIFICATION_NOT_FOUND: { nl: 'Deze verificatie bestaat niet.', en: 'This verification does not exist.' },
  NOT_YOUR_VERIFICATION: {
    nl: 'Alleen de medewerker die deze verificatie startte kan haar voortzetten.',
    en: 'Only the agent who started this verification can continue it.',
  },
  VERIFICATION_OF_ANOTHER_AGENT: {
    nl: 'Deze verificatie is van een andere medewerker; alleen die medewerker, een admin of een security officer kan haar inzien of afdrukken.',
    en: "This verification is another agent's; only that agent, an admin or a security officer can read or print it.",
  },
  VERIFICATION_NOT_OPEN: {
    nl: 'Deze verificatie is al afgerond. Start zo nodig een nieuwe.',
    en: 'This verification is already completed. Start a new one if needed.',
  },
  VERIFICATION_EXPIRED: {
    nl: 'Deze verificatie duurde te lang en is verlopen. Start een nieuwe.',
    en: 'This verification took too long and has expired. Start a new one.',
  },
  VERIFICATION_CHANGED: {
    nl: 'De verificatie werd tegelijk gewijzigd. Probeer het nog eens.',
    en: 'The verification changed at the same time. Please try again.',
  },
  EMAIL_CODE_NOT_SENT: {
    nl: 'Mail eerst de code; leg daarna vast wat de klant voorleest.',
    en: 'Email the code first; then record what the caller reads back.',
  },
  EMAIL_CODE_USED: {
    nl: 'De gemailde code is in deze verificatie al bevestigd.',
    en: 'The emailed code was already confirmed in this verification.',
  },
  EMAIL_CODE_EXPIRED: {
    nl: 'De gemailde code is verlopen. Mail een nieuwe.',
    en: 'The emailed code has expired. Email a new one.',
  },
  EMAIL_CODE_LIMIT: {
    nl: 'Het maximum aantal codes voor deze verificatie is bereikt.',
    en: 'The maximum number of codes for this verification has been reached.',
  },
  EMAIL_CODE_TOO_SOON: {
    nl: 'Er is net een code verstuurd. Wacht even voordat u een nieuwe mailt.',
    en: 'A code was just sent. Wait a moment before emailing another.',
  },
  TWO_FA_NOT_ENABLED: {
    nl: '2FA staat al uit voor deze klant.',
    en: '2FA is already off for this customer.',
  },
  VERIFICATION_OTHER_CUSTOMER: {
    nl: 'Deze verificatie hoort bij een andere klant.',
    en: 'This verification belongs to another customer.',
  },
  VERIFICATION_NOT_COMPLETED: {
    nl: 'De verificatie loopt nog; de medewerker moet haar eerst afronden.',
    en: 'The verification is still open; the agent must complete it first.',
  },
  VERIFICATION_NOT_PASSED: {
    nl: 'De verificatie is mislukt; daarop kan 2FA niet worden uitgeschakeld.',
    en: 'The verification failed; 2FA cannot be disabled on it.',
  },
  VERIFICATION_ALREADY_USED: {
    nl: 'Deze verificatie is al gebruikt. Er is een nieuwe verificatie nodig.',
    en: 'This verification was already used. A new verification is needed.',
  },
  APPROVAL_PENDING: {
    nl: 'Op deze verificatie wacht al een uitschakeling op goedkeuring door een tweede admin.',
    en: 'A disable on this verification is already waiting for a second admin.',
  },
  VERIFICATION_STALE: {
    nl: 'De verificatie is te oud om nog 2FA op uit te schakelen. Verifieer de klant opnieuw.',
    en: 'The verification is too old to disable 2FA on. Verify the caller again.',
  },
  CONCURRENT_CHANGE: {
    nl: 'De klant of de verificatie is tegelijk gewijzigd. Laad de pagina opnieuw en probeer het nog eens.',
    en: 'The customer or the verification changed at the same time. Reload and try again.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    nl: 'Dit verzoek is al eens met andere gegevens verstuurd. Probeer het opnieuw.',
    en: 'This request was already sent with other data. Please try again.',
  },
  APPROVAL_NOT_FOUND: {
    nl: 'Dit goedkeuringsverzoek bestaat niet.',
    en: 'This approval request does not exist.',
  },
  APPROVAL_NOT_PENDING: { nl: 'Over dit verzoek is al beslist.', en: 'This request was already decided.' },
  APPROVAL_EXPIRED: {
    nl: 'Dit verzoek is verlopen. Begin opnieuw met een nieuwe verificatie.',
    en: 'This request has expired. Start again with a new verification.',
  },
  APPROVER_IS_REQUESTER: {
    nl: 'U vroeg deze uitschakeling zelf aan; een andere admin moet goedkeuren.',
    en: 'You requested this disable yourself; another admin must approve.',
  },
  APPROVER_IS_VERIFIER: {
    nl: 'U verifieerde deze klant zelf; een andere admin moet goedkeuren.',
    en: 'You verified this caller yourself; another admin must approve.',
  },
  VERIFICATION_NOT_PENDING: {
    nl: 'De verificatie achter dit verzoek wacht niet meer op goedkeuring.',
    en: 'The verification behind this request is no longer waiting for approval.',
  },
  REJECTER_IS_REQUESTER: {
    nl: 'U vroeg deze uitschakeling zelf aan; een andere admin beslist erover.',
    en: 'You requested this disable yourself; another admin decides on it.',
  },
  VERIFICATION_NOT_CANCELLABLE: {
    nl: 'Deze verificatie is al gebruikt, afgerond zonder succes of geannuleerd; er valt niets te annuleren.',
    en: 'This verification was already used, failed or was cancelled; there is nothing to cancel.',
  },
  RESET_LINK_DAILY_LIMIT: {
    nl: 'Er zijn de afgelopen 24 uur al 3 herstel-links naar deze klant gestuurd; meer kan niet. Probeer het morgen opnieuw, of laat de klant 2FA aanzetten via de profielpagina.',
    en: 'Three reset links have already been sent to this customer in the last 24 hours; no more are possible. Try again tomorrow, or have the customer turn on 2FA from their profile page.',
  },
  ADDRESS_NOT_ON_FILE: {
    nl: 'Dat adres staat niet in het dossier van de klant. De herstel-link gaat alleen naar een adres in het dossier; een nieuw adres moet de klant eerst in zijn account laten wijzigen.',
    en: "That address is not on the customer's record. The reset link goes only to an address on file; a new address must first be changed in the customer's account.",
  },
  NOT_AWAITING_ENROLLMENT: {
    nl: 'Een herstel-link kan alleen opnieuw worden gestuurd zolang 2FA uit staat na een reset door de helpdesk.',
    en: 'A reset link can only be sent again while 2FA is off after a helpdesk reset.',
  },
  VERIFICATION_REJECTED: {
    nl: 'Een tweede admin wees de uitschakeling op deze verificatie af. Verifieer de klant opnieuw.',
    en: 'A second admin rejected the disable on this verification. Verify the caller again.',
  },
  VERIFICATION_CANCELLED: {
    nl: 'Deze verificatie is geannuleerd. Verifieer de klant opnieuw.',
    en: 'This verification was cancelled. Verify the caller again.',
  },
  VERIFICATION_ALREADY_OPEN: {
    nl: 'Er loopt al een verificatie van deze klant. Rond die eerst af (of wacht tot ze verloopt).',
    en: 'A verification of this customer is already open. Complete it first (or wait until it expires).',
  },
  DISABLER_IS_VERIFIER: {
    nl: 'U verifieerde deze klant zelf; een andere admin moet 2FA uitschakelen.',
    en: 'You verified this caller yourself; another admin must disable 2FA.',
  },
  TOO_MANY_CHECKS: {
    nl: 'Deze verificatie heeft het maximum aantal vragen. Rond haar af.',
    en: 'This verification holds the maximum number of checks. Complete it.',
  },
  CALLER_REPEAT_REQUIRED: {
    nl: 'Het vorige antwoord op deze vraag kwam niet overeen. Laat de klant het herhalen en vink “De klant herhaalde het” aan.',
    en: 'The previous answer to this question did not match. Have the caller repeat it and tick “The caller repeated it”.',
  },
  NO_ANSWER_TO_CONFIRM: {
    nl: 'Er wacht geen afwijkend antwoord op herhaling; leg het antwoord gewoon vast.',
    en: 'No wrong answer waits to be repeated; record the answer as usual.',
  },
  VERIFICATION_HOLDS_WRONG_ANSWER: {
    nl: 'Deze verificatie bevat een afwijkend antwoord dat niet is rechtgezet. Rond haar af (ze mislukt en de wachttijd begint) of laat haar verlopen.',
    en: 'This verification holds a wrong answer that was not corrected. Complete it (it fails and the cooldown starts) or let it expire.',
  },
  EMAIL_CODE_DAILY_LIMIT: {
    nl: 'Er zijn vandaag al te veel codes naar deze klant gemaild.',
    en: 'Too many codes were emailed to this customer today.',
  },
  EMAIL_CODE_NEEDS_IDENTITY: {
    nl: 'Stuur de code pas als de naam en het e-mailadres van de beller kloppen (beide “klopt”).',
    en: 'Send the code only once the caller’s name and email address matched (both “match”).',
  },
  RESETTER_IN_LIMITED_SESSIONS: {
    nl: 'U had een rol in de gesprekken die deze klant blokkeerden; een andere security officer wist de limieten (vier ogen).',
    en: 'You took part in the sessions that limited this customer; another security officer resets the limits (four eyes).',
  },
  NO_RECOVERY_LIMITS: {
    nl: 'Er is niets meer te wissen: geen wachttijd, geen codes of instructie-mails in de afgelopen 24 uur. Laad de pagina opnieuw.',
    en: 'Nothing left to reset: no cooldown, no codes or guide mails in the last 24 hours. Reload the page.',
  },
  EMAIL_CODE_SEND_RACE: {
    nl: 'Er werd tegelijk al een code verstuurd; deze is niet verstuurd.',
    en: 'A code was being sent at the same moment; this one was not sent.',
  },
  EMAIL_CODE_NOT_DELIVERED: {
    nl: 'De mailserver nam de code niet aan. Probeer het zo opnieuw.',
    en: 'The mail server did not accept the code. Try again shortly.',
  },
  EMAIL_CODE_FORMAT: {
    nl: 'De code bestaat uit 6 cijfers. Typ precies wat de klant voorleest.',
    en: 'The code is 6 digits. Type exactly what the caller reads.',
  },
  RELEASER_IS_VERIFIER: {
    nl: 'U verifieerde deze klant zelf; een andere security officer moet de blokkade opheffen (vier ogen).',
    en: 'You verified this caller yourself; another security officer must release the lock (four eyes).',
  },
  DELAY_ENDER_IS_VERIFIER: {
    nl: 'U verifieerde de beller van deze reset zelf; een andere security officer moet de wachttijd beëindigen.',
    en: 'You verified the caller of this reset yourself; another security officer must end its waiting period.',
  },
  DELAY_ENDER_IS_DISABLER: {
    nl: 'U zette bij deze reset 2FA uit (of vroeg erom); een andere security officer moet de wachttijd beëindigen.',
    en: 'You turned 2FA off in this reset (or asked for it); another security officer must end its waiting period.',
  },
  NO_RECOVERY_DELAY: {
    nl: 'Er loopt geen wachttijd meer voor deze klant; er valt niets te beëindigen.',
    en: 'No waiting period runs for this customer any more; there is nothing to end.',
  },
  RELEASER_IN_REPORTED_CASE: {
    nl: 'U had een rol in de reset die de klant meldde; een andere security officer beslist over de melding (vier ogen).',
    en: 'You took part in the reset the customer reported; another security officer decides on the report (four eyes).',
  },
  VERIFIER_IN_REPORTED_CASE: {
    nl: 'Deze beller is geverifieerd door iemand die een rol had in de gemelde reset; laat een andere helpdeskmedewerker de klant opnieuw verifiëren.',
    en: 'This caller was verified by someone who took part in the reported reset; have another helpdesk agent verify the customer again.',
  },
  EMAIL_CODE_REQUIRED: {
    nl: 'Deze verificatie is geslaagd zonder de code per e-mail. Voor het opheffen moet de klant de gemailde code hebben voorgelezen.',
    en: 'This verification passed without the emailed code. A release needs the caller to have read back the emailed code.',
  },
  VERIFICATION_NOT_FOR_RELEASE: {
    nl: 'Deze verificatie is gedaan vóór de melding. Alleen een verificatie van na de melding telt.',
    en: 'This verification was done before the report. Only a verification from after the report counts.',
  },
  NOT_RECOVERY_LOCKED: {
    nl: 'Het herstel van deze klant is niet (meer) geblokkeerd. Laad de pagina opnieuw.',
    en: 'Recovery of this customer is not (or no longer) locked. Reload the page.',
  },
  VERIFICATION_FOR_RELEASE_ONLY: {
    nl: 'Deze verificatie is gedaan tijdens een herstelblokkade en dient alleen om die op te heffen, niet om 2FA uit te schakelen.',
    en: 'This verification was done during a recovery lock and only serves to release it, not to disable 2FA.',
  },
  VERIFICATION_BEFORE_LAST_RESET: {
    nl: 'Deze verificatie is gestart vóór de laatste reset van deze klant. Verifieer de klant opnieuw.',
    en: "This verification was started before the customer's last reset. Verify the caller again.",
  },
  SELF_SERVICE_GUIDE_DAILY_LIMIT: {
    nl: 'Deze klant kreeg vandaag al het maximum aan instructie-mails. Vertel de stappen aan de telefoon.',
    en: 'This customer already got the most instruction emails for today. Tell the steps on the phone.',
  },
  TRIAGE_NOT_CURRENT: {
    nl: 'Die triage is niet meer de lopende. Beantwoord de vragen opnieuw.',
    en: 'That triage is no longer the current one. Answer the questions again.',
  },
  TRIAGE_ANSWER_REQUIRED: {
    nl: 'De herstelblokkade is intussen opgeheven: nu bepalen de antwoorden het advies. Vraag of de oude app nog werkt.',
    en: 'The recovery lock has been lifted meanwhile: the answers now decide the advice. Ask whether the old app still works.',
  },
  NO_PASSKEY_ON_FILE: {
    nl: 'Deze klant heeft (inmiddels) geen passkey in het dossier, dus er is niets te verwijderen. Vraag wat de klant kwijt is en kies die melding.',
    en: 'This customer has no passkey on file (any more), so there is nothing to remove. Ask what the caller lost and choose that report.',
  },
  TRIAGE_ADVISED_SELF_SERVICE: {
    nl: 'De triage stuurt deze klant naar zelfhulp; verificatie is niet nodig. Werkte zelfhulp niet? Beantwoord de vragen opnieuw.',
    en: 'The triage sends this caller to self-service; no verification is needed. Did self-service not work? Answer the questions again.',
  },
  TRIAGE_REPORT_DIFFERS: {
    nl: 'De melding wijkt af van die in de triage.',
    en: 'The report differs from the one in the triage.',
  },
  ERASED: {
    nl: 'Deze klant is gewist (AVG): de gegevens zijn verwijderd en dit klantnummer wordt niet meer gebruikt. Is de persoon weer klant, zoek dan op naam of e-mailadres (hij heeft dan een nieuw klantnummer).',
    en: 'This customer was erased (GDPR): the data is removed and this customer id is not used again. If the person is a customer again, search by name or email (they then have a new customer id).',
  },
  INVALID_PATH_PARAMETER: {
    nl: 'Dit adres klopt niet (geen geldig klant- of zaaknummer). Zoek de klant opnieuw op.',
    en: 'This address is not valid (not a valid customer id or case number). Search for the customer again.',
  },
  INVALID_PATH: {
    nl: 'Dit adres bevat een ongeldig teken (een kapotte %-code). Zoek de klant opnieuw op.',
    en: 'This address holds an invalid character (a broken %-escape). Search for the customer again.',
  },
} satisfies Words<StaffErrorCode | ClientErrorCode>);
