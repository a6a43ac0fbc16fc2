// `npm run export -- --previous-head FILE` as a developer runs it, in a child process against the local
// stack's DynamoDB: a full export, then an incremental one extending its head, which `npm run audit --
// verify` accepts as one chain. A previous head that is not the newest, or was edited, is refused with
// a non-zero exit naming it, and nothing is exported.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { systemClock, systemRandom } from '../../lib/clock';
import { tables } from '../../lib/data/tables';
import { commitWithAudit } from '../../lib/audit/store';
import { treeHeadSha256, type SignedTreeHead } from '../../lib/audit/tree-head';
import { repoRoot } from '../../tooling/repo-root';
import { startTestStack, type TestStack } from '../support/stack';
import { removeTempDirs, runAudit, tempDir, writeAuditTrail } from './export-fixtures';

// Seven child processes (tsx starts in each): slow on a loaded machine.
jest.setTimeout(240_000);

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ pollStreams: false });
  await writeAuditTrail(stack);
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  await removeTempDirs();
});

/** `npm run export -- ARGS` against the test stack's tables, as a child process. */
const runExport = (args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const npm = join(dirname(process.execPath), 'npm');
    const prefix = stack.tableNames.auditEvents.slice(0, -tables.auditEvents.baseName.length);
    execFile(
      existsSync(npm) ? npm : 'npm',
      [
        'run',
        '--silent',
        'export',
        '--',
        ...args,
        '--endpoint',
        stack.dynamodbEndpoint,
        '--table-prefix',
        prefix,
      ],
      { cwd: repoRoot(), maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });

const digestFileIn = async (exportDir: string) => {
  const name = (await readdir(join(exportDir, 'digests'))).find((file) => file.startsWith('audit-digest-'));
  if (!name) throw new Error(`no digest in ${exportDir}`);
  return join(exportDir, 'digests', name);
};

const publicKeyIn = async (exportDir: string) => {
  const name = (await readdir(join(exportDir, 'digests'))).find((file) => file.startsWith('public-key-'));
  if (!name) throw new Error(`no public key in ${exportDir}`);
  return join(exportDir, 'digests', name);
};

const newEvents = async (customers: string[]) => {
  for (const customerId of customers)
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
};

const headOf = async (digestFile: string) =>
  (JSON.parse(await readFile(digestFile, 'utf8')) as { treeHead: SignedTreeHead }).treeHead;

describe('npm run export -- --previous-head', () => {
  it('exports the new events incrementally, extending the head, and the two exports verify as one chain', async () => {
    const root = await tempDir('exports');
    const full = await runExport(['--out', join(root, 'first')]);
    expect(full).toMatchObject({ code: 0 });
    const firstDigest = await digestFileIn(join(root, 'first'));
    await newEvents(['anna', 'dirk']);

    const next = await runExport(['--out', join(root, 'second'), '--previous-head', firstDigest]);
    expect(next.stderr).toBe('');
    expect(next.code).toBe(0);
    expect(next.stdout).toMatch(/exported 1 tables/);
    expect(next.stdout).toMatch(/digest of 2 audit chains \(2 events\)/);
    expect(next.stdout).toMatch(/tree head: 14 events, extends .*first.*\(12 events\)/);
    expect(await readdir(join(root, 'second'))).toEqual(['AuditEvents', 'digests']);
    const secondDigest = await digestFileIn(join(root, 'second'));
    expect((await headOf(secondDigest)).statement.previousHeadSha256).toBe(
      treeHeadSha256((await headOf(firstDigest)).statement),
    );

    const publicKey = await publicKeyIn(join(root, 'first'));
    const verified = await runAudit([
      'verify',
      root,
      '--public-key',
      publicKey,
      '--require-digest',
      '--format',
      'json',
    ]);
    expect(verified.code).toBe(0);
    const report = JSON.parse(verified.stdout) as {
      errors: number;
      exports: { auditTrail?: { chain?: unknown[]; tree?: { size: number } } }[];
    };
    expect(report.errors).toBe(0);
    const chained = report.exports.filter((entry) => entry.auditTrail?.chain);
    expect(chained.map((entry) => [entry.auditTrail?.chain?.length, entry.auditTrail?.tree?.size])).toEqual([
      [1, 12],
      [2, 14],
    ]);
    // The first head, as an auditor keeps it: the chain must extend it (checked at the end).
    const kept = join(await tempDir('kept'), 'HEAD.json');
    await writeFile(kept, JSON.stringify(await headOf(firstDigest)));

    // A head that is no longer the newest: refused, naming the one that extends it; nothing written.
    await newEvents(['erik']);
    const stale = await runExport(['--out', join(root, 'third'), '--previous-head', firstDigest]);
    expect(stale.code).not.toBe(0);
    expect(stale.stderr).toContain(`--previous-head ${firstDigest} is not the newest head`);
    expect(stale.stderr).toMatch(/second\/digests\/audit-digest-.*\.json already extends it/);
    expect(existsSync(join(root, 'third'))).toBe(false);

    // An edited head (its carried edge reordered): refused by name.
    const edited = join(await tempDir('edited'), 'edited-digest.json');
    const file = JSON.parse(await readFile(secondDigest, 'utf8')) as {
      treeHead: SignedTreeHead;
      treeState: { edge: string[] };
    };
    await writeFile(
      edited,
      JSON.stringify({ ...file, treeState: { ...file.treeState, edge: [...file.treeState.edge].reverse() } }),
    );
    const editedState = await runExport(['--out', join(root, 'third'), '--previous-head', edited]);
    expect(editedState.code).not.toBe(0);
    expect(editedState.stderr).toContain(`the tree state in ${edited} does not match its head`);
    expect(existsSync(join(root, 'third'))).toBe(false);

    // The tired developer's second try with the newest head goes through, and the chain of three verifies.
    const third = await runExport(['--out', join(root, 'third'), '--previous-head', secondDigest]);
    expect(third.code).toBe(0);
    expect(third.stdout).toMatch(/tree head: 15 events/);
    const three = await runAudit([
      'verify',
      root,
      '--public-key',
      publicKey,
      '--require-digest',
      '--since',
      kept,
    ]);
    expect(three.code).toBe(0);
  });
});
