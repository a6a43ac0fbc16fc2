// Browser tests' shared parts: Debian's Chromium driven by playwright-core (never a downloaded
// browser), a page that records script errors and CSP violations, and screenshots for people to look at.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Download, type Page } from 'playwright-core';
import { repoRoot } from '../../tooling/repo-root';
import type { LocalStaffUsername } from '../../local/staff';
import { buildPages } from '../support/built-pages';
import { BROWSER_ENDPOINT_ENV, chromiumLaunchOptions } from '../support/chromium';
import { startTestStack, type TestStack } from '../support/stack';
import { mailOfKind } from '../support/mails';

export const screenshotDir = join(repoRoot(), 'test-artifacts', 'screenshots');

/**
 * The run's shared Chromium (test/support/global-setup.ts), or one of this file's own when the run has
 * none. close() on a shared one closes this file's contexts and disconnects; the browser stays up.
 */
export const launchBrowser = (): Promise<Browser> => {
  const endpoint = process.env[BROWSER_ENDPOINT_ENV];
  return endpoint ? chromium.connect(endpoint) : chromium.launch(chromiumLaunchOptions());
};

/** A download's text; read through the connection, as the browser runs in another process. */
export const downloadedText = async (download: Download): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  /** Uncaught script errors and console errors such as CSP refusals; a test ends with none. */
  problems: string[];
}

export const phone = { width: 390, height: 844 };
export const desktop = { width: 1280, height: 900 };

export const openPage = async (
  browser: Browser,
  options: { locale?: string; timezoneId?: string; viewport?: { width: number; height: number } } = {},
): Promise<OpenedPage> => {
  const context = await browser.newContext({
    locale: options.locale ?? 'nl-NL',
    timezoneId: options.timezoneId,
    viewport: options.viewport ?? desktop,
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A refused API call is logged by Chromium as "Failed to load resource"; the page handles those.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      problems.push(`console: ${message.text()}`);
  });
  return { page, context, problems };
};

/**
 * The whole page by default; `fullPage: false` for what the viewport shows (a modal dialog). Taken
 * when TEST_SCREENSHOTS is set (`TEST_SCREENSHOTS=1 npx jest test/e2e`): they are for people to look
 * at, assert nothing, and the 140 of a run cost about a second each on a busy machine.
 */
export const screenshot = async (page: Page, name: string, options: { fullPage?: boolean } = {}) => {
  if (!process.env.TEST_SCREENSHOTS) return;
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: options.fullPage ?? true });
};

/** The element that has focus, by its data-key (the pages' handle for focus management). */
export const focusedKey = (page: Page) =>
  page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.key ?? null);

/**
 * The built pages (built once for the run: test/support/built-pages.ts), one local stack per test file
 * and the run's Chromium (its own contexts). Every page a test opens is closed after the test, which fails on any script error or
 * CSP refusal those pages saw.
 */
export const browserSuite = (defaults: Parameters<typeof openPage>[1] = {}) => {
  const suite = { stack: undefined as unknown as TestStack, browser: undefined as unknown as Browser };
  const opened: OpenedPage[] = [];
  beforeAll(async () => {
    await buildPages();
    [suite.stack, suite.browser] = await Promise.all([startTestStack(), launchBrowser()]);
  }, 120000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.stack?.stop();
  });
  afterEach(async () => {
    const problems = opened.flatMap((page) => page.problems);
    await Promise.all(opened.splice(0).map((page) => page.context.close()));
    expect(problems).toEqual([]);
  });
  const open = async (options: Parameters<typeof openPage>[1] = {}) => {
    const page = await openPage(suite.browser, { ...defaults, ...options });
    opened.push(page);
    return page.page;
  };
  return { suite, open };
};

/** Where the console keeps the signed-in session (web/console/auth.ts): sessionStorage, per tab. */
const SESSION_KEY = 'mfa-recovery.console.session';

/** Each stack's console sessions by staff member, as their first sign-in in the file left them. */
const keptSessions = new WeakMap<TestStack, Map<string, string>>();

/** A kept session the console and the API still take for a while (the token is an hour's). */
const stillValid = (kept: string) =>
  (JSON.parse(kept) as { expiresAt: number }).expiresAt > Date.now() + 300_000;

/**
 * Signs a local staff member in to the console the way they do it by hand: the console's sign-in
 * button, the local OpenID provider's login page (user name and password), back in the console with
 * a session, then `hash` (e.g. `#/customers/c-1`). One helper for every browser test, so the way
 * staff sign in locally is changed in one place.
 *
 * The first sign-in of each person in a test file goes through the provider; later ones in a new page
 * start with the session that one got, as a tab the person had signed in to (the console finds it in
 * sessionStorage): about 3 s of a busy machine's CPU less each. `fresh: true` always goes through the
 * provider; test/e2e/sign-in.test.ts tests the sign-in itself.
 */
export const signIn = async (
  page: Page,
  stack: TestStack,
  username: LocalStaffUsername,
  hash = '',
  options: { fresh?: boolean } = {},
) => {
  const kept = keptSessions.get(stack)?.get(username);
  if (kept && !options.fresh && page.url() === 'about:blank' && stillValid(kept)) {
    // A small file of the console's origin, to write the tab's sessionStorage before the console starts.
    await page.goto(`${stack.apiUrl}/console/config.json`);
    await page.evaluate(({ key, value }) => sessionStorage.setItem(key, value), {
      key: SESSION_KEY,
      value: kept,
    });
    await page.goto(`${stack.apiUrl}/console/${hash}`);
    await page.getByTestId('signed-in-as').waitFor();
    return;
  }
  await page.goto(`${stack.apiUrl}/console/${hash}`);
  // Someone else still signed in in this tab signs out first, as a person at the desk would.
  const signInButton = page.locator('[data-key="sign-in"]');
  const signOutButton = page.locator('[data-key="sign-out"]');
  await signInButton.or(signOutButton).waitFor();
  if (await signOutButton.isVisible()) {
    await signOutButton.click();
    await page.waitForURL(`${stack.apiUrl}/console/`);
    if (hash) await page.goto(`${stack.apiUrl}/console/${hash}`);
  }
  await signInButton.click();
  await page.waitForURL(/\/local\/oidc\/interaction\//);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(stack.staffPasswords[username]);
  await page.locator('#password').press('Enter');
  await page.getByTestId('signed-in-as').waitFor();
  const session = await page.evaluate((key) => sessionStorage.getItem(key), SESSION_KEY);
  if (session) {
    if (!keptSessions.has(stack)) keptSessions.set(stack, new Map());
    keptSessions.get(stack)?.set(username, session);
  }
  // The console brings back the route it was on; a test that asked for one waits until it is there.
  if (hash && new URL(page.url()).hash !== hash) await page.goto(`${stack.apiUrl}/console/${hash}`);
};

/**
 * The triage of a caller with nothing left (lost phone, app gone, no back-up codes): its advice is
 * VERIFY, the only one on which the console offers "Verificatie starten". By data-key, so any language.
 */
export const answerTriageToVerify = async (page: Page) => {
  await page.locator('[data-key="reported-problem"]').selectOption('PHONE_LOST');
  // Under a recovery lock the factor questions are not asked: the report alone gets the advice.
  if ((await page.getByTestId('triage-skipped').count()) === 0) {
    await page.locator('[data-key="triage-app-works"]').selectOption('no');
    await page.locator('[data-key="triage-backup-codes"]').selectOption('no');
  }
  await page.locator('[data-testid="triage-advice"][data-advice="VERIFY"]').waitFor();
};

/**
 * The last step of a verification in the console: the agent mails the code, the caller reads it back
 * from the mail at `address`, and the agent completes the session as PASSED.
 */
export const readBackEmailedCode = async (agent: Page, stack: TestStack, address: string) => {
  await agent.getByRole('button', { name: 'Code e-mailen' }).click();
  await agent.getByTestId('email-code-sent').waitFor();
  const codeMail = await mailOfKind(stack, address, 'EMAIL_CODE');
  const code = /^\s+(\d{6,})\s*$/m.exec(codeMail?.body.text ?? '')?.[1];
  const codeRow = agent.locator('[data-check="EMAIL_CODE"]');
  await codeRow.getByLabel('Antwoord van de klant').fill(code ?? 'no code mail');
  await codeRow.getByRole('button', { name: 'Controleren' }).click();
  await codeRow.locator('[data-result="MATCH"]').waitFor();
  await agent.getByRole('button', { name: 'Verificatie afronden' }).click();
  await agent.locator('[data-testid="verification-outcome"][data-outcome="PASSED"]').waitFor();
};
