// The outbox ledger: one Notifications item per audit event that triggers mail, so a redelivered
// stream record never sends a second email. States: SENDING → SENT | FAILED_RETRYABLE | FAILED_PERMANENT.
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from '../audit/store';
import { dynamoDb, tableName } from '../aws/dynamodb';
import { isConditionalCheckFailed } from '../aws/errors';
import { epochSeconds } from '../clock';
import type { NotificationKind } from './templates';

export type LedgerStatus = 'SENDING' | 'SENT' | 'FAILED_RETRYABLE' | 'FAILED_PERMANENT';

export interface LedgerItem {
  eventId: string;
  customerId: string;
  kind: NotificationKind;
  status: LedgerStatus;
  attempts: number;
  messageId?: string;
  lastError?: string;
  updatedAt: string;
  expiresAtEpoch: number;
}

/** Long enough to outlive any stream redelivery (24 h) many times over. */
const RETENTION_DAYS = 90;

export const getLedger = async (eventId: string): Promise<LedgerItem | undefined> => {
  const result = await dynamoDb().send(
    new GetCommand({ TableName: tableName('notifications'), Key: { eventId }, ConsistentRead: true }),
  );
  return result.Item as LedgerItem | undefined;
};

/**
 * Claims the send. Only a fresh event or one whose earlier attempt is known not to have reached SES
 * can be claimed; false means someone already sent (or may have sent) this email.
 */
export const claimSend = async (
  entry: { eventId: string; customerId: string; kind: NotificationKind; attempts: number },
  now: Date,
): Promise<boolean> => {
  try {
    await dynamoDb().send(
      new PutCommand({
        TableName: tableName('notifications'),
        Item: {
          ...entry,
          status: 'SENDING',
          updatedAt: now.toISOString(),
          expiresAtEpoch: epochSeconds(now) + RETENTION_DAYS * 86400,
        } satisfies LedgerItem,
        ConditionExpression: 'attribute_not_exists(eventId) OR #status = :retryable',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':retryable': 'FAILED_RETRYABLE' },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
};

/** The ledger's final state, written in the same transaction as the audit event that reports it. */
export const settleLedger = (
  eventId: string,
  status: 'SENT' | 'FAILED_PERMANENT',
  now: Date,
  extra: { messageId?: string; lastError?: string },
): TransactItem => ({
  Update: {
    TableName: tableName('notifications'),
    Key: { eventId },
    UpdateExpression: `SET #status = :status, updatedAt = :now${extra.messageId ? ', messageId = :messageId' : ''}${extra.lastError ? ', lastError = :lastError' : ''}`,
    ConditionExpression: '#status = :sending',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':status': status,
      ':now': now.toISOString(),
      ':sending': 'SENDING',
      ...(extra.messageId ? { ':messageId': extra.messageId } : {}),
      ...(extra.lastError ? { ':lastError': extra.lastError } : {}),
    },
  },
});

/** SES said no in a way that may pass: the next delivery of the stream record may claim again. */
export const markRetryable = async (eventId: string, now: Date, lastError: string) => {
  await dynamoDb().send(
    new UpdateCommand({
      TableName: tableName('notifications'),
      Key: { eventId },
      UpdateExpression: 'SET #status = :retryable, updatedAt = :now, lastError = :lastError',
      ConditionExpression: '#status = :sending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':retryable': 'FAILED_RETRYABLE',
        ':sending': 'SENDING',
        ':now': now.toISOString(),
        ':lastError': lastError,
      },
    }),
  );
};
