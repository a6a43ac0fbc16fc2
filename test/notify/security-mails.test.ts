// The security team's mails (alert after "this wasn't me", review of a parked disable): the customer
// by name, company and id, the case by its number, and no raw codes or gendered pronoun.
import { renderEmail } from '../../lib/notify/render';
import { securityCaseLabel, securityCustomerLabel } from '../../lib/notify/security-mail';
import { securityTeamTemplates } from '../../lib/notify/templates';

const jan = { customerId: 'cust-1001', fullName: 'Jan de Vries', companyName: 'De Vries Laadpalen BV' };
const consoleLink = 'https://mfa.example/console/#customer=cust-1001';

const alertFor = (customer: typeof jan | Omit<typeof jan, 'companyName'>, caseNumber?: string) =>
  renderEmail(securityTeamTemplates.SECURITY_ALERT, 'nl', {
    at: '30 november 2026 02:10 (Nederlandse tijd)',
    customer: securityCustomerLabel(customer),
    caseNumber: securityCaseLabel(caseNumber),
    consoleLink,
  });

const review = () =>
  renderEmail(securityTeamTemplates.SECURITY_REVIEW, 'nl', {
    at: '30 november 2026 02:10 (Nederlandse tijd)',
    customer: securityCustomerLabel(jan),
    caseNumber: securityCaseLabel('HD-K8EM-817R'),
    requestedBy: 'admin-anna',
    verifiedBy: 'agent-bram',
    alert: 'bevoorrechte klant',
    consoleLink,
  });

const bothParts = (email: { subject: string; text: string; html: string }) =>
  [email.subject, email.text, email.html].join('\n');

describe('the security team’s mails', () => {
  it('name the customer by name, company and id, and the case by its number, in text and HTML', () => {
    for (const email of [alertFor(jan, 'HD-K8EM-817R'), review()]) {
      for (const part of [email.text, email.html]) {
        expect(part).toContain('klant Jan de Vries (De Vries Laadpalen BV, cust-1001)');
        expect(part).toContain('Zaak: HD-K8EM-817R');
        expect(part).toContain(consoleLink);
      }
    }
  });

  it('leave the company out where the record has none, without an empty pair of commas', () => {
    const { customerId, fullName } = jan;
    expect(alertFor({ customerId, fullName }, 'HD-K8EM-817R').text).toContain(
      'klant Jan de Vries (cust-1001)',
    );
  });

  it('say in words that a report belongs to no helpdesk case, instead of a dash', () => {
    const email = alertFor(jan);
    expect(email.text).toContain('Zaak: geen, de melding hoort niet bij een helpdeskzaak');
    expect(email.text).not.toMatch(/Zaak[^:\n]*: -/);
  });

  it('carry no email address, no gendered pronoun and no raw codes', () => {
    for (const email of [alertFor(jan, 'HD-K8EM-817R'), alertFor(jan), review()]) {
      const all = bothParts(email);
      expect(all).not.toMatch(/\b(hij|zij|hem|haar klant|zijn account)\b/i);
      expect(all).not.toContain('LOCKED');
      expect(all).not.toContain('caseId');
      expect(all).not.toContain('audit trail');
      // The only address is the console link's host: no customer's mailbox.
      expect(all.replaceAll(consoleLink, '')).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
    }
    expect(alertFor(jan, 'HD-K8EM-817R').subject).toBe(
      '[Beveiliging] Klant meldt een 2FA-reset die de klant niet heeft aangevraagd',
    );
  });
});
