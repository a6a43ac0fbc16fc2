// Signed tree heads as an auditor holds them: read strictly, signature checked against a pinned key, and
// matched to the tree an export's events make (lib/audit/tree-head.ts says which events, in which order).
// Also what `verify --since` adds: the export's tree is the kept head's tree, or an append-only extension
// of it (RFC 9162 consistency proof), and not older.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { publicKeyFingerprint, SIGNING_ALGORITHM, type SignedDigest } from '../lib/audit/digest';
import { consistencyProof, HASH_BYTES, verifyConsistency } from '../lib/audit/merkle/tree';
import {
  digestStatementSha256,
  LEAF_ORDER,
  TREE_HEAD_FORMAT,
  treeHeadBytes,
  treeOf,
  type SignedTreeHead,
  type TreeLeaves,
} from '../lib/audit/tree-head';
import { pendingSha256, type PendingEvent } from '../lib/audit/tree-chain';
import { parseStrictJson } from '../lib/strict-json';
import type { ExportFinding, FindingSink } from './export-reader';

const HEX_SHA256 = /^[0-9a-f]{64}$/;
const isTime = (value: unknown) => typeof value === 'string' && Number.isFinite(Date.parse(value));

/** A tree head's JSON as a SignedTreeHead, or an error saying what is wrong with it. */
export const parseSignedTreeHead = (value: unknown): SignedTreeHead => {
  const head = value as Partial<SignedTreeHead> | null;
  const statement = head?.statement;
  const signature = head?.signature;
  if (
    !statement ||
    statement.format !== TREE_HEAD_FORMAT ||
    statement.leafOrder !== LEAF_ORDER ||
    typeof statement.tableArn !== 'string' ||
    typeof statement.exportArn !== 'string' ||
    !isTime(statement.asOf) ||
    !isTime(statement.leavesBefore) ||
    !Number.isSafeInteger(statement.treeSize) ||
    (statement.treeSize ?? -1) < 0 ||
    typeof statement.rootHash !== 'string' ||
    !HEX_SHA256.test(statement.rootHash) ||
    typeof statement.digestSha256 !== 'string' ||
    !(statement.previousHeadSha256 === null || typeof statement.previousHeadSha256 === 'string') ||
    (statement.pendingSha256 !== undefined &&
      (typeof statement.pendingSha256 !== 'string' || !Number.isSafeInteger(statement.pendingCount)))
  )
    throw new Error(`not a ${TREE_HEAD_FORMAT} statement`);
  if (
    !signature ||
    signature.algorithm !== SIGNING_ALGORITHM ||
    typeof signature.value !== 'string' ||
    typeof signature.publicKeySha256 !== 'string'
  )
    throw new Error(`no ${SIGNING_ALGORITHM} signature`);
  return { statement, signature };
};

export const treeHeadSignatureValid = (head: SignedTreeHead, key: KeyObject) => {
  try {
    return verify('sha256', treeHeadBytes(head.statement), key, Buffer.from(head.signature.value, 'base64'));
  } catch {
    return false;
  }
};

/** Pinned keys by fingerprint; a --public-key that is no key is the caller's usage error. */
export const pinnedKeys = (pems: string[]) => {
  const keys = new Map<string, KeyObject>();
  for (const pem of pems) keys.set(publicKeyFingerprint(pem), createPublicKey(pem));
  return keys;
};

/** Reads a head file an auditor kept (`audit head` output) and checks its signature against a pinned key. */
/** A kept head: its JSON (`audit head`, the auditors' bucket), or the digest file that holds it. */
export const readKeptHead = async (file: string, keys: Map<string, KeyObject>): Promise<SignedTreeHead> => {
  const parsed = parseStrictJson(await readFile(file, 'utf8')) as { treeHead?: unknown } | null;
  const head = parseSignedTreeHead(parsed?.treeHead ?? parsed);
  const key = keys.get(head.signature.publicKeySha256);
  if (!key)
    throw new Error(
      `${file} is signed by key ${head.signature.publicKeySha256}, none of the --public-key keys`,
    );
  if (!treeHeadSignatureValid(head, key))
    throw new Error(`${file}: the signature does not match the head (it was changed)`);
  return head;
};

/**
 * The tree head signed beside a valid digest, checked with the digest's own key: its signature, that it
 * binds this very digest (by hash) and names the same export. Returns it, or reports why not.
 */
export const treeHeadOfDigest = (
  raw: unknown,
  digest: SignedDigest,
  key: KeyObject,
  sink: FindingSink,
  file: string,
): SignedTreeHead | undefined => {
  if (raw === undefined) return undefined;
  const fail = (message: string) => {
    sink({ level: 'error', code: 'TREE_HEAD_INVALID', message, file });
    return undefined;
  };
  let head: SignedTreeHead;
  try {
    head = parseSignedTreeHead(raw);
  } catch (error) {
    return fail(`its tree head is not readable (${(error as Error).message})`);
  }
  if (
    head.signature.publicKeySha256 !== digest.signature.publicKeySha256 ||
    !treeHeadSignatureValid(head, key)
  )
    return fail('the signature of its tree head does not match (the tree head was changed)');
  const { statement } = head;
  if (
    statement.digestSha256 !== digestStatementSha256(digest.statement) ||
    statement.exportArn !== digest.statement.exportArn ||
    statement.tableArn !== digest.statement.tableArn ||
    statement.asOf !== digest.statement.asOf
  )
    return fail('its tree head was signed for another digest or export');
  if (Date.parse(statement.leavesBefore) > Date.parse(statement.asOf))
    return fail('its tree head takes leaves from after the export');
  return head;
};

/** The tree an export's events make, as its head describes it; kept for --since and prove. */
export interface VerifiedTree {
  head: SignedTreeHead;
  leafHashes: Buffer;
  /** The export folder on disk. */
  path: string;
  /** Every export folder the tree's events came from: the export itself, or its chain up to it. */
  paths: string[];
  /**
   * In a chain: the events a head as of `asOf` held pending (exports up to that one, on or after its
   * leavesBefore), or undefined when no export of the chain is as of then. A kept head's pending events
   * are not leaves yet, so only this shows them dropped when later heads were re-signed.
   */
  pendingAsOf?: (asOf: string, leavesBefore: string) => PendingEvent[] | undefined;
}

/** Builds the tree of the export's events that the head covers and reports a size or root it did not sign. */
export const checkTree = (
  leaves: TreeLeaves,
  head: SignedTreeHead,
  sink: FindingSink,
  file: string,
): Buffer => {
  const tree = treeOf(leaves, head.statement.leavesBefore);
  if (tree.treeSize !== head.statement.treeSize || tree.rootHash !== head.statement.rootHash)
    sink({
      level: 'error',
      code: 'TREE_HEAD_MISMATCH',
      message: `the events before ${head.statement.leavesBefore} make a tree of ${tree.treeSize} with root ${tree.rootHash.slice(0, 12)}…, the signed head says ${head.statement.treeSize} with root ${head.statement.rootHash.slice(0, 12)}…: events were added, removed or changed`,
      file,
    });
  checkPending(head, pendingOf(leaves, head.statement.leavesBefore), sink, file);
  return tree.leafHashes;
};

/** The events on or after `leavesBefore`, in tree order: those a head cut there holds pending. */
export const pendingOf = (leaves: TreeLeaves, leavesBefore: string): PendingEvent[] => {
  const cutoff = Date.parse(leavesBefore);
  return leaves
    .sortedIndices((index) => leaves.timeAt(index) >= cutoff)
    .map((index) => [leaves.timeAt(index), leaves.hashAt(index).toString('hex')]);
};

/** The events a head signed as pending (seen, not yet leaves) must be exactly those: none dropped or added. */
export const checkPending = (
  head: SignedTreeHead,
  pending: PendingEvent[],
  sink: FindingSink,
  file: string,
) => {
  const { pendingCount, pendingSha256: signed } = head.statement;
  if (signed === undefined) return;
  if (pending.length !== pendingCount || pendingSha256(pending) !== signed)
    sink({
      level: 'error',
      code: 'TREE_PENDING_MISMATCH',
      message: `the ${pending.length} events on or after ${head.statement.leavesBefore} are not the ${String(pendingCount)} the head signed as pending (next leaves): events were added, removed or changed`,
      file,
    });
};

export interface SinceResult {
  keptSize: number;
  newSize: number;
  /** The consistency proof computed from the export, hex. */
  proof: string[];
}

/**
 * `verify --since HEAD`: the newest tree of the kept head's table must not be older than the head, and
 * must extend it (RFC 9162 consistency proof from the export's own leaves, checked against both roots).
 */
export const checkSince = (
  kept: SignedTreeHead,
  trees: VerifiedTree[],
  sink: FindingSink,
): SinceResult | undefined => {
  const report = (code: string, message: string): undefined => {
    sink({ level: 'error', code, message } satisfies ExportFinding);
    return undefined;
  };
  const ofTable = trees
    .filter((tree) => tree.head.statement.tableArn === kept.statement.tableArn)
    .sort((a, b) => a.head.statement.treeSize - b.head.statement.treeSize);
  const newest = ofTable[ofTable.length - 1];
  if (!newest)
    return report(
      'SINCE_NO_TREE_HEAD',
      `no valid signed tree head of ${kept.statement.tableArn} in the folder: nothing to compare with the kept head of ${kept.statement.asOf}`,
    );
  const old = kept.statement;
  const now = newest.head.statement;
  if (
    Date.parse(now.asOf) < Date.parse(old.asOf) ||
    Date.parse(now.leavesBefore) < Date.parse(old.leavesBefore)
  )
    return report(
      'EXPORT_OLDER_THAN_HEAD',
      `the export is as of ${now.asOf} with ${now.treeSize} events in its tree, older than the head you hold (as of ${old.asOf}, ${old.treeSize} events): an older export handed over as the current one (replay)`,
    );
  if (now.treeSize < old.treeSize)
    return report(
      'HISTORY_REWRITTEN',
      `the export is as of ${now.asOf}, not older than the head you hold (as of ${old.asOf}), but its tree has ${now.treeSize} events where that head signed ${old.treeSize}: events were removed and the heads signed again`,
    );
  if (newest.leafHashes.length / HASH_BYTES !== now.treeSize)
    return report(
      'HISTORY_REWRITTEN',
      `the export's events make a tree of ${newest.leafHashes.length / HASH_BYTES}, not the ${now.treeSize} its head signed: it cannot be shown to extend the head you hold (as of ${old.asOf})`,
    );
  const proof = consistencyProof(newest.leafHashes, old.treeSize, now.treeSize);
  const consistent = verifyConsistency(
    old.treeSize,
    now.treeSize,
    Buffer.from(old.rootHash, 'hex'),
    Buffer.from(now.rootHash, 'hex'),
    proof,
  );
  if (!consistent || newest.leafHashes.length / HASH_BYTES !== now.treeSize)
    return report(
      'HISTORY_REWRITTEN',
      `the first ${old.treeSize} events of the export's tree are not the tree of the head you hold (as of ${old.asOf}, root ${old.rootHash.slice(0, 12)}…): history before that head was changed, removed or reordered`,
    );
  const pending = old.pendingSha256 ? newest.pendingAsOf?.(old.asOf, old.leavesBefore) : undefined;
  if (pending && (pending.length !== old.pendingCount || pendingSha256(pending) !== old.pendingSha256))
    return report(
      'HISTORY_REWRITTEN',
      `the head you hold (as of ${old.asOf}) signed ${String(old.pendingCount)} events as pending (next leaves), the chain's exports up to then hold ${pending.length} others: events were dropped, added or changed and the heads after it signed again`,
    );
  return { keptSize: old.treeSize, newSize: now.treeSize, proof: proof.map((node) => node.toString('hex')) };
};
