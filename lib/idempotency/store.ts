// Idempotency-Key handling for state-changing admin requests: the same key and body replay the stored
// answer; the same key with another body is a 409. The record is written in the change's own transaction.
import { createHash } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { canonicalJson } from '../audit/canonical-json';
import { dynamoDb, tableName, type TransactItem } from '../aws/dynamodb';
import { epochSeconds } from '../clock';
import { conflict, invalid } from '../errors';

export interface StoredResponse {
  status: number;
  body: Record<string, unknown>;
}

interface IdempotencyItem {
  idempotencyKey: string;
  fingerprint: string;
  response: StoredResponse;
  createdAt: string;
  expiresAtEpoch: number;
}

/** Keys are kept 24 hours, like the retry windows of the payment APIs that popularized the header. */
const RETENTION_SECONDS = 24 * 3600;

export interface IdempotencyContext {
  storageKey: string;
  fingerprint: string;
}

/** Scoped per caller and operation, so two admins' keys can never collide. */
export const idempotencyContext = (
  headerValue: string | undefined,
  scope: { callerId: string; operation: string },
  request: unknown,
): IdempotencyContext | undefined => {
  if (headerValue === undefined) return undefined;
  if (!/^[A-Za-z0-9._:-]{8,128}$/.test(headerValue))
    throw invalid(
      'INVALID_IDEMPOTENCY_KEY',
      'Idempotency-Key must be 8-128 characters: letters, digits, ".", "_", ":" or "-".',
    );
  return {
    storageKey: `${scope.operation}#${scope.callerId}#${headerValue}`,
    fingerprint: createHash('sha256').update(canonicalJson(request)).digest('hex'),
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
      response,
      createdAt: now.toISOString(),
      expiresAtEpoch: epochSeconds(now) + RETENTION_SECONDS,
    } satisfies IdempotencyItem,
    ConditionExpression: 'attribute_not_exists(idempotencyKey)',
  },
});

/** Thrown when a concurrent request with the same key committed first: the caller replays its answer. */
export class IdempotencyRace extends Error {}
