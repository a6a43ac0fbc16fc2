// Email templates: files anyone can edit, rendered with escaping, in the customer's language.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { renderEmail } from '../../lib/notify/render';
import { notificationKindOf } from '../../lib/notify/notifier';
import { mailLocales } from '../../lib/locales';
import { emailCodeTemplates, mailTemplates } from '../../lib/notify/mail-languages';

const templatesDir = join(__dirname, '../../lib/notify/templates');
const customerTemplateFolders = readdirSync(templatesDir, { withFileTypes: true }).filter(
  (entry) => entry.isDirectory() && !['security-alert', 'security-review'].includes(entry.name),
);

describe('email templates', () => {
  it('escape what a customer record holds in the HTML part and keep it as text in the text part', () => {
    const email = renderEmail(mailTemplates.en.mails.ENABLED, 'en', {
      name: '<script>alert(1)</script> & "Jan"',
      at: '25 November 2026',
      helpdesk: 'our helpdesk',
      method: 'a passkey',
    });
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Jan&quot;');
    expect(email.html).not.toContain('<script>');
    expect(email.text).toContain('<script>alert(1)</script> & "Jan"');
    expect(email.subject).toBe('Two-step verification is on');
    expect(email.html).toMatch(/^<!doctype html>/);
  });

  it('never reads a placeholder inside what a customer record holds: a name with braces is mailed as written', () => {
    // A name is the customer's own text (synced from their profile). Were it read as a template, a
    // name "{{x}}" would stop every mail to them (the guide, the reset notice) and "{{content}}" would
    // copy the mail into itself.
    for (const name of ['Jan {{x}}', 'Jan {{content}}', 'Jan {{{subject}}}']) {
      const email = renderEmail(mailTemplates.nl.guides.REPLACE_AUTHENTICATOR, 'nl', {
        name,
        at: '30 november 2026 02:10',
        helpdesk: 'onze helpdesk',
      });
      expect(email.text).toContain(`Beste ${name},`);
      expect(email.html).toContain(`Beste ${name},`);
      expect(email.html.match(/<!doctype html>/g)).toHaveLength(1);
    }
  });

  it('refuse to render with a variable missing rather than mail a hole', () => {
    expect(() => renderEmail(mailTemplates.nl.mails.ENABLED, 'nl', { name: 'Jan' })).toThrow(/at is missing/);
  });

  it('exist in every mail language for every customer notification, each starting with its subject', () => {
    for (const locale of mailLocales) {
      const { mails, guides, resetNotice } = mailTemplates[locale];
      const templates = { ...mails, ...guides, resetNotice, emailCode: emailCodeTemplates[locale] };
      // One per template folder that is not the security team's: a folder no language file names fails here.
      expect(Object.keys(templates)).toHaveLength(customerTemplateFolders.length);
      for (const [kind, source] of Object.entries(templates)) {
        expect({ kind, locale, subject: /^Subject: .+/.test(source.text) }).toEqual({
          kind,
          locale,
          subject: true,
        });
        expect(source.html.length).toBeGreaterThan(50);
      }
    }
  });

  it('map audit events to the email they call for', () => {
    expect(notificationKindOf({ type: 'TWO_FA_DISABLED', details: {} })).toBe('RESET');
    expect(notificationKindOf({ type: 'BACKUP_CODE_USED', details: { backupCodesLeft: 4 } })).toBe(
      'BACKUP_CODE_USED',
    );
    expect(notificationKindOf({ type: 'BACKUP_CODE_USED', details: { backupCodesLeft: 1 } })).toBe(
      'LAST_BACKUP_CODE',
    );
    expect(notificationKindOf({ type: 'UNAUTHORIZED_RESET_REPORTED', details: {} })).toBe('SECURITY_ALERT');
    expect(notificationKindOf({ type: 'RESET_EMAIL_SENT', details: {} })).toBeUndefined();
    // Where the details decide: only the customer's own removal, only a guide asked for, only an alert's
    // confirmation, only a disable that alerts security.
    const decided = (
      type: Parameters<typeof notificationKindOf>[0]['type'],
      details: Record<string, string | boolean>,
    ) => notificationKindOf({ type, details });
    expect(decided('PASSKEY_REMOVED', { reason: 'SELF_SERVICE' })).toBe('PASSKEY_REMOVED');
    expect(decided('PASSKEY_REMOVED', { reason: 'RESET' })).toBeUndefined();
    expect(decided('HELPDESK_TRIAGE_RECORDED', { guideEmailed: true })).toBe('SELF_SERVICE_GUIDE');
    expect(decided('HELPDESK_TRIAGE_RECORDED', { guideEmailed: false })).toBeUndefined();
    expect(decided('NOTIFICATION_SENT', { kind: 'SECURITY_ALERT' })).toBe('REPORT_RECEIVED');
    expect(decided('NOTIFICATION_SENT', { kind: 'RESET' })).toBeUndefined();
    expect(decided('TWO_FA_DISABLE_PENDING_APPROVAL', { alertSecurity: true })).toBe('SECURITY_REVIEW');
    expect(decided('TWO_FA_DISABLE_PENDING_APPROVAL', { alertSecurity: false })).toBeUndefined();
  });
});
