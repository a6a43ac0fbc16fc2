// Idempotency-Key handling for state-changing admin requests: the same key and body replay the stored
// answer; the same key with another body is a 409. The record is written in the change's own transaction.
import { DeleteCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { canonicalJson } from '../audit/canonical-json';
import { dynamoDb, tableName, type TransactItem } from '../aws/dynamodb';
import { epochSeconds } from '../clock';
import { conflict, invalid } from '../errors';
import { keyedHash } from '../secrets/keyed-hash';

export interface StoredResponse {
  status: number;
  body: Record<string, unknown>;
}

interface IdempotencyItem {
  idempotencyKey: string;
  fingerprint: string;
  /** What the request was about (`customer#…`, `approval#…`): erasure deletes the records by it. */
  subject: string;
  response: StoredResponse;
  createdAt: string;
  expiresAtEpoch: number;
}

declare module '../data/tables' {
  interface IndexedItems {
    idempotency: IdempotencyItem;
  }
}

/** Keys are kept 24 hours, like the retry windows of the payment APIs that popularized the header. */
export const IDEMPOTENCY_RETENTION_SECONDS = 24 * 3600;

export interface IdempotencyContext {
  storageKey: string;
  fingerprint: string;
  subject: string;
}

/** The index erasure reads a customer's records through (lib/data/tables.ts). */
export const SUBJECT_INDEX = 'bySubject';

export const customerSubject = (customerId: string) => `customer#${customerId}`;
export const approvalSubject = (approvalId: string) => `approval#${approvalId}`;

/**
 * Scoped per caller and operation, so two admins' keys can never collide. The fingerprint is a keyed
 * hash (the answer-hash key): a plain SHA-256 of `{customerId, reason, verificationId}`, with both ids
 * in the audit trail, would let anyone holding the table test guesses at the sealed reason offline.
 */
export const idempotencyContext = async (
  headerValue: string | undefined,
  scope: { callerId: string; operation: string; subject: string },
  request: unknown,
): Promise<IdempotencyContext | undefined> => {
  if (headerValue === undefined) return undefined;
  if (!/^[A-Za-z0-9._:-]{8,128}$/.test(headerValue))
    throw invalid(
      'INVALID_IDEMPOTENCY_KEY',
      'Idempotency-Key must be 8-128 characters: letters, digits, ".", "_", ":" or "-".',
    );
  return {
    storageKey: `${scope.operation}#${scope.callerId}#${headerValue}`,
    fingerprint: await keyedHash(`idempotency:${scope.operation}`, canonicalJson(request)),
    subject: scope.subject,
  };
};

/** The stored answer of an earlier request with this key, if any; 409 when the body differs. */
export const replayIfSeen = async (
  context: IdempotencyContext | undefined,
): Promise<StoredResponse | undefined> => {
  if (!context) return undefined;
  const result = await dynamoDb().send(
    new GetCommand({
      TableName: tableName('idempotency'),
      Key: { idempotencyKey: context.storageKey },
      ConsistentRead: true,
    }),
  );
  const item = result.Item as IdempotencyItem | undefined;
  if (!item) return undefined;
  if (item.fingerprint !== context.fingerprint)
    throw conflict(
      'IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was used for a different request; use a new key.',
    );
  return item.response;
};

export const idempotencyRecord = (
  context: IdempotencyContext,
  response: StoredResponse,
  now: Date,
): TransactItem => ({
  Put: {
    TableName: tableName('idempotency'),
    Item: {
      idempotencyKey: context.storageKey,
      fingerprint: context.fingerprint,
      subject: context.subject,
      response,
      createdAt: now.toISOString(),
      expiresAtEpoch: epochSeconds(now) + IDEMPOTENCY_RETENTION_SECONDS,
    } satisfies IdempotencyItem,
    ConditionExpression: 'attribute_not_exists(idempotencyKey)',
  },
});

/**
 * Erasure: every record about these subjects goes, answer and fingerprint, so no replay answers for an
 * erased customer and nothing of the request outlives it. Records from before subjects were stored have
 * none; they end by their 24-hour expiry.
 */
export const deleteIdempotencyRecordsAbout = async (subjects: readonly string[]) => {
  let removed = 0;
  for (const subject of subjects) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await dynamoDb().send(
        new QueryCommand({
          TableName: tableName('idempotency'),
          IndexName: SUBJECT_INDEX,
          KeyConditionExpression: 'subject = :subject',
          ExpressionAttributeValues: { ':subject': subject },
          ProjectionExpression: 'idempotencyKey',
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const item of page.Items ?? []) {
        await dynamoDb().send(
          new DeleteCommand({
            TableName: tableName('idempotency'),
            Key: { idempotencyKey: item.idempotencyKey },
          }),
        );
        removed += 1;
      }
      start = page.LastEvaluatedKey;
    } while (start);
  }
  return removed;
};

/** Thrown when a concurrent request with the same key committed first: the caller replays its answer. */
export class IdempotencyRace extends Error {}
