// Lambda on the AuditEvents stream: the outbox relay that turns audit events into emails.
import middy from '@middy/core';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { AuditItem } from '../lib/audit/events';
import { systemClock, systemRandom } from '../lib/clock';
import { config } from '../lib/config';
import { deliverNotification } from '../lib/notify/notifier';
import { withBusinessMetrics } from '../lib/observability/business-metrics';
import { logger } from '../lib/observability/logger';
import { errorLogFields } from '../lib/observability/error-fields';

config();
const deps = { clock: systemClock, random: systemRandom };

/**
 * Records are handled in order; on the first failure the rest of the batch is reported as failed
 * (ReportBatchItemFailures), so one customer's emails never overtake each other.
 */
const relay = async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> => {
  logger.addContext(context);
  for (const [index, record] of event.Records.entries()) {
    if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) continue;
    const item = unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>) as AuditItem;
    try {
      const result = await deliverNotification(item, deps);
      if (result !== 'IGNORED')
        logger.info('notification handled', { eventId: item.eventId, type: item.type, result });
    } catch (error) {
      logger.error('notification failed; retrying from this record', {
        eventId: item.eventId,
        type: item.type,
        error: errorLogFields(error),
      });
      return {
        batchItemFailures: event.Records.slice(index).map((failed) => ({
          itemIdentifier: failed.dynamodb?.SequenceNumber ?? '',
        })),
      };
    }
  }
  return { batchItemFailures: [] };
};

export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>({ timeoutEarlyInMillis: 0 }).handler(
  (event: DynamoDBStreamEvent, context: Context) => withBusinessMetrics(() => relay(event, context)),
);
