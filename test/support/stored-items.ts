// Time passes for stored items without going through the service: tests move a stored time into the
// past (a cooldown runs out, a verification grows stale, a ticket expires) as waiting would.
import { GetItemCommand, UpdateItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { TableKey } from '../../lib/data/tables';
import type { TestStack } from './stack';

/** `SET attribute = value, …` on one stored item (string keys). */
export const setStored = async (
  stack: TestStack,
  table: TableKey,
  key: Record<string, string>,
  values: Record<string, AttributeValue>,
) => {
  const names = Object.keys(values);
  await stack.dynamodb.send(
    new UpdateItemCommand({
      TableName: stack.tableNames[table],
      Key: Object.fromEntries(Object.entries(key).map(([name, value]) => [name, { S: value }])),
      UpdateExpression: `SET ${names.map((_, index) => `#a${index} = :v${index}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(names.map((name, index) => [`#a${index}`, name])),
      ExpressionAttributeValues: Object.fromEntries(
        Object.entries(values).map(([, value], index) => [`:v${index}`, value]),
      ),
    }),
  );
};

/** An ISO time `minutes` ago, as a DynamoDB string. */
export const minutesAgo = (minutes: number) => ({
  S: new Date(Date.now() - minutes * 60_000).toISOString(),
});

/** One stored item as the service sees it (a consistent read, string keys), or undefined. */
export const storedItem = async (stack: TestStack, table: TableKey, key: Record<string, string>) => {
  const result = await stack.dynamodb.send(
    new GetItemCommand({
      TableName: stack.tableNames[table],
      Key: Object.fromEntries(Object.entries(key).map(([name, value]) => [name, { S: value }])),
      ConsistentRead: true,
    }),
  );
  return result.Item ? unmarshall(result.Item) : undefined;
};
