// The enrollment page in replace mode, in Chromium: a customer with a new phone and the old one in
// hand. The login service steps up with the old app's code (oathtool) and gets a REPLACE ticket; the
// page says the old app keeps working until the new one is confirmed, the new phone (oathtool again,
// reading the QR code the page shows through zbarimg) confirms, and the page says the old one is gone.
import { awaitFreshStep, phoneApp, scanQr } from '../integration/self-service-helpers';
import { createCustomer } from '../support/fixtures';
import { browserSuite, phone, screenshot } from './browser';

const { suite, open } = browserSuite({ viewport: phone });

const call = async (method: 'POST', path: string, body?: unknown) =>
  suite.stack.call(method, path, {
    token: await suite.stack.serviceToken(),
    ...(body === undefined ? {} : { body }),
  });

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
    expect(newPhone.label).toBe(`Cube:${customerId}@voltpark.nl`);

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
});
