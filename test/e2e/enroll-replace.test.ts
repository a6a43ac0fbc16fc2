// The enrollment page in replace mode, in Chromium: a customer with a new phone and the old one in
// hand. The login service steps up with the old app's code (oathtool) and gets a REPLACE ticket; the
// page says the old app keeps working until the new one is confirmed, the new phone (oathtool again,
// reading the QR code the page shows through zbarimg) confirms, and the page says the old one is gone.
import { awaitFreshStep, phoneApp, scanQr } from '../integration/self-service-helpers';
import { createCustomer } from '../support/fixtures';
import { browserSuite, phone, screenshot } from './browser';

const { suite, open } = browserSuite({ viewport: phone });

/** The date the new entry's name carries: the day in the Netherlands. */
const today = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', dateStyle: 'short' }).format(new Date());

const call = async (method: 'POST', path: string, body?: unknown) =>
  suite.stack.call(method, path, {
    token: await suite.stack.serviceToken(),
    ...(body === undefined ? {} : { body }),
  });

jest.setTimeout(150_000);

describe('the enrollment page in replace mode', () => {
  it('a new phone with the old one in hand: the old app works until the new one is confirmed, then only the new one', async () => {
    const customerId = 'e2e-replace';
    await createCustomer(suite.stack, customerId, { email: `${customerId}@voltpark.nl` });
    const step = await awaitFreshStep(25);
    const first = (await call('POST', `/internal/customers/${customerId}/2fa/enrollment-ticket`)).body
      .ticket as string;
    const started = await suite.stack.call('POST', '/enroll/start', { body: { ticket: first } });
    expect(started.body.mode).toBe('ENROLL');
    const oldPhone = phoneApp(scanQr(started.body.qrPng));
    const enrolled = await suite.stack.call('POST', '/enroll/confirm', {
      body: { ticket: first, code: oldPhone.codeForStep(step - 1) },
    });
    expect(enrolled.body.mode).toBe('ENROLL');

    const issued = await call('POST', `/internal/customers/${customerId}/2fa/enrollment-ticket`, {
      stepUpCode: oldPhone.codeForStep(step),
    });
    expect(issued.status).toBe(200);

    const page = await open();
    await page.goto(issued.body.enrollUrl);
    await page.getByRole('button', { name: 'Beginnen' }).click();
    const notice = page.getByTestId('replace-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Uw oude app blijft werken');
    await screenshot(page, 'enroll-replace-01-scan');
    const newPhone = phoneApp(scanQr((await page.getByTestId('qr').getAttribute('src')) ?? ''));
    expect(newPhone.key.equals(oldPhone.key)).toBe(false);
    // Both entries sit in the app side by side: the new one carries the day (and the time, the old one
    // being made today too; the seconds when in the same minute), so the customer can tell them apart.
    expect(newPhone.label).toMatch(
      new RegExp(`^Cube:${customerId}@voltpark\\.nl, ${today()} \\d{2}\\.\\d{2}(\\.\\d{2})?$`),
    );

    // While the page waits for the new code, the old phone still signs in.
    const stillWorks = await call('POST', `/internal/customers/${customerId}/2fa/verify`, {
      code: oldPhone.codeForStep(step + 1),
    });
    expect(stillWorks.body).toMatchObject({ valid: true, method: 'totp' });

    await page.getByLabel('6-cijferige code').fill(newPhone.codeForStep(step));
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await page
      .getByRole('heading', { name: 'Uw nieuwe app is gekoppeld. Bewaar nu uw nieuwe back-upcodes' })
      .waitFor();
    expect(await page.getByTestId('replaced-notice').textContent()).toContain(
      'oude back-upcodes werken niet meer',
    );
    const codes = await page.getByTestId('backup-codes').locator('code').allTextContents();
    expect(codes).toHaveLength(10);
    await screenshot(page, 'enroll-replace-02-codes');
    await page.getByLabel('Ik heb mijn back-upcodes veilig bewaard').check();
    await page.getByRole('button', { name: 'Klaar' }).click();
    await page.getByRole('heading', { name: 'Klaar: uw nieuwe authenticator-app is gekoppeld' }).waitFor();

    const verify = (code: string) => call('POST', `/internal/customers/${customerId}/2fa/verify`, { code });
    expect((await verify(oldPhone.codeForStep(step + 1))).body.valid).toBe(false);
    expect((await verify(enrolled.body.backupCodes[0])).body.valid).toBe(false);
    expect((await verify(newPhone.codeForStep(step + 1))).body.valid).toBe(true);
    expect((await verify(codes[0] ?? '')).body).toMatchObject({ valid: true, method: 'backup_code' });
  });

  it('a code from the old app entry is named as such, not blamed on the clock; the new entry’s name says which to use, after a reload and in a second tab', async () => {
    const customerId = 'e2e-replace-old-code';
    const email = `${customerId}@voltpark.nl`;
    await createCustomer(suite.stack, customerId, { email });
    const step = await awaitFreshStep(25);
    const first = (await call('POST', `/internal/customers/${customerId}/2fa/enrollment-ticket`)).body
      .ticket as string;
    const started = await suite.stack.call('POST', '/enroll/start', { body: { ticket: first } });
    const oldPhone = phoneApp(scanQr(started.body.qrPng));
    await suite.stack.call('POST', '/enroll/confirm', {
      body: { ticket: first, code: oldPhone.codeForStep(step - 1) },
    });
    // The step-up spends step `step` of the old app.
    const issued = await call('POST', `/internal/customers/${customerId}/2fa/enrollment-ticket`, {
      stepUpCode: oldPhone.codeForStep(step),
    });
    expect(issued.status).toBe(200);

    const page = await open();
    await page.goto(issued.body.enrollUrl);
    await page.getByRole('button', { name: 'Beginnen' }).click();
    await page.getByTestId('replace-notice').waitFor();
    const newPhone = phoneApp(scanQr((await page.getByTestId('qr').getAttribute('src')) ?? ''));
    const entryName = newPhone.label.replace(/^Cube:/, '');
    expect(entryName.startsWith(`${email}, ${today()}`)).toBe(true);
    expect(newPhone.label).not.toBe(oldPhone.label);
    const entryLine = await page.getByTestId('app-entry').textContent();
    expect(entryLine).toContain(`In de app heet de nieuwe invoer: Cube (${entryName}).`);

    const code = page.getByLabel('6-cijferige code');
    const error = page.getByTestId('confirm-error');
    const submit = async (typed: string) => {
      await code.fill(typed);
      await page.getByRole('button', { name: 'Bevestigen' }).click();
      await error.waitFor();
      return { code: await error.getAttribute('data-code'), text: (await error.textContent()) ?? '' };
    };
    // The old app still shows the code its step-up used: the old entry, named, with the new one to use.
    const shown = await submit(oldPhone.codeForStep(step));
    expect(shown.code).toBe('OLD_AUTHENTICATOR_CODE');
    expect(shown.text).toContain('Dit is de code van uw oude invoer in de app');
    expect(shown.text).toContain(`Cube (${entryName})`);
    expect(shown.text).not.toContain('tijd');
    expect(shown.text).not.toContain('Referentie');
    await screenshot(page, 'enroll-replace-03-old-entry-code');

    // The old app's next code: named too, and spent by being named, so whoever hit it cannot log in with it.
    expect((await submit(oldPhone.codeForStep(step + 1))).code).toBe('OLD_AUTHENTICATOR_CODE');
    const replayed = await call('POST', `/internal/customers/${customerId}/2fa/verify`, {
      code: oldPhone.codeForStep(step + 1),
    });
    expect(replayed.body).toMatchObject({ valid: false, reason: 'CODE_ALREADY_USED' });

    // A typo that fits neither entry keeps the ordinary hint.
    const typo = await submit(newPhone.wrongCodeAt(Date.now()));
    expect(typo.code).toBe('WRONG_CODE');
    expect(typo.text).toContain('tijd op uw telefoon');

    // A reload and a second tab resume the same secret under the same name.
    await page.reload();
    await page.getByTestId('replace-notice').waitFor();
    expect(await page.getByTestId('app-entry').textContent()).toBe(entryLine);
    const second = await open();
    await second.goto(issued.body.enrollUrl);
    await second.getByRole('button', { name: 'Beginnen' }).click();
    await second.getByTestId('replace-notice').waitFor();
    expect(phoneApp(scanQr((await second.getByTestId('qr').getAttribute('src')) ?? '')).label).toBe(
      newPhone.label,
    );

    // The new entry's code confirms.
    await page.getByLabel('6-cijferige code').fill(newPhone.codeAt(Date.now()));
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await page
      .getByRole('heading', { name: 'Uw nieuwe app is gekoppeld. Bewaar nu uw nieuwe back-upcodes' })
      .waitFor();
  });
});
