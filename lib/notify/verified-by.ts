// How the reset mail says the customer proved who they were: by the session's own channel, so a
// customer who called is never told "by phone or chat", and one who did neither notices at once.
import type { MailLocale } from '../locales';
import type { Channel } from '../verification/schemas';
import { mailLanguages } from './mail-languages';

/** The `{{verifiedBy}}` of the reset mail; a session without a channel names the helpdesk only. */
export const verifiedByWords = (channel: Channel | undefined, locale: MailLocale) =>
  channel ? mailLanguages[locale].verifiedBy[channel] : mailLanguages[locale].verifiedAtHelpdesk;
