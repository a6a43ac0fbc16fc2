// The DynamoDB document client, created once per container and reused by warm invocations.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { config } from '../config';
import type { TableKey } from '../data/tables';

let client: DynamoDBDocumentClient | undefined;
const clientSetups: ((client: DynamoDBDocumentClient) => void)[] = [];

/**
 * Runs `setup` on the client now and on every client created later: the local stack adds its check of
 * each function's table grants this way (local/table-grants.ts). Lambda never calls it.
 */
export const setUpDynamoDbClient = (setup: (client: DynamoDBDocumentClient) => void) => {
  clientSetups.push(setup);
  if (client) setup(client);
};

export const dynamoDb = (): DynamoDBDocumentClient => {
  if (!client) {
    const { region, endpoints } = config();
    const base = new DynamoDBClient({
      region,
      ...(endpoints.dynamodb
        ? { endpoint: endpoints.dynamodb, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
        : {}),
      maxAttempts: 3,
    });
    client = DynamoDBDocumentClient.from(base, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    });
    for (const setup of clientSetups) setup(client);
  }
  return client;
};

/** Closes the client's sockets; the local stack calls this when it stops (Lambda never needs to). */
export const closeDynamoDb = () => {
  client?.destroy();
  client = undefined;
};

/** One write of a TransactWriteItems: a state change and its audit events commit as a list of these. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export const tableName = (key: TableKey): string => config().tableNames[key];

/**
 * Items of one table by key, one BatchGetItem (at most 100 distinct keys), by key value; projected
 * when a projection is given (it names the key as `#key`).
 */
export const batchGet = async <T>(table: TableKey, keyName: string, ids: string[], projection?: string) => {
  if (ids.length === 0) return new Map<string, T>();
  const result = await dynamoDb().send(
    new BatchGetCommand({
      RequestItems: {
        [tableName(table)]: {
          Keys: [...new Set(ids)].map((id) => ({ [keyName]: id })),
          ...(projection
            ? { ProjectionExpression: projection, ExpressionAttributeNames: { '#key': keyName } }
            : {}),
        },
      },
    }),
  );
  return new Map(
    (result.Responses?.[tableName(table)] ?? []).map((item) => [String(item[keyName]), item as T]),
  );
};

export { isConditionalCheckFailed, transactionCancellationReasons } from './errors';
