// The customer's enrollment page in a real browser: the headers it is served with, the ticket
// leaving the address bar, helpful pages for links that no longer work, and "this wasn't me".
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { createHash } from 'node:crypto';
import type { Page, Request } from 'playwright-core';
import { systemClock, systemRandom } from '../../lib/clock';
import { issueTicket } from '../../lib/tickets/store';
import { contentSecurityPolicy } from '../../web/pages';
import { createCustomer } from '../support/fixtures';
import { browserSuite, focusedKey, phone, screenshot } from './browser';

const { suite, open } = browserSuite({ viewport: phone });

/** A ticket as the profile page's "2FA aanzetten" gets one (the same page opens it as the email's). */
const ticketFor = async (customerId: string) => {
  await createCustomer(suite.stack, customerId, { email: `${customerId}@voltpark.nl` });
  const issued = await suite.stack.call('POST', `/internal/customers/${customerId}/2fa/enrollment-ticket`, {
    token: await suite.stack.serviceToken(),
  });
  expect(issued.status).toBe(200);
  return issued.body.ticket as string;
};

/** A reset email's ticket: the only kind "this wasn't me" works with (lib/reset/report.ts). */
const resetTicketFor = async (customerId: string) => {
  await createCustomer(suite.stack, customerId, { email: `${customerId}@voltpark.nl` });
  return (await issueTicket({ customerId, purpose: 'RESET' }, { clock: systemClock, random: systemRandom }))
    .ticket;
};

const twoFactorOf = async (customerId: string) =>
  (
    await suite.stack.call('GET', `/internal/customers/${customerId}/2fa`, {
      token: await suite.stack.serviceToken(),
    })
  ).body.twoFactor;

const state = (page: Page) => page.locator('[data-state]').first().getAttribute('data-state');

describe('the enrollment page', () => {
  it('is served with Referrer-Policy no-referrer, the strict CSP and no caching', async () => {
    const page = await open();
    const response = await page.goto(`${suite.stack.apiUrl}/enroll/`);
    const headers = response?.headers() ?? {};
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['content-security-policy']).toBe(contentSecurityPolicy);
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(headers['cache-control']).toBe('no-store');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('DENY');
    const script = await page.request.get(`${suite.stack.apiUrl}/enroll/app.js`);
    expect(script.headers()['content-security-policy']).toBe(contentSecurityPolicy);
    expect(script.headers()['content-type']).toMatch(/^text\/javascript/);
  });

  it('without a ticket, says to open it from the personal link: the profile page’s or the email’s', async () => {
    const page = await open();
    await page.goto(`${suite.stack.apiUrl}/enroll/`);
    await page.getByRole('heading', { name: 'Open deze pagina via uw persoonlijke link' }).waitFor();
    const body = (await page.locator('[data-state="no-ticket"]').textContent()) ?? '';
    expect(body).toContain('profielpagina');
    expect(body).toContain('e-mail');
    await screenshot(page, 'enroll-01-no-ticket');
  });

  it('takes the ticket out of the address bar at once and sends it only in a request body, never as a referrer', async () => {
    const page = await open();
    const requests: Request[] = [];
    page.on('request', (request) => requests.push(request));
    const ticket = 'bm90LWEtcmVhbC10aWNrZXQtYnV0LXRoZS1yaWdodC1sZW5ndGg';
    await page.goto(`${suite.stack.apiUrl}/enroll/#ticket=${ticket}`);
    // An unknown link says so at once, before any "Beginnen".
    await page.getByRole('heading', { name: 'Deze link werkt niet' }).waitFor();
    expect(page.url()).toBe(`${suite.stack.apiUrl}/enroll/`);
    expect(await page.evaluate(() => window.location.hash)).toBe('');
    expect(await page.getByRole('button', { name: 'Beginnen' }).count()).toBe(0);
    expect(await page.locator('[data-state="ticket-error"]').getAttribute('data-code')).toBe(
      'TICKET_UNKNOWN',
    );
    expect(await page.textContent('main')).toContain('Neem contact op met de helpdesk');
    await screenshot(page, 'enroll-03-unknown-link');

    const status = requests.find((request) => request.url().endsWith('/enroll/status'));
    expect(status?.method()).toBe('POST');
    expect(status?.postDataJSON()).toEqual({ ticket });
    expect((await status?.allHeaders())?.referer ?? '').toBe('');
    for (const request of requests) expect(request.url()).not.toContain(ticket);
  });

  it('says an expired link has expired and how to get a new one, in the language the customer picks', async () => {
    const ticket = await ticketFor('e2e-expired');
    const ticketHash = createHash('sha256').update(ticket).digest('hex');
    await suite.stack.dynamodb.send(
      new UpdateItemCommand({
        TableName: suite.stack.tableNames.tickets,
        Key: { ticketHash: { S: ticketHash } },
        UpdateExpression: 'SET expiresAt = :past',
        ExpressionAttributeValues: { ':past': { S: new Date(Date.now() - 60_000).toISOString() } },
      }),
    );
    const page = await open();
    await page.goto(`${suite.stack.apiUrl}/enroll/#ticket=${ticket}`);
    await page.getByRole('heading', { name: 'Deze link is verlopen' }).waitFor();
    expect(await page.textContent('main')).toContain('Vraag de helpdesk om een nieuwe link');
    await screenshot(page, 'enroll-04-expired-link');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'This link has expired' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await screenshot(page, 'enroll-05-expired-link-english');
  });

  it('"this wasn\'t me" asks first, says what will happen, then locks recovery and tells what comes next', async () => {
    const ticket = await resetTicketFor('e2e-notme');
    const page = await open();
    await page.goto(`${suite.stack.apiUrl}/enroll/#ticket=${ticket}&report=1`);
    await page.getByRole('heading', { name: 'Heeft u dit niet aangevraagd?' }).waitFor();
    expect(page.url()).toBe(`${suite.stack.apiUrl}/enroll/`);
    expect(await page.textContent('main')).toContain('waarschuwen we ons beveiligingsteam');
    await screenshot(page, 'enroll-06-report-confirm');
    // Backing out is one keypress away and changes nothing.
    await page.getByRole('button', { name: 'Terug' }).focus();
    await page.keyboard.press('Enter');
    expect(await state(page)).toBe('intro');
    expect(await twoFactorOf('e2e-notme')).toBe('DISABLED');

    await page.getByRole('button', { name: 'Ik heb dit niet aangevraagd' }).click();
    expect(await focusedKey(page)).toBe('report-title');
    await page.getByRole('button', { name: 'Ja, melden: dit was ik niet' }).click();
    await page.getByRole('heading', { name: 'Bedankt, uw melding is ontvangen' }).waitFor();
    expect(await page.textContent('main')).toContain('Zij nemen contact met u op.');
    expect(await page.getByTestId('account').textContent()).toContain('e2e-notme@voltpark.nl');
    await screenshot(page, 'enroll-07-reported');
    expect(await twoFactorOf('e2e-notme')).toBe('LOCKED');

    // The same link afterwards, on an English browser: locked for the customer's protection (never
    // "used: you're done"), in the customer's own language (Dutch on record) until they switch.
    const again = await open({ locale: 'en-US' });
    await again.goto(`${suite.stack.apiUrl}/enroll/#ticket=${ticket}`);
    await again.getByRole('heading', { name: 'Uw account is geblokkeerd, voor uw bescherming' }).waitFor();
    await again.getByRole('button', { name: 'Switch to English' }).click();
    await again.getByRole('heading', { name: 'Your account is locked, for your protection' }).waitFor();
    await screenshot(again, 'enroll-08-spent-link-english');
  });
});
