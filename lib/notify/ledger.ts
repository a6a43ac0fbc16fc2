// The outbox ledger: one Notifications item per audit event that triggers mail, so a redelivered
// stream record never sends a second email. States: PENDING → SENDING → SENT | FAILED_RETRYABLE |
// FAILED_PERMANENT. The PENDING item is written in the audit event's own transaction (its shape and
// that marker are lib/audit/outbox.ts, so the audit store needs nothing from here), and every item
// stays in the sparse `pending` index until it is settled: that index is the list the reconciliation
// reads, so an event the stream never delivered is still found, at a cost that grows with the backlog
// only, never with the audit history.
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  PENDING_FLAG,
  PENDING_INDEX,
  ledgerExpiry,
  unsettledFields,
  type LedgerEntry,
  type LedgerItem,
  type LedgerStatus,
  type NotificationKind,
} from '../audit/outbox';
import { dynamoDb, tableName, type TransactItem } from '../aws/dynamodb';
import { isConditionalCheckFailed } from '../aws/errors';

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
export const claimSend = async (entry: LedgerEntry & { attempts: number }, now: Date): Promise<boolean> => {
  try {
    await dynamoDb().send(
      new PutCommand({
        TableName: tableName('notifications'),
        Item: {
          ...unsettledFields(entry),
          attempts: entry.attempts,
          status: 'SENDING',
          updatedAt: now.toISOString(),
          expiresAtEpoch: ledgerExpiry(now),
        } satisfies LedgerItem,
        // Events committed before the outbox marker existed have no item at all.
        ConditionExpression: 'attribute_not_exists(eventId) OR #status IN (:pending, :retryable)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pending': 'PENDING', ':retryable': 'FAILED_RETRYABLE' },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
};

/** What the ledger keeps of a failure: a fixed code and, for an SES failure, its class. */
export type LedgerError = Pick<LedgerItem, 'errorCode' | 'errorClass'>;

/** `errorCode = :errorCode, …` for the fields given, with their values. */
const errorFields = (error: LedgerError) => {
  const fields = Object.entries(error).filter((entry): entry is [string, string] => Boolean(entry[1]));
  return {
    set: fields.map(([name]) => `, ${name} = :${name}`).join(''),
    values: Object.fromEntries(fields.map(([name, value]) => [`:${name}`, value])),
  };
};

/**
 * The ledger's final state, written in the same transaction as the audit event that reports it.
 * Every write removes `lastError`: entries from before the codes held SES's own text there.
 */
export const settleLedger = (
  eventId: string,
  status: 'SENT' | 'FAILED_PERMANENT',
  now: Date,
  extra: { messageId?: string } & LedgerError,
): TransactItem => {
  const { messageId, ...error } = extra;
  const fields = errorFields(error);
  return {
    Update: {
      TableName: tableName('notifications'),
      Key: { eventId },
      // Settled: out of the pending index, so the reconciliation never reads it again.
      UpdateExpression: `SET #status = :status, updatedAt = :now${messageId ? ', messageId = :messageId' : ''}${fields.set} REMOVE pendingFlag, lastError`,
      ConditionExpression: '#status = :sending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':status': status,
        ':now': now.toISOString(),
        ':sending': 'SENDING',
        ...(messageId ? { ':messageId': messageId } : {}),
        ...fields.values,
      },
    },
  };
};

/** SES said no in a way that may pass: the next delivery of the stream record may claim again. */
export const markRetryable = async (eventId: string, now: Date, error: LedgerError) => {
  const fields = errorFields(error);
  await dynamoDb().send(
    new UpdateCommand({
      TableName: tableName('notifications'),
      Key: { eventId },
      UpdateExpression: `SET #status = :retryable, updatedAt = :now${fields.set} REMOVE lastError`,
      ConditionExpression: '#status = :sending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':retryable': 'FAILED_RETRYABLE',
        ':sending': 'SENDING',
        ':now': now.toISOString(),
        ...fields.values,
      },
    }),
  );
};

export type UnsettledEntry = Pick<
  LedgerItem,
  'eventId' | 'auditSubject' | 'auditSeq' | 'status' | 'kind' | 'pendingSince' | 'updatedAt'
>;

/**
 * Unsettled entries whose event happened at or before `cutoff`, oldest first: the outbox backlog.
 * Reads the sparse index, which holds nothing but unsettled entries.
 */
export const listUnsettled = async (cutoff: Date, limit: number): Promise<UnsettledEntry[]> => {
  const found: UnsettledEntry[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamoDb().send(
      new QueryCommand({
        TableName: tableName('notifications'),
        IndexName: PENDING_INDEX,
        KeyConditionExpression: 'pendingFlag = :pending AND pendingSince <= :cutoff',
        ExpressionAttributeValues: { ':pending': PENDING_FLAG, ':cutoff': cutoff.toISOString() },
        ExclusiveStartKey: startKey,
        Limit: limit - found.length,
      }),
    );
    for (const item of page.Items ?? [])
      found.push({
        eventId: String(item.eventId),
        auditSubject: String(item.auditSubject),
        auditSeq: Number(item.auditSeq),
        status: item.status as LedgerStatus,
        kind: item.kind as NotificationKind,
        pendingSince: String(item.pendingSince),
        updatedAt: String(item.updatedAt),
      });
    startKey = page.LastEvaluatedKey;
  } while (startKey && found.length < limit);
  return found;
};

declare module '../data/tables' {
  /** The Notifications table's indexes key on these fields (checked in lib/data/tables.ts). */
  interface IndexedItems {
    notifications: LedgerItem;
  }
}
