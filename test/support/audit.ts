// Reads a customer's audit chain straight from DynamoDB Local, the way an export would carry it.
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { verifySubjectChain } from '../../lib/audit/chain';
import type { TestStack } from './stack';

export const auditEventsOf = async (stack: TestStack, customerId: string) => {
  const items: Record<string, any>[] = [];
  let startKey: Record<string, any> | undefined;
  do {
    const page = await stack.dynamodb.send(
      new QueryCommand({
        TableName: stack.tableNames.auditEvents,
        KeyConditionExpression: 'subject = :s',
        ExpressionAttributeValues: { ':s': { S: `customer#${customerId}` } },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
};

export const expectIntactChain = async (stack: TestStack, customerId: string) => {
  const events = await auditEventsOf(stack, customerId);
  expect(verifySubjectChain(`customer#${customerId}`, events)).toEqual([]);
  return events;
};
