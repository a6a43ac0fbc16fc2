// The daily export in AWS is incremental after the first full one; each incremental export still gets a
// signed tree head, grown from the edge and pending events carried in the previous head's digest file,
// binding the previous head's hash. A previous head that is missing or does not hold together stops the
// run with an error naming it: the tree is never restarted silently.
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { treeHeadSha256, type SignedTreeHead } from '../../lib/audit/tree-head';
import { TREE_STATE_FORMAT, type TreeState } from '../../lib/audit/tree-chain';
import { subtreeRoot } from '../../lib/audit/merkle/tree';
import { localDigestSigner } from '../../lib/audit/digest';
import { verifyExports } from '../../auditor/verify-export';
import { checkSince } from '../../auditor/tree-heads';
import { removeTempDirs, tempDir } from './export-fixtures';
import { digestRun, T0, T1, Trail, writeExport, writeThreeDays } from './chain-fixtures';

afterAll(async () => {
  await removeTempDirs();
});

type DigestFile = { treeHead: SignedTreeHead; treeState: TreeState };
const digestFileOf = async (bucketRoot: string, key: string) =>
  JSON.parse(await readFile(join(bucketRoot, key), 'utf8')) as DigestFile;

describe('tree heads for incremental exports', () => {
  it('signs a head for the full export and each incremental one, each extending the one before', async () => {
    const bucketRoot = await tempDir('bucket');
    const auditorsRoot = await tempDir('auditors');
    const keyFile = join(await tempDir('kms-stand-in'), 'key.pem');
    const { completed } = await writeThreeDays(bucketRoot);
    const written = await digestRun(bucketRoot, completed, keyFile, auditorsRoot);
    expect(written).toHaveLength(3);
    const [full, day1, day2] = await Promise.all(written.map((key) => digestFileOf(bucketRoot, key)));
    if (!full || !day1 || !day2) throw new Error('three digests expected');
    // Full: 6 events, bram's last (10 minutes before T0) pending. Day 1: that one, dora (5 minutes
    // before T0) and 5 more become leaves; bram 5 minutes before T1 is pending. Day 2: 4 more.
    expect(full.treeHead.statement).toMatchObject({ treeSize: 5, pendingCount: 1, previousHeadSha256: null });
    expect(day1.treeHead.statement).toMatchObject({
      treeSize: 12,
      pendingCount: 1,
      previousHeadSha256: treeHeadSha256(full.treeHead.statement),
    });
    expect(day2.treeHead.statement).toMatchObject({
      treeSize: 16,
      pendingCount: 1,
      previousHeadSha256: treeHeadSha256(day1.treeHead.statement),
    });
    expect(day2.treeState).toMatchObject({ format: TREE_STATE_FORMAT, treeSize: 16 });
    expect(day2.treeState.edge).toHaveLength(1);
    // The auditors hold every head, day by day.
    expect((await readdir(join(auditorsRoot, 'heads'))).sort()).toHaveLength(3);

    // The whole chain verifies as one history, and its newest tree extends the first head.
    const report = await verifyExports(join(bucketRoot, 'exports'), {
      trustedPublicKeys: [await localDigestSigner(keyFile).publicKeyPem()],
      requireDigest: true,
    });
    expect(report.findings).toEqual([]);
    expect(report.exports.map((exported) => exported.auditTrail?.chain?.length)).toEqual([1, 2, 3]);
    expect(report.trees.map((tree) => tree.head.statement.treeSize)).toEqual([5, 12, 16]);
    // The carried edge made the same root as all 16 leaves read from the three exports.
    const newest = report.trees[2];
    expect(subtreeRoot(newest?.leafHashes ?? Buffer.alloc(0)).toString('hex')).toBe(
      day2.treeHead.statement.rootHash,
    );
    const findings: string[] = [];
    expect(checkSince(full.treeHead, report.trees, (finding) => findings.push(finding.code))).toMatchObject({
      keptSize: 5,
      newSize: 16,
    });
    expect(findings).toEqual([]);
    // A second hourly run writes nothing more.
    expect(await digestRun(bucketRoot, completed, keyFile)).toEqual([]);
  });

  it('stops, naming it, when the export before is no longer listed, and writes no digest', async () => {
    const bucketRoot = await tempDir('bucket');
    const keyFile = join(await tempDir('kms-stand-in'), 'key.pem');
    const { completed } = await writeThreeDays(bucketRoot);
    const [, day1] = completed;
    await expect(digestRun(bucketRoot, [day1 as never], keyFile)).rejects.toThrow(
      /the export before .* \(ending at 2025-01-02T00:00:00.000Z\) is not among the completed exports/,
    );
    expect(await readdir(join(bucketRoot, 'exports/2025-01-03')).catch(() => [])).not.toContain('digests');
  });

  it('stops when the previous digest is gone, or has no tree state, or its state was edited', async () => {
    const bucketRoot = await tempDir('bucket');
    const keyFile = join(await tempDir('kms-stand-in'), 'key.pem');
    const { completed } = await writeThreeDays(bucketRoot);
    const [full, day1] = completed;
    if (!full || !day1) throw new Error('exports expected');
    const [fullKey] = await digestRun(bucketRoot, [full], keyFile);
    const fullFile = join(bucketRoot, fullKey ?? '');
    const original = await readFile(fullFile, 'utf8');
    const day1Digests = join(bucketRoot, 'exports/2025-01-03/digests');
    const attempt = async (text: string | undefined) => {
      if (text === undefined) await rm(fullFile);
      else await writeFile(fullFile, text);
      return digestRun(bucketRoot, [full, day1], keyFile);
    };
    const parsed = JSON.parse(original) as DigestFile;

    // The full export's digest deleted: the run signs it again from the full export, then goes on.
    // (In AWS the bucket's Object Lock keeps it; this shows a lost one is rebuilt, never skipped.)
    await rm(fullFile);
    const again = await digestRun(bucketRoot, [full, day1], keyFile);
    expect(again).toHaveLength(2);
    await rm(join(day1Digests), { recursive: true });

    // Written before chained heads: no tree state beside the head.
    const { treeState: _dropped, ...withoutState } = parsed;
    await expect(attempt(JSON.stringify(withoutState))).rejects.toThrow(
      /tree state .* does not match its head: not a/,
    );
    // The pending event dropped from the state.
    await expect(
      attempt(JSON.stringify({ ...parsed, treeState: { ...parsed.treeState, pending: [] } })),
    ).rejects.toThrow(/0 pending events are not the ones the head signed/);
    // The edge swapped for another tree's.
    const edge = [parsed.treeState.edge[1] ?? '', parsed.treeState.edge[0] ?? ''];
    await expect(
      attempt(JSON.stringify({ ...parsed, treeState: { ...parsed.treeState, edge } })),
    ).rejects.toThrow(/its edge makes a tree of 5 with root/);
    // The head itself edited to fit a forged state: its signature no longer holds.
    const forged = {
      ...parsed,
      treeHead: { ...parsed.treeHead, statement: { ...parsed.treeHead.statement, pendingCount: 0 } },
    };
    await expect(attempt(JSON.stringify(forged))).rejects.toThrow(/not signed by the digest key/);
    expect(await readdir(day1Digests).catch(() => [])).toEqual([]);

    // Put back as it was, the chain goes on.
    expect(await attempt(original)).toHaveLength(1);
  });

  it('refuses an incremental export holding an event older than the leaves already signed', async () => {
    const bucketRoot = await tempDir('bucket');
    const keyFile = join(await tempDir('kms-stand-in'), 'key.pem');
    const trail = new Trail();
    const full = await writeExport(bucketRoot, [trail.event('anna', new Date(T0.getTime() - 3600_000))], T0);
    // Committed after T0 with a time 20 minutes before it: more than the 15 a Lambda can run.
    const late = await writeExport(
      bucketRoot,
      [trail.event('bram', new Date(T0.getTime() - 20 * 60_000))],
      T1,
      T0,
    );
    await expect(digestRun(bucketRoot, [full, late], keyFile)).rejects.toThrow(
      /1 event\(s\) of this export are older than the previous head's leaves \(before 2025-01-01T23:45:00.000Z\)/,
    );
  });
});
