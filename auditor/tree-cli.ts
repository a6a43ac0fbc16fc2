// The tree-head commands of `npm run audit`: arguments and output of head, prove and check-proof
// (tree-commands.ts does the work). Exit codes as for verify: 0 fine, 1 problems, 2 wrong usage.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
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
