// How the reset mail says the customer proved who they were: by the session's own channel, so a
// customer who called is never told "by phone or chat", and one who did neither notices at once.
import type { MailLocale } from '../locales';
import type { Channel } from '../verification/schemas';

const byChannel: Record<Channel, Record<MailLocale, string>> = {
  phone: { nl: 'telefonisch', en: 'by phone' },
  chat: { nl: 'per chat', en: 'in a chat' },
  email: { nl: 'per e-mail', en: 'by email' },
};

/** A session from before channels were kept (or without one): the helpdesk, no channel named. */
const withoutChannel: Record<MailLocale, string> = { nl: 'bij de helpdesk', en: 'with the helpdesk' };

/** The `{{verifiedBy}}` of the reset mail. */
export const verifiedByWords = (channel: Channel | undefined, locale: MailLocale) =>
  channel ? byChannel[channel][locale] : withoutChannel[locale];
