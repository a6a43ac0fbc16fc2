// The AuditEvents stream as its consumers read it (the notifier, the event publisher): each new audit
// event in order; on the first failure the rest of the batch is reported failed (ReportBatchItemFailures),
// so Lambda retries from there and no event of a customer overtakes an earlier one.
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { errorLogFields } from '../observability/error-fields';
import { logger } from '../observability/logger';
import type { AuditItem } from './events';

export const relayNewAuditEvents = async (
  event: DynamoDBStreamEvent,
  handle: (item: AuditItem) => Promise<void>,
  failureMessage: string,
): Promise<DynamoDBBatchResponse> => {
  for (const [index, record] of event.Records.entries()) {
    if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) continue;
    const item = unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>) as AuditItem;
    try {
      await handle(item);
    } catch (error) {
      logger.error(failureMessage, { eventId: item.eventId, type: item.type, error: errorLogFields(error) });
      return {
        batchItemFailures: event.Records.slice(index).map((failed) => ({
          itemIdentifier: failed.dynamodb?.SequenceNumber ?? '',
        })),
      };
    }
  }
  return { batchItemFailures: [] };
};
