// A reset mail that bounces, as the agent sees it in a real browser (Debian's Chromium): SES's bounce
// event (played through POST /local/ses-events, the local stand-in for SES's events) puts a red notice
// on the customer page that says what to do (call back, ask for an address that works), in Dutch and
// English, and it goes once the login service syncs a new address.
import type { Page } from 'playwright-core';
import { auditEventsOf } from '../support/audit';
import { createCustomer, emailOf, mailTo, resetCustomer } from '../support/fixtures';
import { sesFeedbackEvent } from '../../local/ses-feedback';
import { axeViolations } from './axe';
import { browserSuite, screenshot, signIn } from './browser';

jest.setTimeout(150_000);

const { suite, open } = browserSuite();

/** The customer page as an agent opens it, once the customer card has loaded. */
const customerPage = async (page: Page, customerId: string, agent: 'agent-bram' | 'agent-cees') => {
  await signIn(page, suite.stack, agent, `#/customers/${customerId}`);
  await page.getByTestId('customer').getByTestId('two-factor-status').waitFor();
};

/** The notice's text, and whether it is drawn in the console's red (--bad, #b42318). */
const noticeOf = async (page: Page) => {
  const notice = page.getByTestId('mail-feedback');
  await notice.waitFor();
  return {
    text: (await notice.textContent()) ?? '',
    border: await notice.evaluate((element) => getComputedStyle(element).borderTopColor),
  };
};

describe('the bounce notice on the customer page', () => {
  it('tells the agent in plain words to call back and ask for a working address, and goes after a new address', async () => {
    const customerId = 'e2e-bounce';
    const address = emailOf(customerId);
    await resetCustomer(suite.stack, customerId, {
      agent: await suite.stack.helpdeskToken('agent-bram'),
      admin: await suite.stack.adminToken('admin-anna'),
    });
    const [mail] = await mailTo(suite.stack, address);
    const sent = (await auditEventsOf(suite.stack, customerId)).find(
      (event) => event.type === 'RESET_EMAIL_SENT',
    );
    expect(sent?.details.messageId).toBe(mail?.messageId);

    // Before SES says anything, the page has no notice: a delivered mail is not a problem.
    const before = await open();
    await customerPage(before, customerId, 'agent-bram');
    expect(await before.getByTestId('mail-feedback').count()).toBe(0);

    const bounced = await suite.stack.call('POST', '/local/ses-events', {
      body: sesFeedbackEvent({
        messageId: String(mail?.messageId),
        notification: String(sent?.details.triggeredBy),
        configurationSet: 'mfa-recovery-local',
        recipient: address,
      }),
    });
    expect(bounced.body).toEqual({ result: 'RECORDED' });

    const nl = await open();
    await customerPage(nl, customerId, 'agent-bram');
    const dutch = await noticeOf(nl);
    expect(dutch.border).toBe('rgb(180, 35, 24)');
    expect(dutch.text).toContain('De herstel-e-mail van');
    expect(dutch.text).toContain('is niet aangekomen');
    expect(dutch.text).toContain('(blijvend)');
    expect(dutch.text).toContain('De klant heeft dus geen link.');
    expect(dutch.text).toContain('Bel de klant terug en vraag om een e-mailadres dat werkt');
    // SES's words stay out of the notice (the address on file is in the card above it).
    expect(dutch.text).not.toMatch(/Permanent|General|bounce/i);
    expect(await axeViolations(nl)).toEqual([]);
    await screenshot(nl, 'mail-bounce-01-notice-nl');

    const en = await open({ locale: 'en-GB' });
    await customerPage(en, customerId, 'agent-cees');
    const english = await noticeOf(en);
    expect(english.border).toBe('rgb(180, 35, 24)');
    expect(english.text).toContain('The reset email of');
    expect(english.text).toContain('did not arrive');
    expect(english.text).toContain('(for good)');
    expect(english.text).toContain('So the customer has no link.');
    expect(english.text).toContain('Call the customer back and ask for an email address that works');
    expect(english.text).not.toMatch(/Permanent|General|bounce/i);
    expect(await axeViolations(en)).toEqual([]);
    await screenshot(en, 'mail-bounce-02-notice-en');

    // The customer has the address changed in their account; the login service syncs it.
    await new Promise((done) => setTimeout(done, 5));
    await createCustomer(suite.stack, customerId, { email: `${customerId}.new@example.nl` });
    await nl.reload();
    await nl.getByTestId('customer').getByTestId('two-factor-status').waitFor();
    expect(await nl.getByTestId('mail-feedback').count()).toBe(0);
    expect(await axeViolations(nl)).toEqual([]);
    // The bounce stays in the customer's audit trail.
    expect((await auditEventsOf(suite.stack, customerId)).map((event) => event.type)).toContain(
      'RESET_EMAIL_BOUNCED',
    );
  });
});
