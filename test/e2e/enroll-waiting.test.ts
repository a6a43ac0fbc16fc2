// The waiting period on the customer's phone (issue 29 §1), in Chromium against the local stack: the
// reset link of a privileged customer says when it opens, in the reader's own time zone and language,
// and offers nothing to begin; the console shows the countdown and who may end it, an officer ends it
// there, and the same page goes on to the QR code. A notice's own "this wasn't me" link stops the recovery, and says so again when
// pressed twice.
import type { Page } from 'playwright-core';
import {
  createCustomer,
  knowledgeChecks,
  markEnrolled,
  passVerification,
  ticketIn,
} from '../support/fixtures';
import { mailOfKind } from '../support/mails';
import { browserSuite, desktop, phone, screenshot, signIn } from './browser';

jest.setTimeout(150_000);

const { suite, open } = browserSuite({ viewport: phone });

/** A privileged customer reset after a verified call (a second admin approves); the mails it sent. */
const privilegedReset = async (customerId: string, locale: 'nl' | 'en') => {
  const { stack } = suite;
  const email = `${customerId}@voltpark.nl`;
  const home = `${customerId}.home@example.com`;
  await createCustomer(stack, customerId, { email, locale, privileged: true, notificationEmails: [home] });
  await markEnrolled(stack, customerId);
  const verificationId = await passVerification(
    stack,
    customerId,
    await stack.helpdeskToken('agent-bram'),
    knowledgeChecks,
    {
      EMAIL: email,
    },
  );
  const pending = await stack.call('POST', `/admin/customers/${customerId}/2fa/disable`, {
    token: await stack.adminToken('admin-anna'),
    body: { verificationId, reason: 'lost phone' },
  });
  expect(pending.status).toBe(202);
  const approved = await stack.call('POST', `/admin/approvals/${pending.body.approvalId}/approve`, {
    token: await stack.adminToken('admin-dirk'),
  });
  expect(approved.status).toBe(200);
  await stack.poller?.drain();
  const notice = await mailOfKind(stack, home, 'RESET_NOTICE');
  return {
    availableAt: approved.body.recoveryAvailableAt as string,
    ticket: ticketIn(await mailOfKind(stack, email, 'RESET')),
    noticeLink: /https?:\/\/\S+#notice=\S+/.exec(notice?.body.text ?? '')?.[0] ?? '',
  };
};

const fitsThePhone = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('the waiting page on a phone', () => {
  it('says when the link opens in the reader’s time zone and language, offers nothing to begin, and goes on once the wait is over', async () => {
    const { availableAt, ticket } = await privilegedReset('ew-vip', 'nl');
    expect(ticket).not.toBe('');
    // A customer abroad: the page shows the opening in the phone's own time zone.
    const page = await open({ timezoneId: 'America/New_York' });
    await page.goto(`${suite.stack.apiUrl}/enroll/#ticket=${ticket}`);
    await page.getByRole('heading', { name: 'Uw link werkt nog niet' }).waitFor();
    const when = new Intl.DateTimeFormat('nl-NL', {
      dateStyle: 'full',
      timeStyle: 'short',
      timeZone: 'America/New_York',
    }).format(new Date(availableAt));
    expect(await page.getByTestId('opens-at').textContent()).toBe(`U kunt 2FA weer instellen vanaf ${when}.`);
    expect(await page.getByRole('button', { name: 'Beginnen' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Ik heb dit niet aangevraagd' }).count()).toBe(1);
    expect(await fitsThePhone(page)).toBe(true);
    await screenshot(page, 'enroll-waiting-01-waiting');

    // The customer's own language, English: the same page in English.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Your link does not work yet' }).waitFor();
    const whenEn = new Intl.DateTimeFormat('en-GB', {
      dateStyle: 'full',
      timeStyle: 'short',
      timeZone: 'America/New_York',
    }).format(new Date(availableAt));
    expect(await page.getByTestId('opens-at').textContent()).toBe(`You can set up 2FA again from ${whenEn}.`);

    // "Check again" while it waits: still waiting.
    await page.getByRole('button', { name: 'Check again' }).click();
    await page.getByRole('heading', { name: 'Your link does not work yet' }).waitFor();

    // The helpdesk sees the countdown and who may cut it short.
    const helpdesk = await open({ viewport: desktop });
    await signIn(helpdesk, suite.stack, 'agent-bram', '#/customers/ew-vip');
    await helpdesk.getByTestId('recovery-delay').waitFor();
    expect(await helpdesk.getByTestId('delay-who').textContent()).toBe(
      'Een security officer met een reden, niet agent-bram, admin-anna, admin-dirk.',
    );
    expect(await helpdesk.getByTestId('delay-left').textContent()).toMatch(/^2[34] u \d+ min$/);
    expect(await helpdesk.getByRole('button', { name: 'Wachttijd beëindigen' }).count()).toBe(0);

    // A security officer called the customer back and ends the wait in the console, with a reason.
    const officer = await open({ viewport: desktop });
    await signIn(officer, suite.stack, 'officer-fatima', '#/customers/ew-vip');
    await officer.getByTestId('recovery-delay').waitFor();
    await officer
      .getByLabel('Reden om de wachttijd te beëindigen')
      .fill('Klant teruggebeld op nummer in dossier');
    await officer.getByRole('button', { name: 'Wachttijd beëindigen' }).click();
    await officer.getByRole('button', { name: 'Ja, beëindigen' }).click();
    await officer.getByTestId('delay-end-outcome').waitFor();
    await screenshot(officer, 'enroll-waiting-04-officer-ended');

    // The customer's page goes on.
    await page.getByRole('button', { name: 'Check again' }).click();
    await page.getByRole('button', { name: 'Begin' }).click();
    await page.locator('img[src^="data:image/png"]').waitFor();
    expect(await fitsThePhone(page)).toBe(true);
  });

  it('a notice’s own link stops the recovery; pressed again it says it was stopped already; the mail’s link then reads locked', async () => {
    const { ticket, noticeLink } = await privilegedReset('ew-stop', 'en');
    expect(noticeLink).toContain('#notice=');
    const page = await open();
    await page.goto(noticeLink);
    await page.getByRole('heading', { name: 'Didn’t you ask for this?' }).waitFor();
    expect(await fitsThePhone(page)).toBe(true);
    await screenshot(page, 'enroll-waiting-02-notice');
    await page.getByRole('button', { name: 'Stop the recovery' }).click();
    await page.getByRole('heading', { name: 'The recovery has been stopped' }).waitFor();
    await screenshot(page, 'enroll-waiting-03-notice-reported');

    const again = await open();
    await again.goto(noticeLink);
    await again.getByRole('button', { name: 'Stop the recovery' }).click();
    await again.getByRole('heading', { name: 'The recovery was already stopped' }).waitFor();

    const mailLink = await open();
    await mailLink.goto(`${suite.stack.apiUrl}/enroll/#ticket=${ticket}`);
    await mailLink.getByRole('heading', { name: 'Your account is locked, for your protection' }).waitFor();
  });

  it('a made-up notice link is refused in plain words and stops nothing', async () => {
    const page = await open();
    await page.goto(`${suite.stack.apiUrl}/enroll/#notice=bm9ib2R5.AAAA`);
    await page.getByRole('button', { name: 'Herstel stoppen' }).click();
    await page.getByTestId('notice-error').waitFor();
    expect(await page.getByTestId('notice-error').textContent()).toContain('Deze link is niet geldig');
  });
});
