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
    nl: 'Raakt u dit apparaat kwijt, dan helpt een tweede manier u verder zonder de helpdesk. Bewaar uw back-upcodes op een andere plek dan dit apparaat, en bewaar de passkey bij voorkeur in een wachtwoordmanager (zoals iCloud-sleutelhanger of Google Wachtwoordmanager): dan werkt hij ook op uw andere apparaten.',
    en: 'If you lose this device, a second way gets you back in without the helpdesk. Keep your backup codes somewhere other than this device, and preferably keep the passkey in a password manager (such as iCloud Keychain or Google Password Manager): then it also works on your other devices.',
  },
} satisfies Record<string, Record<EnrollLang, string>>;
