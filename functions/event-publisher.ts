// Lambda on the AuditEvents stream and on a 5-minute schedule: the event outbox's relay and its
// reconciliation, the one function allowed to put events on the recovery event bus.
import middy from '@middy/core';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { AuditItem } from '../lib/audit/events';
import { systemClock } from '../lib/clock';
import { config } from '../lib/config';
import {
  defaultPublicationReconcileOptions,
  publishAuditEvent,
  reconcilePublications,
  type PublicationReconcileReport,
} from '../lib/events/publisher';
import { reconcileInputSchema } from '../lib/notify/reconcile-input';
import { errorLogFields } from '../lib/observability/error-fields';
import { logger } from '../lib/observability/logger';

config();
const deps = { clock: systemClock };

/** In order; on the first failure the rest of the batch is retried, so no event overtakes an earlier one. */
const relay = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  for (const [index, record] of event.Records.entries()) {
    if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) continue;
    const item = unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>) as AuditItem;
    try {
      await publishAuditEvent(item, deps);
    } catch (error) {
      logger.error('recovery event not published; retrying from this record', {
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

const isStreamEvent = (event: unknown): event is DynamoDBStreamEvent =>
  typeof event === 'object' && event !== null && Array.isArray((event as { Records?: unknown }).Records);

export const handler = middy<unknown, DynamoDBBatchResponse | PublicationReconcileReport>({
  timeoutEarlyInMillis: 0,
}).handler(async (event: unknown, context: Context) => {
  logger.addContext(context);
  if (isStreamEvent(event)) return relay(event);
  const input = reconcileInputSchema.parse(event);
  const report = await reconcilePublications({ ...defaultPublicationReconcileOptions, ...input }, deps);
  logger.info('event outbox reconciliation', {
    dryRun: report.dryRun,
    backlog: report.backlog.length,
    published: report.backlog.filter((entry) => entry.result === 'PUBLISHED').length,
    retryLater: report.backlog.filter((entry) => entry.result === 'RETRY_LATER').length,
  });
  return report;
});
