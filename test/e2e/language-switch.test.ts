// The pages' language switch (web/shared/i18n.ts) with more than two languages: every other language
// is one click away, named in its own language, and the choice stays on the device. The pages speak two
// today; this runs the switch itself in Chromium over a three-language dictionary, as a page builds it.
import { buildSync } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { repoRoot } from '../../tooling/repo-root';
import { launchBrowser, openPage, type OpenedPage } from './browser';

jest.setTimeout(150_000);

const ORIGIN = 'http://switch.test';

/** A page of one sentence and the switch, speaking `languages` of a nl/en/de dictionary. */
const script = (languages: string[]) =>
  buildSync({
    stdin: {
      contents: `
        import { clear, h } from './web/shared/dom';
        import { createTranslator, languageSwitch } from './web/shared/i18n';
        const dictionary = {
          nl: { languageName: 'Nederlands', switchToLanguage: 'Schakel over naar Nederlands', dateLocale: 'nl-NL', hello: 'Goedendag' },
          en: { languageName: 'English', switchToLanguage: 'Switch to English', dateLocale: 'en-GB', hello: 'Good day' },
          de: { languageName: 'Deutsch', switchToLanguage: 'Zu Deutsch wechseln', dateLocale: 'de-DE', hello: 'Guten Tag' },
        };
        const i18n = createTranslator(dictionary, ${JSON.stringify(languages)});
        const render = () => {
          clear(document.body, h('p', { 'data-testid': 'hello', text: i18n.t('hello') }), languageSwitch(i18n, render));
          document.querySelector('[data-key="lang-switch"]')?.focus();
        };
        render();
      `,
      resolveDir: repoRoot(),
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
  }).outputFiles[0]?.text ?? '';

/** What the switch offers: each button's language, name and screen-reader label. */
const offered = (page: Page) =>
  page.getByTestId('lang-switch').evaluateAll((buttons) =>
    buttons.map((button) => ({
      lang: button.getAttribute('lang'),
      name: button.textContent,
      label: button.getAttribute('aria-label'),
    })),
  );

describe('the language switch', () => {
  let browser: Browser;
  const opened: OpenedPage[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    const problems = opened.flatMap((page) => page.problems);
    await Promise.all(opened.splice(0).map((page) => page.context.close()));
    expect(problems).toEqual([]);
  });

  const open = async (languages: string[], locale = 'nl-NL') => {
    const opening = await openPage(browser, { locale });
    opened.push(opening);
    const { page } = opening;
    const body = script(languages);
    await page.route(`${ORIGIN}/**`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><html><head><script src="/page.js" defer></script></head><body></body></html>',
      }),
    );
    await page.route(`${ORIGIN}/page.js`, (route) => route.fulfill({ contentType: 'text/javascript', body }));
    await page.goto(`${ORIGIN}/`);
    await page.getByTestId('hello').waitFor();
    return page;
  };

  it('with three languages offers both others, each in its own words, and each is one click away', async () => {
    const page = await open(['nl', 'en', 'de']);
    expect(await page.getByTestId('hello').textContent()).toBe('Goedendag');
    expect(await offered(page)).toEqual([
      { lang: 'en', name: 'English', label: 'Switch to English' },
      { lang: 'de', name: 'Deutsch', label: 'Zu Deutsch wechseln' },
    ]);

    // German is reached straight from Dutch, not by passing through English.
    await page.locator('[data-testid="lang-switch"][lang="de"]').click();
    expect(await page.getByTestId('hello').textContent()).toBe('Guten Tag');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
    expect(await offered(page)).toEqual([
      { lang: 'nl', name: 'Nederlands', label: 'Schakel over naar Nederlands' },
      { lang: 'en', name: 'English', label: 'Switch to English' },
    ]);

    // The choice stays on the device: a reload speaks German, though the browser asks for Dutch.
    await page.reload();
    await page.getByTestId('hello').waitFor();
    expect(await page.getByTestId('hello').textContent()).toBe('Guten Tag');

    await page.locator('[data-testid="lang-switch"][lang="en"]').click();
    expect(await page.getByTestId('hello').textContent()).toBe('Good day');
  });

  it("a browser that asks for the third language gets it, and the switch back names the page's others", async () => {
    const page = await open(['nl', 'en', 'de'], 'de-DE');
    expect(await page.getByTestId('hello').textContent()).toBe('Guten Tag');
    expect((await offered(page)).map((button) => button.lang)).toEqual(['nl', 'en']);
  });

  it('with two languages is the one button to the other language, as the pages have it today', async () => {
    const page = await open(['nl', 'en']);
    expect(await offered(page)).toEqual([{ lang: 'en', name: 'English', label: 'Switch to English' }]);
    await page.getByTestId('lang-switch').click();
    expect(await page.getByTestId('hello').textContent()).toBe('Good day');
    expect(await offered(page)).toEqual([
      { lang: 'nl', name: 'Nederlands', label: 'Schakel over naar Nederlands' },
    ]);
  });
});
