// Where the reset link went, in the reset mail and the notices: the main address as a rule, or the
// further address on file an admin picked for a customer who could not open the main mailbox.
import type { MailLocale } from '../locales';
import { escapeHtml } from './render';

/** The reset mail at a further address: which account it is about, and why it came here. */
const atFurtherAddress: Record<MailLocale, string> = {
  nl: 'Dit bericht gaat over uw account met e-mailadres {account}. U kon dat postvak niet openen; daarom heeft onze helpdesk de link naar dit adres gestuurd, dat bij ons voor uw account bekend is. Op {account} ontvangt u alleen een melding.',
  en: 'This message is about your account with the email address {account}. You could not open that mailbox, so our helpdesk sent the link to this address, which is on file for your account. {account} receives a notice only.',
};

/** The notices' sentence on where the link went (`{{linkWent}}`). */
const linkWent: Record<'EMAIL' | 'FURTHER_ADDRESS', Record<MailLocale, string>> = {
  EMAIL: {
    nl: 'De link om 2FA weer aan te zetten is alleen naar het hoofdadres van het account gestuurd.',
    en: "The link to turn 2FA on again went only to the account's main address.",
  },
  FURTHER_ADDRESS: {
    nl: 'De link om 2FA weer aan te zetten is op verzoek van de helpdesk naar één ander adres gestuurd dat bij ons voor dit account bekend is, niet naar dit adres.',
    en: 'At the helpdesk’s request, the link to turn 2FA back on was sent to one other address on file for this account, not to this one.',
  },
};

/** `elsewhere`/`elsewhereHtml` for the reset mail (a paragraph, or empty) and `linkWent` for its notices. */
export const recipientWords = (further: boolean, account: string, locale: MailLocale) => {
  const words = further ? atFurtherAddress[locale].replaceAll('{account}', account) : '';
  return {
    elsewhere: words ? `${words}\n\n` : '',
    elsewhereHtml: words ? `<p><strong>${escapeHtml(words)}</strong></p>` : '',
    linkWent: linkWent[further ? 'FURTHER_ADDRESS' : 'EMAIL'][locale],
  };
};
