// Two hourly digest runs at once (a Lambda retry beside the next schedule) over the same exports: the
// digest file is only ever created, never overwritten (S3 `If-None-Match: *`; the folder bucket answers as
// S3 does), so exactly one head is kept per export, the run that comes second checks that head and reports
// the export as already digested, and the chain verifies as one history.
import { readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fixedClock } from '../../lib/clock';
import type { ExportBucket } from '../../lib/aws/s3-export-bucket';
import { localDigestSigner } from '../../lib/audit/digest';
import { digestCompletedExports, type DigestRun } from '../../lib/audit/scheduled-export';
import type { SignedTreeHead } from '../../lib/audit/tree-head';
import { verifyExports } from '../../auditor/verify-export';
import { removeTempDirs, tempDir } from './export-fixtures';
import { digestRun, exportService, folderBucket, settings, writeThreeDays } from './chain-fixtures';

afterAll(async () => {
  await removeTempDirs();
});

/** Holds every caller of `create` on a digest key until `parties` of them have come: they then race. */
const meetingAtEachDigest = (bucket: ExportBucket, parties: number): ExportBucket => {
  const waiting = new Map<string, { count: number; release: () => void; met: Promise<void> }>();
  return {
    ...bucket,
    create: async (key, body, contentType) => {
      if (key.includes('/audit-digest-')) {
        let meeting = waiting.get(key);
        if (!meeting) {
          let release = () => {};
          const met = new Promise<void>((resolve) => (release = resolve));
          meeting = { count: 0, release, met };
          waiting.set(key, meeting);
        }
        meeting.count += 1;
        if (meeting.count === parties) meeting.release();
        await meeting.met;
      }
      return bucket.create(key, body, contentType);
    },
  };
};

const run = (
  bucket: ExportBucket,
  completed: Parameters<typeof exportService>[0],
  keyFile: string,
  auditors: string,
  at: string,
) =>
  digestCompletedExports(
    { ...settings, auditorHeadsBucket: 'auditors-heads' },
    {
      exports: exportService(completed),
      bucket,
      signer: localDigestSigner(keyFile),
      // The two runs sign at different times: their digests differ, and only one may be kept.
      clock: fixedClock(at),
      auditorHeads: folderBucket(auditors, 'auditors-heads'),
    },
  );

const digestFilesUnder = async (bucketRoot: string) => {
  const files: string[] = [];
  for (const day of await readdir(join(bucketRoot, 'exports')))
    for (const name of await readdir(join(bucketRoot, 'exports', day, 'digests')).catch(() => []))
      files.push(join('exports', day, 'digests', name));
  return files.sort();
};

describe('two digest runs at once', () => {
  it('keep exactly one head per export: the second run checks it and reports the export already digested', async () => {
    const bucketRoot = await tempDir('bucket');
    const auditorsRoot = await tempDir('auditors');
    const keyFile = join(await tempDir('kms-stand-in'), 'key.pem');
    const { completed } = await writeThreeDays(bucketRoot);
    const bucket = meetingAtEachDigest(folderBucket(bucketRoot), 2);
    const [first, second] = (await Promise.all([
      run(bucket, completed, keyFile, auditorsRoot, '2025-01-04T03:00:00Z'),
      run(bucket, completed, keyFile, auditorsRoot, '2025-01-04T03:00:07Z'),
    ])) as [DigestRun, DigestRun];

    // Both succeed; for each of the three exports one run wrote and the other found it written.
    const keys = [...first.written, ...first.alreadyDigested].sort();
    expect(keys).toHaveLength(3);
    expect([...second.written, ...second.alreadyDigested].sort()).toEqual(keys);
    expect([...first.written, ...second.written].sort()).toEqual(keys);
    expect([...first.alreadyDigested, ...second.alreadyDigested].sort()).toEqual(keys);

    // One digest file per export (and its key), nothing half-written left beside them.
    const files = await digestFilesUnder(bucketRoot);
    expect(files.filter((file) => file.includes('/audit-digest-'))).toEqual(keys);
    expect(
      files.filter((file) => !/\/(audit-digest-.*\.json|public-key-[0-9a-f]{16}\.pem)$/.test(file)),
    ).toEqual([]);

    // The auditors hold exactly the heads our bucket kept, and the chain verifies as one history.
    const kept = await Promise.all(
      keys.map(
        async (key) =>
          (JSON.parse(await readFile(join(bucketRoot, key), 'utf8')) as { treeHead: SignedTreeHead })
            .treeHead,
      ),
    );
    const theirs = await Promise.all(
      (await readdir(join(auditorsRoot, 'heads')))
        .sort()
        .map(
          async (name) =>
            JSON.parse(await readFile(join(auditorsRoot, 'heads', name), 'utf8')) as SignedTreeHead,
        ),
    );
    expect(theirs).toEqual(kept);
    const report = await verifyExports(join(bucketRoot, 'exports'), {
      trustedPublicKeys: [await localDigestSigner(keyFile).publicKeyPem()],
      requireDigest: true,
    });
    expect(report.findings).toEqual([]);
    expect(report.trees.map((tree) => tree.head.statement.treeSize)).toEqual([5, 12, 16]);
    // The next hour's run finds everything done.
    expect(await digestRun(bucketRoot, completed, keyFile)).toEqual([]);
  });

  it('refuses, naming it, a digest that appeared in its place but is another export’s, and keeps nothing of its own', async () => {
    const bucketRoot = await tempDir('bucket');
    const keyFile = join(await tempDir('kms-stand-in'), 'key.pem');
    const { completed } = await writeThreeDays(bucketRoot);
    const [full, day1] = completed;
    if (!full || !day1) throw new Error('exports expected');
    const [fullKey] = await digestRun(bucketRoot, [full], keyFile);
    // Between the run's look and its write, the full export's genuine digest (same key) is put at day 1's name.
    const day1Key = `exports/2025-01-03/digests/audit-digest-20250103T000000Z-${day1.exportArn.split('/').pop()}.json`;
    const planted = await readFile(join(bucketRoot, fullKey ?? ''), 'utf8');
    const real = folderBucket(bucketRoot);
    const late: ExportBucket = {
      ...real,
      exists: async (key) => (key === day1Key ? false : real.exists(key)),
      create: async (key, body, contentType) => {
        if (key === day1Key) {
          await mkdir(dirname(join(bucketRoot, key)), { recursive: true });
          await writeFile(join(bucketRoot, key), planted);
        }
        return real.create(key, body, contentType);
      },
    };
    await expect(
      digestCompletedExports(settings, {
        exports: exportService([full, day1]),
        bucket: late,
        signer: localDigestSigner(keyFile),
        clock: fixedClock('2025-01-04T03:00:00Z'),
      }),
    ).rejects.toThrow(
      new RegExp(`the tree head in ${day1Key} is not signed by the digest key for ${day1.exportArn}`),
    );
    expect(await readFile(join(bucketRoot, day1Key), 'utf8')).toBe(planted);
  });
});
