// The enrollment page's words for a reset's waiting period and a notice's "this wasn't me" link
// (issue 29), beside the page's other words in messages.ts, each key in every language of the page.
// messages.ts spreads these into the page's words, where every language of the page is checked.
import type { EnrollLang } from './languages';

type Words = Record<string, Record<EnrollLang, string>>;

export const waitingWords = {
  waitingTitle: { nl: 'Uw link werkt nog niet', en: 'Your link does not work yet' },
  waitingOpensAt: {
    nl: 'U kunt 2FA weer instellen vanaf {when}.',
    en: 'You can set up 2FA again from {when}.',
  },
  waitingWhy: {
    nl: 'Voor uw veiligheid wachten we een tijd voordat 2FA na een reset door de helpdesk weer ingesteld kan worden. Zo heeft u, als iemand anders zich voor u uitgaf, de tijd om het herstel te stoppen. Tot dan kunt u niet inloggen.',
    en: 'For your protection we wait a while before 2FA can be set up again after a helpdesk reset. That way, if someone else pretended to be you, you have time to stop the recovery. Until then you cannot sign in.',
  },
  waitingNext: {
    nl: 'Bewaar de e-mail en open deze link na dat tijdstip opnieuw. De link blijft daarna nog even geldig.',
    en: 'Keep the email and open this link again after that time. The link stays valid for a while after that.',
  },
  waitingCheck: { nl: 'Opnieuw controleren', en: 'Check again' },

  noticeTitle: { nl: 'Heeft u dit niet aangevraagd?', en: 'Didn’t you ask for this?' },
  noticeBody: {
    nl: 'Iemand heeft onze helpdesk gevraagd de tweestapsverificatie van uw account uit te schakelen. Was u dat niet, stop het herstel dan hier.',
    en: 'Someone asked our helpdesk to turn off two-step verification for your account. If that was not you, stop the recovery here.',
  },
  noticeEffect1: {
    nl: 'Het herstel stopt direct: niemand kan 2FA voor uw account instellen.',
    en: 'The recovery stops at once: no one can set up 2FA for your account.',
  },
  noticeEffect2: {
    nl: 'Ons beveiligingsteam neemt contact met u op via de gegevens die wij al van u hebben.',
    en: 'Our security team contacts you on the details we already have on file.',
  },
  noticeConfirm: { nl: 'Herstel stoppen', en: 'Stop the recovery' },
  noticeReportedTitle: { nl: 'Het herstel is gestopt', en: 'The recovery has been stopped' },
  noticeAlreadyReportedTitle: { nl: 'Het herstel was al gestopt', en: 'The recovery was already stopped' },
  noticeReportedBody: {
    nl: 'Niemand kan nu 2FA voor uw account instellen. Ons beveiligingsteam neemt contact met u op. Wijzig voor de zekerheid uw wachtwoord.',
    en: 'No one can set up 2FA for your account now. Our security team will contact you. To be safe, change your password.',
  },
  error_NOTICE_UNKNOWN: {
    nl: 'Deze link is niet geldig. Gebruik de link in het nieuwste bericht dat wij u stuurden, of bel de helpdesk.',
    en: 'This link is not valid. Use the link in the newest message we sent you, or call the helpdesk.',
  },
  error_NOTICE_SUPERSEDED: {
    nl: 'Dit bericht ging over een eerder herstel van uw account. Gebruik de link in het nieuwste bericht, of bel de helpdesk.',
    en: 'This message was about an earlier recovery of your account. Use the link in the newest message, or call the helpdesk.',
  },
  error_RECOVERY_COMPLETED: {
    nl: 'De tweestapsverificatie van dit account is al opnieuw ingesteld. Was u dat niet? Bel dan nu de helpdesk.',
    en: 'Two-step verification has already been set up again on this account. Was that not you? Call the helpdesk now.',
  },
  error_RECOVERY_PENDING: {
    nl: 'Deze link werkt nog niet: de wachttijd loopt nog.',
    en: 'This link does not work yet: the waiting period is still running.',
  },
} satisfies Words;
