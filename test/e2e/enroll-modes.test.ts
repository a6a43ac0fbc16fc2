// The enrollment page in every mode, in Chromium, with oathtool as the phones and zbarimg as their
// camera: a new-phone move with the old phone in hand (replace mode, on the phone itself), a lost phone
// with a backup code (on a computer), renewed backup codes, notices in every inbox on file, and links
// that no longer work saying so the moment the page opens. Every step names the service and the
// account, and so do the printed and downloaded backup codes.
import type { Page, Request } from 'playwright-core';
import { systemClock, systemRandom } from '../../lib/clock';
import { issueTicket } from '../../lib/tickets/store';
import { hashTicket } from '../../lib/tickets/ticket';
import { awaitFreshStep, phoneApp, scanQr } from '../integration/self-service-helpers';
import { createCustomer } from '../support/fixtures';
import { minutesAgo, setStored } from '../support/stored-items';
import type { SentEmail } from '../support/stack';
import { browserSuite, desktop, downloadedText, focusedKey, phone, screenshot } from './browser';

const { suite, open } = browserSuite({ viewport: phone });

const service = async (method: 'GET' | 'POST', path: string, body?: unknown) =>
  suite.stack.call(method, path, {
    token: await suite.stack.serviceToken(),
    ...(body === undefined ? {} : { body }),
  });
const verify = (customerId: string, code: string) =>
  service('POST', `/internal/customers/${customerId}/2fa/verify`, { code });
const ticketOf = (enrollUrl: string) =>
  new URLSearchParams(new URL(enrollUrl).hash.slice(1)).get('ticket') ?? '';

/**
 * A customer with 2FA on, enrolled through the API with the code of the step before `step`, so the
 * codes of `step` and later are unused for the test's step-ups.
 */
const enrolledCustomer = async (customerId: string, notificationEmails?: string[]) => {
  const email = `${customerId}@voltpark.nl`;
  await createCustomer(suite.stack, customerId, {
    email,
    ...(notificationEmails ? { notificationEmails } : {}),
  });
  const step = await awaitFreshStep(25);
  const first = await service('POST', `/internal/customers/${customerId}/2fa/enrollment-ticket`);
  const ticket = ticketOf(first.body.enrollUrl);
  const started = await suite.stack.call('POST', '/enroll/start', { body: { ticket } });
  const oldPhone = phoneApp(scanQr(started.body.qrPng));
  const confirmed = await suite.stack.call('POST', '/enroll/confirm', {
    body: { ticket, code: oldPhone.codeForStep(step - 1) },
  });
  expect(confirmed.status).toBe(200);
  return { email, step, oldPhone, oldCodes: confirmed.body.backupCodes as string[] };
};

/** The account line the page shows on this step: the service and the customer's address. */
const expectAccountShown = async (page: Page, email: string) => {
  const line = page.getByTestId('account');
  await line.waitFor();
  expect(await line.innerText()).toBe(`Uw Cube-account: ${email}`);
};

const boxOf = async (page: Page, selector: string) => {
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} is not on screen`);
  return box;
};

const inbox = async (address: string) =>
  (await suite.stack.sentEmails()).filter((email) => email.destination.to.includes(address));

/** A notice reached the address, says what to do if it was not the customer, and offers no link to click. */
const expectNotice = (mail: SentEmail[], subject: string) => {
  const notice = mail.find((email) => email.subject === subject);
  expect(notice).toBeDefined();
  for (const part of [notice?.body.text ?? '', notice?.body.html ?? '']) {
    expect(part).toContain('Was u dit niet?');
    expect(part).toContain('Bel onze helpdesk');
    expect(part).toContain('Wijzig uw wachtwoord');
    expect(part).not.toMatch(/https?:\/\/|#ticket=|report=1/);
  }
  expect(notice?.body.html).not.toMatch(/<a[\s>]/);
};

/** The code step after a wrong code: the message above the input, tied to it, announced, focus kept. */
const expectWrongCodeShown = async (page: Page) => {
  const notice = page.locator('[data-testid="confirm-error"][data-code="WRONG_CODE"]');
  await notice.waitFor();
  expect(await notice.textContent()).toContain('Die code klopt niet.');
  expect(await notice.getAttribute('role')).toBe('alert');
  const input = page.getByLabel('6-cijferige code');
  const [noticeBox, inputBox] = [await notice.boundingBox(), await input.boundingBox()];
  expect((noticeBox?.y ?? 0) + (noticeBox?.height ?? 0)).toBeLessThanOrEqual(inputBox?.y ?? 0);
  const noticeId = await notice.getAttribute('id');
  expect((await input.getAttribute('aria-describedby'))?.split(' ')).toContain(noticeId);
  expect(await input.getAttribute('aria-invalid')).toBe('true');
  expect(await focusedKey(page)).toBe('code');
  expect(await input.inputValue()).toBe('');
};

describe('a new phone, with the old one in hand, set up on the new phone itself', () => {
  it('replace mode: open-in-app first, service and account on every step, the old app refused after', async () => {
    const customerId = 'e2e-move';
    const home = 'e2e-move-home@example.nl';
    const { email, step, oldPhone, oldCodes } = await enrolledCustomer(customerId, [home]);
    const issued = await service('POST', `/internal/customers/${customerId}/2fa/enrollment-ticket`, {
      stepUpCode: oldPhone.codeForStep(step),
    });
    expect(issued.status).toBe(200);

    const page = await open();
    await page.goto(issued.body.enrollUrl);
    await page.getByRole('heading', { name: 'Koppel een nieuwe authenticator-app' }).waitFor();
    await expectAccountShown(page, email);
    expect(await page.textContent('main')).toContain('Uw huidige app blijft werken');
    // On a phone the app is on this device: the start screen says a tap adds the account, not "scan".
    expect(await page.textContent('main')).toContain(
      'Voeg uw account toe aan de app: op deze telefoon met één tik.',
    );
    expect(await page.textContent('main')).not.toContain('Scan de QR-code met de app.');
    expect(await page.textContent('header')).toContain('Cube');
    await screenshot(page, 'enroll-modes-01-replace-intro-phone');
    await page.getByRole('button', { name: 'Beginnen' }).click();

    // The QR step on a phone: the app is on this device, so the button comes first, on the first screen.
    await page.getByRole('heading', { name: 'Stap 1: Voeg uw account toe aan de app' }).waitFor();
    await expectAccountShown(page, email);
    await page.getByTestId('replace-notice').waitFor();
    const openInApp = page.getByRole('link', { name: 'Openen in de authenticator-app' });
    const appLink = await openInApp.getAttribute('href');
    expect(appLink).toMatch(/^otpauth:\/\/totp\/Cube:/);
    const [linkBox, qrBox] = [
      await boxOf(page, '[data-testid="open-in-app"]'),
      await boxOf(page, '[data-testid="qr"]'),
    ];
    expect(linkBox.y + linkBox.height).toBeLessThan(qrBox.y);
    expect(linkBox.y + linkBox.height).toBeLessThan(phone.height);
    expect(linkBox.width).toBeGreaterThan(phone.width * 0.6);
    // The new entry's name carries the date, to tell it from the old entry beside it in the app.
    expect(await page.getByTestId('app-entry').textContent()).toContain(`Cube (${email}, 20`);
    await page.waitForFunction(
      () => (document.querySelector('[data-testid="qr"]') as HTMLImageElement).complete,
    );
    await screenshot(page, 'enroll-modes-02-replace-scan-phone');
    // The button and the QR code carry the same key, for the same service and account.
    const uri = scanQr((await page.getByTestId('qr').getAttribute('src')) ?? '');
    expect(uri).toBe(appLink);
    const newPhone = phoneApp(uri);
    expect(newPhone.label.startsWith(`Cube:${email}, 20`)).toBe(true);
    expect(newPhone.key.equals(oldPhone.key)).toBe(false);

    // A wrong code: the message above the input (the on-screen keyboard hides what is below).
    await page.getByLabel('6-cijferige code').fill(newPhone.wrongCodeAt(Date.now()));
    await page.keyboard.press('Enter');
    await expectWrongCodeShown(page);
    await screenshot(page, 'enroll-modes-03-wrong-code-phone', { fullPage: false });

    const confirmStep = newPhone.stepAt(Date.now());
    await page.getByLabel('6-cijferige code').fill(newPhone.codeForStep(confirmStep));
    await page.keyboard.press('Enter');
    await page
      .getByRole('heading', { name: 'Uw nieuwe app is gekoppeld. Bewaar nu uw nieuwe back-upcodes' })
      .waitFor();
    await expectAccountShown(page, email);
    const codes = await page.getByTestId('backup-codes').locator('code').allTextContents();
    expect(codes).toHaveLength(10);
    const owner = await page.getByTestId('codes-owner').innerText();
    expect(owner).toContain(`Back-upcodes voor uw Cube-account ${email}`);
    expect(owner).toMatch(new RegExp(`Gemaakt op .*${new Date().getFullYear()}`));
    await screenshot(page, 'enroll-modes-04-replace-codes-phone');

    // The downloaded file says on its own whose codes these are, for what, and since when.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Downloaden (.txt)' }).click(),
    ]);
    const file = await downloadedText(download);
    expect(file).toContain('Dienst: Cube');
    expect(file).toContain(`Account: ${email}`);
    expect(file).toMatch(new RegExp(`Gemaakt op: .*${new Date().getFullYear()}`));
    for (const code of codes) expect(file).toContain(code);

    // So does the printout: what print media shows of the page.
    await page.emulateMedia({ media: 'print' });
    const printed = await page.locator('body').innerText();
    expect(printed).toContain(`Back-upcodes voor uw Cube-account ${email}`);
    expect(printed).toMatch(/Gemaakt op/);
    for (const code of codes) expect(printed).toContain(code);
    expect(printed).not.toContain('Downloaden (.txt)');
    await screenshot(page, 'enroll-modes-05-codes-printed');
    await page.emulateMedia({ media: 'screen' });

    await page.getByLabel('Ik heb mijn back-upcodes veilig bewaard').check();
    await page.getByRole('button', { name: 'Klaar' }).click();
    await page.getByRole('heading', { name: 'Klaar: uw nieuwe authenticator-app is gekoppeld' }).waitFor();
    await expectAccountShown(page, email);
    await screenshot(page, 'enroll-modes-06-replace-done-phone');

    // The old app and the old backup codes are refused; the new ones sign in.
    expect((await verify(customerId, oldPhone.codeForStep(confirmStep + 1))).body).toMatchObject({
      valid: false,
      reason: 'WRONG_CODE',
    });
    expect((await verify(customerId, oldCodes[0] ?? '')).body.valid).toBe(false);
    expect((await verify(customerId, newPhone.codeForStep(confirmStep + 1))).body).toMatchObject({
      valid: true,
      method: 'totp',
    });
    expect((await verify(customerId, codes[0] ?? '')).body).toMatchObject({
      valid: true,
      method: 'backup_code',
    });

    // Both addresses on file are told, with advice and no link.
    await suite.stack.poller?.drain();
    for (const address of [email, home])
      expectNotice(await inbox(address), 'Uw authenticator-app is vervangen');
  });
});

describe('a lost phone, with the backup codes, set up from a computer', () => {
  it('a backup code steps up; on a desktop the QR code comes first; the lost phone is refused after', async () => {
    const customerId = 'e2e-lost';
    const { email, step, oldPhone: lostPhone, oldCodes } = await enrolledCustomer(customerId);
    const issued = await service('POST', `/internal/customers/${customerId}/2fa/enrollment-ticket`, {
      stepUpCode: oldCodes[4],
    });
    expect(issued.status).toBe(200);
    // The backup code is spent by the step-up, as at login.
    expect((await verify(customerId, oldCodes[4] ?? '')).body.valid).toBe(false);

    const page = await open({ viewport: desktop });
    await page.goto(issued.body.enrollUrl);
    await page.getByRole('heading', { name: 'Koppel een nieuwe authenticator-app' }).waitFor();
    await expectAccountShown(page, email);
    // On a desktop the phone is another device: there the start screen does say to scan.
    expect(await page.textContent('main')).toContain('Scan de QR-code met de app.');
    await page.getByRole('button', { name: 'Beginnen' }).click();
    await page.getByRole('heading', { name: 'Stap 1: Scan de QR-code' }).waitFor();
    await expectAccountShown(page, email);
    const [qrBox, linkBox] = [
      await boxOf(page, '[data-testid="qr"]'),
      await boxOf(page, '[data-testid="open-in-app"]'),
    ];
    expect(qrBox.y + qrBox.height).toBeLessThan(linkBox.y);
    expect(await page.getByTestId('open-in-app').textContent()).toBe(
      'Staat de app op dit apparaat? Open hem direct',
    );
    await screenshot(page, 'enroll-modes-07-lost-phone-scan-desktop');
    // The same in English, the code step kept.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Step 1: Scan the QR code' }).waitFor();
    expect(await page.getByTestId('account').innerText()).toBe(`Your Cube account: ${email}`);
    expect(await page.getByTestId('open-in-app').textContent()).toBe(
      'Is the app on this device? Open it directly',
    );
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await page.getByRole('heading', { name: 'Stap 1: Scan de QR-code' }).waitFor();

    const newPhone = phoneApp(scanQr((await page.getByTestId('qr').getAttribute('src')) ?? ''));
    const confirmStep = Math.max(newPhone.stepAt(Date.now()), step);
    await page.getByLabel('6-cijferige code').fill(newPhone.codeForStep(confirmStep));
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await page.getByTestId('backup-codes').waitFor();
    await expectAccountShown(page, email);
    const codes = await page.getByTestId('backup-codes').locator('code').allTextContents();

    expect((await verify(customerId, lostPhone.codeForStep(confirmStep + 1))).body.valid).toBe(false);
    expect((await verify(customerId, oldCodes[5] ?? '')).body.valid).toBe(false);
    expect((await verify(customerId, newPhone.codeForStep(confirmStep + 1))).body.valid).toBe(true);
    expect((await verify(customerId, codes[9] ?? '')).body).toMatchObject({
      valid: true,
      backupCodesLeft: 9,
    });
  });
});

describe('renewed backup codes', () => {
  it('the old codes are refused at once, the new ones work, and both inboxes get the notice', async () => {
    const customerId = 'e2e-renew';
    const home = 'e2e-renew-home@example.nl';
    const { email, step, oldPhone, oldCodes } = await enrolledCustomer(customerId, [home]);
    const renewed = await service('POST', `/internal/customers/${customerId}/2fa/backup-codes`, {
      stepUpCode: oldPhone.codeForStep(step),
    });
    expect(renewed.status).toBe(200);
    const codes = renewed.body.backupCodes as string[];
    expect(codes).toHaveLength(10);
    expect(codes.filter((code) => oldCodes.includes(code))).toEqual([]);
    for (const old of oldCodes.slice(0, 3))
      expect((await verify(customerId, old)).body).toMatchObject({ valid: false, reason: 'WRONG_CODE' });
    expect((await verify(customerId, codes[0] ?? '')).body).toMatchObject({
      valid: true,
      method: 'backup_code',
      backupCodesLeft: 9,
    });
    await suite.stack.poller?.drain();
    for (const address of [email, home]) expectNotice(await inbox(address), 'Uw back-upcodes zijn vernieuwd');
  });
});

describe('a link that no longer works says so when the page opens', () => {
  /** Opens the link and returns the heading shown, with every API call the page made. */
  const openLink = async (ticket: string) => {
    const page = await open();
    const calls: Request[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/enroll/') && request.method() === 'POST') calls.push(request);
    });
    await page.goto(`${suite.stack.apiUrl}/enroll/#ticket=${ticket}`);
    await page.locator('[data-state="ticket-error"]').waitFor();
    expect(await page.getByRole('button', { name: 'Beginnen' }).count()).toBe(0);
    expect(await focusedKey(page)).toBe('ticket-error-title');
    // Only the status was asked: nothing was started or spent.
    expect(calls.map((request) => new URL(request.url()).pathname)).toEqual(['/enroll/status']);
    // A dead link names no account.
    expect(await page.getByTestId('account').count()).toBe(0);
    return page;
  };

  it('used, voided and expired, each in its own words', async () => {
    await createCustomer(suite.stack, 'e2e-dead', { email: 'e2e-dead@voltpark.nl' });
    const issue = async () =>
      ticketOf((await service('POST', '/internal/customers/e2e-dead/2fa/enrollment-ticket')).body.enrollUrl);

    const expired = await issue();
    await setStored(
      suite.stack,
      'tickets',
      { ticketHash: hashTicket(expired) },
      { expiresAt: minutesAgo(1) },
    );
    const expiredPage = await openLink(expired);
    await expiredPage.getByRole('heading', { name: 'Deze link is verlopen' }).waitFor();
    await screenshot(expiredPage, 'enroll-modes-08-expired-at-open');

    const voided = await issue();
    const used = await issue();
    const voidedPage = await openLink(voided);
    // Never mailed: the page sends the customer back to the profile page, not to an email.
    await voidedPage.getByRole('heading', { name: 'Er is een nieuwere link gemaakt' }).waitFor();
    expect(await voidedPage.textContent('main')).toContain('ga naar uw profielpagina');
    expect(await voidedPage.textContent('main')).not.toContain('e-mail');
    // A self-service link voided by a newer one is not the reset alarm's case: no "this wasn't me".
    expect(await voidedPage.getByRole('button', { name: 'Ik heb dit niet aangevraagd' }).count()).toBe(0);
    await screenshot(voidedPage, 'enroll-modes-09-voided-at-open');

    const step = await awaitFreshStep(10);
    const phoneOf = phoneApp(
      scanQr((await suite.stack.call('POST', '/enroll/start', { body: { ticket: used } })).body.qrPng),
    );
    expect(
      (
        await suite.stack.call('POST', '/enroll/confirm', {
          body: { ticket: used, code: phoneOf.codeForStep(step) },
        })
      ).status,
    ).toBe(200);
    const usedPage = await openLink(used);
    await usedPage.getByRole('heading', { name: 'Deze link is al gebruikt' }).waitFor();
    await screenshot(usedPage, 'enroll-modes-10-used-at-open');
  });

  it('a reset link voided by a link the customer never asked for offers "this wasn\'t me" at once', async () => {
    await createCustomer(suite.stack, 'e2e-hijack', { email: 'e2e-hijack@voltpark.nl' });
    const reset = await issueTicket(
      { customerId: 'e2e-hijack', purpose: 'RESET' },
      { clock: systemClock, random: systemRandom },
    );
    // Someone with the password asks the login service for a self-service link.
    await service('POST', '/internal/customers/e2e-hijack/2fa/enrollment-ticket');
    const page = await openLink(reset.ticket);
    await page.getByRole('heading', { name: 'Er is een nieuwere link verstuurd' }).waitFor();
    await page.getByRole('button', { name: 'Ik heb dit niet aangevraagd' }).click();
    await page.getByRole('heading', { name: 'Heeft u dit niet aangevraagd?' }).waitFor();
    await page.getByRole('button', { name: 'Ja, melden: dit was ik niet' }).click();
    await page.getByRole('heading', { name: 'Bedankt, uw melding is ontvangen' }).waitFor();
    const state = await service('GET', '/internal/customers/e2e-hijack/2fa');
    expect(state.body).toMatchObject({ twoFactor: 'LOCKED', lockReason: 'REPORTED_BY_CUSTOMER' });
  });
});
