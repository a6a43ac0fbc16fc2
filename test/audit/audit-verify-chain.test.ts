// `audit verify` over a chain of exports as the bucket holds them: a full export and the incremental ones
// after it, verified as one history. An insider who edits an incremental export and recomputes every
// checksum, drops an event, moves one between exports or hands over an older incremental is refused with
// the problem named; the operator who also re-signs is caught by a head the auditor kept.
import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hashOfItem } from '../../lib/audit/chain';
import { localDigestSigner } from '../../lib/audit/digest';
import { itemFromDynamoDbJson, itemToDynamoDbJson } from '../../lib/audit/dynamodb-json';
import type { SignedTreeHead } from '../../lib/audit/tree-head';
import { checkSince } from '../../auditor/tree-heads';
import { checkProof, proveEvent } from '../../auditor/tree-commands';
import { verifyExports, type VerifyReport } from '../../auditor/verify-export';
import {
  copyExport,
  coverTracks,
  dataFilesOf,
  readDataLines,
  removeTempDirs,
  runAudit,
  tempDir,
  writeDataLines,
} from './export-fixtures';
import { digestRun, writeThreeDays } from './chain-fixtures';

let bucketRoot: string;
let keyFile: string;
let pem: string;
let pemFile: string;
let events: Awaited<ReturnType<typeof writeThreeDays>>['events'];
let completed: Awaited<ReturnType<typeof writeThreeDays>>['completed'];
/** The heads an auditor copied from their bucket, day by day. */
const kept: SignedTreeHead[] = [];

const DAYS = ['2025-01-02', '2025-01-03', '2025-01-04'] as const;

beforeAll(async () => {
  bucketRoot = await tempDir('bucket');
  keyFile = join(await tempDir('kms-stand-in'), 'key.pem');
  ({ events, completed } = await writeThreeDays(bucketRoot));
  const auditors = await tempDir('auditors');
  await digestRun(bucketRoot, completed, keyFile, auditors);
  for (const file of (await readdir(join(auditors, 'heads'))).sort())
    kept.push(JSON.parse(await readFile(join(auditors, 'heads', file), 'utf8')) as SignedTreeHead);
  pem = await localDigestSigner(keyFile).publicKeyPem();
  pemFile = join(await tempDir('pem'), 'digest-key.pem');
  await writeFile(pemFile, pem);
});

afterAll(async () => {
  await removeTempDirs();
});

const verify = (root: string) => verifyExports(root, { trustedPublicKeys: [pem], requireDigest: true });
const codes = (report: VerifyReport) => Object.keys(report.errorCounts).sort();

/** The export folder of a day in a copy of the bucket's exports/. */
const exportOf = async (root: string, day: string) => {
  const base = join(root, day, 'AuditEvents', 'AWSDynamoDB');
  const [id] = await readdir(base);
  return join(base, id ?? '');
};

type Line = { NewImage?: Record<string, unknown>; Item?: Record<string, unknown> };
const imageOf = (line: string) => {
  const parsed = JSON.parse(line) as Line;
  return itemFromDynamoDbJson((parsed.NewImage ?? parsed.Item) as Record<string, unknown>);
};
const withImage = (line: string, item: Record<string, unknown>) => {
  const parsed = JSON.parse(line) as Line;
  if (parsed.NewImage) parsed.NewImage = itemToDynamoDbJson(item);
  else parsed.Item = itemToDynamoDbJson(item);
  return JSON.stringify(parsed);
};

/** Rewrites every data line of an export; `edit` returns the new line, or undefined to drop it. */
const editLines = async (exportDir: string, edit: (line: string) => string | undefined) => {
  for (const file of await dataFilesOf(exportDir)) {
    const lines = (await readDataLines(file)).map(edit).filter((line): line is string => line !== undefined);
    await writeDataLines(file, lines);
  }
};

const eventIdOf = (item: Record<string, unknown>) => String(item.eventId);

describe('audit verify over a full export and its incremental exports', () => {
  it('verifies the chain as one history, whatever the day folders are called, and queries all of it', async () => {
    const root = await copyExport(join(bucketRoot, 'exports'));
    // Folders renamed (day 2 and day 3 swapped): the order comes from the signed heads, not the names.
    await rename(join(root, DAYS[1]), join(root, 'x'));
    await rename(join(root, DAYS[2]), join(root, DAYS[1]));
    await rename(join(root, 'x'), join(root, DAYS[2]));
    const report = await verify(root);
    expect(report.findings).toEqual([]);
    expect(report.eventsVerified).toBe(17);
    expect(report.trees.map((tree) => tree.head.statement.treeSize)).toEqual([5, 12, 16]);
    const query = await runAudit([
      'query',
      root,
      '--public-key',
      pemFile,
      '--require-digest',
      '--format',
      'json',
    ]);
    expect(query.code).toBe(0);
    expect(query.stdout.trim().split('\n')).toHaveLength(17);
  });

  it('refuses an edited incremental export whose events, chains, MD5s, ETags and checksums were all recomputed', async () => {
    const root = await copyExport(join(bucketRoot, 'exports'));
    // anna's 5th event (day 2) gets another type; her 6th (day 3) is re-linked to it: every chain holds.
    const fifth = events.day1.find((item) => item.subject === 'customer#anna' && item.seq === 5);
    const sixth = events.day2.find((item) => item.subject === 'customer#anna' && item.seq === 6);
    const forgedFifth: Record<string, unknown> = { ...fifth, type: 'CUSTOMER_UPDATED' };
    forgedFifth.hash = hashOfItem(forgedFifth);
    const forgedSixth: Record<string, unknown> = { ...sixth, prevHash: forgedFifth.hash };
    forgedSixth.hash = hashOfItem(forgedSixth);
    for (const [day, forged] of [
      [DAYS[1], forgedFifth],
      [DAYS[2], forgedSixth],
    ] as const) {
      const dir = await exportOf(root, day);
      await editLines(dir, (line) =>
        imageOf(line).eventId === forged.eventId ? withImage(line, forged) : line,
      );
      await coverTracks(dir);
    }
    const report = await verify(root);
    expect(report.ok).toBe(false);
    expect(report.errorCounts.HASH_MISMATCH).toBeUndefined();
    expect(report.errorCounts.PREV_HASH_MISMATCH).toBeUndefined();
    expect(codes(report)).toEqual(
      expect.arrayContaining(['DIGEST_MANIFEST_MISMATCH', 'DIGEST_HEAD_MISMATCH', 'TREE_HEAD_MISMATCH']),
    );
    expect(report.findings.find((finding) => finding.code === 'DIGEST_HEAD_MISMATCH')).toMatchObject({
      subject: 'customer#anna',
    });
  });

  it('refuses an incremental export that drops an event, naming the gap', async () => {
    const root = await copyExport(join(bucketRoot, 'exports'));
    const dropped = events.day1.find((item) => item.subject === 'customer#carla' && item.seq === 2);
    const dir = await exportOf(root, DAYS[1]);
    await editLines(dir, (line) => (imageOf(line).eventId === dropped?.eventId ? undefined : line));
    await coverTracks(dir);
    const report = await verify(root);
    expect(codes(report)).toEqual(
      expect.arrayContaining([
        'MISSING',
        'DIGEST_MANIFEST_MISMATCH',
        'DIGEST_COUNT_MISMATCH',
        'TREE_HEAD_MISMATCH',
      ]),
    );
    expect(report.findings.find((finding) => finding.code === 'MISSING')).toMatchObject({
      subject: 'customer#carla',
      seq: 2,
    });
  });

  it('refuses an event moved from one incremental export to a later one (reordered history)', async () => {
    const root = await copyExport(join(bucketRoot, 'exports'));
    const moved = events.day1.find((item) => item.subject === 'customer#dora');
    let line: string | undefined;
    const from = await exportOf(root, DAYS[1]);
    await editLines(from, (text) => {
      if (imageOf(text).eventId !== moved?.eventId) return text;
      line = text;
      return undefined;
    });
    const to = await exportOf(root, DAYS[2]);
    const [file] = await dataFilesOf(to);
    await writeDataLines(file ?? '', [...(await readDataLines(file ?? '')), line ?? '']);
    await coverTracks(from);
    await coverTracks(to);
    const report = await verify(root);
    expect(codes(report)).toEqual(
      expect.arrayContaining(['LATE_EVENT', 'DIGEST_MANIFEST_MISMATCH', 'DIGEST_COUNT_MISMATCH']),
    );
    expect(report.findings.find((finding) => finding.code === 'LATE_EVENT')?.message).toMatch(
      /1 event\(s\) of this export are older than the previous head's leaves/,
    );
  });

  it('refuses an older incremental export handed over again, or as the newest', async () => {
    // Day 2's export copied into a fourth day's folder, digest and all.
    const root = await copyExport(join(bucketRoot, 'exports'));
    await cp(join(root, DAYS[1]), join(root, '2025-01-05'), { recursive: true });
    const replayed = await verify(root);
    expect(codes(replayed)).toEqual(expect.arrayContaining(['EXPORT_REPLAYED']));
    expect(replayed.findings.find((finding) => finding.code === 'EXPORT_REPLAYED')).toMatchObject({
      file: expect.stringMatching(/^2025-01-05\//),
    });

    // Only the full export and day 2 handed over, as if they were all: the head kept on day 3 refuses it.
    const short = await copyExport(join(bucketRoot, 'exports'));
    await rm(join(short, DAYS[2]), { recursive: true });
    const report = await verify(short);
    expect(report.findings).toEqual([]);
    const found: string[] = [];
    checkSince(kept[2] as SignedTreeHead, report.trees, (finding) => found.push(finding.code));
    expect(found).toEqual(['EXPORT_OLDER_THAN_HEAD']);

    // An incremental export alone cannot be verified: its chain starts before it.
    const alone = await tempDir('alone');
    await cp(join(bucketRoot, 'exports', DAYS[2]), join(alone, DAYS[2]), { recursive: true });
    expect(codes(await verify(alone))).toEqual(expect.arrayContaining(['CHAIN_START_MISSING']));
  });

  it('catches the operator who drops a pending event and signs every later digest and head again', async () => {
    const bucket = await copyExport(bucketRoot);
    // bram's last event, 5 minutes before day 2's export: pending in day 2's head, a leaf in day 3's.
    const dropped = events.day1.find((item) => item.subject === 'customer#bram' && item.seq === 4);
    const dir = await exportOf(join(bucket, 'exports'), DAYS[1]);
    await editLines(dir, (line) => (imageOf(line).eventId === dropped?.eventId ? undefined : line));
    await coverTracks(dir);
    // Without signing again, the export's own digest and head refuse it.
    const unsigned = await verify(join(bucket, 'exports'));
    expect(codes(unsigned)).toEqual(
      expect.arrayContaining(['DIGEST_MANIFEST_MISMATCH', 'TREE_PENDING_MISMATCH']),
    );
    // The operator (who may sign) signs days 2 and 3 again: on its own the folder now verifies clean.
    for (const day of [DAYS[1], DAYS[2]])
      await rm(join(bucket, 'exports', day, 'digests'), { recursive: true });
    await mkdir(join(bucket, 'exports', DAYS[1], 'digests'), { recursive: true });
    await digestRun(bucket, completed, keyFile);
    const resigned = await verify(join(bucket, 'exports'));
    expect(resigned.findings).toEqual([]);
    // The heads the auditors kept on days 2 and 3 refuse it.
    // Day 2's by the pending event it signed (not a leaf yet, so no consistency proof can see it);
    // day 3's by its tree, of which the event was a leaf.
    for (const [head, why] of [
      [kept[1], /signed 1 events as pending/],
      [kept[2], /its tree has 15 events where that head signed 16/],
    ] as const) {
      const found: { code: string; message: string }[] = [];
      checkSince(head as SignedTreeHead, resigned.trees, (finding) => found.push(finding));
      expect(found).toEqual([
        expect.objectContaining({ code: 'HISTORY_REWRITTEN', message: expect.stringMatching(why) }),
      ]);
    }
    // The head of the full export, before the event was written, cannot see it: the window since the last head kept.
    const found: string[] = [];
    checkSince(kept[0] as SignedTreeHead, resigned.trees, (finding) => found.push(finding.code));
    expect(found).toEqual([]);
  });

  it('proves an event of the full export and of an incremental one against the newest head, and refuses an altered one', async () => {
    const report = await verify(join(bucketRoot, 'exports'));
    for (const event of [events.full[0], events.day1[1]]) {
      const proof = await proveEvent(report, eventIdOf(event ?? {}));
      if (typeof proof === 'string') throw new Error(proof);
      expect(proof.treeHead.statement.treeSize).toBe(16);
      expect(checkProof(proof, [pem])).toEqual({ ok: true, problems: [] });
      const altered = { ...proof, event: { ...proof.event, actorId: 'agent-someone-else' } };
      expect(checkProof(altered, [pem]).ok).toBe(false);
    }
    // Against the head an auditor kept on day 2: the event in day 2's export is leaf 5.
    const proof = await proveEvent(report, eventIdOf(events.day1[1] ?? {}), kept[1]);
    if (typeof proof === 'string') throw new Error(proof);
    expect(proof.treeHead).toEqual(kept[1]);
    expect(checkProof(proof, [pem], kept[1])).toEqual({ ok: true, problems: [] });
  });
});
