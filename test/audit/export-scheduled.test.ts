// The scheduled export in AWS, run against a folder standing in for the bucket (S3 has no local twin
// here): daily exports of every table, and a KMS-style signed digest next to each AuditEvents export
// that `audit verify` then accepts — the same layout `npm run export` writes locally.
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fixedClock, systemRandom } from '../../lib/clock';
import { kmsDigestSigner } from '../../lib/aws/kms-digest';
import type { CompletedExport, ExportService, FailedExport } from '../../lib/aws/dynamodb-exports';
import { folderBucket as localFolderBucket } from '../../local/folder-bucket';
import { nextAuditItem, type ChainHead } from '../../lib/audit/chain';
import {
  DIGEST_FORMAT,
  localDigestSigner,
  signDigest,
  statementBytes,
  type DigestStatement,
} from '../../lib/audit/digest';
import { verifyDigestSignature } from '../../auditor/digests';
import { itemToDynamoDbJson } from '../../lib/audit/dynamodb-json';
import { writeTableExport } from '../../lib/audit/export-format';
import {
  digestCompletedExports,
  parseScheduledExportSettings,
  runScheduledExport,
  scheduledExportEventSchema,
  startDailyExports,
  type ScheduledExportSettings,
} from '../../lib/audit/scheduled-export';
import { verifyExports } from '../../auditor/verify-export';
import { removeTempDirs, tempDir } from './export-fixtures';

const auditTableArn = 'arn:aws:dynamodb:eu-west-1:123456789012:table/MfaRecovery-DataAuditEvents-ABC';

const settings: ScheduledExportSettings = {
  bucket: 'mfa-recovery-audit-exports',
  digestKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/digest',
  auditTableArn,
};

const folderBucket = (root: string, name = settings.bucket) => localFolderBucket(root, name);

/** What DynamoDB leaves in the bucket after ExportTableToPointInTime: three customers' chains. */
const exportAuditTrail = async (
  bucketRoot: string,
  day: string,
  exportTime: Date,
  /** Minutes before the export time each customer's events happened (default: all at the export time). */
  minutesBefore: Record<string, number> = {},
) => {
  const items: Record<string, unknown>[] = [];
  for (const customerId of ['anna', 'bram', 'carla']) {
    let head: ChainHead | undefined;
    const at = new Date(exportTime.getTime() - (minutesBefore[customerId] ?? 0) * 60_000);
    for (const type of ['CUSTOMER_CREATED', 'VERIFICATION_STARTED', 'VERIFICATION_COMPLETED'] as const) {
      const item = nextAuditItem(
        head,
        { type, actorType: 'agent', actorId: 'agent-bram', customerId, details: {} },
        at,
        systemRandom.ulid(at),
      );
      head = item;
      items.push(item as unknown as Record<string, unknown>);
    }
  }
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
      now: () => exportTime,
    },
  );
  const completed: CompletedExport = {
    exportArn: written.exportArn,
    tableArn: auditTableArn,
    exportTime,
    s3Bucket: settings.bucket,
    s3Prefix: `exports/${day}/AuditEvents`,
    itemCount: items.length,
  };
  return completed;
};

const exportService = (completed: CompletedExport[] = [], earliest?: Date, failed: FailedExport[] = []) => {
  const started: Parameters<ExportService['start']>[0][] = [];
  const service: ExportService = {
    start: async (request) => {
      started.push(request);
      return { exportArn: `${request.tableArn}/export/01735776900000-abcdef12`, alreadyRunning: false };
    },
    recentExports: async (tableArn) => completed.filter((entry) => entry.tableArn === tableArn),
    failedExports: async (tableArn) => failed.filter((entry) => entry.tableArn === tableArn),
    history: async () => [],
    // The table's point-in-time recovery began long ago unless a test says otherwise.
    earliestExportTime: async () => earliest ?? new Date('2024-06-01T00:00:00Z'),
  };
  return { service, started };
};

afterAll(async () => {
  await removeTempDirs();
});
describe('the scheduled export', () => {
  it('starts no export on the day the table was created after 00:00 UTC, and the full one the next day', async () => {
    const created = new Date('2025-01-02T00:40:00Z');
    const first = exportService([], created);
    await startDailyExports(settings, { exports: first.service, clock: fixedClock('2025-01-02T02:15:00Z') });
    expect(first.started).toEqual([]);
    const next = exportService([], created);
    await startDailyExports(settings, { exports: next.service, clock: fixedClock('2025-01-03T02:15:00Z') });
    expect(next.started.map((request) => request.export)).toEqual([
      { exportTime: new Date('2025-01-03T00:00:00Z') },
    ]);
  });

  it('starts one point-in-time export a day, of the AuditEvents table only, into exports/<day>/AuditEvents', async () => {
    const clock = fixedClock('2025-01-02T02:15:00Z');
    const { service, started } = exportService();
    await startDailyExports(settings, { exports: service, clock });
    expect(started).toEqual([
      {
        tableArn: auditTableArn,
        s3Bucket: settings.bucket,
        s3Prefix: 'exports/2025-01-02/AuditEvents',
        export: { exportTime: new Date('2025-01-02T00:00:00Z') },
        clientToken: 'daily-2025-01-02-AuditEvents',
      },
    ]);
  });

  it('sends the same parameters on every retry of the day, and the next day its own', async () => {
    const requestsAt = async (at: string) => {
      const { service, started } = exportService();
      await startDailyExports(settings, { exports: service, clock: fixedClock(at) });
      return started;
    };
    const first = await requestsAt('2025-01-02T02:15:00Z');
    // Scheduler retries for two hours, Lambda's async retries for six: the same day, later.
    for (const retry of ['2025-01-02T02:15:00.001Z', '2025-01-02T04:14:59Z', '2025-01-02T23:59:59.999Z'])
      expect(await requestsAt(retry)).toEqual(first);
    const nextDay = await requestsAt('2025-01-03T00:00:00Z');
    expect(nextDay.map((request) => request.clientToken)).not.toContain(first[0]?.clientToken);
    expect(nextDay[0]?.export).toEqual({ exportTime: new Date('2025-01-03T00:00:00Z') });
  });

  it('signs a digest next to a completed AuditEvents export, once, and audit verify accepts it', async () => {
    const bucketRoot = await tempDir('bucket');
    const exportTime = new Date('2025-01-02T02:15:00Z');
    const completed = await exportAuditTrail(bucketRoot, '2025-01-02', exportTime);
    const { service } = exportService([completed]);
    const keyFile = join(await tempDir('kms-stand-in'), 'key.pem');
    const deps = {
      exports: service,
      bucket: folderBucket(bucketRoot),
      signer: localDigestSigner(keyFile),
      clock: fixedClock('2025-01-02T04:00:00Z'),
    };
    const { written } = await digestCompletedExports(settings, deps);
    expect(written).toEqual([
      `exports/2025-01-02/digests/audit-digest-20250102T021500Z-${completed.exportArn.split('/').pop()}.json`,
    ]);
    expect((await readdir(join(bucketRoot, 'exports/2025-01-02/digests'))).sort()).toEqual([
      expect.stringMatching(/^audit-digest-.*\.json$/),
      expect.stringMatching(/^public-key-[0-9a-f]{16}\.pem$/),
    ]);
    expect(await digestCompletedExports(settings, deps)).toEqual({ written: [], alreadyDigested: [] });

    const report = await verifyExports(join(bucketRoot, 'exports', '2025-01-02'));
    expect(report.errors).toBe(0);
    expect(report.exports[0]?.auditTrail).toMatchObject({ events: 9, subjects: 3, digestsApplied: 1 });
    expect(report.digests).toEqual([
      expect.objectContaining({ valid: true, asOf: '2025-01-02T02:15:00.000Z' }),
    ]);
  });

  it('signs a tree head of the events settled 15 minutes before the export, and puts it in the auditors’ bucket too', async () => {
    const bucketRoot = await tempDir('bucket');
    const auditorsRoot = await tempDir('auditors-bucket');
    const exportTime = new Date('2025-01-04T00:00:00Z');
    // anna and bram 40 and 16 minutes before the export: leaves; carla 14 minutes before: the next head's.
    const completed = await exportAuditTrail(bucketRoot, '2025-01-04', exportTime, {
      anna: 40,
      bram: 16,
      carla: 14,
    });
    const { service } = exportService([completed]);
    const { written } = await digestCompletedExports(
      { ...settings, auditorHeadsBucket: 'auditors-heads' },
      {
        exports: service,
        bucket: folderBucket(bucketRoot),
        auditorHeads: folderBucket(auditorsRoot, 'auditors-heads'),
        signer: localDigestSigner(join(await tempDir('kms-stand-in'), 'key.pem')),
        clock: fixedClock('2025-01-04T04:00:00Z'),
      },
    );
    expect(written).toHaveLength(1);
    const [headFile] = await readdir(join(auditorsRoot, 'heads'));
    expect(headFile).toMatch(/^tree-head-20250104T000000Z-.*\.json$/);
    const kept = JSON.parse(await readFile(join(auditorsRoot, 'heads', headFile ?? ''), 'utf8')) as {
      statement: { treeSize: number; leavesBefore: string };
    };
    expect(kept.statement).toMatchObject({ treeSize: 6, leavesBefore: '2025-01-03T23:45:00.000Z' });
    const report = await verifyExports(join(bucketRoot, 'exports', '2025-01-04'));
    expect(report.errors).toBe(0);
    expect(report.exports[0]?.auditTrail).toMatchObject({ events: 9, tree: { size: 6 } });
    expect(report.trees[0]?.head).toEqual(kept);
  });

  it('leaves exports alone that are not in its bucket or under exports/', async () => {
    const bucketRoot = await tempDir('bucket');
    const completed = await exportAuditTrail(bucketRoot, '2025-01-03', new Date('2025-01-03T02:15:00Z'));
    const elsewhere = { ...completed, s3Bucket: 'someone-elses-bucket' };
    const { service } = exportService([elsewhere]);
    const written = await runScheduledExport('digestCompletedExports', settings, {
      exports: service,
      bucket: folderBucket(bucketRoot),
      signer: localDigestSigner(join(await tempDir('key'), 'key.pem')),
      clock: fixedClock('2025-01-03T04:00:00Z'),
    });
    expect(written).toEqual({
      action: 'digestCompletedExports',
      failures: [],
      digests: [],
      alreadyDigested: [],
    });
  });

  it('notes a failed export once in its day folder, beside the digests, and audit verify still reads the day', async () => {
    const bucketRoot = await tempDir('bucket');
    const completed = await exportAuditTrail(bucketRoot, '2025-01-04', new Date('2025-01-04T02:15:00Z'));
    const failed: FailedExport = {
      exportArn: `${auditTableArn}/export/01736043300000-deadbeef`,
      tableArn: auditTableArn,
      s3Bucket: settings.bucket,
      s3Prefix: 'exports/2025-01-05/AuditEvents',
      failureCode: 'S3AccessDenied',
      failureMessage: 'Access Denied',
    };
    const elsewhere = { ...failed, exportArn: `${auditTableArn}/export/2`, s3Bucket: 'someone-elses-bucket' };
    const { service } = exportService([completed], undefined, [failed, elsewhere]);
    const deps = {
      exports: service,
      bucket: folderBucket(bucketRoot),
      signer: localDigestSigner(join(await tempDir('key'), 'key.pem')),
      clock: fixedClock('2025-01-05T03:00:00Z'),
    };
    const first = await runScheduledExport('digestCompletedExports', settings, deps);
    expect(first).toMatchObject({
      failures: ['exports/2025-01-05/failures/01736043300000-deadbeef.json'],
      digests: [expect.stringMatching(/^exports\/2025-01-04\/digests\//)],
    });
    const note = JSON.parse(
      await readFile(join(bucketRoot, 'exports/2025-01-05/failures/01736043300000-deadbeef.json'), 'utf8'),
    );
    expect(note).toMatchObject({ exportArn: failed.exportArn, failureCode: 'S3AccessDenied' });
    // The next hour's run has seen it: counted once, so the alarm is raised once per failed export.
    expect(await runScheduledExport('digestCompletedExports', settings, deps)).toMatchObject({
      failures: [],
      digests: [],
    });
    const report = await verifyExports(join(bucketRoot, 'exports'));
    expect(report.errors).toBe(0);
  });

  it('takes its bucket, key and the AuditEvents table from the environment, naming what is missing', () => {
    expect(() => parseScheduledExportSettings({ AUDIT_EXPORT_BUCKET: 'b' })).toThrow(
      /AUDIT_EXPORT_BUCKET|AUDIT_DIGEST_KEY_ID/,
    );
    expect(() =>
      parseScheduledExportSettings({
        AUDIT_EXPORT_BUCKET: 'bucket',
        AUDIT_DIGEST_KEY_ID: 'key',
        AUDIT_EVENTS_TABLE_ARN: 'AuditEvents',
      }),
    ).toThrow(/AUDIT_EVENTS_TABLE_ARN/);
    expect(
      parseScheduledExportSettings({
        AUDIT_EXPORT_BUCKET: 'bucket',
        AUDIT_DIGEST_KEY_ID: 'key',
        AUDIT_EVENTS_TABLE_ARN: auditTableArn,
        // The map of every table the export once took: ignored, only the AuditEvents ARN is read.
        AUDIT_EXPORT_TABLE_ARNS: JSON.stringify({
          Customers: 'arn:aws:dynamodb:eu-west-1:1:table/Customers',
        }),
      }),
    ).toEqual({ bucket: 'bucket', digestKeyId: 'key', auditTableArn });
    expect(scheduledExportEventSchema.safeParse({ action: 'deleteEverything' }).success).toBe(false);
  });
});

describe('the KMS digest signer', () => {
  it('sends KMS the SHA-256 of the digest (MessageType DIGEST) and yields a signature over the digest itself', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const statement: DigestStatement = {
      format: DIGEST_FORMAT,
      exportArn: `${auditTableArn}/export/01735776900000-abcdef12`,
      tableArn: auditTableArn,
      asOf: '2025-01-02T02:15:00.000Z',
      manifests: { summarySha256: 'b'.repeat(64), filesSha256: 'c'.repeat(64) },
      createdAt: '2025-01-02T04:00:00.000Z',
      subjectCount: 1,
      eventCount: 3,
      heads: [['customer#anna', 3, 'a'.repeat(64)]],
    };
    const signed = statementBytes(statement);
    const kms = mockClient(KMSClient);
    kms.on(GetPublicKeyCommand).resolves({
      KeyId: settings.digestKeyId,
      PublicKey: publicKey.export({ type: 'spki', format: 'der' }),
      KeySpec: 'ECC_NIST_P256',
    });
    kms
      .on(SignCommand)
      .callsFake((input: { Message: Uint8Array; MessageType: string; SigningAlgorithm: string }) => {
        // KMS signs the digest it is given as ECDSA over SHA-256 of the original message would be.
        expect(input.MessageType).toBe('DIGEST');
        expect(input.SigningAlgorithm).toBe('ECDSA_SHA_256');
        expect(Buffer.from(input.Message)).toEqual(createHash('sha256').update(signed).digest());
        return { Signature: sign('sha256', signed, privateKey), KeyId: settings.digestKeyId };
      });
    const signer = kmsDigestSigner(settings.digestKeyId, new KMSClient({ region: 'eu-west-1' }));
    const digest = await signDigest(statement, signer);
    expect(digest.signature.keyId).toBe(settings.digestKeyId);
    expect(verifyDigestSignature(digest, publicKey)).toBe(true);
    kms.restore();
  });
});
