// Lambda on the AuditEvents stream: the outbox relay that turns audit events into emails.
import middy from '@middy/core';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { relayNewAuditEvents } from '../lib/audit/stream-relay';
import { systemClock, systemRandom } from '../lib/clock';
import { config } from '../lib/config';
import { deliverNotification } from '../lib/notify/notifier';
import { withBusinessMetrics } from '../lib/business-metrics/business-metrics';
import { logger } from '../lib/observability/logger';

config();
const deps = { clock: systemClock, random: systemRandom };

/**
 * Records are handled in order; on the first failure the rest of the batch is reported as failed
 * (ReportBatchItemFailures), so one customer's emails never overtake each other.
 */
const relay = async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> => {
  logger.addContext(context);
  return relayNewAuditEvents(
    event,
    async (item) => {
      const result = await deliverNotification(item, deps);
      if (result !== 'IGNORED')
        logger.info('notification handled', { eventId: item.eventId, type: item.type, result });
    },
    'notification failed; retrying from this record',
  );
};

export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>({ timeoutEarlyInMillis: 0 }).handler(
  (event: DynamoDBStreamEvent, context: Context) => withBusinessMetrics(() => relay(event, context)),
);
