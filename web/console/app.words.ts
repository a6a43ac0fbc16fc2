// The words of the page's frame (app.ts, pending-count.ts): title, navigation, session; every console
// language side by side.
import type { Words } from './locales';

export const appWords = {
  // What the console knows of each language, in that language: the switch to it, how it writes dates.
  languageName: { nl: 'Nederlands', en: 'English' },
  switchToLanguage: { nl: 'Schakel over naar Nederlands', en: 'Switch to English' },
  dateLocale: { nl: 'nl-NL', en: 'en-GB' },
  appTitle: { nl: 'Helpdesk-console', en: 'Helpdesk console' },
  skipToContent: { nl: 'Naar de inhoud', en: 'Skip to content' },
  signOut: { nl: 'Afmelden', en: 'Sign out' },
  signedInAs: { nl: 'Aangemeld als {name} ({roles})', en: 'Signed in as {name} ({roles})' },
  roleHelpdesk: { nl: 'helpdeskmedewerker', en: 'helpdesk' },
  roleAdmin: { nl: 'admin', en: 'admin' },
  roleSecurity: { nl: 'security officer', en: 'security officer' },
  navApprovals: { nl: 'Admin-wachtrij', en: 'Admin queue' },
  mainNav: { nl: 'Hoofdmenu', en: 'Main menu' },
  sessionExpired: {
    nl: 'Uw sessie is verlopen. Meld u opnieuw aan.',
    en: 'Your session has expired. Please sign in again.',
  },
  signInFailed: { nl: 'Aanmelden is mislukt. Probeer het opnieuw.', en: 'Sign-in failed. Please try again.' },
  noStaffRole: {
    nl: 'Uw account heeft geen helpdesk- of adminrol. Vraag een beheerder om u aan een groep toe te voegen.',
    en: 'Your account has neither the helpdesk nor the admin role. Ask an administrator to add you to a group.',
  },
  configBroken: {
    nl: 'De console is niet goed ingericht (config.json ontbreekt of klopt niet). Meld dit aan de beheerder.',
    en: 'The console is not set up correctly (config.json is missing or wrong). Tell the administrator.',
  },
  navApprovalsPending: { nl: 'wachtend', en: 'waiting' },
} satisfies Words;
