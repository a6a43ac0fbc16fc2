// The scheduled export Lambda end to end through its AWS adapters. DynamoDB's export API, S3 and KMS
// have no local stand-in here, so their clients are mocked; the export files are real.
import {
  DescribeContinuousBackupsCommand,
  DescribeExportCommand,
  DynamoDBClient,
  ExportConflictException,
  ExportTableToPointInTimeCommand,
  IdempotentParameterMismatchException,
  ListExportsCommand,
  PointInTimeRecoveryUnavailableException,
} from '@aws-sdk/client-dynamodb';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { systemRandom } from '../../lib/clock';
import { nextAuditItem, type ChainHead } from '../../lib/audit/chain';
import { statementBytes } from '../../lib/audit/digest';
import { parseSignedDigest } from '../../auditor/digests';
import { itemToDynamoDbJson } from '../../lib/audit/dynamodb-json';
import { writeTableExport } from '../../lib/audit/export-format';
import { removeTempDirs, tempDir } from './export-fixtures';

const bucket = 'mfa-recovery-audit-exports';
const keyArn = 'arn:aws:kms:eu-west-1:123456789012:key/digest';
const arnOf = (name: string) => `arn:aws:dynamodb:eu-west-1:123456789012:table/MfaRecovery-${name}`;
const context = { awsRequestId: 'test', getRemainingTimeInMillis: () => 900000 };

const dynamodb = mockClient(DynamoDBClient);
const s3 = mockClient(S3Client);
const kms = mockClient(KMSClient);

let handler: (event: unknown, context: any) => Promise<any>;
let bucketRoot: string;
let exportArn: string;
// Exports older than a week are not digested any more, so this one is from an hour ago.
const exportTime = new Date(Math.floor(Date.now() / 1000) * 1000 - 3600_000);
const day = exportTime.toISOString().slice(0, 10);
const compactTime = exportTime
  .toISOString()
  .replace(/[-:]/g, '')
  .replace(/\.\d+Z$/, 'Z');

beforeAll(async () => {
  Object.assign(process.env, {
    AUDIT_EXPORT_BUCKET: bucket,
    AUDIT_DIGEST_KEY_ID: keyArn,
    AUDIT_EVENTS_TABLE_ARN: arnOf('AuditEvents'),
    POWERTOOLS_LOG_LEVEL: 'ERROR',
    // The alarms read the counts this function prints (test/support/quiet-logs.ts turns them off).
    POWERTOOLS_METRICS_DISABLED: 'false',
  });
  bucketRoot = await tempDir('s3');
  const items = [];
  for (const customerId of ['anna', 'bram']) {
    let head: ChainHead | undefined;
    for (let index = 0; index < 3; index += 1) {
      const item = nextAuditItem(
        head,
        { type: 'VERIFY_FAILED', actorType: 'service', actorId: 'login-service', customerId, details: {} },
        exportTime,
        systemRandom.ulid(exportTime),
      );
      head = item;
      items.push(itemToDynamoDbJson(item as unknown as Record<string, unknown>));
    }
  }
  const written = await writeTableExport(items, {
    rootDir: bucketRoot,
    s3Bucket: bucket,
    s3Prefix: `exports/${day}/AuditEvents`,
    tableArn: arnOf('AuditEvents'),
    tableId: '12345a12-abcd-123a-ab12-1234abc12345',
    exportTime,
    random: systemRandom,
    now: () => exportTime,
  });
  exportArn = written.exportArn;
  ({ handler } = await import('../../functions/audit-export'));
  // Every digest run prints its counts; only the test about them reads them.
  quiet = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
let quiet: jest.SpyInstance | undefined;

beforeEach(() => {
  dynamodb.reset();
  s3.reset();
  kms.reset();
  // No export of the table yet, unless a test says otherwise: the run starts with a full export.
  dynamodb.on(ListExportsCommand).resolves({ ExportSummaries: [] });
});

afterAll(async () => {
  quiet?.mockRestore();
  await removeTempDirs();
  dynamodb.restore();
  s3.restore();
  kms.restore();
});

describe('the audit export Lambda', () => {
  it('starts a DYNAMODB_JSON point-in-time export of the AuditEvents table only into its day folder', async () => {
    dynamodb.on(ExportTableToPointInTimeCommand).callsFake((input: { TableArn: string }) => ({
      ExportDescription: { ExportArn: `${input.TableArn}/export/01735784100000-00000000` },
    }));
    const result = await handler({ action: 'startExports' }, context);
    const calls = dynamodb.commandCalls(ExportTableToPointInTimeCommand).map((call) => call.args[0].input);
    const today = new Date().toISOString().slice(0, 10);
    expect(calls).toEqual([
      expect.objectContaining({
        TableArn: arnOf('AuditEvents'),
        S3Bucket: bucket,
        S3Prefix: `exports/${today}/AuditEvents`,
        ExportFormat: 'DYNAMODB_JSON',
        ExportType: 'FULL_EXPORT',
        ExportTime: new Date(`${today}T00:00:00.000Z`),
        ClientToken: `daily-${today}-AuditEvents`,
      }),
    ]);
    expect(result.started).toHaveLength(1);
  });

  it('asks DynamoDB for no export before the table’s backups began (a deploy between 00:00 and the run)', async () => {
    const today = new Date().toISOString().slice(0, 10);
    // A stack deployed a minute ago (after today's 00:00 UTC), whose first run is now.
    const justDeployed = new Date(Math.max(Date.now() - 60_000, Date.parse(`${today}T00:00:01.000Z`)));
    dynamodb.on(DescribeContinuousBackupsCommand).resolves({
      ContinuousBackupsDescription: {
        ContinuousBackupsStatus: 'ENABLED',
        PointInTimeRecoveryDescription: {
          PointInTimeRecoveryStatus: 'ENABLED',
          EarliestRestorableDateTime: justDeployed,
        },
      },
    });
    dynamodb.on(ExportTableToPointInTimeCommand).resolves({ ExportDescription: { ExportArn: 'arn:x' } });
    const result = await handler({ action: 'startExports' }, context);
    expect(dynamodb.commandCalls(ExportTableToPointInTimeCommand)).toEqual([]);
    expect(result.started).toEqual([]);
    expect(dynamodb.commandCalls(DescribeContinuousBackupsCommand)[0]?.args[0].input).toEqual({
      TableName: arnOf('AuditEvents'),
    });
  });

  it('sends the day’s 00:00 UTC as ExportTime, so a retry matches the first attempt', async () => {
    dynamodb.on(ExportTableToPointInTimeCommand).resolves({ ExportDescription: { ExportArn: 'arn:x' } });
    await handler({ action: 'startExports' }, context);
    const today = new Date().toISOString().slice(0, 10);
    for (const call of dynamodb.commandCalls(ExportTableToPointInTimeCommand))
      expect(call.args[0].input.ExportTime).toEqual(new Date(`${today}T00:00:00.000Z`));
  });

  it('takes both conflicts as "started before"; other errors fail the run', async () => {
    const fault = { $metadata: {}, message: 'injected' };
    dynamodb.on(ExportTableToPointInTimeCommand).rejects(new ExportConflictException(fault));
    expect((await handler({ action: 'startExports' }, context)).started).toEqual([
      {
        table: 'AuditEvents',
        type: 'FULL_EXPORT',
        exportArn: '',
        alreadyRunning: true,
        conflict: 'ExportConflict',
      },
    ]);
    dynamodb.reset();
    dynamodb.on(ListExportsCommand).resolves({ ExportSummaries: [] });
    dynamodb.on(ExportTableToPointInTimeCommand).rejects(new IdempotentParameterMismatchException(fault));
    expect((await handler({ action: 'startExports' }, context)).started).toEqual([
      {
        table: 'AuditEvents',
        type: 'FULL_EXPORT',
        exportArn: '',
        alreadyRunning: true,
        conflict: 'ParametersChanged',
      },
    ]);

    dynamodb.reset();
    dynamodb.on(ListExportsCommand).resolves({ ExportSummaries: [] });
    dynamodb.on(ExportTableToPointInTimeCommand).rejects(new PointInTimeRecoveryUnavailableException(fault));
    await expect(handler({ action: 'startExports' }, context)).rejects.toThrow('injected');
  });

  it('reads a completed AuditEvents export from S3, has KMS sign its chain heads, and stores the digest', async () => {
    dynamodb
      .on(ListExportsCommand)
      .resolves({ ExportSummaries: [{ ExportArn: exportArn, ExportStatus: 'COMPLETED' }] });
    dynamodb.on(DescribeExportCommand).resolves({
      ExportDescription: {
        ExportArn: exportArn,
        TableArn: arnOf('AuditEvents'),
        ExportTime: exportTime,
        S3Bucket: bucket,
        S3Prefix: `exports/${day}/AuditEvents`,
        ItemCount: 6,
      },
    });
    s3.on(HeadObjectCommand).rejects(Object.assign(new Error('NotFound'), { name: 'NotFound' }));
    s3.on(GetObjectCommand).callsFake((input: { Key: string }) => ({
      Body: createReadStream(join(bucketRoot, input.Key)),
    }));
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    kms
      .on(GetPublicKeyCommand)
      .resolves({ KeyId: keyArn, PublicKey: publicKey.export({ type: 'spki', format: 'der' }) });
    // KMS signs the digest it is sent; here the signature's bytes matter less than what was sent.
    kms
      .on(SignCommand)
      .resolves({ Signature: sign('sha256', Buffer.from('stand-in'), privateKey), KeyId: keyArn });

    const result = await handler({ action: 'digestCompletedExports' }, context);
    const puts = s3.commandCalls(PutObjectCommand).map((call) => call.args[0].input);
    expect(puts.map((put) => put.Key)).toEqual([
      expect.stringMatching(new RegExp(`^exports/${day}/digests/public-key-[0-9a-f]{16}\\.pem$`)),
      `exports/${day}/digests/audit-digest-${compactTime}-${exportArn.split('/').pop()}.json`,
    ]);
    // Created, never overwritten: a second run at the same time gets 412 and keeps the first one's head.
    expect(
      puts.every(
        (put) => put.Bucket === bucket && put.ChecksumAlgorithm === 'SHA256' && put.IfNoneMatch === '*',
      ),
    ).toBe(true);
    const digest = parseSignedDigest(String(puts[1]?.Body));
    expect(digest.statement.heads.map(([subject, seq]) => [subject, seq])).toEqual([
      ['customer#anna', 3],
      ['customer#bram', 3],
    ]);
    expect(digest.signature.keyId).toBe(keyArn);
    const signInput = kms.commandCalls(SignCommand)[0]?.args[0].input;
    expect(signInput).toMatchObject({
      KeyId: keyArn,
      MessageType: 'DIGEST',
      SigningAlgorithm: 'ECDSA_SHA_256',
    });
    expect(Buffer.from(signInput?.Message as Uint8Array)).toEqual(
      createHash('sha256').update(statementBytes(digest.statement)).digest(),
    );
    expect(result.digests).toHaveLength(1);
  });

  it('signs nothing twice: a digest already in the bucket is left alone', async () => {
    dynamodb
      .on(ListExportsCommand)
      .resolves({ ExportSummaries: [{ ExportArn: exportArn, ExportStatus: 'COMPLETED' }] });
    dynamodb.on(DescribeExportCommand).resolves({
      ExportDescription: {
        ExportArn: exportArn,
        TableArn: arnOf('AuditEvents'),
        ExportTime: exportTime,
        S3Bucket: bucket,
        S3Prefix: `exports/${day}/AuditEvents`,
      },
    });
    s3.on(HeadObjectCommand).resolves({});
    const result = await handler({ action: 'digestCompletedExports' }, context);
    expect(result.digests).toEqual([]);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
    expect(kms.commandCalls(SignCommand)).toHaveLength(0);
  });

  it('after the first full export sends an incremental one from its end to today’s 00:00, new and old images', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const midnight = new Date(`${today}T00:00:00.000Z`);
    const yesterday = new Date(midnight.getTime() - 24 * 3600_000);
    const fullArn = `${arnOf('AuditEvents')}/export/${yesterday.getTime() + 8100_000}-0000full`;
    const failedArn = `${arnOf('AuditEvents')}/export/${midnight.getTime() - 3600_000}-000fail`;
    const elsewhereArn = `${arnOf('AuditEvents')}/export/${midnight.getTime() - 1800_000}-0000else`;
    dynamodb.on(ListExportsCommand).resolves({
      ExportSummaries: [
        { ExportArn: fullArn, ExportStatus: 'COMPLETED', ExportType: 'FULL_EXPORT' },
        { ExportArn: failedArn, ExportStatus: 'FAILED', ExportType: 'FULL_EXPORT' },
        { ExportArn: elsewhereArn, ExportStatus: 'COMPLETED', ExportType: 'FULL_EXPORT' },
      ],
    });
    const described = {
      [fullArn]: {
        ExportStatus: 'COMPLETED',
        ExportType: 'FULL_EXPORT',
        ExportTime: yesterday,
        S3Bucket: bucket,
      },
      // A failed export and one into another bucket are no part of the chain.
      [failedArn]: {
        ExportStatus: 'FAILED',
        ExportType: 'FULL_EXPORT',
        ExportTime: midnight,
        S3Bucket: bucket,
      },
      [elsewhereArn]: {
        ExportStatus: 'COMPLETED',
        ExportType: 'FULL_EXPORT',
        ExportTime: midnight,
        S3Bucket: 'someone-elses-bucket',
      },
    } as const;
    dynamodb.on(DescribeExportCommand).callsFake((input: { ExportArn: keyof typeof described }) => ({
      ExportDescription: {
        ExportArn: input.ExportArn,
        TableArn: arnOf('AuditEvents'),
        ...described[input.ExportArn],
      },
    }));
    dynamodb.on(ExportTableToPointInTimeCommand).resolves({ ExportDescription: { ExportArn: 'arn:x' } });

    const result = await handler({ action: 'startExports' }, context);
    const calls = dynamodb.commandCalls(ExportTableToPointInTimeCommand).map((call) => call.args[0].input);
    expect(calls).toEqual([
      {
        TableArn: arnOf('AuditEvents'),
        S3Bucket: bucket,
        S3Prefix: `exports/${today}/AuditEvents`,
        ExportFormat: 'DYNAMODB_JSON',
        ExportType: 'INCREMENTAL_EXPORT',
        IncrementalExportSpecification: {
          ExportFromTime: yesterday,
          ExportToTime: midnight,
          ExportViewType: 'NEW_AND_OLD_IMAGES',
        },
        S3SseAlgorithm: 'AES256',
        ClientToken: `incr-${yesterday.getTime() / 1000}-1440`,
      },
    ]);
    expect(result.started).toEqual([
      { table: 'AuditEvents', type: 'INCREMENTAL_EXPORT', exportArn: 'arn:x', alreadyRunning: false },
    ]);
  });

  it('starts nothing when the chain already reaches today, whichever retry of the run it is', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const midnight = new Date(`${today}T00:00:00.000Z`);
    const yesterday = new Date(midnight.getTime() - 24 * 3600_000);
    const arn = `${arnOf('AuditEvents')}/export/${midnight.getTime() + 60_000}-0000incr`;
    dynamodb.on(ListExportsCommand).resolves({
      ExportSummaries: [{ ExportArn: arn, ExportStatus: 'IN_PROGRESS', ExportType: 'INCREMENTAL_EXPORT' }],
    });
    dynamodb.on(DescribeExportCommand).resolves({
      ExportDescription: {
        ExportArn: arn,
        ExportStatus: 'IN_PROGRESS',
        ExportType: 'INCREMENTAL_EXPORT',
        IncrementalExportSpecification: { ExportFromTime: yesterday, ExportToTime: midnight },
        S3Bucket: bucket,
      },
    });
    const result = await handler({ action: 'startExports' }, context);
    expect(result.started).toEqual([]);
    expect(dynamodb.commandCalls(ExportTableToPointInTimeCommand)).toHaveLength(0);
  });

  it('notes a FAILED export once and prints it as AuditExportsFailed, and no digest as a zero', async () => {
    const failedArn = `${arnOf('AuditEvents')}/export/${Date.now() - 3600_000}-0000fail`;
    dynamodb.on(ListExportsCommand).resolves({
      ExportSummaries: [{ ExportArn: failedArn, ExportStatus: 'FAILED', ExportType: 'FULL_EXPORT' }],
    });
    dynamodb.on(DescribeExportCommand).resolves({
      ExportDescription: {
        ExportArn: failedArn,
        ExportStatus: 'FAILED',
        TableArn: arnOf('AuditEvents'),
        S3Bucket: bucket,
        S3Prefix: `exports/${day}/AuditEvents`,
        FailureCode: 'UnknownError',
        FailureMessage: 'Failed to export table',
      },
    });
    const counts = async () => {
      const printed: string[] = [];
      const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
        printed.push(String(chunk));
        return true;
      });
      try {
        const result = await handler({ action: 'digestCompletedExports' }, context);
        const emf = printed
          .join('')
          .split('\n')
          .filter((line) => line.includes('"_aws"'))
          .map((line) => JSON.parse(line) as Record<string, unknown>);
        expect(emf).toHaveLength(1);
        return { result, emf: emf[0]! };
      } finally {
        write.mockRestore();
      }
    };
    s3.on(HeadObjectCommand).rejects(Object.assign(new Error('NotFound'), { name: 'NotFound' }));
    const first = await counts();
    expect(first.result.failures).toEqual([`exports/${day}/failures/${failedArn.split('/').pop()}.json`]);
    expect(first.emf).toMatchObject({
      AuditExportsFailed: 1,
      AuditDigestsWritten: 0,
      service: 'mfa-recovery',
    });
    const note = s3.commandCalls(PutObjectCommand)[0]?.args[0].input;
    expect(JSON.parse(String(note?.Body))).toMatchObject({
      failureCode: 'UnknownError',
      exportArn: failedArn,
    });

    // Noted before: the next hour counts no new failure (one alarm per failed export).
    s3.on(HeadObjectCommand).resolves({});
    const second = await counts();
    expect(second.emf).toMatchObject({ AuditExportsFailed: 0, AuditDigestsWritten: 0 });
  });

  it('refuses an event it does not know', async () => {
    await expect(handler({ action: 'deleteEverything' }, context)).rejects.toThrow();
  });
});
