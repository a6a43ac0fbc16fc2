// Cold-start baseline of a function that uses DynamoDB and SES (notifier): the clients, created as the
// function creates them, and the same DynamoDB calls and email.
import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { ok, sendAll, type BaselineEvent } from './dynamodb-calls';

let ses: SESClient | undefined;

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
