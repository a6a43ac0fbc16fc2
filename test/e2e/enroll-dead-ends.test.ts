// No customer dead-ends on the enrollment page (issue 24), in Chromium on a phone against the local
// stack: after "this wasn't me" the old link reads as locked for the customer's protection (who calls,
// the case number, the helpdesk's number), never "you're done"; every "contact the helpdesk" names the
// number; "2FA is already on" sends a new phone to self-service; the page speaks the customer's language.
import type { Page } from 'playwright-core';
import { systemClock, systemRandom } from '../../lib/clock';
import { helpdeskPhones } from '../../lib/locales';
import { issueTicket } from '../../lib/tickets/store';
import { createCustomer, knowledgeChecks, markEnrolled, passVerification } from '../support/fixtures';
import { browserSuite, phone, screenshot } from './browser';

const { suite, open } = browserSuite({ viewport: phone });

/**
 * A customer the helpdesk reset after a verified call, and the reset email's link (issued as the
 * notifier issues it: for the session's case), with that session's case number.
 */
const resetByHelpdesk = async (customerId: string, locale: 'nl' | 'en') => {
  const email = `${customerId}@voltpark.nl`;
  await createCustomer(suite.stack, customerId, { email, locale });
  await markEnrolled(suite.stack, customerId);
  const agent = await suite.stack.helpdeskToken('agent-bram');
  const admin = await suite.stack.adminToken('admin-anna');
  const verificationId = await passVerification(suite.stack, customerId, agent, knowledgeChecks, {
    EMAIL: email,
  });
  const disabled = await suite.stack.call('POST', `/admin/customers/${customerId}/2fa/disable`, {
    token: admin,
    body: { verificationId, reason: 'lost phone' },
  });
  expect(disabled.status).toBe(200);
  const session = await suite.stack.call('GET', `/admin/verifications/${verificationId}`, { token: admin });
  const { ticket } = await issueTicket(
    { customerId, purpose: 'RESET', caseId: verificationId },
    { clock: systemClock, random: systemRandom },
  );
  return { ticket, caseNumber: session.body.caseNumber as string };
};

const main = async (page: Page) => (await page.textContent('main')) ?? '';

describe('after "this wasn\'t me"', () => {
  it('the old link says the account is locked for their protection, who calls, the case and the helpdesk number; never "done"', async () => {
    // An English customer on a Dutch phone: the page speaks the customer's language from the link.
    const { ticket, caseNumber } = await resetByHelpdesk('dd-report', 'en');
    const page = await open();
    await page.goto(`${suite.stack.apiUrl}/enroll/#ticket=${ticket}&report=1`);
    await page.getByRole('heading', { name: 'Didn’t you ask for this?' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByRole('button', { name: 'Yes, report: this wasn’t me' }).click();
    await page.getByRole('heading', { name: 'Thank you, we have received your report' }).waitFor();
    const reported = await main(page);
    // What the alert and the confirmation mail say: signing in is blocked; not "change your password" as if one could.
    expect(reported).toContain('Signing in to your account is blocked, with your password too');
    expect(reported).not.toContain('To be safe, change your password');
    expect(reported).toContain('You will get a confirmation by email');
    expect(await page.getByTestId('case-number').textContent()).toBe(`Case number: ${caseNumber}`);
    expect(await page.getByTestId('helpdesk-phone').getAttribute('href')).toBe('tel:+31207947700');
    await screenshot(page, 'enroll-dead-ends-01-reported');

    // The mail's link again, later, in another tab: locked, not "already used, you're done".
    const again = await open();
    await again.goto(`${suite.stack.apiUrl}/enroll/#ticket=${ticket}`);
    await again.getByRole('heading', { name: 'Your account is locked, for your protection' }).waitFor();
    const locked = await main(again);
    expect(locked).toContain('Our security team will call you back');
    expect(locked).toContain(`Case number: ${caseNumber}`);
    expect(locked).toContain(`Helpdesk: ${helpdeskPhones.en}`);
    expect(locked).not.toMatch(/you are done|already been used/i);
    // No second report from a locked account's link.
    expect(await again.getByRole('button', { name: 'I didn’t ask for this' }).count()).toBe(0);
    await screenshot(again, 'enroll-dead-ends-02-locked-link');
    // The customer may still switch; the Dutch page says the same.
    await again.getByRole('button', { name: 'Schakel over naar Nederlands' }).click();
    await again.getByRole('heading', { name: 'Uw account is geblokkeerd, voor uw bescherming' }).waitFor();
    expect(await main(again)).toContain(`Zaaknummer: ${caseNumber}`);
    expect(await main(again)).toContain(`Helpdesk: ${helpdeskPhones.nl}`);
  });
});

describe('"contact the helpdesk" names the number', () => {
  it('without a ticket and with an unknown link, the helpdesk number is there to tap', async () => {
    const page = await open();
    await page.goto(`${suite.stack.apiUrl}/enroll/`);
    await page.getByRole('heading', { name: 'Open deze pagina via uw persoonlijke link' }).waitFor();
    expect(await page.getByTestId('helpdesk-phone').textContent()).toBe(`Helpdesk: ${helpdeskPhones.nl}`);
    expect(await page.getByTestId('helpdesk-phone').getAttribute('href')).toBe('tel:0207947700');
    await page.goto(
      `${suite.stack.apiUrl}/enroll/#ticket=bm90LWEtcmVhbC10aWNrZXQtYnV0LXRoZS1yaWdodC1sZW5ndGg`,
    );
    await page.getByRole('heading', { name: 'Deze link werkt niet' }).waitFor();
    expect(await main(page)).toContain(`Helpdesk: ${helpdeskPhones.nl}`);
    // An unknown link names no case: there is none to name.
    expect(await page.getByTestId('case-number').count()).toBe(0);
  });

  it('"2FA is already on" sends a new phone to self-service, and names the helpdesk only for a lost old phone', async () => {
    const { ticket, caseNumber } = await resetByHelpdesk('dd-already', 'nl');
    // The customer turned 2FA on some other way meanwhile (the mail's link still opens).
    await markEnrolled(suite.stack, 'dd-already');
    const page = await open();
    await page.goto(`${suite.stack.apiUrl}/enroll/#ticket=${ticket}`);
    await page.getByRole('button', { name: 'Beginnen' }).click();
    await page.getByRole('heading', { name: 'Tweestapsverificatie staat al aan' }).waitFor();
    const text = await main(page);
    expect(text).toContain('Een nieuwe telefoon? Dat regelt u zelf');
    expect(text).toContain('“Authenticator vervangen”');
    expect(text).not.toContain('Wilt u een nieuwe telefoon koppelen? Neem contact op met de helpdesk.');
    expect(text).toContain(`Zaaknummer: ${caseNumber}`);
    expect(text).toContain(`Helpdesk: ${helpdeskPhones.nl}`);
    await screenshot(page, 'enroll-dead-ends-03-already-on');
  });
});
