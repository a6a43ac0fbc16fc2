// Starts one DynamoDB Local, one SES server and one Chromium for the whole test run, on free ports;
// every test file then gets its own tables (a unique prefix), its own API server in-process and its own
// browser contexts.
import { chromium } from 'playwright-core';
import { startDynamoDbLocal } from '../../local/dynamodb-local';
import { freePort } from '../../local/processes';
import { startSesLocal } from '../../local/ses-local';
import { BROWSER_ENDPOINT_ENV, chromiumLaunchOptions } from './chromium';

declare global {
  var __localServices: { stop(): Promise<void> } | undefined;
}

export default async function globalSetup() {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const [dynamodbPort, sesPort] = [await freePort(), await freePort()];
  const [dynamodb, ses, browser] = await Promise.all([
    startDynamoDbLocal({ port: dynamodbPort, shortLived: true }),
    startSesLocal({ port: sesPort }),
    // Without Chromium the suites that need none still run; the browser suites then fail on their own launch.
    chromium.launchServer({ ...chromiumLaunchOptions(), host: '127.0.0.1' }).catch(() => undefined),
  ]);
  process.env.TEST_DYNAMODB_ENDPOINT = `http://127.0.0.1:${dynamodbPort}`;
  process.env.TEST_SES_ENDPOINT = `http://127.0.0.1:${sesPort}`;
  if (browser) process.env[BROWSER_ENDPOINT_ENV] = browser.wsEndpoint();
  globalThis.__localServices = {
    stop: async () => {
      await Promise.all([dynamodb.stop(), ses.stop(), browser?.close()]);
    },
  };
}
