// The event outbox: one EventPublications item per audit event that changes a customer's
// authentication state, Put PENDING in the audit event's own transaction (lib/audit/outbox.ts, so a
// commit without its marker cannot happen), claimed before PutEvents and settled PUBLISHED after it, each step a
// conditional write, so no run publishes an event another run already published.
// States: PENDING → PUBLISHING → PUBLISHED; a failed PutEvents puts the claim back to PENDING.
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  UNPUBLISHED_FLAG,
  ledgerExpiry,
  unpublishedFields,
  type PublicationEvent,
  type PublicationItem,
  type PublicationStatus,
} from '../audit/outbox';
import { dynamoDb, tableName } from '../aws/dynamodb';
import { isConditionalCheckFailed } from '../aws/errors';

/**
 * A PUBLISHING claim older than this belongs to a run that died between PutEvents and its settling
 * write: the event may be on the bus or not, and since EventBridge cannot be asked, it is published
 * again with the same metadata.uid (consumers deduplicate on it). Lambda's longest run is 15 minutes.
 */
export const STALE_CLAIM_MINUTES = 15;

export const getPublication = async (eventId: string): Promise<PublicationItem | undefined> => {
  const result = await dynamoDb().send(
    new GetCommand({ TableName: tableName('eventPublications'), Key: { eventId }, ConsistentRead: true }),
  );
  return result.Item as PublicationItem | undefined;
};

/**
 * Claims the publication: a PENDING marker, a stale claim, or none at all (an event committed before
 * the outbox existed). False: it is published, or another run is publishing it right now.
 */
export const claimPublication = async (
  event: PublicationEvent,
  attempts: number,
  now: Date,
): Promise<boolean> => {
  try {
    await dynamoDb().send(
      new PutCommand({
        TableName: tableName('eventPublications'),
        Item: {
          ...unpublishedFields(event),
          status: 'PUBLISHING',
          attempts,
          updatedAt: now.toISOString(),
          expiresAtEpoch: ledgerExpiry(now),
        } satisfies PublicationItem,
        ConditionExpression:
          'attribute_not_exists(eventId) OR #status = :pending OR (#status = :publishing AND updatedAt < :stale)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':pending': 'PENDING',
          ':publishing': 'PUBLISHING',
          ':stale': new Date(now.getTime() - STALE_CLAIM_MINUTES * 60_000).toISOString(),
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
};

/** Published: out of both sparse indexes, so nothing reads it again. */
export const settlePublication = async (eventId: string, busEventId: string, now: Date) => {
  await dynamoDb().send(
    new UpdateCommand({
      TableName: tableName('eventPublications'),
      Key: { eventId },
      UpdateExpression:
        'SET #status = :published, busEventId = :busEventId, publishedAt = :now, updatedAt = :now REMOVE pendingFlag, unpublishedCustomer, lastErrorCode',
      ConditionExpression: '#status = :publishing',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':published': 'PUBLISHED',
        ':publishing': 'PUBLISHING',
        ':busEventId': busEventId,
        ':now': now.toISOString(),
      },
    }),
  );
};

/** PutEvents failed: nothing went out, so the next run (stream retry or reconciliation) may claim it. */
export const releasePublication = async (eventId: string, errorCode: string, now: Date) => {
  await dynamoDb().send(
    new UpdateCommand({
      TableName: tableName('eventPublications'),
      Key: { eventId },
      UpdateExpression: 'SET #status = :pending, lastErrorCode = :code, updatedAt = :now',
      ConditionExpression: '#status = :publishing',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':pending': 'PENDING',
        ':publishing': 'PUBLISHING',
        ':code': errorCode,
        ':now': now.toISOString(),
      },
    }),
  );
};

export type UnpublishedEntry = Pick<
  PublicationItem,
  'eventId' | 'auditSubject' | 'auditSeq' | 'status' | 'updatedAt'
>;

const entryOf = (item: Record<string, unknown>): UnpublishedEntry => ({
  eventId: String(item.eventId),
  auditSubject: String(item.auditSubject),
  auditSeq: Number(item.auditSeq),
  status: item.status as PublicationStatus,
  updatedAt: String(item.updatedAt),
});

/** Unpublished events whose audit event happened at or before `cutoff`, oldest first: the backlog. */
export const listUnpublished = async (cutoff: Date, limit: number): Promise<UnpublishedEntry[]> => {
  const found: UnpublishedEntry[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamoDb().send(
      new QueryCommand({
        TableName: tableName('eventPublications'),
        IndexName: 'unpublished',
        KeyConditionExpression: 'pendingFlag = :pending AND pendingSince <= :cutoff',
        ExpressionAttributeValues: { ':pending': UNPUBLISHED_FLAG, ':cutoff': cutoff.toISOString() },
        ExclusiveStartKey: startKey,
        Limit: limit - found.length,
      }),
    );
    found.push(...(page.Items ?? []).map(entryOf));
    startKey = page.LastEvaluatedKey;
  } while (startKey && found.length < limit);
  return found;
};

/** The customer's unpublished events before `seq`, oldest first (at most a page: a backlog, not a history). */
export const earlierUnpublished = async (customerId: string, seq: number): Promise<UnpublishedEntry[]> => {
  const page = await dynamoDb().send(
    new QueryCommand({
      TableName: tableName('eventPublications'),
      IndexName: 'unpublishedByCustomer',
      KeyConditionExpression: 'unpublishedCustomer = :customer AND auditSeq < :seq',
      ExpressionAttributeValues: { ':customer': customerId, ':seq': seq },
      Limit: 100,
    }),
  );
  return (page.Items ?? []).map(entryOf);
};

declare module '../data/tables' {
  /** The EventPublications table's indexes key on these fields (checked in lib/data/tables.ts). */
  interface IndexedItems {
    eventPublications: PublicationItem;
  }
}
