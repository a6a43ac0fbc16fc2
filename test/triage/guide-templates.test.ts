// The self-service guide: one per path, in every mail language, naming the profile page's own buttons,
// mailed only for a triage that advised self-service and asked for it.
import { notificationKindOf } from '../../lib/audit/outbox';
import { mailLocales, type MailLocale } from '../../lib/locales';
import { renderEmail } from '../../lib/notify/render';
import { mailTemplates } from '../../lib/notify/mail-languages';
import { selfServicePaths } from '../../lib/triage/advice';

const variables = { name: 'Jan de Vries', at: '30 november 2026', helpdesk: 'onze helpdesk' };

/** The login service's button names, in each mail language (tsc names a language without them). */
const button: Record<(typeof selfServicePaths)[number], Record<MailLocale, string>> = {
  REPLACE_AUTHENTICATOR: { nl: 'Authenticator vervangen', en: 'Replace authenticator' },
  BACKUP_CODE_SIGN_IN: { nl: 'Back-upcode gebruiken', en: 'Use a backup code' },
  PASSKEY_SIGN_IN: { nl: 'Authenticator vervangen', en: 'Replace authenticator' },
  RENEW_BACKUP_CODES: { nl: 'Back-upcodes vernieuwen', en: 'Renew backup codes' },
  REMOVE_PASSKEY: { nl: 'Verwijderen', en: 'Remove' },
};

describe('the self-service guides', () => {
  it.each(selfServicePaths)('%s has a guide in every mail language with the button to press', (path) => {
    for (const locale of mailLocales) {
      const email = renderEmail(mailTemplates[locale].guides[path], locale, variables);
      expect(email.text).toContain(`"${button[path][locale]}"`);
      expect(email.html).toContain(button[path][locale]);
      // No link and no code: a guide in the wrong mailbox recovers nothing.
      expect(email.text).not.toMatch(/https?:|#ticket=/);
    }
  });

  it('goes out only for a triage that asked for it', () => {
    const triage = (guideEmailed: boolean) => ({
      type: 'HELPDESK_TRIAGE_RECORDED' as const,
      details: { advice: 'SELF_SERVICE', selfServicePath: 'REPLACE_AUTHENTICATOR', guideEmailed },
    });
    expect(notificationKindOf(triage(true))).toBe('SELF_SERVICE_GUIDE');
    expect(notificationKindOf(triage(false))).toBeUndefined();
  });
});
