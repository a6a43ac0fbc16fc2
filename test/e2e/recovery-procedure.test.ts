// The whole procedure of the manual, end to end in the browser: an agent verifies the caller, an
// admin disables 2FA, the notifier's email arrives in the SES inbox, the customer opens its link on a
// phone, an authenticator reads the QR code off the screen, the code enrolls, the backup codes are
// saved, and the login service accepts the next code.
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Browser } from 'playwright-core';
import { buildPages } from '../support/built-pages';
import { authenticatorFrom } from '../integration/enrollment-helpers';
import { createCustomer, genuineAnswers, markEnrolled } from '../support/fixtures';
import { startTestStack, type SentEmail, type TestStack } from '../support/stack';
import {
  downloadedText,
  focusedKey,
  launchBrowser,
  openPage,
  phone,
  readBackEmailedCode,
  screenshot,
  signIn,
  type OpenedPage,
  answerTriageToVerify,
} from './browser';

let stack: TestStack;
let browser: Browser;
const opened: OpenedPage[] = [];

beforeAll(async () => {
  await buildPages();
  [stack, browser] = await Promise.all([startTestStack({ pollStreams: true }), launchBrowser()]);
}, 120000);

afterAll(async () => {
  await Promise.all(opened.map((page) => page.context.close()));
  await browser?.close();
  await stack?.stop();
});

const open = async (options: Parameters<typeof openPage>[1] = {}) => {
  const page = await openPage(browser, options);
  opened.push(page);
  return page.page;
};

/** What a phone's camera does: read the QR code from the pixels on the screen. */
const scanQr = (png: Buffer) => {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
};

describe('the recovery procedure of the manual, in the browser', () => {
  it('agent verifies, admin disables, the email’s link enrolls a new authenticator, and the next code logs in', async () => {
    const address = 'e2e-lotte@voltpark.nl';
    await createCustomer(stack, 'e2e-lotte', { email: address, fullName: 'Lotte de Vries' });
    await markEnrolled(stack, 'e2e-lotte');

    // Step 1: the agent verifies the caller.
    const agent = await open();
    await signIn(agent, stack, 'agent-bram', '#/customers/e2e-lotte');
    await answerTriageToVerify(agent);
    await agent.getByRole('button', { name: 'Verificatie starten' }).click();
    const answers: Record<string, string> = {
      ...genuineAnswers,
      FULL_NAME: 'Lotte de Vries',
      EMAIL: address,
    };
    for (const type of ['FULL_NAME', 'EMAIL', 'CHARGE_POINT_IDS', 'LAST_TRANSACTION', 'COMPANY_INFO']) {
      const row = agent.locator(`[data-check="${type}"]`);
      await row.getByLabel('Antwoord van de klant').fill(answers[type] as string);
      await row.getByLabel('Notitie (optioneel)').fill('telefonisch');
      await row.getByRole('button', { name: 'Controleren' }).click();
      await row.locator('[data-result="MATCH"]').waitFor();
    }
    // Possession is the proof: the code goes to the address on file and the caller reads it back.
    await readBackEmailedCode(agent, stack, address);

    // Step 2: an admin disables 2FA.
    const admin = await open();
    await signIn(admin, stack, 'admin-anna', '#/customers/e2e-lotte');
    await admin.getByLabel('Reden (komt in het audit-logboek)').fill('Telefoon gestolen');
    await admin.getByRole('button', { name: '2FA uitschakelen…' }).click();
    await admin.getByRole('button', { name: 'Ja, 2FA uitschakelen' }).click();
    await admin.locator('[data-testid="disable-outcome"][data-outcome="disabled"]').waitFor();

    // Step 3: the email arrives and its link opens the enrollment page on the customer's phone.
    await stack.poller?.drain();
    const mail = (await stack.sentEmails()).filter((sent) => sent.destination.to.includes(address));
    expect(mail.map((sent) => sent.subject)).toEqual([
      'Uw verificatiecode voor de helpdesk',
      'Uw tweestapsverificatie is uitgeschakeld',
    ]);
    const link = /(https?:\/\/\S+\/enroll\/#ticket=[A-Za-z0-9_-]+)(?=\s)/.exec(
      (mail[1] as SentEmail).body.text ?? '',
    )?.[1];
    expect(link).toBeDefined();

    const customer = await open({ viewport: phone });
    await customer
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.apiUrl });
    await customer.goto(link as string);
    expect(customer.url()).toBe(`${stack.apiUrl}/enroll/`);
    await customer.getByRole('button', { name: 'Beginnen' }).click();
    const qr = customer.getByTestId('qr');
    await qr.waitFor();
    await customer.waitForFunction(
      () => (document.querySelector('[data-testid="qr"]') as HTMLImageElement).complete,
    );
    await screenshot(customer, 'enroll-10-scan-qr-phone');
    const uri = scanQr(await qr.screenshot());
    expect(uri).toMatch(/^otpauth:\/\/totp\/.+\?secret=[A-Z2-7]+/);
    const app = authenticatorFrom(uri as string);
    expect(app.label).toContain(address);
    // The key for typing by hand is the same secret, in groups of four.
    await customer.getByText('Scannen lukt niet? Voer de sleutel in').click();
    const shownKey = (await customer.getByTestId('secret').textContent()) ?? '';
    expect(shownKey).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    expect(shownKey.replace(/ /g, '')).toBe(new URL(uri as string).searchParams.get('secret'));

    // A wrong code is refused in plain words; the right one enrolls.
    await customer.getByLabel('6-cijferige code').fill(app.wrongCodeAt(Date.now()));
    await customer.keyboard.press('Enter');
    await customer.locator('[data-testid="confirm-error"][data-code="WRONG_CODE"]').waitFor();
    expect(await customer.getByTestId('confirm-error').textContent()).toContain('Die code klopt niet.');
    await screenshot(customer, 'enroll-11-wrong-code-phone');
    const enrolledAt = Date.now();
    await customer.getByLabel('6-cijferige code').fill(app.codeAt(enrolledAt));
    await customer.keyboard.press('Enter');

    const codes = customer.getByTestId('backup-codes').locator('li');
    await codes.first().waitFor();
    const backupCodes = await codes.allTextContents();
    expect(backupCodes).toHaveLength(10);
    expect(await focusedKey(customer)).toBe('codes-title');
    await screenshot(customer, 'enroll-12-backup-codes-phone');

    await customer.getByRole('button', { name: 'Kopiëren' }).click();
    await customer.waitForFunction(
      (expected) => navigator.clipboard.readText().then((text) => text === expected),
      backupCodes.join('\n'),
    );
    const [download] = await Promise.all([
      customer.waitForEvent('download'),
      customer.getByRole('button', { name: 'Downloaden (.txt)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('back-upcodes.txt');
    const file = await downloadedText(download);
    for (const code of backupCodes) expect(file).toContain(code);
    await customer.evaluate(() => {
      window.print = () => document.body.setAttribute('data-printed', 'yes');
    });
    await customer.getByRole('button', { name: 'Afdrukken' }).click();
    expect(await customer.getAttribute('body', 'data-printed')).toBe('yes');

    // "Klaar" only once the customer says the codes are kept.
    await customer.getByRole('button', { name: 'Klaar' }).click();
    expect(await customer.textContent('main')).toContain(
      'Bewaar eerst uw back-upcodes en vink dan het vakje aan.',
    );
    await customer.getByLabel('Ik heb mijn back-upcodes veilig bewaard').check();
    await customer.getByRole('button', { name: 'Klaar' }).click();
    await customer.getByRole('heading', { name: 'Klaar: tweestapsverificatie staat aan' }).waitFor();
    await screenshot(customer, 'enroll-13-done-phone');

    // The login service: the next code (a later time step than the one that enrolled) logs in.
    const serviceToken = await stack.serviceToken();
    const nextCode = app.codeForStep(app.stepAt(enrolledAt) + 1);
    const login = await stack.call('POST', '/internal/customers/e2e-lotte/2fa/verify', {
      token: serviceToken,
      body: { code: nextCode },
    });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ valid: true, method: 'totp' });
    const backup = await stack.call('POST', '/internal/customers/e2e-lotte/2fa/verify', {
      token: serviceToken,
      body: { code: backupCodes[0] },
    });
    expect(backup.body).toMatchObject({ valid: true, method: 'backup_code', backupCodesLeft: 9 });

    const problems = opened.flatMap((page) => page.problems);
    expect(problems).toEqual([]);
  });
});
