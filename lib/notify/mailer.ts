// Sends one email through SES (v1 SendEmail), HTML and plain-text parts, from the configured sender.
import { SendEmailCommand } from '@aws-sdk/client-ses';
import { ses } from '../aws/ses';
import { config } from '../config';
import type { RenderedEmail } from './render';

export const sendEmail = async (to: string, email: RenderedEmail): Promise<{ messageId: string }> => {
  const { senderEmail, sesConfigurationSet } = config();
  const result = await ses().send(
    new SendEmailCommand({
      Source: senderEmail,
      // Named on every message: an imported identity may have no default configuration set.
      ...(sesConfigurationSet ? { ConfigurationSetName: sesConfigurationSet } : {}),
      Destination: { ToAddresses: [to] },
      Message: {
        Subject: { Data: email.subject, Charset: 'UTF-8' },
        Body: { Text: { Data: email.text, Charset: 'UTF-8' }, Html: { Data: email.html, Charset: 'UTF-8' } },
      },
    }),
  );
  return { messageId: result.MessageId ?? 'unknown' };
};
