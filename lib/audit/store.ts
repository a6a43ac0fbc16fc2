// AuditEvents in DynamoDB: read a chain's head, and commit a state change together with its audit
// events in one TransactWriteItems. Audit items are only ever Put with attribute_not_exists, never
// updated or deleted, and a lost race for the next seq is retried from a fresh head.
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDb, tableName, type TransactItem } from '../aws/dynamodb';
import { transactionCancellationReasons } from '../aws/errors';
import type { Clock, Random } from '../clock';
import { conflict } from '../errors';
import { nextAuditItem, type ChainHead } from './chain';
import {
  accountChangeOf,
  subjectOf,
  unnamedSealedFields,
  type AuditEventInput,
  type AuditItem,
} from './events';
import { notificationKindOf, pendingMarker, publicationMarker } from './outbox';

export const readChainHead = async (customerId: string): Promise<ChainHead | undefined> => {
  const result = await dynamoDb().send(
    new QueryCommand({
      TableName: tableName('auditEvents'),
      KeyConditionExpression: 'subject = :subject',
      ExpressionAttributeValues: { ':subject': subjectOf(customerId) },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
      ProjectionExpression: 'seq, #hash',
      ExpressionAttributeNames: { '#hash': 'hash' },
    }),
  );
  const item = result.Items?.[0];
  return item ? { seq: Number(item.seq), hash: String(item.hash) } : undefined;
};

export const auditPut = (item: AuditItem): TransactItem => ({
  Put: {
    TableName: tableName('auditEvents'),
    Item: item,
    ConditionExpression: 'attribute_not_exists(subject)',
  },
});

/** One audit event by its place in the chain (the outbox reconciliation reads it back from its ledger entry). */
export const getAuditEvent = async (subject: string, seq: number): Promise<AuditItem | undefined> => {
  const result = await dynamoDb().send(
    new GetCommand({ TableName: tableName('auditEvents'), Key: { subject, seq }, ConsistentRead: true }),
  );
  return result.Item as AuditItem | undefined;
};

export const listAuditEvents = async (
  customerId: string,
  options: { limit: number; beforeSeq?: number },
): Promise<AuditItem[]> => {
  const result = await dynamoDb().send(
    new QueryCommand({
      TableName: tableName('auditEvents'),
      KeyConditionExpression: options.beforeSeq
        ? 'subject = :subject AND seq < :before'
        : 'subject = :subject',
      ExpressionAttributeValues: {
        ':subject': subjectOf(customerId),
        ...(options.beforeSeq ? { ':before': options.beforeSeq } : {}),
      },
      ScanIndexForward: false,
      Limit: options.limit,
    }),
  );
  return (result.Items ?? []) as AuditItem[];
};

export interface ChangePlan<T> {
  /** The state change's own writes, each with a condition that states its invariant. */
  writes: TransactItem[];
  result: T;
  /** Turns the cancellation reasons of `writes` into the domain error to answer with. */
  onConflict?: (reasons: string[]) => Error;
}

const MAX_ATTEMPTS = 6;

type CommitListener = (events: readonly AuditItem[]) => void;

let commitListener: CommitListener | undefined;

/**
 * Tells `listener` of the events of every transaction that commits from now on (the business metrics
 * count them there), so the store itself knows nothing of who listens. One listener: a second replaces it.
 */
export const hearCommits = (listener: CommitListener) => {
  commitListener = listener;
};

/**
 * Commits `writes` and the audit events appended by `plan` in one transaction: both happen or neither.
 * `plan` runs again on each attempt, so it must read what it needs afresh.
 *
 * The chain head is read while `plan` reads what it needs (one round trip fewer on every audited
 * write); the seq conflict is still caught by the transaction. So an event `append` returns has its
 * eventId, time and content at once, but its place in the chain (seq, prevHash, hash) only once
 * `plan` has returned. `prefetchedHead`: a head read the caller started alongside reads of its own
 * that come before the plan (a ticket route's customer), used for the first attempt only.
 */
export const commitWithAudit = async <T>(
  customerId: string,
  deps: { clock: Clock; random: Random },
  plan: (append: (input: AuditEventInput) => AuditItem) => Promise<ChangePlan<T>>,
  prefetchedHead?: Promise<ChainHead | undefined>,
): Promise<{ result: T; events: AuditItem[] }> => {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const headRead = attempt === 1 && prefetchedHead ? prefetchedHead : readChainHead(customerId);
    // A plan that refuses before the read settles must not leave it rejected and unobserved.
    headRead.catch(() => undefined);
    const appended: { input: AuditEventInput; at: Date; item: AuditItem }[] = [];
    const append = (input: AuditEventInput) => {
      if (input.customerId !== customerId)
        throw new Error('an audit event belongs to the customer whose change it records');
      const unnamed = unnamedSealedFields(input);
      if (unnamed.length)
        throw new Error(
          `${input.type} seals ${unnamed.join(', ')}: name it in its declaration's sealed fields (lib/audit/events.ts)`,
        );
      const at = deps.clock.now();
      const item = { eventId: deps.random.ulid(at) } as AuditItem;
      appended.push({ input, at, item });
      return item;
    };
    const change = await plan(append);
    const head = await headRead;
    const events: AuditItem[] = [];
    for (const { input, at, item } of appended) {
      Object.assign(item, nextAuditItem(events[events.length - 1] ?? head, input, at, item.eventId));
      events.push(item);
    }
    // The transactional outbox: an event that calls for an email commits with its pending ledger entry.
    const outbox = events.flatMap((event) => {
      const kind = notificationKindOf(event);
      return kind ? [pendingMarker({ ...event, kind }, deps.clock.now())] : [];
    });
    // The event outbox: a change of the authentication state commits with its publication marker.
    const publications = events
      .filter((event) => accountChangeOf(event.type))
      .map((event) => publicationMarker(event, deps.clock.now()));
    try {
      await dynamoDb().send(
        new TransactWriteCommand({
          TransactItems: [...change.writes, ...events.map(auditPut), ...outbox, ...publications],
        }),
      );
      commitListener?.(events);
      return { result: change.result, events };
    } catch (error) {
      const reasons = transactionCancellationReasons(error);
      if (!reasons) throw error;
      const ownReasons = reasons.slice(0, change.writes.length);
      const ownFailed = ownReasons.some((reason) => reason !== 'None' && reason !== 'TransactionConflict');
      if (ownFailed)
        throw (
          change.onConflict?.(ownReasons) ??
          conflict('CONCURRENT_CHANGE', 'The record changed while this request ran; reload and try again.')
        );
      // Another writer took our seq, or DynamoDB saw a conflicting transaction: re-read and retry.
      await new Promise((done) => setTimeout(done, Math.random() * 20 * attempt));
    }
  }
  throw conflict('CONCURRENT_CHANGE', 'Too many concurrent changes to this customer; try again.');
};
