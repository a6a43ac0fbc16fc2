// DynamoDB's export to S3 (ExportTableToPointInTime, DescribeExport, ListExports) as the ExportService
// that lib/audit/scheduled-export.ts runs on. The client is created once per container.
import {
  DescribeExportCommand,
  DynamoDBClient,
  ExportConflictException,
  ExportTableToPointInTimeCommand,
  IdempotentParameterMismatchException,
  ListExportsCommand,
} from '@aws-sdk/client-dynamodb';

export interface CompletedExport {
  exportArn: string;
  tableArn: string;
  exportTime: Date;
  s3Bucket: string;
  s3Prefix: string;
  itemCount: number;
}

/**
 * `alreadyRunning`: today's export of the table was started before (DynamoDB's ExportConflictException,
 * or the day's client token already used with other parameters: IdempotentParameterMismatchException).
 */
export interface StartedExport {
  exportArn: string;
  alreadyRunning: boolean;
  conflict?: 'ExportConflict' | 'ParametersChanged';
}

/** DynamoDB's export API, as the scheduled audit export uses it. */
export interface ExportService {
  start(request: {
    tableArn: string;
    s3Bucket: string;
    s3Prefix: string;
    exportTime: Date;
    clientToken: string;
  }): Promise<StartedExport>;
  /** Completed exports of the table that started after `since`. */
  recentExports(tableArn: string, since: Date): Promise<CompletedExport[]>;
}

let client: DynamoDBClient | undefined;

const dynamodb = () => (client ??= new DynamoDBClient({ maxAttempts: 3 }));

export const dynamoDbExports = (dynamodbClient: DynamoDBClient = dynamodb()): ExportService => ({
  start: async (request) => {
    try {
      const answer = await dynamodbClient.send(
        new ExportTableToPointInTimeCommand({
          TableArn: request.tableArn,
          S3Bucket: request.s3Bucket,
          S3Prefix: request.s3Prefix,
          ExportTime: request.exportTime,
          ExportFormat: 'DYNAMODB_JSON',
          ExportType: 'FULL_EXPORT',
          S3SseAlgorithm: 'AES256',
          // Same token and parameters (ExportTime is the day's, not now) for the same table and day: a
          // retried run gets the export already started instead of starting a second one.
          ClientToken: request.clientToken,
        }),
      );
      return { exportArn: answer.ExportDescription?.ExportArn ?? '', alreadyRunning: false };
    } catch (error) {
      // An export of the table is running, or today's token was used with other parameters (a run
      // before a deployment changed them): either way today's export was started, so none is added.
      if (error instanceof ExportConflictException)
        return { exportArn: '', alreadyRunning: true, conflict: 'ExportConflict' };
      if (error instanceof IdempotentParameterMismatchException)
        return { exportArn: '', alreadyRunning: true, conflict: 'ParametersChanged' };
      throw error;
    }
  },
  recentExports: async (tableArn, since) => {
    const arns: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await dynamodbClient.send(
        new ListExportsCommand({
          TableArn: tableArn,
          MaxResults: 25,
          ...(nextToken ? { NextToken: nextToken } : {}),
        }),
      );
      for (const summary of page.ExportSummaries ?? [])
        if (summary.ExportStatus === 'COMPLETED' && summary.ExportArn) arns.push(summary.ExportArn);
      nextToken = page.NextToken;
    } while (nextToken);
    const completed: CompletedExport[] = [];
    for (const exportArn of arns) {
      // Export ids start with the start time in milliseconds: old exports need no DescribeExport call.
      const startedMs = Number(/\/export\/(\d{14})-/.exec(exportArn)?.[1]);
      if (Number.isFinite(startedMs) && startedMs < since.getTime()) continue;
      const { ExportDescription: description } = await dynamodbClient.send(
        new DescribeExportCommand({ ExportArn: exportArn }),
      );
      if (!description?.ExportTime || !description.S3Bucket) continue;
      completed.push({
        exportArn,
        tableArn: description.TableArn ?? tableArn,
        exportTime: description.ExportTime,
        s3Bucket: description.S3Bucket,
        s3Prefix: description.S3Prefix ?? '',
        itemCount: description.ItemCount ?? 0,
      });
    }
    return completed;
  },
});
