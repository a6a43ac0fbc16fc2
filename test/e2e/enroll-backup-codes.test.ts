// The backup codes on the enrollment page, in Chromium: 13 characters in three groups, each code on
// one line on a 360 px phone, on a desktop and on paper, and one of them accepted at login as typed.
import type { Page } from 'playwright-core';
import { awaitFreshStep, phoneApp, scanQr } from '../integration/self-service-helpers';
import { createCustomer } from '../support/fixtures';
import { browserSuite, desktop, screenshot } from './browser';

const smallPhone = { width: 360, height: 740 };
const { suite, open } = browserSuite({ viewport: smallPhone });

/**
 * Each code's box against one line of its own text: a code broken over two lines is twice as high,
 * and one that does not fit sticks out of its list.
 */
const codeLayout = (page: Page) =>
  page.evaluate(() => {
    const list = document.querySelector('[data-testid="backup-codes"]') as HTMLElement;
    const listBox = list.getBoundingClientRect();
    return Array.from(list.querySelectorAll('code')).map((code) => {
      const oneLine = code.cloneNode() as HTMLElement;
      oneLine.textContent = 'X';
      code.after(oneLine);
      const lineHeight = oneLine.getBoundingClientRect().height;
      oneLine.remove();
      const box = code.getBoundingClientRect();
      return {
        text: code.textContent ?? '',
        lines: code.getClientRects().length,
        heightInLines: Math.round((box.height / lineHeight) * 100) / 100,
        inside: box.left >= listBox.left - 0.5 && box.right <= listBox.right + 0.5,
      };
    });
  });

const expectEachCodeOnOneLine = async (page: Page) => {
  const layout = await codeLayout(page);
  expect(layout).toHaveLength(10);
  for (const code of layout)
    expect(code).toEqual({ text: code.text, lines: 1, heightInLines: 1, inside: true });
};

describe('the backup codes on the enrollment page', () => {
  it('are ten codes of 13 characters, each on one line on a phone, a desktop and in print', async () => {
    const customerId = 'codes-layout';
    await createCustomer(suite.stack, customerId, { email: `${customerId}@voltpark.nl` });
    const token = await suite.stack.serviceToken();
    const issued = await suite.stack.call('POST', `/internal/customers/${customerId}/2fa/enrollment-ticket`, {
      token,
    });
    const page = await open();
    await page.goto(issued.body.enrollUrl);
    const starting = page.waitForResponse((response) => new URL(response.url()).pathname === '/enroll/start');
    await page.getByRole('button', { name: 'Beginnen' }).click();
    // The page draws the QR code itself: it asks for no PNG and gets none; a scanner reads the page's drawing.
    const started = await starting;
    expect(JSON.parse(started.request().postData() ?? '{}')).toMatchObject({ qr: 'none' });
    const answer = (await started.json()) as { otpauthUri: string; qrPng?: string };
    expect(answer.qrPng).toBeUndefined();
    await page.getByTestId('qr').waitFor();
    await page.waitForFunction(
      () => (document.querySelector('[data-testid="qr"]') as HTMLImageElement).complete,
    );
    const scanned = scanQr((await page.getByTestId('qr').getAttribute('src')) ?? '');
    expect(scanned).toBe(answer.otpauthUri);
    const app = phoneApp(scanned);
    const step = await awaitFreshStep(10);
    await page.getByLabel('6-cijferige code').fill(app.codeForStep(step));
    await page.keyboard.press('Enter');
    await page.getByTestId('backup-codes').waitFor();

    const codes = await page.getByTestId('backup-codes').locator('code').allTextContents();
    expect(codes).toHaveLength(10);
    for (const code of codes)
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{5}$/);

    await expectEachCodeOnOneLine(page);
    await screenshot(page, 'enroll-backup-codes-360');
    await page.setViewportSize(desktop);
    await expectEachCodeOnOneLine(page);
    await screenshot(page, 'enroll-backup-codes-desktop');
    await page.emulateMedia({ media: 'print' });
    await expectEachCodeOnOneLine(page);
    await page.setViewportSize(smallPhone);
    await expectEachCodeOnOneLine(page);

    // What the customer does with the sheet: types one in lower case with spaces at the next login.
    const typed = (codes[3] ?? '').toLowerCase().replace(/-/g, ' ');
    const used = await suite.stack.call('POST', `/internal/customers/${customerId}/2fa/verify`, {
      token,
      body: { code: typed },
    });
    expect(used.body).toEqual({ valid: true, method: 'backup_code', backupCodesLeft: 9 });
  });
});
