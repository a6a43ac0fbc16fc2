// The words of the sign in view (views/sign-in.ts), every console language side by side.
import type { Words } from '../locales';

export const signInWords = {
  signInTitle: { nl: 'Aanmelden', en: 'Sign in' },
  signInLocalIntro: {
    nl: 'Lokale ontwikkelomgeving: u meldt u aan bij de lokale OpenID-provider, met een lokale gebruiker en het wachtwoord dat npm start toont. In AWS is dit de aanmeldpagina van Cognito.',
    en: 'Local development stack: you sign in at the local OpenID provider, with a local user and the password npm start prints. In AWS this is Cognito’s sign-in page.',
  },
  signInHostedIntro: {
    nl: 'Meld u aan met uw helpdeskaccount. U gaat naar de aanmeldpagina (wachtwoord en authenticator-app) en komt daarna hier terug.',
    en: 'Sign in with your helpdesk account. You go to the sign-in page (password and authenticator app) and come back here.',
  },
  signInHostedButton: { nl: 'Aanmelden met helpdeskaccount', en: 'Sign in with helpdesk account' },
} satisfies Words;
