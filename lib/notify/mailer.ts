// Sends one email through SES (v1 SendEmail), HTML and plain-text parts, from the configured sender.
import { SendEmailCommand } from '@aws-sdk/client-ses';
import { ses } from '../aws/ses';
import { config } from '../config';
import type { RenderedEmail } from './render';

/**
 * The message tag that names the outbox entry a mail belongs to: SES repeats a message's tags in its
 * bounce and complaint events, so lib/bounces finds the entry (and the customer) by our own id, never
 * by the recipient's address. An audit event id is a ULID: within SES's tag alphabet.
 */
export const NOTIFICATION_TAG = 'notification';

export const sendEmail = async (
  to: string,
  email: RenderedEmail,
  /** The outbox entry (its audit event id) this message is the main mail of. */
  notification?: string,
): Promise<{ messageId: string }> => {
  const { senderEmail, sesConfigurationSet } = config();
  const result = await ses().send(
    new SendEmailCommand({
      Source: senderEmail,
      // Named on every message: an imported identity may have no default configuration set.
      ...(sesConfigurationSet ? { ConfigurationSetName: sesConfigurationSet } : {}),
      Destination: { ToAddresses: [to] },
      ...(notification ? { Tags: [{ Name: NOTIFICATION_TAG, Value: notification }] } : {}),
      Message: {
        Subject: { Data: email.subject, Charset: 'UTF-8' },
        Body: { Text: { Data: email.text, Charset: 'UTF-8' }, Html: { Data: email.html, Charset: 'UTF-8' } },
      },
    }),
  );
  return { messageId: result.MessageId ?? 'unknown' };
};
