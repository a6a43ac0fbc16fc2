// One-off repair: customers locked by a report before `recoveryLockFlag` existed carry no key of the
// sparse `recoveryLocks` index, so the officers' queue never shows them. A lazy fix on read cannot
// reach them (nothing reads a customer the queue does not list), hence a scan, run once per table.
import { ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { dynamoDb, tableName } from '../aws/dynamodb';
import { recoveryLockFlag } from '../customers/recovery-lock-item';

export interface BackfillReport {
  scanned: number;
  flagged: string[];
}

/**
 * Sets the flag on every locked customer without it. The write is conditioned on the lock still being
 * there and the flag still missing, so a release meanwhile is never undone and a second run changes
 * nothing. The flag is index data, not a state change: no version bump, no audit event.
 */
export const backfillRecoveryLockFlags = async (
  options: {
    dryRun?: boolean;
    /** An operator's run names the deployed table and brings its own client; the service's by default. */
    client?: DynamoDBDocumentClient;
    table?: string;
  } = {},
) => {
  const client = options.client ?? dynamoDb();
  const table = options.table ?? tableName('customers');
  const report: BackfillReport = { scanned: 0, flagged: [] };
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: table,
        FilterExpression: 'attribute_exists(recoveryLockedAt) AND attribute_not_exists(recoveryLockFlag)',
        ProjectionExpression: 'customerId',
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    report.scanned += page.ScannedCount ?? 0;
    for (const item of page.Items ?? []) {
      const customerId = String(item.customerId);
      if (!options.dryRun) {
        try {
          await client.send(
            new UpdateCommand({
              TableName: table,
              Key: { customerId },
              UpdateExpression: 'SET recoveryLockFlag = :flag',
              ConditionExpression:
                'attribute_exists(recoveryLockedAt) AND attribute_not_exists(recoveryLockFlag)',
              ExpressionAttributeValues: { ':flag': recoveryLockFlag },
            }),
          );
        } catch (error) {
          // Released (or flagged by a parallel run) since the scan read it: nothing to do.
          if (error instanceof ConditionalCheckFailedException) continue;
          throw error;
        }
      }
      report.flagged.push(customerId);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return report;
};
