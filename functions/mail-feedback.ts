// Lambda for SES's bounce and complaint events (EventBridge rule on the default bus): marks the mail's
// outbox entry and the customer, with an audit event (lib/bounces/record.ts).
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { recordMailFeedback, type FeedbackResult } from '../lib/bounces/record';
import { systemClock, systemRandom } from '../lib/clock';
import { config } from '../lib/config';
import { countMetric, withBusinessMetrics } from '../lib/business-metrics/business-metrics';
import { logger } from '../lib/observability/logger';

config();
const deps = { clock: systemClock, random: systemRandom };

/** A refused or unknown event is logged and dropped (a retry would not change it); errors throw and retry. */
const record = async (event: unknown, context: Context): Promise<{ result: FeedbackResult }> => {
  logger.addContext(context);
  const result = await recordMailFeedback(event, deps);
  // The event id only: SES's event names the recipient.
  const id = typeof event === 'object' && event && 'id' in event ? String(event.id) : undefined;
  // Staff mail or an emailed code that bounced has no customer page to show it: the metric is where it is seen.
  if (result === 'UNTRACKED') countMetric('UntrackedMailFeedback');
  if (result === 'REFUSED' || result === 'UNKNOWN_MESSAGE' || result === 'UNTRACKED')
    logger.warn('mail feedback event not recorded', { eventBridgeId: id, result });
  else logger.info('mail feedback event handled', { eventBridgeId: id, result });
  return { result };
};

export const handler = middy<unknown, { result: FeedbackResult }>({ timeoutEarlyInMillis: 0 }).handler(
  (event: unknown, context: Context) => withBusinessMetrics(() => record(event, context)),
);
