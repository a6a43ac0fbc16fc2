// Lambda on the AuditEvents stream and on a 5-minute schedule: the event outbox's relay and its
// reconciliation, the one function allowed to put events on the recovery event bus.
import middy from '@middy/core';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { relayNewAuditEvents } from '../lib/audit/stream-relay';
import { systemClock } from '../lib/clock';
import { config } from '../lib/config';
import {
  defaultPublicationReconcileOptions,
  publishAuditEvent,
  reconcilePublications,
  type PublicationReconcileReport,
} from '../lib/events/publisher';
import { reconcileInputSchema } from '../lib/notify/reconcile-input';
import { logger } from '../lib/observability/logger';

config();
const deps = { clock: systemClock };

/** In order; on the first failure the rest of the batch is retried, so no event overtakes an earlier one. */
const relay = (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> =>
  relayNewAuditEvents(
    event,
    async (item) => {
      await publishAuditEvent(item, deps);
    },
    'recovery event not published; retrying from this record',
  );

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
