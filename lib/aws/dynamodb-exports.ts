// DynamoDB's export to S3 (ExportTableToPointInTime, DescribeExport, ListExports) as the ExportService
// that lib/audit/scheduled-export.ts runs on. The client is created once per container.
import {
  DescribeContinuousBackupsCommand,
  DescribeExportCommand,
  DynamoDBClient,
  ExportConflictException,
  type ExportDescription,
  ExportTableToPointInTimeCommand,
  IdempotentParameterMismatchException,
  ListExportsCommand,
} from '@aws-sdk/client-dynamodb';

/** An export DynamoDB reports for the table into our bucket, whatever its status. */
export interface KnownExport {
  status: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  /** Full: the point in time it shows. Incremental: its window [from, to). */
  type: 'FULL_EXPORT' | 'INCREMENTAL_EXPORT';
  from?: Date;
  to: Date;
}

export interface CompletedExport {
  exportArn: string;
  tableArn: string;
  /** Full export: the point in time it shows; incremental: the end of its window. */
  exportTime: Date;
  exportType?: 'FULL_EXPORT' | 'INCREMENTAL_EXPORT';
  /** An incremental export's window start: where the export before it in the chain ended. */
  from?: Date;
  s3Bucket: string;
  s3Prefix: string;
  itemCount: number;
}

/** An export DynamoDB gave up on: its code and message say why (e.g. S3 access, the PITR window). */
export interface FailedExport {
  exportArn: string;
  tableArn: string;
  s3Bucket: string;
  s3Prefix: string;
  failureCode: string;
  failureMessage: string;
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
    clientToken: string;
    /** A full export shows the table at `exportTime`; an incremental one the changes in [from, to). */
    export: { exportTime: Date } | { from: Date; to: Date };
  }): Promise<StartedExport>;
  /** Completed exports of the table that started after `since`. */
  recentExports(tableArn: string, since: Date): Promise<CompletedExport[]>;
  /** Failed exports of the table that started after `since`. */
  failedExports(tableArn: string, since: Date): Promise<FailedExport[]>;
  /** Exports of the table into `s3Bucket`, running, completed or failed, that started after `since`. */
  history(tableArn: string, s3Bucket: string, since: Date): Promise<KnownExport[]>;
  /** The earliest time an export can show: where the table's point-in-time recovery begins. */
  earliestExportTime(tableArn: string): Promise<Date | undefined>;
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
          ExportFormat: 'DYNAMODB_JSON',
          ...('exportTime' in request.export
            ? { ExportType: 'FULL_EXPORT', ExportTime: request.export.exportTime }
            : {
                ExportType: 'INCREMENTAL_EXPORT',
                // With the old image an update or delete of an audit item shows, which the digest refuses.
                IncrementalExportSpecification: {
                  ExportFromTime: request.export.from,
                  ExportToTime: request.export.to,
                  ExportViewType: 'NEW_AND_OLD_IMAGES',
                },
              }),
          S3SseAlgorithm: 'AES256',
          // Same token and parameters (times from the plan, not now) for the same export: a retried run
          // gets the export already started instead of starting a second one.
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
    const completed: CompletedExport[] = [];
    for (const { exportArn, description } of await describedSince(
      dynamodbClient,
      tableArn,
      since,
      'COMPLETED',
    )) {
      const exportTime = description.IncrementalExportSpecification?.ExportToTime ?? description.ExportTime;
      if (!exportTime || !description.S3Bucket) continue;
      const from = description.IncrementalExportSpecification?.ExportFromTime;
      completed.push({
        exportArn,
        tableArn: description.TableArn ?? tableArn,
        exportTime,
        exportType: description.ExportType === 'INCREMENTAL_EXPORT' ? 'INCREMENTAL_EXPORT' : 'FULL_EXPORT',
        ...(from ? { from } : {}),
        s3Bucket: description.S3Bucket,
        s3Prefix: description.S3Prefix ?? '',
        itemCount: description.ItemCount ?? 0,
      });
    }
    return completed;
  },
  failedExports: async (tableArn, since) =>
    (await describedSince(dynamodbClient, tableArn, since, 'FAILED')).map(({ exportArn, description }) => ({
      exportArn,
      tableArn: description.TableArn ?? tableArn,
      s3Bucket: description.S3Bucket ?? '',
      s3Prefix: description.S3Prefix ?? '',
      failureCode: description.FailureCode ?? 'UNKNOWN',
      failureMessage: description.FailureMessage ?? '',
    })),
  history: async (tableArn, s3Bucket, since) => {
    const known: KnownExport[] = [];
    for (const { description } of await describedSince(dynamodbClient, tableArn, since)) {
      if (description.S3Bucket !== s3Bucket || !description.ExportStatus) continue;
      const status = description.ExportStatus;
      const window = description.IncrementalExportSpecification;
      if (description.ExportType === 'INCREMENTAL_EXPORT') {
        if (window?.ExportFromTime && window.ExportToTime)
          known.push({
            status,
            type: 'INCREMENTAL_EXPORT',
            from: window.ExportFromTime,
            to: window.ExportToTime,
          });
      } else if (description.ExportTime)
        known.push({ status, type: 'FULL_EXPORT', to: description.ExportTime });
    }
    return known;
  },
  earliestExportTime: async (tableArn) => {
    const answer = await dynamodbClient.send(new DescribeContinuousBackupsCommand({ TableName: tableArn }));
    return answer?.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.EarliestRestorableDateTime;
  },
});

/** ListExports, then DescribeExport for each export (with the status asked for) started after `since`. */
const describedSince = async (
  dynamodbClient: DynamoDBClient,
  tableArn: string,
  since: Date,
  status?: 'COMPLETED' | 'FAILED',
) => {
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
      if ((!status || summary.ExportStatus === status) && summary.ExportArn) arns.push(summary.ExportArn);
    nextToken = page.NextToken;
  } while (nextToken);
  const described: { exportArn: string; description: ExportDescription }[] = [];
  for (const exportArn of arns) {
    // Export ids start with the start time in milliseconds: old exports need no DescribeExport call.
    const startedMs = Number(/\/export\/(\d{14})-/.exec(exportArn)?.[1]);
    if (Number.isFinite(startedMs) && startedMs < since.getTime()) continue;
    const { ExportDescription: description } = await dynamodbClient.send(
      new DescribeExportCommand({ ExportArn: exportArn }),
    );
    if (description) described.push({ exportArn, description });
  }
  return described;
};
