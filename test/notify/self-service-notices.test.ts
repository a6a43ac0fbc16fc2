// The notices after a self-service change (a replaced or added authenticator, renewed backup codes): "this
// wasn't me" there is advice, not a link. A one-click lock in a notice would let whoever reads any
// address on file (a further notification address, a shared mailbox) lock the customer out, and a
// link in a "your account changed" mail is what phishing imitates; so the mail says what to do.
import { renderEmail } from '../../lib/notify/render';
import { mailTemplates } from '../../lib/notify/mail-languages';
import type { SingleTemplateKind } from '../../lib/notify/mail-language';

const variables = (locale: 'nl' | 'en') => ({
  name: 'Lotte Jansen',
  at: '30 november 2026 02:10',
  helpdesk: locale === 'nl' ? 'onze helpdesk' : 'our helpdesk',
  account: 'lotte@voltpark.nl',
  method: locale === 'nl' ? 'een passkey' : 'a passkey',
});

const advice = {
  nl: { ask: 'Was u dit niet?', call: 'Bel onze helpdesk', password: 'Wijzig uw wachtwoord' },
  en: { ask: "This wasn't you?", call: 'Call our helpdesk', password: 'Change your password' },
};

const kinds: SingleTemplateKind[] = [
  'AUTHENTICATOR_REPLACED',
  'AUTHENTICATOR_ADDED',
  'PASSKEY_REMOVED',
  'BACKUP_CODES_RENEWED',
];

describe('the notice of a replacement, an addition or a renewal', () => {
  it.each(kinds.flatMap((kind) => (['nl', 'en'] as const).map((locale) => [kind, locale] as const)))(
    '%s (%s) says what to do if it was not you, names the account, and holds no link',
    (kind, locale) => {
      const email = renderEmail(mailTemplates[locale].mails[kind], locale, variables(locale));
      for (const part of [email.text, email.html]) {
        expect(part).toContain(advice[locale].ask);
        expect(part).toContain(advice[locale].call);
        expect(part).toContain(advice[locale].password);
        expect(part).toContain('lotte@voltpark.nl');
        expect(part).not.toMatch(/https?:\/\/|www\.|#ticket=|report=1|otpauth:/i);
      }
      expect(email.html).not.toMatch(/<a[\s>]|href=/i);
    },
  );
});
