// The SES client, created once per container; locally it talks to aws-ses-v2-local.
import { SESClient } from '@aws-sdk/client-ses';
import { config } from '../config';

let client: SESClient | undefined;

export const ses = (): SESClient => {
  if (!client) {
    const { region, endpoints } = config();
    client = new SESClient({
      region,
      ...(endpoints.ses
        ? { endpoint: endpoints.ses, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
        : {}),
      maxAttempts: 2,
    });
  }
  return client;
};

/** Closes the client's sockets; the local stack calls this when it stops. */
export const closeSes = () => {
  client?.destroy();
  client = undefined;
};
