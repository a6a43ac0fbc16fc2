// The browser tests' Chromium (chromium.ts): Playwright's own switches still hold, and a new context's
// page comes without the address bar's drop-downs, which no test sees and each cost a renderer.
import { chromium, type BrowserServer } from 'playwright-core';
import { chromiumLaunchOptions } from './chromium';

const featureList = (args: string[], prefix: string) =>
  args.filter((arg) => arg.startsWith(prefix)).map((arg) => arg.slice(prefix.length).split(','));

describe("the browser tests' Chromium", () => {
  let server: BrowserServer;
  beforeAll(async () => {
    server = await chromium.launchServer(chromiumLaunchOptions());
  });
  afterAll(() => server?.close());

  it('keeps every feature Playwright turns off turned off (Chromium reads only the last list)', () => {
    const lists = featureList(server.process().spawnargs, '--disable-features=');
    const last = lists.at(-1) ?? [];
    for (const list of lists) expect(last).toEqual(expect.arrayContaining(list));
  });

  it('opens a page of a new context as the only target of that context', async () => {
    const browser = await chromium.connect(server.wsEndpoint());
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto('data:text/html,<p>hallo</p>');
      const cdp = await browser.newBrowserCDPSession();
      const { targetInfos } = (await cdp.send('Target.getTargets')) as {
        targetInfos: { type: string; url: string }[];
      };
      expect(targetInfos.filter((target) => target.url.startsWith('chrome://'))).toEqual([]);
      expect(targetInfos.filter((target) => target.type === 'page')).toHaveLength(1);
    } finally {
      await browser.close();
    }
  });
});
