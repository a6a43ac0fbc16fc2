// Starts one DynamoDB Local and one SES server for the whole test run, on free ports; every test
// file then gets its own tables (a unique prefix) and its own API server in-process.
import { startDynamoDbLocal } from '../../local/dynamodb-local';
import { freePort } from '../../local/processes';
import { startSesLocal } from '../../local/ses-local';

declare global {
  var __localServices: { stop(): Promise<void> } | undefined;
}

export default async function globalSetup() {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const [dynamodbPort, sesPort] = [await freePort(), await freePort()];
  const [dynamodb, ses] = await Promise.all([
    startDynamoDbLocal({ port: dynamodbPort }),
    startSesLocal({ port: sesPort }),
  ]);
  process.env.TEST_DYNAMODB_ENDPOINT = `http://127.0.0.1:${dynamodbPort}`;
  process.env.TEST_SES_ENDPOINT = `http://127.0.0.1:${sesPort}`;
  globalThis.__localServices = {
    stop: async () => {
      await Promise.all([dynamodb.stop(), ses.stop()]);
    },
  };
}
