// How the reset mail says the customer proved who they were: by the session's own channel, so a
// customer who called is never told "by phone or chat", and one who did neither notices at once.
import type { MailLocale } from '../locales';
import type { Channel } from '../verification/schemas';
import { mailWords } from './mail-languages';

/** The `{{verifiedBy}}` of the reset mail; a session without a channel names the helpdesk only. */
export const verifiedByWords = (channel: Channel | undefined, locale: MailLocale) =>
  channel ? mailWords[locale].verifiedBy[channel] : mailWords[locale].verifiedAtHelpdesk;
