// The local stand-in for SES's bounce and complaint events: aws-ses-v2-local accepts every message and
// never bounces one, so POST /local/ses-events takes the event EventBridge would deliver (the default
// bus, source aws.ses) and hands it to the same function the stack's rule invokes (mailFeedback).
// The answer is the function's result. Nothing here decides anything: the function checks the source,
// the configuration set and the message as it does in AWS.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from 'aws-lambda';
import {
  CONFIGURATION_SET_TAG,
  SES_EVENT_SOURCE,
  SES_FEEDBACK_DETAIL_TYPES,
} from '../lib/bounces/ses-source';
import { NOTIFICATION_TAG } from '../lib/notify/mailer';
import { loadHandler } from './api-server';
import { lambdaContext } from './lambda-context';

export const LOCAL_SES_EVENTS_PATH = '/local/ses-events';

/**
 * The event SES puts on the default bus when a message bounces or draws a complaint, as documented
 * (SES developer guide, "Monitoring with Amazon EventBridge"): the message id SES answered the send
 * with, and the message's tags as we sent them, with SES's own configuration-set tag.
 */
export const sesFeedbackEvent = (message: {
  messageId: string;
  /** The outbox entry the message was sent for (the mailer's `notification` tag); absent: untagged mail. */
  notification?: string;
  configurationSet?: string;
  recipient?: string;
  feedback?: 'bounce' | 'complaint';
  bounceType?: string;
  bounceSubType?: string;
}) => {
  const feedback = message.feedback ?? 'bounce';
  const recipient = message.recipient ?? 'someone@example.com';
  const tags: Record<string, string[]> = {
    ...(message.configurationSet ? { [CONFIGURATION_SET_TAG]: [message.configurationSet] } : {}),
    ...(message.notification ? { [NOTIFICATION_TAG]: [message.notification] } : {}),
  };
  const now = new Date().toISOString();
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': SES_FEEDBACK_DETAIL_TYPES[feedback === 'bounce' ? 'Bounce' : 'Complaint'],
    source: SES_EVENT_SOURCE,
    account: '000000000000',
    time: now,
    region: process.env.AWS_REGION ?? 'eu-west-1',
    resources: [],
    detail: {
      eventType: feedback === 'bounce' ? 'Bounce' : 'Complaint',
      mail: {
        timestamp: now,
        source: 'no-reply@mfa-recovery.local',
        messageId: message.messageId,
        destination: [recipient],
        tags,
      },
      ...(feedback === 'bounce'
        ? {
            bounce: {
              bounceType: message.bounceType ?? 'Permanent',
              bounceSubType: message.bounceSubType ?? 'General',
              // What SES writes here names the recipient: the function must never keep it.
              bouncedRecipients: [
                {
                  emailAddress: recipient,
                  action: 'failed',
                  status: '5.1.1',
                  diagnosticCode: `smtp; 550 5.1.1 <${recipient}>: user unknown`,
                },
              ],
              timestamp: now,
              feedbackId: randomUUID(),
            },
          }
        : {
            complaint: {
              complainedRecipients: [{ emailAddress: recipient }],
              complaintFeedbackType: 'abuse',
              timestamp: now,
              feedbackId: randomUUID(),
            },
          }),
    },
  };
};

const readBody = (request: IncomingMessage) =>
  new Promise<string>((done, fail) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
    request.on('error', fail);
  });

const answer = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end(JSON.stringify(body));
};

/** The API server's local route: true when the request was this one's. */
export const handleSesEvent = async (
  request: IncomingMessage,
  response: ServerResponse,
): Promise<boolean> => {
  const path = (request.url ?? '/').split('?')[0];
  if (path !== LOCAL_SES_EVENTS_PATH) return false;
  if (request.method !== 'POST') {
    answer(response, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: 'POST the EventBridge event' } });
    return true;
  }
  let event: unknown;
  try {
    event = JSON.parse(await readBody(request));
  } catch {
    answer(response, 400, { error: { code: 'INVALID_JSON', message: 'the body is not JSON' } });
    return true;
  }
  const handler = await loadHandler<(event: unknown, context: Context) => Promise<unknown>>('mailFeedback');
  try {
    answer(response, 200, await handler(event, lambdaContext('mailFeedback')));
  } catch {
    // In AWS the invocation fails and EventBridge retries, then the dead-letter queue.
    answer(response, 500, { error: { code: 'INTERNAL_ERROR', message: 'the function failed' } });
  }
  return true;
};
