// Signed tree heads against the two attacks a hash chain cannot stop: an older export handed over as the
// current one (replay), and the operator, who can sign, rewriting history. An auditor keeps a head
// (`audit head`) and later runs `verify --since` it; one disputed event is proven with `prove` and checked
// offline with `check-proof`.
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createPublicKey } from 'node:crypto';
import { join } from 'node:path';
import { hashOfItem } from '../../lib/audit/chain';
import { systemClock, systemRandom } from '../../lib/clock';
import { commitWithAudit } from '../../lib/audit/store';
import {
  ChainHeadTracker,
  DIGEST_FOLDER,
  localDigestSigner,
  manifestHashesOfFolder,
  signDigest,
  writeDigestFiles,
} from '../../lib/audit/digest';
import { itemFromDynamoDbJson, itemToDynamoDbJson } from '../../lib/audit/dynamodb-json';
import {
  digestStatementSha256,
  signTreeHead,
  TreeLeaves,
  treeOf,
  type SignedTreeHead,
} from '../../lib/audit/tree-head';
import { parseSignedDigest } from '../../auditor/digests';
import { startTestStack, type TestStack } from '../support/stack';
import {
  copyExport,
  coverTracks,
  dataFilesOf,
  exportStack,
  findExportDir,
  parseLine,
  readDataLines,
  removeTempDirs,
  runAudit,
  tempDir,
  writeAuditTrail,
  writeDataLines,
} from './export-fixtures';

let stack: TestStack;
let older: string;
let newer: string;
let keyFile: string;
let publicKeyFile: string;
let olderHead: string;
let newerHead: string;

const headOf = async (root: string, to: string) => {
  const run = await runAudit(['head', root, '--public-key', publicKeyFile, '--require-digest']);
  if (run.code !== 0) throw new Error(`audit head ${root}: ${run.stderr}`);
  await writeFile(to, run.stdout);
  return to;
};

beforeAll(async () => {
  stack = await startTestStack({ pollStreams: false });
  await writeAuditTrail(stack);
  const dir = await tempDir('tree-heads');
  keyFile = join(dir, 'key.pem');
  older = join(dir, 'day1');
  await exportStack(stack, older, keyFile);
  await commitWithAudit('dirk', { clock: systemClock, random: systemRandom }, async (append) => {
    append({
      type: 'VERIFICATION_COMPLETED',
      actorType: 'agent',
      actorId: 'agent-bram',
      customerId: 'dirk',
      caseId: 'case-dirk',
      details: { outcome: 'PASSED', reasons: [] },
    });
    return { writes: [], result: undefined };
  });
  newer = join(dir, 'day2');
  await exportStack(stack, newer, keyFile);
  publicKeyFile = join(dir, 'public.pem');
  await writeFile(
    publicKeyFile,
    createPublicKey(await readFile(keyFile, 'utf8'))
      .export({ type: 'spki', format: 'pem' })
      .toString(),
  );
  olderHead = await headOf(older, join(dir, 'head-day1.json'));
  newerHead = await headOf(newer, join(dir, 'head-day2.json'));
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await removeTempDirs();
});

const verifySince = (root: string, head: string, ...more: string[]) =>
  runAudit(['verify', root, '--public-key', publicKeyFile, '--require-digest', '--since', head, ...more]);

/** Re-signs the AuditEvents export in `root` with the real key, as an operator who can call kms:Sign would. */
const resignAsOperator = async (root: string) => {
  const exportDir = await findExportDir(root, 'AuditEvents');
  const heads = new ChainHeadTracker();
  const leaves = new TreeLeaves();
  for (const file of await dataFilesOf(exportDir))
    for (const line of await readDataLines(file)) {
      const item = itemFromDynamoDbJson(parseLine(line).Item);
      heads.observe(String(item.subject), Number(item.seq), String(item.hash));
      leaves.add(item.at, item.hash);
    }
  const [digestName] = (await readdir(join(root, DIGEST_FOLDER))).filter((name) => name.endsWith('.json'));
  const digestFile = join(root, DIGEST_FOLDER, digestName ?? '');
  const old = parseSignedDigest(await readFile(digestFile, 'utf8'));
  const oldHead = (JSON.parse(await readFile(digestFile, 'utf8')) as { treeHead: SignedTreeHead }).treeHead;
  const signer = localDigestSigner(keyFile);
  const entries = heads.entries();
  const digest = await signDigest(
    {
      ...old.statement,
      manifests: await manifestHashesOfFolder(exportDir),
      subjectCount: entries.length,
      eventCount: heads.eventCount,
      heads: entries,
    },
    signer,
  );
  const tree = treeOf(leaves, oldHead.statement.leavesBefore);
  const treeHead = await signTreeHead(
    {
      ...oldHead.statement,
      treeSize: tree.treeSize,
      rootHash: tree.rootHash,
      digestSha256: digestStatementSha256(digest.statement),
    },
    signer,
  );
  await writeDigestFiles(join(root, DIGEST_FOLDER), digest, await signer.publicKeyPem(), treeHead);
};

describe('audit verify --since a kept tree head', () => {
  it('passes a newer genuine export against the older head, and the same export against its own head', async () => {
    const run = await verifySince(newer, olderHead);
    expect(run.stdout).toContain('OK: no problems');
    expect(run.stdout).toMatch(/tree of \d+ events extends the kept head's \d+/);
    expect(run.code).toBe(0);
    expect((await verifySince(newer, newerHead)).code).toBe(0);
  });

  it('refuses the older export handed over as the current one, although its own digest is valid', async () => {
    const alone = await runAudit(['verify', older, '--public-key', publicKeyFile, '--require-digest']);
    expect(alone.code).toBe(0);
    const run = await verifySince(older, newerHead);
    expect(run.stdout).toContain('EXPORT_OLDER_THAN_HEAD');
    expect(run.stdout).toContain('replay');
    expect(run.code).toBe(1);
  });

  it('refuses a newer folder whose AuditEvents export and digest were swapped for the older ones', async () => {
    const root = await copyExport(newer);
    await rm(join(root, 'AuditEvents'), { recursive: true });
    await rm(join(root, DIGEST_FOLDER), { recursive: true });
    await cp(join(older, 'AuditEvents'), join(root, 'AuditEvents'), { recursive: true });
    await cp(join(older, DIGEST_FOLDER), join(root, DIGEST_FOLDER), { recursive: true });
    const run = await verifySince(root, newerHead);
    expect(run.stdout).toContain('EXPORT_OLDER_THAN_HEAD');
    expect(run.code).toBe(1);
  });

  it('catches an old event rewritten with its chain, manifests, digest and tree head re-signed with the same key', async () => {
    const root = await copyExport(newer);
    const exportDir = await findExportDir(root, 'AuditEvents');
    for (const file of await dataFilesOf(exportDir)) {
      const items = (await readDataLines(file)).map((line) => itemFromDynamoDbJson(parseLine(line).Item));
      // The operator's edit: the reason an admin gave for a reset, then every later hash of that chain.
      const chain = items
        .filter((item) => item.subject === 'customer#bram')
        .sort((a, b) => Number(a.seq) - Number(b.seq));
      const target = chain.find((item) => item.type === 'TWO_FA_DISABLED');
      if (!target) continue;
      target.details = { ...(target.details as object), reason: 'Klant belde zelf, legitimatie gezien' };
      let previous: string | undefined;
      for (const item of chain) {
        if (previous !== undefined) item.prevHash = previous;
        item.hash = hashOfItem(item);
        previous = item.hash as string;
      }
      await writeDataLines(
        file,
        items.map((item) => JSON.stringify({ Item: itemToDynamoDbJson(item) })),
      );
    }
    await coverTracks(exportDir);
    await resignAsOperator(root);
    // On its own the forgery is flawless: chains, manifests, digest and tree head all agree and are signed.
    const alone = await runAudit(['verify', root, '--public-key', publicKeyFile, '--require-digest']);
    expect(alone.stdout).toContain('OK: no problems');
    const run = await verifySince(root, olderHead);
    expect(run.stdout).toContain('HISTORY_REWRITTEN');
    expect(run.code).toBe(1);
  });

  it('refuses an export older than --not-before, and takes one that is not', async () => {
    const head = JSON.parse(await readFile(newerHead, 'utf8')) as SignedTreeHead;
    const later = new Date(Date.parse(head.statement.asOf) + 1).toISOString();
    const run = await runAudit(['verify', older, '--public-key', publicKeyFile, '--not-before', later]);
    expect(run.stdout).toContain('EXPORT_TOO_OLD');
    expect(run.code).toBe(1);
    const fine = await runAudit([
      'verify',
      newer,
      '--public-key',
      publicKeyFile,
      '--not-before',
      head.statement.asOf,
    ]);
    expect(fine.code).toBe(0);
  });

  it('refuses a kept head that was edited, with exit code 2 before reading the export', async () => {
    const head = JSON.parse(await readFile(newerHead, 'utf8')) as SignedTreeHead;
    head.statement.treeSize -= 1;
    const edited = join(await tempDir('edited-head'), 'head.json');
    await writeFile(edited, JSON.stringify(head));
    const run = await verifySince(older, edited);
    expect(run.stderr).toContain('the signature does not match the head');
    expect(run.code).toBe(2);
  });
});

describe('audit prove and check-proof', () => {
  const proofOf = async (eventId: string, ...more: string[]) => {
    const run = await runAudit(['prove', newer, '--event', eventId, '--public-key', publicKeyFile, ...more]);
    if (run.code !== 0) throw new Error(`prove ${eventId}: ${run.stderr}`);
    return JSON.parse(run.stdout) as {
      event: Record<string, unknown>;
      leafIndex: number;
      auditPath: string[];
    };
  };
  const writeProof = async (proof: unknown) => {
    const dir = await tempDir('proof');
    await mkdir(dir, { recursive: true });
    const file = join(dir, 'proof.json');
    await writeFile(file, JSON.stringify(proof));
    return file;
  };

  const disabledEventId = async () => {
    const exportDir = await findExportDir(newer, 'AuditEvents');
    for (const file of await dataFilesOf(exportDir))
      for (const line of await readDataLines(file)) {
        const item = itemFromDynamoDbJson(parseLine(line).Item);
        if (item.type === 'TWO_FA_DISABLED') return String(item.eventId);
      }
    throw new Error('no TWO_FA_DISABLED event');
  };

  it('proves a disputed reset and checks it offline, with the key and nothing else', async () => {
    const proof = await proofOf(await disabledEventId());
    expect(proof.event.type).toBe('TWO_FA_DISABLED');
    const check = await runAudit(['check-proof', await writeProof(proof), '--public-key', publicKeyFile]);
    expect(check.stdout).toMatch(
      /^OK: event .* \(TWO_FA_DISABLED of (bram|carla) at .*\) is leaf \d+ of the tree of \d+ events/,
    );
    expect(check.code).toBe(0);
  });

  it('fails the proof of an altered event, whether or not its hash was recomputed', async () => {
    const proof = await proofOf(await disabledEventId());
    const edited = { ...proof, event: { ...proof.event, actorId: 'admin-someone-else' } };
    const plain = await runAudit(['check-proof', await writeProof(edited), '--public-key', publicKeyFile]);
    expect(plain.stdout).toContain('the event does not match its hash');
    expect(plain.code).toBe(1);
    const rehashed = { ...edited, event: { ...edited.event, hash: hashOfItem(edited.event) } };
    const forged = await runAudit(['check-proof', await writeProof(rehashed), '--public-key', publicKeyFile]);
    expect(forged.stdout).toContain('does not lead from this event');
    expect(forged.code).toBe(1);
  });

  it('proves an event against the head the auditor kept, and tells a proof against another head', async () => {
    const eventId = await disabledEventId();
    const againstKept = await proofOf(eventId, '--head', olderHead);
    const keptCheck = await runAudit([
      'check-proof',
      await writeProof(againstKept),
      '--public-key',
      publicKeyFile,
      '--head',
      olderHead,
    ]);
    expect(keptCheck.code).toBe(0);
    const againstNewest = await proofOf(eventId);
    const other = await runAudit([
      'check-proof',
      await writeProof(againstNewest),
      '--public-key',
      publicKeyFile,
      '--head',
      olderHead,
    ]);
    expect(other.stdout).toContain('not the head you gave');
    expect(other.code).toBe(1);
  });

  it('says an event is not in the kept head when it came after it', async () => {
    const exportDir = await findExportDir(newer, 'AuditEvents');
    let dirkEvent = '';
    for (const file of await dataFilesOf(exportDir))
      for (const line of await readDataLines(file)) {
        const item = itemFromDynamoDbJson(parseLine(line).Item);
        if (item.customerId === 'dirk') dirkEvent = String(item.eventId);
      }
    const run = await runAudit([
      'prove',
      newer,
      '--event',
      dirkEvent,
      '--public-key',
      publicKeyFile,
      '--head',
      olderHead,
    ]);
    expect(run.stderr).toContain('is not in the tree of');
    expect(run.code).toBe(1);
  });
});

describe('a tree head that was tampered with beside a valid digest', () => {
  const editTreeHead = async (edit: (head: Record<string, unknown>) => void) => {
    const root = await copyExport(newer);
    const [name] = (await readdir(join(root, DIGEST_FOLDER))).filter((file) => file.endsWith('.json'));
    const file = join(root, DIGEST_FOLDER, name ?? '');
    const digest = JSON.parse(await readFile(file, 'utf8')) as {
      treeHead: { statement: Record<string, unknown> };
    };
    edit(digest.treeHead.statement);
    await writeFile(file, JSON.stringify(digest));
    return runAudit(['verify', root, '--public-key', publicKeyFile, '--require-digest']);
  };

  it('is refused when a field is left out or changed, and the digest still counts', async () => {
    const leftOut = await editTreeHead((statement) => {
      delete statement.leavesBefore;
    });
    expect(leftOut.stdout).toContain('TREE_HEAD_INVALID');
    expect(leftOut.stdout).not.toContain('DIGEST_SIGNATURE_INVALID');
    expect(leftOut.code).toBe(1);
    const grown = await editTreeHead((statement) => {
      statement.treeSize = Number(statement.treeSize) + 1;
    });
    expect(grown.stdout).toContain('the signature of its tree head does not match');
    expect(grown.code).toBe(1);
  });
});
