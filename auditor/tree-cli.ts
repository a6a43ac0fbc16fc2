// The tree-head commands of `npm run audit`: arguments and output of head, prove and check-proof
// (tree-commands.ts does the work). Exit codes as for verify: 0 fine, 1 problems, 2 wrong usage.
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { treeHeadSha256 } from '../lib/audit/tree-head';
import {
  REBUILT_TREE_STATE_FORMAT,
  treeStateOfHead,
  treeStateOfLeaves,
  type RebuiltTreeState,
} from '../lib/audit/tree-chain';
import { VerifyUsageError } from './digests';
import { checkProof, keptHead, newestTree, proveEvent, readProofFile, verifiedOrExit } from './tree-commands';

export const treeUsage = `  npm run audit -- head DIR --public-key FILE [--require-digest]
      Verifies DIR as verify does, then prints its newest signed tree head as JSON: keep it (HEAD.json).

  npm run audit -- prove DIR --event EVENT_ID --public-key FILE [--head HEAD.json]
      Verifies DIR, then prints an inclusion proof for one event as JSON: the event, its leaf index, the
      audit path and the signed tree head. With --head, the proof is against that kept head (after
      proving DIR extends it), so it checks against the head the auditor already holds.

  npm run audit -- check-proof PROOF.json --public-key FILE [--head HEAD.json]
      Checks an inclusion proof offline: the head's signature, that the event matches its own hash, and
      that the audit path leads from it to the signed root; with --head, that the proof is against it.

  npm run audit -- rebuild-state DIR --public-key FILE --head DIGEST.json [--out FILE]
      For the operator (docs/operations.md): verifies DIR (the full export and every incremental up to
      the head whose digest lost its tree state) with --require-digest, then recomputes that state (the
      tree's edge and pending events) from the exports and prints it as the export function's input.
      Refused when DIR does not verify, its newest head is not the one in --head (a digest file or
      a head JSON), or the recomputed state does not fold to that head's signed root and pending list.
`;

const readKeys = (files: string[]) =>
  Promise.all(
    files.map((file) =>
      readFile(file, 'utf8').catch(() => {
        throw new VerifyUsageError(`cannot read --public-key ${file}`);
      }),
    ),
  );

const say = (line: string) => process.stdout.write(`${line}\n`);

export const headCommand = async (args: string[]) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'public-key': { type: 'string', multiple: true },
      'require-digest': { type: 'boolean' },
      digests: { type: 'string', multiple: true },
    },
  });
  const [dir, ...extra] = positionals;
  if (!dir || extra.length > 0) throw new VerifyUsageError('head takes one folder');
  const report = await verifiedOrExit(dir, {
    trustedPublicKeys: await readKeys(values['public-key'] ?? []),
    requireDigest: values['require-digest'] === true,
    digestDirs: values.digests ?? [],
  });
  if (!report) return 1;
  const tree = newestTree(report);
  if (!tree) {
    process.stderr.write(
      `audit head: no signed tree head in ${dir} (digests from before tree heads have none)\n`,
    );
    return 1;
  }
  say(JSON.stringify(tree.head, null, 2));
  return 0;
};

export const proveCommand = async (args: string[]) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      event: { type: 'string' },
      head: { type: 'string' },
      'public-key': { type: 'string', multiple: true },
      'require-digest': { type: 'boolean' },
      digests: { type: 'string', multiple: true },
    },
  });
  const [dir, ...extra] = positionals;
  if (!dir || extra.length > 0) throw new VerifyUsageError('prove takes one folder');
  if (!values.event) throw new VerifyUsageError('prove needs --event EVENT_ID');
  const pems = await readKeys(values['public-key'] ?? []);
  const kept = values.head ? await keptHead(values.head, pems) : undefined;
  const report = await verifiedOrExit(dir, {
    trustedPublicKeys: pems,
    requireDigest: values['require-digest'] === true,
    digestDirs: values.digests ?? [],
  });
  if (!report) return 1;
  const proof = await proveEvent(report, values.event, kept);
  if (typeof proof === 'string') {
    process.stderr.write(`audit prove: ${proof}\n`);
    return 1;
  }
  say(JSON.stringify(proof, null, 2));
  return 0;
};

export const checkProofCommand = async (args: string[]) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      head: { type: 'string' },
      'public-key': { type: 'string', multiple: true },
    },
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new VerifyUsageError('check-proof takes one proof file');
  const pems = await readKeys(values['public-key'] ?? []);
  if (pems.length === 0)
    throw new VerifyUsageError('check-proof needs --public-key: a proof is only as good as its key');
  const kept = values.head ? await keptHead(values.head, pems) : undefined;
  const started = process.hrtime.bigint();
  const proof = await readProofFile(file);
  const result = checkProof(proof, pems, kept);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (!result.ok) {
    for (const problem of result.problems) say(`ERROR ${problem}`);
    say(`FAILED: the proof does not hold (${ms.toFixed(1)} ms)`);
    return 1;
  }
  const { event, leafIndex, treeHead } = proof as {
    event: Record<string, unknown>;
    leafIndex: number;
    treeHead: { statement: { treeSize: number; asOf: string; rootHash: string } };
  };
  say(
    `OK: event ${String(event.eventId)} (${String(event.type)} of ${String(event.customerId)} at ${String(event.at)}) is leaf ${leafIndex} of the tree of ${treeHead.statement.treeSize} events signed as of ${treeHead.statement.asOf}, root ${treeHead.statement.rootHash} (${ms.toFixed(1)} ms)`,
  );
  return 0;
};

const headSummary = (statement: { treeSize: number; rootHash: string; asOf: string }) =>
  `${statement.treeSize} events, root ${statement.rootHash.slice(0, 12)}…, as of ${statement.asOf}`;

export const rebuildStateCommand = async (args: string[]) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      head: { type: 'string' },
      out: { type: 'string' },
      'public-key': { type: 'string', multiple: true },
      digests: { type: 'string', multiple: true },
    },
  });
  const [dir, ...extra] = positionals;
  if (!dir || extra.length > 0) throw new VerifyUsageError('rebuild-state takes one folder');
  if (!values.head) throw new VerifyUsageError('rebuild-state needs --head: the digest whose state was lost');
  const pems = await readKeys(values['public-key'] ?? []);
  const lost = await keptHead(values.head, pems);
  const report = await verifiedOrExit(dir, {
    trustedPublicKeys: pems,
    requireDigest: true,
    digestDirs: values.digests ?? [],
  });
  if (!report) return 1;
  const tree = newestTree(report);
  const statement = tree?.head.statement;
  const refuse = (message: string) => {
    process.stderr.write(`audit rebuild-state: ${message}; no state written\n`);
    return 1;
  };
  if (!tree || !statement) return refuse(`no signed tree head in ${dir}`);
  if (treeHeadSha256(statement) !== treeHeadSha256(lost.statement))
    return refuse(
      `the newest head in ${dir} (${headSummary(statement)}) is not the head in ${values.head} (${headSummary(lost.statement)}): give the exports up to that one`,
    );
  const treeState = treeStateOfLeaves(
    tree.leafHashes,
    tree.pendingAsOf?.(statement.asOf, statement.leavesBefore) ?? [],
  );
  try {
    treeStateOfHead(treeState, statement);
  } catch (error) {
    return refuse(`the exports in ${dir} do not make the head's tree: ${(error as Error).message}`);
  }
  const rebuilt: RebuiltTreeState = {
    format: REBUILT_TREE_STATE_FORMAT,
    exportArn: statement.exportArn,
    treeHeadSha256: treeHeadSha256(statement),
    treeState,
  };
  const text = `${JSON.stringify(rebuilt)}\n`;
  if (values.out) await writeFile(values.out, text);
  else process.stdout.write(text);
  process.stderr.write(
    `audit rebuild-state: the state of ${statement.exportArn}'s head (${headSummary(statement)}, ${treeState.pending.length} pending) matches its signature\n`,
  );
  return 0;
};
