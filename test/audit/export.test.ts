// `npm run export` as auditors receive it: every local table in DynamoDB's S3 export layout, field for
// field, with a signed digest of the chain heads, read from a real DynamoDB Local.
import { createHash } from 'node:crypto';
import { cp, readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { tables } from '../../lib/data/tables';
import { systemClock, systemRandom } from '../../lib/clock';
import { localDigestSigner, publicKeyFileName } from '../../lib/audit/digest';
import { exportLocalTables } from '../../lib/audit/local-export';
import { headAndStateOf } from '../../lib/audit/previous-head';
import { commitWithAudit } from '../../lib/audit/store';
import { treeHeadSha256 } from '../../lib/audit/tree-head';
import { parseSignedDigest, verifyDigestSignature } from '../../auditor/digests';
import { verifyExports } from '../../auditor/verify-export';
import { startTestStack, type TestStack } from '../support/stack';
import {
  dataFilesOf,
  exportStack,
  findExportDir,
  readDataLines,
  runAudit,
  removeTempDirs,
  tempDir,
  writeAuditTrail,
} from './export-fixtures';

let stack: TestStack;
let outDir: string;
let keyFile: string;
let exported: Awaited<ReturnType<typeof exportStack>>;

beforeAll(async () => {
  stack = await startTestStack({ pollStreams: false });
  await writeAuditTrail(stack);
  outDir = join(await tempDir('export'), 'run');
  keyFile = join(await tempDir('digest-key'), 'audit-digest-key.pem');
  exported = await exportStack(stack, outDir, keyFile);
}, 60000);

afterAll(async () => {
  await stack?.stop();
  await removeTempDirs();
});

describe('npm run export', () => {
  it('writes every table of lib/data/tables.ts into its own export folder', async () => {
    expect(exported.tables.map((table) => table.key).sort()).toEqual(Object.keys(tables).sort());
    for (const definition of Object.values(tables)) {
      const dir = await findExportDir(outDir, definition.baseName);
      const names = (await readdir(dir)).sort();
      expect(names).toEqual([
        '_started',
        'data',
        'manifest-files.checksum',
        'manifest-files.json',
        'manifest-summary.checksum',
        'manifest-summary.json',
      ]);
    }
  });

  it('writes manifest-summary.json with the fields DynamoDB writes, counting the items', async () => {
    const dir = await findExportDir(outDir, 'AuditEvents');
    const summary = JSON.parse(await readFile(join(dir, 'manifest-summary.json'), 'utf8'));
    const exportId = dir.split(/[\\/]/).pop();
    expect(summary).toEqual({
      version: '2020-06-30',
      exportArn: `${summary.tableArn}/export/${exportId}`,
      startTime: expect.stringMatching(/Z$/),
      endTime: expect.stringMatching(/Z$/),
      tableArn: expect.stringMatching(/^arn:aws:dynamodb:[^:]+:\d{12}:table\/t[0-9a-f]{8}_AuditEvents$/),
      tableId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      exportTime: expect.stringMatching(/Z$/),
      s3Bucket: 'local',
      s3Prefix: 'AuditEvents',
      s3SseAlgorithm: 'AES256',
      s3SseKmsKeyId: null,
      manifestFilesS3Key: `AuditEvents/AWSDynamoDB/${exportId}/manifest-files.json`,
      billedSizeBytes: expect.any(Number),
      itemCount: 12,
      outputFormat: 'DYNAMODB_JSON',
      exportType: 'FULL_EXPORT',
    });
    expect(exportId).toMatch(/^\d{14}-[0-9a-f]{8}$/);
    const checksum = await readFile(join(dir, 'manifest-summary.checksum'), 'utf8');
    expect(checksum).toBe(
      createHash('md5')
        .update(await readFile(join(dir, 'manifest-summary.json')))
        .digest('hex'),
    );
  });

  it('lists each data file in manifest-files.json with its item count, base64 MD5 and ETag', async () => {
    const dir = await findExportDir(outDir, 'AuditEvents');
    const lines = (await readFile(join(dir, 'manifest-files.json'), 'utf8')).split('\n').filter(Boolean);
    const files = await dataFilesOf(dir);
    expect(lines).toHaveLength(files.length);
    for (const line of lines) {
      const entry = JSON.parse(line);
      expect(Object.keys(entry)).toEqual(['itemCount', 'md5Checksum', 'etag', 'dataFileS3Key']);
      const name = entry.dataFileS3Key.split('/').pop();
      expect(entry.dataFileS3Key).toMatch(
        /^AuditEvents\/AWSDynamoDB\/\d{14}-[0-9a-f]{8}\/data\/[a-z2-7]{26}\.json\.gz$/,
      );
      const bytes = await readFile(join(dir, 'data', name));
      const md5 = createHash('md5').update(bytes).digest();
      expect(entry.md5Checksum).toBe(md5.toString('base64'));
      expect(entry.etag).toBe(`${createHash('md5').update(md5).digest('hex')}-1`);
      expect(entry.itemCount).toBe((await readDataLines(join(dir, 'data', name))).length);
    }
  });

  it('writes one {"Item": …} per line in DynamoDB JSON, with the audit attributes auditors query', async () => {
    const dir = await findExportDir(outDir, 'AuditEvents');
    const [file] = await dataFilesOf(dir);
    const items = (await readDataLines(file as string)).map((line) => JSON.parse(line));
    expect(items).toHaveLength(12);
    const disabled = items.find((line) => line.Item.type.S === 'TWO_FA_DISABLED');
    expect(disabled).toEqual({
      Item: {
        subject: { S: expect.stringMatching(/^customer#(bram|carla)$/) },
        seq: { N: '4' },
        eventId: { S: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/) },
        type: { S: 'TWO_FA_DISABLED' },
        at: { S: expect.stringMatching(/Z$/) },
        actorType: { S: 'admin' },
        actorId: { S: 'admin-anna' },
        customerId: { S: expect.stringMatching(/^(bram|carla)$/) },
        caseId: { S: expect.any(String) },
        details: { M: { verificationId: { S: expect.any(String) }, reason: { S: 'Telefoon kwijt' } } },
        prevHash: { S: expect.stringMatching(/^[0-9a-f]{64}$/) },
        hash: { S: expect.stringMatching(/^[0-9a-f]{64}$/) },
      },
    });
  });

  it('exports the other tables too, an empty table as one empty data file', async () => {
    const customers = await findExportDir(outDir, 'Customers');
    const [customerFile] = await dataFilesOf(customers);
    expect(await readDataLines(customerFile as string)).toHaveLength(3);
    const approvals = await findExportDir(outDir, 'Approvals');
    const approvalFiles = await dataFilesOf(approvals);
    expect(approvalFiles).toHaveLength(1);
    expect(await readDataLines(approvalFiles[0] as string)).toEqual([]);
    expect((await stat(approvalFiles[0] as string)).size).toBeGreaterThan(0);
  });

  it('signs a digest of every chain head and puts the public key next to it', async () => {
    const digest = parseSignedDigest(await readFile(exported.digestFile, 'utf8'));
    expect(digest.statement.heads.map(([subject, seq]) => [subject, seq])).toEqual([
      ['customer#anna', 2],
      ['customer#bram', 5],
      ['customer#carla', 5],
    ]);
    expect(digest.statement.eventCount).toBe(12);
    expect(exported.publicKeyFile).toBe(
      join(outDir, 'digests', publicKeyFileName(digest.signature.publicKeySha256)),
    );
    expect(verifyDigestSignature(digest, await readFile(exported.publicKeyFile, 'utf8'))).toBe(true);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
  });

  it('verifies clean with audit verify, in-process and as the command auditors run', async () => {
    const report = await verifyExports(outDir);
    expect(report.findings.filter((finding) => finding.level === 'error')).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.eventsVerified).toBe(12);
    expect(report.subjectsVerified).toBe(3);
    expect(report.exports).toHaveLength(Object.keys(tables).length);

    const run = await runAudit(['verify', outDir, '--public-key', exported.publicKeyFile]);
    expect(run.stdout).toMatch(/OK: no problems/);
    expect(run.stdout).toMatch(/pinned with --public-key/);
    expect(run.code).toBe(0);
  }, 30000);

  it('is found from a parent folder and from the export folder itself', async () => {
    const parent = join(outDir, '..');
    expect((await verifyExports(parent)).ok).toBe(true);
    const auditOnly = await verifyExports(await findExportDir(outDir, 'AuditEvents'));
    expect(auditOnly.eventsVerified).toBe(12);
    // Alone, the AuditEvents folder carries no digest: verify says so but does not fail.
    expect(auditOnly.findings.map((finding) => finding.code)).toContain('NO_DIGEST');
    expect(auditOnly.ok).toBe(true);
  });
});

describe('npm run export --previous-head', () => {
  it('exports only the new audit events, incrementally, with a head that extends the previous one', async () => {
    const digestText = await readFile(exported.digestFile, 'utf8');
    const signer = localDigestSigner(keyFile);
    const publicKeyPem = await signer.publicKeyPem();
    const previous = headAndStateOf(digestText, publicKeyPem, exported.digestFile);
    for (const customerId of ['anna', 'dirk'])
      await commitWithAudit(customerId, { clock: systemClock, random: systemRandom }, async (append) => {
        append({
          type: 'VERIFICATION_STARTED',
          actorType: 'agent',
          actorId: 'agent-bram',
          customerId,
          details: {},
        });
        return { writes: [], result: undefined };
      });
    const chainRoot = await tempDir('chain');
    await cp(outDir, join(chainRoot, 'first'), { recursive: true });
    const next = await exportLocalTables({
      client: stack.dynamodb,
      tableNames: stack.tableNames,
      outDir: join(chainRoot, 'second'),
      signer,
      clock: systemClock,
      random: systemRandom,
      previous,
    });
    // Only the audit trail, and only its two new events, as NewImage lines of an incremental export.
    expect(next.tables.map((table) => table.key)).toEqual(['auditEvents']);
    expect(next.auditEvents).toBe(2);
    const dir = await findExportDir(join(chainRoot, 'second'), 'AuditEvents');
    const summary = JSON.parse(await readFile(join(dir, 'manifest-summary.json'), 'utf8'));
    expect(summary).toMatchObject({
      exportType: 'INCREMENTAL_EXPORT',
      exportFromTime: previous.head.statement.asOf,
      outputView: 'NEW_AND_OLD_IMAGES',
    });
    const [line] = await readDataLines((await dataFilesOf(dir))[0] ?? '');
    expect(Object.keys(JSON.parse(line ?? '{}')).sort()).toEqual(['Keys', 'Metadata', 'NewImage']);
    expect(next.treeHead.statement).toMatchObject({
      treeSize: 14,
      previousHeadSha256: treeHeadSha256(previous.head.statement),
    });
    // Both exports in one folder verify as one chain, and the second head extends the first.
    const report = await verifyExports(chainRoot, {
      trustedPublicKeys: [await signer.publicKeyPem()],
      requireDigest: true,
    });
    expect(report.errors).toBe(0);
    const audit = report.exports.filter((entry) => entry.auditTrail?.chain);
    expect(audit.map((entry) => entry.auditTrail?.chain?.length)).toEqual([1, 2]);
    const since = await runAudit([
      'verify',
      chainRoot,
      '--public-key',
      exported.publicKeyFile,
      '--require-digest',
    ]);
    expect(since.code).toBe(0);

    // A previous head whose state was edited is refused, naming it: no new tree is started in its place.
    const edited = JSON.parse(digestText) as { treeState: { pending: unknown[] } };
    edited.treeState.pending.push([Date.now(), 'a'.repeat(64)]);
    expect(() => headAndStateOf(JSON.stringify(edited), publicKeyPem, 'edited.json')).toThrow(
      /the tree state in edited.json does not match its head/,
    );
  }, 60000);
});
