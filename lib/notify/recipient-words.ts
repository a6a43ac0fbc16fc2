// Where the reset link went, in the reset mail and the notices: the main address as a rule, or the
// further address on file an admin picked for a customer who could not open the main mailbox.
import type { MailLocale } from '../locales';
import { mailWords } from './mail-languages';
import { escapeHtml } from './render';

/** `elsewhere`/`elsewhereHtml` for the reset mail (a paragraph, or empty) and `linkWent` for its notices. */
export const recipientWords = (further: boolean, account: string, locale: MailLocale) => {
  const language = mailWords[locale];
  const words = further ? language.atFurtherAddress.replaceAll('{account}', account) : '';
  return {
    elsewhere: words ? `${words}\n\n` : '',
    elsewhereHtml: words ? `<p><strong>${escapeHtml(words)}</strong></p>` : '',
    linkWent: language.linkWent[further ? 'FURTHER_ADDRESS' : 'EMAIL'],
  };
};
