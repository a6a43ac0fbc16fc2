// Cold-start baseline of a function that uses DynamoDB, SES and KMS (adminApi: email codes, keyed
// hashes of answers): the clients, created as the function creates them, and the same calls.
import { KMSClient } from '@aws-sdk/client-kms';
import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { ok, sendAll, type BaselineEvent } from './dynamodb-calls';

let ses: SESClient | undefined;

/** Created on first use, as lib/aws/kms-mac.ts does (locally keyed hashes use the local key). */
export const kms = () => new KMSClient({ region: process.env.AWS_REGION, maxAttempts: 3 });

export const handler = async (event: BaselineEvent) => {
  await sendAll(event.calls, async (request) => {
    ses ??= new SESClient({
      region: process.env.AWS_REGION,
      ...(process.env.SES_ENDPOINT
        ? {
            endpoint: process.env.SES_ENDPOINT,
            credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          }
        : {}),
      maxAttempts: 2,
    });
    return ses.send(new SendEmailCommand(request.input as never));
  });
  return ok;
};
