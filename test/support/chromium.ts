// How the browser tests start Debian's Chromium (never a downloaded browser). The run's global setup
// starts one as a server and every browser suite connects to it (each with its own contexts), instead
// of each of the 22 files starting its own; a suite run without that setup starts one itself.
import type { LaunchOptions } from 'playwright-core';
import { chromiumPath } from '../../local/prerequisites';

/** Where the run's shared Chromium listens (set by global-setup.ts for the jest workers). */
export const BROWSER_ENDPOINT_ENV = 'TEST_BROWSER_WS_ENDPOINT';

export const chromiumLaunchOptions = (): LaunchOptions => ({
  executablePath: chromiumPath(),
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
