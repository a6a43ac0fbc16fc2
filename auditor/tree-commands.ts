// `audit head`, `audit prove` and `audit check-proof`: a verified export's signed tree head to keep, an
// inclusion proof of one event, and checking that proof offline with nothing but the proof and the key.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hashOfItem } from '../lib/audit/chain';
import { canonicalJson } from '../lib/audit/canonical-json';
import { scanExportLines } from '../lib/audit/export-lines';
import { MANIFEST_SUMMARY } from '../lib/audit/export-format';
import { HASH_BYTES, inclusionProof, verifyInclusion } from '../lib/audit/merkle/tree';
import { leafHashOfEvent, type SignedTreeHead } from '../lib/audit/tree-head';
import { parseStrictJson } from '../lib/strict-json';
import { VerifyUsageError } from './digests';
import { openDataFile, readExportManifest } from './export-reader';
import {
  checkSince,
  parseSignedTreeHead,
  pinnedKeys,
  readKeptHead,
  treeHeadSignatureValid,
  type VerifiedTree,
} from './tree-heads';
import { formatFinding, verifyExports, type VerifyReport } from './verify-export';

export const PROOF_FORMAT = 'mfa-recovery/inclusion-proof@1';

export interface InclusionProofFile {
  format: typeof PROOF_FORMAT;
  /** The audit event as stored (plain JSON, its `hash` included). */
  event: Record<string, unknown>;
  leafIndex: number;
  treeSize: number;
  /** The audit path, hex, from the leaf up (RFC 9162 §2.1.3). */
  auditPath: string[];
  treeHead: SignedTreeHead;
}

export const keysOf = (pems: string[]) => {
  try {
    return pinnedKeys(pems);
  } catch (error) {
    throw new VerifyUsageError(`a --public-key is not a PEM public key (${(error as Error).message})`);
  }
};

export const keptHead = async (file: string, pems: string[]) => {
  if (pems.length === 0)
    throw new VerifyUsageError('a kept head is checked against --public-key: pass the key');
  try {
    return await readKeptHead(file, keysOf(pems));
  } catch (error) {
    if (error instanceof VerifyUsageError) throw error;
    throw new VerifyUsageError(`cannot use ${file} as a head: ${(error as Error).message}`);
  }
};

/** The newest verified tree (largest, then latest): the head an export folder shows. */
export const newestTree = (report: VerifyReport): VerifiedTree | undefined =>
  [...report.trees].sort(
    (a, b) =>
      a.head.statement.treeSize - b.head.statement.treeSize ||
      Date.parse(a.head.statement.asOf) - Date.parse(b.head.statement.asOf),
  )[report.trees.length - 1];

/** Verifies DIR as `verify` does; any error ends the command with the findings on stderr. */
export const verifiedOrExit = async (
  dir: string,
  options: Parameters<typeof verifyExports>[1],
): Promise<VerifyReport | undefined> => {
  const report = await verifyExports(dir, { ...options, keepFindings: 100 });
  if (report.ok) return report;
  for (const finding of report.findings) process.stderr.write(`${formatFinding(finding)}\n`);
  process.stderr.write(`${dir} does not verify (${report.errors} problems): nothing is vouched for\n`);
  return undefined;
};

/** The event in the tree's export, or in any export of its chain (a full export and its incrementals). */
const findEvent = async (tree: VerifiedTree, eventId: string) => {
  let found: Record<string, unknown> | undefined;
  for (const path of [...tree.paths].reverse()) {
    const manifest = await readExportManifest(
      path,
      () => undefined,
      (shown) => shown,
    );
    for (const file of manifest.files.filter((listed) => listed.exists)) {
      await scanExportLines(openDataFile(file.path), (line) => {
        if (!found && 'item' in line && line.item.eventId === eventId) found = line.item;
      });
      if (found) return found;
    }
  }
  return undefined;
};

/**
 * The proof that one event is a leaf of the newest tree in the verified DIR, or of the kept head's
 * tree (once DIR is shown to extend it), so it checks against the head an auditor already holds.
 */
export const proveEvent = async (
  report: VerifyReport,
  eventId: string,
  kept?: SignedTreeHead,
): Promise<InclusionProofFile | string> => {
  const tree = newestTree(report);
  if (!tree) return 'no signed tree head in the folder: nothing to prove against';
  let head = tree.head;
  if (kept) {
    const findings: string[] = [];
    if (!checkSince(kept, report.trees, (finding) => findings.push(formatFinding(finding))))
      return findings.join('\n');
    head = kept;
  }
  const event = await findEvent(tree, eventId);
  if (!event)
    return `no audit event ${eventId} in ${tree.paths.length > 1 ? `the chain of ${tree.paths.length} exports up to ` : ''}${join(tree.path, MANIFEST_SUMMARY)}'s export`;
  if (typeof event.hash !== 'string') return `event ${eventId} has no hash`;
  const leaf = leafHashOfEvent(event.hash);
  let index = -1;
  for (let at = 0; at < head.statement.treeSize; at += 1)
    if (leaf.equals(tree.leafHashes.subarray(at * HASH_BYTES, (at + 1) * HASH_BYTES))) {
      index = at;
      break;
    }
  if (index < 0)
    return `event ${eventId} (at ${String(event.at)}) is not in the tree of ${head.statement.treeSize} events signed as of ${head.statement.asOf}: it is younger than the head's leaves (before ${head.statement.leavesBefore}) and will be a leaf of a later head`;
  return {
    format: PROOF_FORMAT,
    event,
    leafIndex: index,
    treeSize: head.statement.treeSize,
    auditPath: inclusionProof(tree.leafHashes, index, head.statement.treeSize).map((node) =>
      node.toString('hex'),
    ),
    treeHead: head,
  };
};

export interface ProofCheck {
  ok: boolean;
  problems: string[];
}

/** Checks an inclusion proof offline: the head's signature, the event's own hash, and the path to the root. */
export const checkProof = (proofJson: unknown, pems: string[], kept?: SignedTreeHead): ProofCheck => {
  const problems: string[] = [];
  const proof = proofJson as Partial<InclusionProofFile> | null;
  if (
    !proof ||
    proof.format !== PROOF_FORMAT ||
    typeof proof.event !== 'object' ||
    proof.event === null ||
    !Number.isSafeInteger(proof.leafIndex) ||
    !Number.isSafeInteger(proof.treeSize) ||
    !Array.isArray(proof.auditPath) ||
    !proof.auditPath.every((node) => typeof node === 'string' && /^[0-9a-f]{64}$/.test(node))
  )
    return { ok: false, problems: [`not a ${PROOF_FORMAT} file`] };
  let head: SignedTreeHead;
  try {
    head = parseSignedTreeHead(proof.treeHead);
  } catch (error) {
    return { ok: false, problems: [`its tree head is not readable (${(error as Error).message})`] };
  }
  const key = keysOf(pems).get(head.signature.publicKeySha256);
  if (!key)
    problems.push(
      `the tree head is signed by key ${head.signature.publicKeySha256}, none of the --public-key keys`,
    );
  else if (!treeHeadSignatureValid(head, key))
    problems.push('the signature of the tree head does not match (the head was changed)');
  if (kept && canonicalJson(kept.statement) !== canonicalJson(head.statement))
    problems.push(
      `the proof is against the head as of ${head.statement.asOf} (${head.statement.treeSize} events), not the head you gave (as of ${kept.statement.asOf}, ${kept.statement.treeSize} events)`,
    );
  const event = proof.event;
  const recomputed = hashOfItem(event);
  if (event.hash !== recomputed)
    problems.push('the event does not match its hash: it was altered after it was written');
  if (!(Date.parse(String(event.at)) < Date.parse(head.statement.leavesBefore)))
    problems.push(
      `the event's time ${String(event.at)} is not before the head's leaves (${head.statement.leavesBefore})`,
    );
  if (proof.treeSize !== head.statement.treeSize)
    problems.push(`the proof is for a tree of ${proof.treeSize}, the head signed ${head.statement.treeSize}`);
  else if (
    !verifyInclusion(
      leafHashOfEvent(recomputed),
      proof.leafIndex as number,
      head.statement.treeSize,
      proof.auditPath.map((node) => Buffer.from(node, 'hex')),
      Buffer.from(head.statement.rootHash, 'hex'),
    )
  )
    problems.push(
      `the audit path does not lead from this event at leaf ${String(proof.leafIndex)} to the signed root`,
    );
  return { ok: problems.length === 0, problems };
};

export const readProofFile = async (file: string) => {
  try {
    return parseStrictJson(await readFile(file, 'utf8'));
  } catch (error) {
    throw new VerifyUsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
};
