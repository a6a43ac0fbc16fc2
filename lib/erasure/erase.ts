// Erasure of a customer (AVG/GDPR art. 17): the record becomes a tombstone holding only its id, in one
// transaction with its search terms removed and CUSTOMER_ERASED appended; then every other item of the
// customer is deleted. Safe to repeat: a call that finds the tombstone only finishes the deletions.
import { DeleteCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { subjectOf } from '../audit/events';
import { PENDING_INDEX } from '../audit/outbox';
import { commitWithAudit } from '../audit/store';
import { dynamoDb, tableName, type TransactItem } from '../aws/dynamodb';
import type { Clock, Random } from '../clock';
import type { TableKey } from '../data/tables';
import { conflict, notFound } from '../errors';
import {
  customerVersionCondition,
  dropTermsBeyondCap,
  readCustomerItem,
  tombstoneOf,
} from '../customers/store';
import { keepIdClaim } from '../customers/id-claim';
import { approvalSubject, customerSubject, deleteIdempotencyRecordsAbout } from '../idempotency/store';
import { termKey, termsOf } from '../customers/search-terms';
import { isTombstone } from '../customers/tombstone';
import { caseNumberKey } from '../verification/case-number';

export interface ErasureOutcome {
  customerId: string;
  erasedAt: string;
  /** False when an earlier call already erased the record and this one only finished the deletions. */
  erasedNow: boolean;
  /** Items this call deleted, per table. */
  removed: { verifications: number; tickets: number; approvals: number; notifications: number };
}

/** The record was not the one this call read: another erasure (go on with the deletions) or another change. */
class RecordChanged extends Error {}

/** Every item a query yields, page by page: erasure must not stop at the first page. */
const itemsOf = async (input: QueryCommandInput) => {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamoDb().send(
      new QueryCommand({ ...input, ...(start ? { ExclusiveStartKey: start } : {}) }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
};

const keysOf = async (input: QueryCommandInput, key: string) =>
  (await itemsOf(input)).map((item) => ({ [key]: item[key] }));

/** Deletes one by one: a delete of an item already gone succeeds, so a retry after a fault repeats nothing harmful. */
const deleteAll = async (table: TableKey, keys: Record<string, unknown>[]) => {
  for (const Key of keys) await dynamoDb().send(new DeleteCommand({ TableName: tableName(table), Key }));
  return keys.length;
};

const byCustomerQuery = (table: TableKey, customerId: string): QueryCommandInput => ({
  TableName: tableName(table),
  IndexName: 'byCustomer',
  KeyConditionExpression: 'customerId = :customerId',
  ExpressionAttributeValues: { ':customerId': customerId },
});

const byCustomer = (table: TableKey, key: string, customerId: string) =>
  keysOf(byCustomerQuery(table, customerId), key);

/** The items that hang off a customer, found through the indexes that name the customer. */
const deleteCustomerItems = async (customerId: string): Promise<ErasureOutcome['removed']> => {
  const sessions = await itemsOf(byCustomerQuery('verifications', customerId));
  // A case number's own item names the customer; it goes before its session, so a retry still finds it.
  await deleteAll(
    'customerSearch',
    sessions.flatMap((session) =>
      typeof session.caseNumber === 'string' ? [caseNumberKey(session.caseNumber)] : [],
    ),
  );
  const verifications = await deleteAll(
    'verifications',
    sessions.map((session) => ({ verificationId: session.verificationId })),
  );
  const tickets = await deleteAll('tickets', await byCustomer('tickets', 'ticketHash', customerId));
  const approvalKeys = await byCustomer('approvals', 'approvalId', customerId);
  // Before the approvals, so a retry after a fault still finds the records of their approvals.
  await deleteIdempotencyRecordsAbout([
    customerSubject(customerId),
    ...approvalKeys.map((key) => approvalSubject(String(key.approvalId))),
  ]);
  const approvals = await deleteAll('approvals', approvalKeys);
  // Only unsettled entries are indexed; settled ones hold ids and a status, no personal data, and expire.
  const notifications = await deleteAll(
    'notifications',
    await keysOf(
      {
        TableName: tableName('notifications'),
        IndexName: PENDING_INDEX,
        KeyConditionExpression: 'pendingFlag = :pending',
        // The index projects auditSubject, not customerId.
        FilterExpression: 'auditSubject = :subject',
        ExpressionAttributeValues: { ':pending': 'PENDING', ':subject': subjectOf(customerId) },
      },
      'eventId',
    ),
  );
  return { verifications, tickets, approvals, notifications };
};

/**
 * Erasure decides nothing on what the record holds, so a change that lands between its read and its
 * write (a ticket the notifier issues after a release, a sync) is no reason to refuse: it reads again
 * and erases what is there now, search terms included. Only a record that keeps changing is refused.
 */
const ERASE_ATTEMPTS = 4;

/** Tombstones the record, its terms removed and CUSTOMER_ERASED appended; or finds the tombstone a parallel erasure left. */
const tombstoneCustomer = async (
  customerId: string,
  actorId: string,
  deps: { clock: Clock; random: Random },
): Promise<{ erasedAt: string; erasedNow: boolean }> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const { result: erasedAt } = await commitWithAudit(customerId, deps, async (append) => {
        const current = await readCustomerItem(customerId, true);
        if (!current) throw notFound('CUSTOMER_NOT_FOUND', 'No customer with this id.');
        if (isTombstone(current)) throw new RecordChanged();
        await dropTermsBeyondCap(current);
        const at = deps.clock.now().toISOString();
        // Ids only: the event outlives the customer in the locked exports.
        append({ type: 'CUSTOMER_ERASED', actorType: 'service', actorId, customerId, details: {} });
        const condition = customerVersionCondition(current);
        const writes: TransactItem[] = [
          {
            Put: {
              TableName: tableName('customers'),
              Item: tombstoneOf(customerId, at),
              ConditionExpression: condition.ConditionExpression,
              ExpressionAttributeValues: condition.values,
            },
          },
          ...termsOf(current).map((term): TransactItem => ({
            Delete: { TableName: tableName('customerSearch'), Key: termKey(term, customerId) },
          })),
          keepIdClaim(customerId),
        ];
        // Lost to a parallel erasure (then finish its deletions) or to a parallel change (then again).
        return { writes, result: at, onConflict: () => new RecordChanged() };
      });
      return { erasedAt, erasedNow: true };
    } catch (error) {
      if (!(error instanceof RecordChanged)) throw error;
      const current = await readCustomerItem(customerId, true);
      if (current && isTombstone(current)) return { erasedAt: current.erasedAt, erasedNow: false };
      if (attempt >= ERASE_ATTEMPTS)
        throw conflict(
          'CONCURRENT_CHANGE',
          'The customer kept changing while the erasure ran; send it again.',
        );
    }
  }
};

export const eraseCustomer = async (
  customerId: string,
  actorId: string,
  deps: { clock: Clock; random: Random },
): Promise<ErasureOutcome> => {
  const { erasedAt, erasedNow } = await tombstoneCustomer(customerId, actorId, deps);
  const removed = await deleteCustomerItems(customerId);
  return { customerId, erasedAt, erasedNow, removed };
};
