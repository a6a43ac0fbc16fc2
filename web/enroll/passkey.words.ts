// The enrollment page's words for the passkey way (issue 28), in every language of the page; spread
// into messages.ts's dictionary.
import type { EnrollLang } from './languages';

export const passkeyWords = {
  passkeyTitle: {
    nl: 'Gebruik een passkey (vingerafdruk, gezicht of schermvergrendeling)',
    en: 'Use a passkey (fingerprint, face or screen lock)',
  },
  passkeyBody: {
    nl: 'Aanbevolen. U logt straks in zoals u uw telefoon of computer ontgrendelt. Een passkey werkt alleen op onze eigen website, dus een nagemaakte inlogpagina kan hem niet gebruiken.',
    en: 'Recommended. You will sign in the way you unlock your phone or computer. A passkey only works on our own website, so a fake sign-in page cannot use it.',
  },
  passkeyBegin: { nl: 'Passkey instellen', en: 'Set up a passkey' },
  passkeyBusy: {
    nl: 'Volg de stappen van uw apparaat…',
    en: 'Follow the steps on your device…',
  },
  passkeyOrApp: { nl: 'Of gebruik een authenticator-app', en: 'Or use an authenticator app' },
  error_PASSKEY_CANCELLED: {
    nl: 'Er is geen passkey gemaakt. Probeer het opnieuw, of koppel hieronder een authenticator-app.',
    en: 'No passkey was created. Try again, or link an authenticator app below.',
  },
  error_PASSKEY_NOT_VERIFIED: {
    nl: 'De passkey kon niet worden gecontroleerd. Gebruik uw vingerafdruk, gezicht of schermvergrendeling en probeer het opnieuw.',
    en: 'The passkey could not be checked. Use your fingerprint, face or screen lock and try again.',
  },
  passkeyCodesBody: {
    nl: 'Heeft u uw apparaat met de passkey niet bij de hand, dan logt u in met een back-upcode. Elke code werkt één keer. U ziet deze codes maar één keer.',
    en: 'If you don’t have the device with your passkey at hand, you sign in with a backup code. Each code works once. You will see these codes only once.',
  },
  passkeyDoneBody: {
    nl: 'Vanaf nu logt u in met uw passkey: uw vingerafdruk, gezicht of schermvergrendeling. Geen apparaat bij de hand? Gebruik dan een back-upcode.',
    en: 'From now on you sign in with your passkey: your fingerprint, face or screen lock. No device at hand? Use a backup code.',
  },
  passkeySecondTitle: { nl: 'Tip: zorg voor een tweede manier', en: 'Tip: keep a second way in' },
  passkeySecondBody: {
    nl: 'Raakt u dit apparaat kwijt, dan helpt een tweede manier u verder zonder de helpdesk: een passkey op een ander apparaat, een beveiligingssleutel of een authenticator-app. Bewaar ook uw back-upcodes op een andere plek dan dit apparaat.',
    en: 'If you lose this device, a second way gets you back in without the helpdesk: a passkey on another device, a security key or an authenticator app. Keep your backup codes somewhere other than this device too.',
  },
  addAnotherBegin: { nl: 'Nog een manier toevoegen', en: 'Add another way' },
  introAddTitle: {
    nl: 'Voeg een extra manier van inloggen toe',
    en: 'Add another way to sign in',
  },
  introAddBody: {
    nl: 'Uw huidige manieren van inloggen en uw back-upcodes blijven werken. Voeg een passkey toe op een ander apparaat of een beveiligingssleutel, of koppel een authenticator-app.',
    en: 'The ways you sign in now and your backup codes keep working. Add a passkey on another device or a security key, or link an authenticator app.',
  },
  addNoPasskeyHere: {
    nl: 'Deze browser kan geen passkey maken. Open deze link op een telefoon of computer met vingerafdruk, gezicht of schermvergrendeling.',
    en: 'This browser cannot make a passkey. Open this link on a phone or computer with a fingerprint, face or screen lock.',
  },
  addedTitle: { nl: 'Extra manier van inloggen toegevoegd', en: 'Another way to sign in added' },
  addedPasskeyBody: {
    nl: 'U kunt nu ook met deze passkey inloggen. Uw andere manieren en uw back-upcodes blijven werken. We hebben u een bevestiging gemaild.',
    en: 'You can now also sign in with this passkey. Your other ways and your backup codes keep working. We emailed you a confirmation.',
  },
  addedAppBody: {
    nl: 'U kunt nu ook inloggen met de code uit uw authenticator-app. Uw andere manieren en uw back-upcodes blijven werken. We hebben u een bevestiging gemaild.',
    en: 'You can now also sign in with the code from your authenticator app. Your other ways and your backup codes keep working. We emailed you a confirmation.',
  },
  error_TOTP_ALREADY_ENABLED: {
    nl: 'Uw account heeft al een authenticator-app. Voeg hierboven een passkey toe, of kies op uw profielpagina “nieuwe telefoon” om de app te verhuizen.',
    en: 'Your account has an authenticator app already. Add a passkey above, or choose “new phone” on your profile page to move the app.',
  },
  error_PASSKEY_LIMIT_REACHED: {
    nl: 'Uw account heeft al het maximale aantal passkeys (10). Gebruik een van uw bestaande passkeys of een back-upcode.',
    en: 'Your account has the most passkeys it can have (10). Use one of your passkeys or a backup code.',
  },
  error_PASSKEY_ALREADY_REGISTERED: {
    nl: 'Deze passkey staat al op uw account. Gebruik een ander apparaat of een beveiligingssleutel.',
    en: 'This passkey is on your account already. Use another device or a security key.',
  },
} satisfies Record<string, Record<EnrollLang, string>>;
