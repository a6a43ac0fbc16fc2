// Paginated Scan and DescribeTable for local tooling (`npm run export`). Lambda functions never Scan:
// their roles have no dynamodb:Scan, and in AWS the export comes from ExportTableToPointInTime.
import {
  DescribeTableCommand,
  ScanCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

export async function* scanTable(
  client: DynamoDBClient,
  tableName: string,
  pageSize = 1000,
): AsyncGenerator<Record<string, AttributeValue>> {
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        Limit: pageSize,
        ConsistentRead: true,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    for (const item of page.Items ?? []) yield item;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

export const describeTable = async (client: DynamoDBClient, tableName: string) => {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  return { tableArn: Table?.TableArn, tableId: Table?.TableId };
};
