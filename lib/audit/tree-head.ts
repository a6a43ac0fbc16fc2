// The signed tree head of the audit trail: an RFC 9162 Merkle tree (lib/audit/merkle/tree.ts) over every
// audit event, its size and root signed next to each export's digest of chain heads. The chains prove
// each customer's history line by line; the tree proves the whole history only ever grew.
//
// Leaf order, chosen so that a later export can only append: events sorted by their `at` time, then by
// their hash, and only events with `at` before the head's `leavesBefore`. The scheduled export sets that
// to the export time minus SETTLE_MS: an event's `at` is taken inside the Lambda invocation that commits
// it, and no invocation lives longer than 15 minutes, so an event committed after the export can never
// sort before a leaf already signed. Events younger than that are in the export and its chain heads, and
// become leaves of the next head. The leaf is the event's 32-byte `hash` (RFC 9162 §2.1.1: MTH({d})).
import { createHash } from 'node:crypto';
import type { DigestSigner } from '../aws/kms-digest';
import { canonicalJson } from './canonical-json';
import {
  publicKeyFingerprint,
  SIGNING_ALGORITHM,
  type DigestSignature,
  type DigestStatement,
} from './digest';
import { HASH_BYTES, leafHash, subtreeRoot } from './merkle/tree';

export const TREE_HEAD_FORMAT = 'mfa-recovery/tree-head@1';
export const LEAF_ORDER = 'at-then-hash';

/** Longer than any Lambda invocation (15 minutes at most), in which an event's `at` is taken and committed. */
export const SETTLE_MS = 15 * 60 * 1000;

export interface TreeHeadStatement {
  format: typeof TREE_HEAD_FORMAT;
  tableArn: string;
  exportArn: string;
  /** The export's point in time (its digest's asOf). */
  asOf: string;
  /** Leaves are the events with `at` before this time, in LEAF_ORDER. */
  leavesBefore: string;
  leafOrder: typeof LEAF_ORDER;
  treeSize: number;
  /** Hex SHA-256 root (MTH) of the tree. */
  rootHash: string;
  /** SHA-256 hex of the previous head's canonical statement, or null for the first head (or unknown). */
  previousHeadSha256: string | null;
  /** SHA-256 hex of the canonical statement of the digest signed beside it: the chain heads and manifests. */
  digestSha256: string;
  /**
   * The events seen but not yet leaves (`at` on or after leavesBefore): how many, and the SHA-256 of their
   * list (lib/audit/tree-chain.ts). They become the next head's first leaves; binding them here lets that
   * head, and an auditor, check none was dropped or added in between. Heads before chained exports lack it.
   */
  pendingCount?: number;
  pendingSha256?: string;
}

export interface SignedTreeHead {
  statement: TreeHeadStatement;
  signature: DigestSignature;
}

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export const treeHeadBytes = (statement: TreeHeadStatement) => Buffer.from(canonicalJson(statement), 'utf8');
export const treeHeadSha256 = (statement: TreeHeadStatement) => sha256Hex(canonicalJson(statement));
export const digestStatementSha256 = (statement: DigestStatement) => sha256Hex(canonicalJson(statement));

export const signTreeHead = async (
  statement: TreeHeadStatement,
  signer: DigestSigner,
): Promise<SignedTreeHead> => ({
  statement,
  signature: {
    algorithm: SIGNING_ALGORITHM,
    keyId: await signer.keyId(),
    publicKeySha256: publicKeyFingerprint(await signer.publicKeyPem()),
    value: (await signer.sign(treeHeadBytes(statement))).toString('base64'),
  },
});

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/**
 * The leaves of the tree as events stream past in any order: each event's `at` (milliseconds) and hash,
 * in flat arrays (40 bytes an event, no object per event), sorted by time, then hash, when the tree is made.
 */
export class TreeLeaves {
  private times = new Float64Array(1024);
  private hashes = Buffer.alloc(HASH_BYTES * 1024);
  /** Which export of a chain each event came from (0 for a single export). */
  private sources = new Uint16Array(1024);
  count = 0;

  /** `at` as the event holds it (ISO-8601); a hash that is not 64 hex digits is no leaf (the chain check names it). */
  add(at: unknown, hash: unknown, source = 0) {
    if (typeof hash !== 'string' || !HEX_SHA256.test(hash)) return;
    const parsed = typeof at === 'string' ? Date.parse(at) : Number.NaN;
    this.addTime(Number.isFinite(parsed) ? parsed : 0, hash, source);
  }

  /** An event by its time in milliseconds (as a tree state carries the pending ones). */
  addTime(atMs: number, hash: string, source = 0) {
    if (this.count === this.times.length) {
      const times = new Float64Array(this.times.length * 2);
      times.set(this.times);
      this.times = times;
      const hashes = Buffer.alloc(this.hashes.length * 2);
      this.hashes.copy(hashes);
      this.hashes = hashes;
      const sources = new Uint16Array(this.sources.length * 2);
      sources.set(this.sources);
      this.sources = sources;
    }
    this.times[this.count] = atMs;
    this.hashes.write(hash, this.count * HASH_BYTES, HASH_BYTES, 'hex');
    this.sources[this.count] = source;
    this.count += 1;
  }

  timeAt(index: number) {
    return this.times[index] ?? 0;
  }

  sourceAt(index: number) {
    return this.sources[index] ?? 0;
  }

  hashAt(index: number) {
    return this.hashes.subarray(index * HASH_BYTES, (index + 1) * HASH_BYTES);
  }

  /** Indices of the events `keep` accepts, in tree order: time, then hash. */
  sortedIndices(keep: (index: number) => boolean = () => true): number[] {
    const { times, hashes } = this;
    const chosen: number[] = [];
    for (let i = 0; i < this.count; i += 1) if (keep(i)) chosen.push(i);
    return chosen.sort(
      (a, b) =>
        (times[a] ?? 0) - (times[b] ?? 0) ||
        hashes.compare(hashes, b * HASH_BYTES, (b + 1) * HASH_BYTES, a * HASH_BYTES, (a + 1) * HASH_BYTES),
    );
  }

  /** The leaf hashes (n × 32 bytes) of the events with `at` before `leavesBefore`, in tree order. */
  leafHashes(leavesBefore: string): Buffer {
    const cutoff = Date.parse(leavesBefore);
    const { times, hashes } = this;
    const chosen = this.sortedIndices((i) => (times[i] ?? 0) < cutoff);
    const leaves = Buffer.allocUnsafe(chosen.length * HASH_BYTES);
    chosen.forEach((index, position) => {
      leafHash(hashes.subarray(index * HASH_BYTES, (index + 1) * HASH_BYTES)).copy(
        leaves,
        position * HASH_BYTES,
      );
    });
    return leaves;
  }
}

/** The tree of the events seen, as a head's size and root fields. */
export const treeOf = (leaves: TreeLeaves, leavesBefore: string) => {
  const leafHashes = leaves.leafHashes(leavesBefore);
  return {
    leafHashes,
    treeSize: leafHashes.length / HASH_BYTES,
    rootHash: subtreeRoot(leafHashes).toString('hex'),
  };
};

/** The events an event's leaf is made of: the leaf data is the 32 bytes of its hash. */
export const leafHashOfEvent = (hash: string) => leafHash(Buffer.from(hash, 'hex'));
