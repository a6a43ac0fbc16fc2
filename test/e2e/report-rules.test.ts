// "This wasn't me" on the enrollment page only where it means something: a reset link from the email.
// A link the login service made after the password (a first enrollment) or after the password and a
// step-up (a new phone) offers no report, also when opened with &report=1, and when voided it sends the
// customer back to the profile page rather than to an email that never existed.
import type { Page } from 'playwright-core';
import { systemClock, systemRandom } from '../../lib/clock';
import { issueTicket } from '../../lib/tickets/store';
import { awaitFreshStep, phoneApp, scanQr } from '../integration/self-service-helpers';
import { createCustomer } from '../support/fixtures';
import { minutesAgo, setStored } from '../support/stored-items';
import { browserSuite, desktop, phone, screenshot, signIn } from './browser';

const { suite, open } = browserSuite({ viewport: phone });

const service = async (method: 'GET' | 'POST', path: string, body?: unknown) =>
  suite.stack.call(method, path, {
    token: await suite.stack.serviceToken(),
    ...(body === undefined ? {} : { body }),
  });
const profileTicket = async (customerId: string, body?: unknown) => {
  const issued = await service('POST', `/internal/customers/${customerId}/2fa/enrollment-ticket`, body);
  expect(issued.status).toBe(200);
  return issued.body.ticket as string;
};

/** A customer with 2FA on (enrolled through the API), and their backup codes for a step-up. */
const enrolledCustomer = async (customerId: string) => {
  await createCustomer(suite.stack, customerId, { email: `${customerId}@voltpark.nl` });
  const step = await awaitFreshStep(20);
  const ticket = await profileTicket(customerId);
  const started = await suite.stack.call('POST', '/enroll/start', { body: { ticket } });
  const app = phoneApp(scanQr(started.body.qrPng));
  const confirmed = await suite.stack.call('POST', '/enroll/confirm', {
    body: { ticket, code: app.codeForStep(step - 1) },
  });
  expect(confirmed.status).toBe(200);
  return confirmed.body.backupCodes as string[];
};

const openLink = async (ticket: string, options: { report?: boolean; locale?: string } = {}) => {
  const page = await open(options.locale ? { locale: options.locale } : {});
  await page.goto(`${suite.stack.apiUrl}/enroll/#ticket=${ticket}${options.report ? '&report=1' : ''}`);
  return page;
};

const notMeButtons = (page: Page, name = 'Ik heb dit niet aangevraagd') =>
  page.getByRole('button', { name }).count();

const twoFactorOf = async (customerId: string) =>
  (await service('GET', `/internal/customers/${customerId}/2fa`)).body;

describe('"this wasn\'t me" on the enrollment page', () => {
  it('a new-phone (REPLACE) page offers no report button, not even opened with &report=1', async () => {
    const backupCodes = await enrolledCustomer('rr-e2e-replace');
    const ticket = await profileTicket('rr-e2e-replace', { stepUpCode: backupCodes[0] });

    const page = await openLink(ticket);
    await page.getByRole('heading', { name: 'Koppel een nieuwe authenticator-app' }).waitFor();
    expect(await page.getByRole('button', { name: 'Beginnen' }).count()).toBe(1);
    expect(await notMeButtons(page)).toBe(0);
    await screenshot(page, 'report-rules-01-replace-no-report');

    // The report address of a reset email, hand-made with this ticket: the start, not the report.
    const reportPage = await openLink(ticket, { report: true });
    await reportPage.getByRole('heading', { name: 'Koppel een nieuwe authenticator-app' }).waitFor();
    expect(await reportPage.getByRole('heading', { name: 'Heeft u dit niet aangevraagd?' }).count()).toBe(0);
    expect(await notMeButtons(reportPage)).toBe(0);
    expect(await twoFactorOf('rr-e2e-replace')).toEqual({
      twoFactor: 'ENABLED',
      methods: expect.arrayContaining([expect.objectContaining({ method: 'totp' })]),
    });
  });

  it('a first-enrollment (SELF_SERVICE) page offers none either; a reset email’s page does', async () => {
    await createCustomer(suite.stack, 'rr-e2e-self', { email: 'rr-e2e-self@voltpark.nl' });
    const selfService = await openLink(await profileTicket('rr-e2e-self'));
    await selfService.getByRole('heading', { name: 'Koppel uw authenticator-app' }).waitFor();
    expect(await notMeButtons(selfService)).toBe(0);

    await createCustomer(suite.stack, 'rr-e2e-reset', { email: 'rr-e2e-reset@voltpark.nl' });
    const reset = await issueTicket(
      { customerId: 'rr-e2e-reset', purpose: 'RESET' },
      { clock: systemClock, random: systemRandom },
    );
    const resetPage = await openLink(reset.ticket);
    await resetPage.getByRole('heading', { name: 'Zet tweestapsverificatie weer aan' }).waitFor();
    expect(await notMeButtons(resetPage)).toBe(1);
  });

  it('a voided profile-page link says to start again from the profile page, in Dutch and English', async () => {
    await createCustomer(suite.stack, 'rr-e2e-voided', { email: 'rr-e2e-voided@voltpark.nl' });
    const voided = await profileTicket('rr-e2e-voided');
    await profileTicket('rr-e2e-voided');

    const nl = await openLink(voided);
    await nl.getByRole('heading', { name: 'Er is een nieuwere link gemaakt' }).waitFor();
    const dutch = (await nl.textContent('main')) ?? '';
    expect(dutch).toContain('Begin opnieuw: log in, ga naar uw profielpagina');
    expect(dutch).not.toMatch(/e-mail|verstuurd/);
    expect(await notMeButtons(nl)).toBe(0);

    // An English browser still gets the customer's language on record (Dutch) until they switch.
    const en = await openLink(voided, { locale: 'en-US' });
    await en.getByRole('heading', { name: 'Er is een nieuwere link gemaakt' }).waitFor();
    await en.getByRole('button', { name: 'Switch to English' }).click();
    await en.getByRole('heading', { name: 'A newer link has been made' }).waitFor();
    const english = (await en.textContent('main')) ?? '';
    expect(english).toContain('Start again: sign in, go to your profile page');
    expect(english).not.toMatch(/email|sent/);
    expect(await notMeButtons(en, 'I didn’t ask for this')).toBe(0);
    await screenshot(en, 'report-rules-02-voided-profile-link-english');
  });

  it('a lock reported from a replace link before this rule is worded as what it was for the officer', async () => {
    // Locks reported from a profile-page link before the rule stay in the queue until an officer
    // decides: stored as the old report left them, with no helpdesk case behind them.
    await enrolledCustomer('rr-e2e-old');
    await setStored(
      suite.stack,
      'customers',
      { customerId: 'rr-e2e-old' },
      {
        twoFactor: { S: 'LOCKED' },
        recoveryLockedAt: minutesAgo(5),
        recoveryLockFlag: { S: 'LOCKED' },
        recoveryLockCaseId: { S: '-' },
        recoveryLockReport: {
          M: {
            ticketPurpose: { S: 'REPLACE' },
            previousStatus: { S: 'ENABLED' },
            reportedAt: minutesAgo(5),
          },
        },
      },
    );
    const officer = await open({ viewport: desktop });
    await signIn(officer, suite.stack, 'officer-fatima', '#/security');
    const row = officer.locator('[data-testid="security-locks"] tr[data-customer="rr-e2e-old"]');
    await row.waitFor();
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain(
      'Via een link om de app te vervangen, aangevraagd na inloggen op de profielpagina (geen reset)',
    );
    expect(rowText).not.toMatch(/link van een link/);

    await row.getByRole('link').first().click();
    const facts = officer.getByTestId('security-case');
    await facts.waitFor();
    expect(await facts.textContent()).toContain('geen: de melding hoort niet bij een helpdeskzaak');
    expect(await facts.textContent()).not.toContain('onbekend');
    const intro = (await officer.getByTestId('case-timeline-intro').textContent()) ?? '';
    expect(intro).toContain('vanaf 24 uur vóór de melding');
    expect(intro).not.toContain('gemelde reset');
    await screenshot(officer, 'report-rules-03-officer-old-replace-report');
  });
});
