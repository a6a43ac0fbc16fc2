// A chain of exports as the scheduled export leaves it in the bucket: a full export, then incremental ones
// ({"Metadata", "Keys", "NewImage"} lines, one window of new events each), every one digested with its
// tree head by the export function. The bucket is a folder here (S3 has no local twin in these tests).
import { fixedClock, systemRandom } from '../../lib/clock';
import type { CompletedExport, ExportService } from '../../lib/aws/dynamodb-exports';
import { folderBucket as localFolderBucket } from '../../local/folder-bucket';
import { nextAuditItem, type ChainHead } from '../../lib/audit/chain';
import { localDigestSigner } from '../../lib/audit/digest';
import { itemToDynamoDbJson } from '../../lib/audit/dynamodb-json';
import { writeTableExport } from '../../lib/audit/export-format';
import { digestCompletedExports, type ScheduledExportSettings } from '../../lib/audit/scheduled-export';
import type { AuditEventInput, AuditEventType } from '../../lib/audit/events';

export const auditTableArn = 'arn:aws:dynamodb:eu-west-1:123456789012:table/MfaRecovery-DataAuditEvents-ABC';

export const settings: ScheduledExportSettings = {
  bucket: 'mfa-recovery-audit-exports',
  digestKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/digest',
  auditTableArn,
};

/** The bucket as a folder: keys are paths under it (local/folder-bucket.ts). */
export const folderBucket = (root: string, name = settings.bucket) => localFolderBucket(root, name);

/** Every customer's chain, appended to event by event, at the times a test gives. */
export class Trail {
  private readonly heads = new Map<string, ChainHead>();

  event(customerId: string, at: Date, type: AuditEventType = 'VERIFICATION_STARTED') {
    const item = nextAuditItem(
      this.heads.get(customerId),
      { type, actorType: 'agent', actorId: 'agent-bram', customerId, details: {} } as AuditEventInput,
      at,
      systemRandom.ulid(at),
    );
    this.heads.set(customerId, item);
    return item as unknown as Record<string, unknown>;
  }
}

const minutes = (at: Date, delta: number) => new Date(at.getTime() + delta * 60_000);

/** Writes what ExportTableToPointInTime leaves: a full export at `exportTime`, or the window [from, exportTime). */
export const writeExport = async (
  bucketRoot: string,
  items: Record<string, unknown>[],
  exportTime: Date,
  from?: Date,
): Promise<CompletedExport> => {
  const day = exportTime.toISOString().slice(0, 10);
  const written = await writeTableExport(
    items.map((item) => itemToDynamoDbJson(item)),
    {
      rootDir: bucketRoot,
      s3Bucket: settings.bucket,
      s3Prefix: `exports/${day}/AuditEvents`,
      tableArn: auditTableArn,
      tableId: '12345a12-abcd-123a-ab12-1234abc12345',
      exportTime,
      random: systemRandom,
      now: () => minutes(exportTime, 135),
      itemsPerFile: 4,
      ...(from
        ? {
            incremental: {
              from,
              keys: ['subject', 'seq'],
              // Committed a moment after the event's time was taken, inside the same invocation.
              writtenAt: (item) => new Date(Date.parse(String((item.at as { S: string }).S)) + 200),
            },
          }
        : {}),
    },
  );
  return {
    exportArn: written.exportArn,
    tableArn: auditTableArn,
    exportTime,
    exportType: from ? 'INCREMENTAL_EXPORT' : 'FULL_EXPORT',
    ...(from ? { from } : {}),
    s3Bucket: settings.bucket,
    s3Prefix: `exports/${day}/AuditEvents`,
    itemCount: items.length,
  };
};

export const exportService = (completed: CompletedExport[]): ExportService => ({
  start: async () => ({ exportArn: 'unused', alreadyRunning: false }),
  recentExports: async (tableArn) => completed.filter((entry) => entry.tableArn === tableArn),
  failedExports: async () => [],
  history: async () => [],
  earliestExportTime: async () => new Date('2024-06-01T00:00:00Z'),
});

export const T0 = new Date('2025-01-02T00:00:00Z');
export const T1 = new Date('2025-01-03T00:00:00Z');
export const T2 = new Date('2025-01-04T00:00:00Z');

/**
 * Three days: the full export at T0, then incremental exports [T0, T1) and [T1, T2). Events straddle
 * every boundary: bram 10 minutes before T0 (in the full export, pending at its head), dora 5 minutes
 * before T0 but committed after it (in the first incremental), bram and erik minutes before T1 and T2.
 */
export const writeThreeDays = async (bucketRoot: string) => {
  const trail = new Trail();
  const full = [
    ...[0, 1, 2].map((i) => trail.event('anna', minutes(T0, -60 + i))),
    ...[0, 1].map((i) => trail.event('bram', minutes(T0, -30 + i))),
    trail.event('bram', minutes(T0, -10)),
  ];
  const day1 = [
    trail.event('dora', minutes(T0, -5)),
    ...[0, 1, 2].map((i) => trail.event('carla', minutes(T0, 120 + i))),
    ...[0, 1].map((i) => trail.event('anna', minutes(T0, 300 + i))),
    trail.event('bram', minutes(T1, -5)),
  ];
  const day2 = [
    trail.event('anna', minutes(T1, 60)),
    ...[0, 1].map((i) => trail.event('carla', minutes(T1, 180 + i))),
    trail.event('erik', minutes(T2, -1)),
  ];
  const completed = [
    await writeExport(bucketRoot, full, T0),
    await writeExport(bucketRoot, day1, T1, T0),
    await writeExport(bucketRoot, day2, T2, T1),
  ];
  return { completed, events: { full, day1, day2 }, trail };
};

/** The export function's hourly run over the bucket, signing with a key file standing in for KMS: the digests it wrote. */
export const digestRun = async (
  bucketRoot: string,
  completed: CompletedExport[],
  keyFile: string,
  auditorsRoot?: string,
) =>
  (
    await digestCompletedExports(
      auditorsRoot ? { ...settings, auditorHeadsBucket: 'auditors-heads' } : settings,
      {
        exports: exportService(completed),
        bucket: folderBucket(bucketRoot),
        signer: localDigestSigner(keyFile),
        clock: fixedClock('2025-01-04T03:00:00Z'),
        ...(auditorsRoot ? { auditorHeads: folderBucket(auditorsRoot, 'auditors-heads') } : {}),
      },
    )
  ).written;
