// How the browser tests start Debian's Chromium (never a downloaded browser). The run's global setup
// starts one as a server and every browser suite connects to it (each with its own contexts), instead
// of each of the 22 files starting its own; a suite run without that setup starts one itself.
import type { LaunchOptions } from 'playwright-core';
import { chromiumPath } from '../../local/prerequisites';

/** Where the run's shared Chromium listens (set by global-setup.ts for the jest workers). */
export const BROWSER_ENDPOINT_ENV = 'TEST_BROWSER_WS_ENDPOINT';

/**
 * What playwright-core (1.65) turns off itself. Chromium reads only the last `--disable-features`,
 * so ours repeats these; test/support/chromium.test.ts fails when Playwright's list has one more.
 */
const playwrightDisabledFeatures = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

/**
 * Work Chromium does for every browser context that no test looks at: each page of a new context is a
 * window, and each window loads the address bar's two drop-downs (chrome://omnibox-popup.top-chrome/)
 * in renderers of their own; and after a navigation Chromium starts a spare renderer for the next one,
 * which the next context cannot use. Without them a context costs one renderer instead of three to
 * four, and the browser files about 40% less of Chromium's CPU (docs/performance.md).
 */
const unusedFeatures = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'SpareRendererForSitePerProcess'];

export const chromiumLaunchOptions = (): LaunchOptions => ({
  executablePath: chromiumPath(),
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    `--disable-features=${[...playwrightDisabledFeatures, ...unusedFeatures].join(',')}`,
  ],
});
