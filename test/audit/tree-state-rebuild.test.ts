// A digest file whose carried tree state is lost (or corrupt) stops the hourly run. The operator
// rebuilds the state from the verified exports (`npm run audit -- rebuild-state`, run here as a child
// process) and gives it to the export function; the run checks it against the signed head and the chain
// continues with the same tree a run that never lost anything makes. A state that does not fold to the
// head, or is for another head, and exports that do not verify or stop at an older head, are refused.
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fixedClock } from '../../lib/clock';
import { localDigestSigner } from '../../lib/audit/digest';
import {
  runScheduledExport,
  scheduledExportEventSchema,
  type ExportDeps,
} from '../../lib/audit/scheduled-export';
import type { SignedTreeHead } from '../../lib/audit/tree-head';
import type { RebuiltTreeState, TreeState } from '../../lib/audit/tree-chain';
import { verifyExports } from '../../auditor/verify-export';
import { removeTempDirs, runAudit, tempDir } from './export-fixtures';
import { digestRun, exportService, folderBucket, settings, writeThreeDays } from './chain-fixtures';

jest.setTimeout(120_000);

afterAll(async () => {
  await removeTempDirs();
});

type DigestFile = { treeHead: SignedTreeHead; treeState?: TreeState };
const read = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as DigestFile;

describe('rebuilding a lost tree state', () => {
  it('recomputes it from the exports, and the next run continues the same tree', async () => {
    const bucketRoot = await tempDir('bucket');
    const keyFile = join(await tempDir('kms-stand-in'), 'key.pem');
    const signer = localDigestSigner(keyFile);
    const { completed } = await writeThreeDays(bucketRoot);
    const [full, day1] = completed;
    if (!full || !day1) throw new Error('exports expected');
    // The same exports digested by runs that never lose anything: the tree to continue.
    const untouched = await tempDir('untouched');
    await cp(join(bucketRoot, 'exports'), join(untouched, 'exports'), { recursive: true });
    const expected = await read(join(untouched, (await digestRun(untouched, completed, keyFile))[2] ?? ''));

    const [fullKey, day1Key] = await digestRun(bucketRoot, [full, day1], keyFile);
    const day1File = join(bucketRoot, day1Key ?? '');
    const { treeState: _lost, ...withoutState } = await read(day1File);
    await writeFile(day1File, JSON.stringify(withoutState));
    const deps: ExportDeps = {
      exports: exportService(completed),
      bucket: folderBucket(bucketRoot),
      signer,
      clock: fixedClock('2025-01-04T03:00:00Z'),
    };
    const hourly = (rebuiltTreeState?: unknown) => {
      const event = scheduledExportEventSchema.parse({ action: 'digestCompletedExports', rebuiltTreeState });
      return runScheduledExport(event.action, settings, deps, event.rebuiltTreeState);
    };
    await expect(hourly()).rejects.toThrow(/the tree state in .*2025-01-03.* does not match its head/);

    // The operator downloads the exports up to the head that lost its state, and the key.
    const operator = await tempDir('operator');
    for (const day of ['2025-01-02', '2025-01-03'])
      await cp(join(bucketRoot, 'exports', day), join(operator, 'exports', day), { recursive: true });
    const pem = join(operator, 'digest-key.pem');
    await writeFile(pem, await signer.publicKeyPem());
    const stateFile = join(operator, 'state.json');
    const rebuild = (dir: string, head: string) =>
      runAudit(['rebuild-state', dir, '--public-key', pem, '--head', head, '--out', stateFile]);

    // Exports that stop at an older head than the one named: refused, nothing written.
    const older = await rebuild(join(operator, 'exports', '2025-01-02'), day1File);
    expect(older.code).toBe(1);
    expect(older.stderr).toMatch(/the newest head in .* \(5 events, .*\) is not the head in .* \(12 events/);
    // Exports that do not verify (a data file of the incremental export gone): refused.
    const broken = await tempDir('broken');
    await cp(join(operator, 'exports'), join(broken, 'exports'), { recursive: true });
    await rm(join(broken, 'exports', '2025-01-03', 'AuditEvents'), { recursive: true });
    await mkdir(join(broken, 'exports', '2025-01-03', 'AuditEvents'));
    const unverified = await rebuild(join(broken, 'exports'), day1File);
    expect(unverified.code).toBe(1);
    expect(unverified.stderr).toMatch(/does not verify/);
    await expect(readFile(stateFile)).rejects.toThrow();

    const rebuilt = await rebuild(join(operator, 'exports'), day1File);
    expect(rebuilt.stderr).toMatch(/matches its signature/);
    expect(rebuilt.code).toBe(0);
    const state = JSON.parse(await readFile(stateFile, 'utf8')) as RebuiltTreeState;
    expect(state.treeState).toMatchObject({ treeSize: 12, pending: [expect.any(Array)] });

    // A state edited (its pending event dropped), or the full export's head's state: refused by name.
    await expect(hourly({ ...state, treeState: { ...state.treeState, pending: [] } })).rejects.toThrow(
      /the rebuilt state given does not either: its 0 pending events are not the ones the head signed/,
    );
    const fullsState = { ...state, treeHeadSha256: 'f'.repeat(64) };
    await expect(hourly(fullsState)).rejects.toThrow(/the rebuilt state given is for another head/);

    // Given the rebuilt state, the run signs day 2 with the very tree the untouched runs made.
    const run = await hourly(state);
    const written = ('digests' in run ? run.digests : undefined) ?? [];
    expect(written).toHaveLength(1);
    const day2 = await read(join(bucketRoot, written[0] ?? ''));
    for (const field of ['treeSize', 'rootHash', 'pendingCount', 'pendingSha256'] as const)
      expect(day2.treeHead.statement[field]).toBe(expected.treeHead.statement[field]);
    expect(day2.treeState).toEqual(expected.treeState);
    const report = await verifyExports(join(bucketRoot, 'exports'), {
      trustedPublicKeys: [await signer.publicKeyPem()],
      requireDigest: true,
    });
    expect(report.findings).toEqual([]);
    expect(report.trees.map((tree) => tree.head.statement.treeSize)).toEqual([5, 12, 16]);
    expect(fullKey).toMatch(/2025-01-02/);
  });
});
