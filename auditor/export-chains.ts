// A chain of exports: a full export and the incremental ones after it (each holds one window's new events),
// verified as one history. Exports are put in order by their signed tree heads (each binds the hash of the
// head before it), never by folder names or the unsigned manifests; then every customer's chain is checked
// across all of them, each export against its own digest, and each head against the tree the events up
// to it make, with the events it signed as pending (lib/audit/tree-chain.ts).
import { join } from 'node:path';
import { chainLinkOf, verifySubjectLinks } from '../lib/audit/chain';
import { ChainHeadTracker } from '../lib/audit/digest';
import { MANIFEST_SUMMARY } from '../lib/audit/export-format';
import { CompactRange } from '../lib/audit/merkle/compact-range';
import { HASH_BYTES, leafHash } from '../lib/audit/merkle/tree';
import type { PendingEvent } from '../lib/audit/tree-chain';
import { TreeLeaves, treeHeadSha256, type SignedTreeHead } from '../lib/audit/tree-head';
import { ChainLinkStore } from './chain-link-store';
import type { TrustedDigest } from './digests';
import type { ExportManifest, FindingSink } from './export-reader';
import { checkPending } from './tree-heads';
import { checkNotBefore, streamExport, type ExportContext, type VerifiedExport } from './export-stream';

const headOf = (own: Map<ExportManifest, TrustedDigest[]>, manifest: ExportManifest) =>
  (own.get(manifest) ?? []).find((trusted) => trusted.treeHead)?.treeHead;

const isIncremental = (manifest: ExportManifest) => manifest.summary?.exportType === 'INCREMENTAL_EXPORT';

/**
 * The exports in the order of their signed heads: each chain starts at an export whose head extends
 * none in the folder and goes on through the export whose head binds its head's hash. An export twice
 * (a replayed copy), two exports extending one head, and an incremental export whose chain does not
 * start in the folder are named. Exports without a head each stand alone.
 */
export const planChains = (
  manifests: ExportManifest[],
  own: Map<ExportManifest, TrustedDigest[]>,
  sink: FindingSink,
  label: (path: string) => string,
): ExportManifest[][] => {
  const where = (manifest: ExportManifest) => label(join(manifest.dir, MANIFEST_SUMMARY));
  const bySha = new Map<string, ExportManifest>();
  for (const manifest of manifests) {
    const head = headOf(own, manifest);
    if (!head) continue;
    const sha = treeHeadSha256(head.statement);
    const first = bySha.get(sha);
    if (first) {
      sink({
        level: 'error',
        code: 'EXPORT_REPLAYED',
        message: `the same export (${head.statement.exportArn}, as of ${head.statement.asOf}) as ${where(first)}: an export handed over twice, e.g. an older one in place of a newer one`,
        file: where(manifest),
      });
      continue;
    }
    bySha.set(sha, manifest);
  }
  const next = new Map<ExportManifest, ExportManifest>();
  const hasParent = new Set<ExportManifest>();
  for (const manifest of bySha.values()) {
    const head = headOf(own, manifest) as SignedTreeHead;
    const previous = head.statement.previousHeadSha256;
    const parent = previous ? bySha.get(previous) : undefined;
    // A full export holds every event: it begins a chain even when its head names an earlier one.
    if (!parent || !isIncremental(manifest)) {
      if (isIncremental(manifest))
        sink({
          level: 'error',
          code: 'CHAIN_START_MISSING',
          message: `the incremental export's tree head extends ${previous ? `head ${previous.slice(0, 12)}…` : 'no head'}, which no export in the folder has: verify the chain from its full export on (download every export since)`,
          file: where(manifest),
        });
      continue;
    }
    const sibling = next.get(parent);
    if (sibling) {
      sink({
        level: 'error',
        code: 'CHAIN_FORK',
        message: `extends the same head as ${where(sibling)}: two exports claim to follow ${where(parent)}`,
        file: where(manifest),
      });
      continue;
    }
    next.set(parent, manifest);
    hasParent.add(manifest);
  }
  const groups: ExportManifest[][] = [];
  for (const manifest of manifests) {
    if (hasParent.has(manifest)) continue;
    const group = [manifest];
    for (let at = next.get(manifest); at; at = next.get(at)) group.push(at);
    groups.push(group);
  }
  return groups;
};

/** One export's own digest against the heads of the chains it holds: exactly those, no more, no fewer. */
const checkOwnDigest = (digest: TrustedDigest, heads: ChainHeadTracker, sink: FindingSink) => {
  const { statement } = digest.digest;
  const seen = new Map(heads.entries().map(([subject, seq, hash]) => [subject, { seq, hash }]));
  for (const [subject, seq, hash] of statement.heads) {
    const held = seen.get(subject);
    seen.delete(subject);
    if (!held)
      sink({
        level: 'error',
        code: 'DIGEST_SUBJECT_MISSING',
        message: `the digest of this export signed its chain up to seq ${seq}, but the export has no event of it: events were removed`,
        subject,
        seq,
        file: digest.file,
      });
    else if (held.seq < seq)
      sink({
        level: 'error',
        code: 'DIGEST_HEAD_MISSING',
        message: `this export's events of the subject end at seq ${held.seq} but its digest signed seq ${seq}: events were removed`,
        subject,
        seq,
        file: digest.file,
      });
    else if (held.seq > seq || held.hash !== hash)
      sink({
        level: 'error',
        code: 'DIGEST_HEAD_MISMATCH',
        message: `this export's events of the subject end at seq ${held.seq} (${held.hash.slice(0, 12)}…) but its digest signed seq ${seq} (${hash.slice(0, 12)}…): the chain was rewritten or events added`,
        subject,
        seq,
        file: digest.file,
      });
  }
  for (const subject of seen.keys())
    sink({
      level: 'error',
      code: 'DIGEST_SUBJECT_UNLISTED',
      message: `not in the digest signed for this export (${digest.file}): events were added afterwards`,
      subject,
    });
  if (statement.eventCount !== heads.eventCount)
    sink({
      level: 'error',
      code: 'DIGEST_COUNT_MISMATCH',
      message: `the export holds ${heads.eventCount} audit events, the digest of this export counted ${statement.eventCount}`,
      file: digest.file,
    });
};

/**
 * The heads of a chain, in order, against the events: head k's leaves are the events of exports 0…k
 * older than its leavesBefore (no event of a later export may be older than that: LATE_EVENT), its
 * pending events the rest of exports 0…k. Walks the sorted events once, carrying the compact range.
 * Returns the leaf hashes of the last head's tree (each head's tree is a prefix of it).
 */
const checkChainTrees = (
  heads: { head: SignedTreeHead; file: string }[],
  leaves: TreeLeaves,
  sink: FindingSink,
): Buffer => {
  const maxAtOf: number[] = [];
  for (let index = 0; index < leaves.count; index += 1) {
    const source = leaves.sourceAt(index);
    maxAtOf[source] = Math.max(maxAtOf[source] ?? Number.NEGATIVE_INFINITY, leaves.timeAt(index));
  }
  for (const [k, { head, file }] of heads.entries()) {
    if (k === 0) continue;
    const before = heads[k - 1]?.head.statement as SignedTreeHead['statement'];
    if (
      !(Date.parse(head.statement.asOf) > Date.parse(before.asOf)) ||
      head.statement.leavesBefore < before.leavesBefore
    )
      sink({
        level: 'error',
        code: 'CHAIN_ORDER',
        message: `as of ${head.statement.asOf} (leaves before ${head.statement.leavesBefore}), not after the head it extends (as of ${before.asOf})`,
        file,
      });
    const floor = Date.parse(before.leavesBefore);
    const late = leaves.sortedIndices(
      (index) => leaves.sourceAt(index) === k && leaves.timeAt(index) < floor,
    );
    if (late.length > 0)
      sink({
        level: 'error',
        code: 'LATE_EVENT',
        message: `${late.length} event(s) of this export are older than the previous head's leaves (before ${before.leavesBefore}), e.g. one at ${new Date(leaves.timeAt(late[0] ?? 0)).toISOString()}: they were held back from, or moved out of, an earlier export`,
        file,
      });
  }
  const order = leaves.sortedIndices();
  const lastSize = heads[heads.length - 1]?.head.statement.treeSize ?? 0;
  const leafHashes = Buffer.alloc(Math.min(order.length, Math.max(lastSize, 0)) * HASH_BYTES);
  const range = CompactRange.empty();
  let next = 0;
  let maxAt = Number.NEGATIVE_INFINITY;
  for (const [k, { head, file }] of heads.entries()) {
    maxAt = Math.max(maxAt, maxAtOf[k] ?? Number.NEGATIVE_INFINITY);
    const cutoff = Date.parse(head.statement.leavesBefore);
    for (; next < order.length && leaves.timeAt(order[next] ?? 0) < cutoff; next += 1) {
      const leaf = leafHash(leaves.hashAt(order[next] ?? 0));
      if (range.size < leafHashes.length / HASH_BYTES) leaf.copy(leafHashes, range.size * HASH_BYTES);
      range.append(leaf);
    }
    const root = range.root().toString('hex');
    if (range.size !== head.statement.treeSize || root !== head.statement.rootHash)
      sink({
        level: 'error',
        code: 'TREE_HEAD_MISMATCH',
        message: `the chain's events before ${head.statement.leavesBefore} make a tree of ${range.size} with root ${root.slice(0, 12)}…, the signed head says ${head.statement.treeSize} with root ${head.statement.rootHash.slice(0, 12)}…: events were added, removed, changed or moved between exports`,
        file,
      });
    const pending: PendingEvent[] = [];
    for (let at = next; at < order.length && leaves.timeAt(order[at] ?? 0) <= maxAt; at += 1) {
      const index = order[at] ?? 0;
      if (leaves.sourceAt(index) <= k)
        pending.push([leaves.timeAt(index), leaves.hashAt(index).toString('hex')]);
    }
    checkPending(head, pending, sink, file);
  }
  return leafHashes;
};

/** A full export and the incremental exports after it, verified as one history. */
export const verifyExportChain = async (
  group: ExportManifest[],
  own: Map<ExportManifest, TrustedDigest[]>,
  digests: TrustedDigest[],
  context: ExportContext,
) => {
  const { sink, label, report } = context;
  const store = new ChainLinkStore();
  const leaves = new TreeLeaves();
  const exported: { verified: VerifiedExport; heads: ChainHeadTracker; manifest: ExportManifest }[] = [];
  for (const [source, manifest] of group.entries()) {
    const heads = new ChainHeadTracker();
    const verified = await streamExport(
      manifest,
      (item, subject, file, line) => {
        const link = chainLinkOf(item);
        store.add(subject, link, file, line);
        heads.observe(subject, link.seq, link.hash);
        leaves.add(item.at, link.hash, source);
      },
      context,
      () => store.size,
    );
    exported.push({ verified, heads, manifest });
  }
  for (const subject of store.subjects())
    for (const chainBreak of verifySubjectLinks(subject, store.linksOf(subject)))
      sink({
        level: 'error',
        code: chainBreak.kind,
        message: chainBreak.message,
        subject,
        seq: chainBreak.seq,
        ...(chainBreak.source ? { file: chainBreak.source.file, line: chainBreak.source.line } : {}),
      });
  const chainHeads: { head: SignedTreeHead; file: string }[] = [];
  for (const { manifest, heads } of exported) {
    const mine = own.get(manifest) ?? [];
    for (const digest of mine) checkOwnDigest(digest, heads, sink);
    const trusted = mine.find((digest) => digest.treeHead);
    if (trusted?.treeHead) chainHeads.push({ head: trusted.treeHead, file: trusted.file });
  }
  // Digests of earlier exports not in this chain (--digests): each head they signed is still in it.
  const chainFiles = new Set(
    group.flatMap((manifest) => (own.get(manifest) ?? []).map((digest) => digest.file)),
  );
  const tableArn = chainHeads[0]?.head.statement.tableArn;
  const lastAsOf = Date.parse(chainHeads[chainHeads.length - 1]?.head.statement.asOf ?? '');
  let applied = chainFiles.size;
  for (const digest of digests) {
    const { statement } = digest.digest;
    if (
      chainFiles.has(digest.file) ||
      statement.tableArn !== tableArn ||
      !(Date.parse(statement.asOf) <= lastAsOf)
    )
      continue;
    applied += 1;
    for (const [subject, seq, hash] of statement.heads) {
      const link = store.linksOf(subject).find((candidate) => candidate.seq === seq);
      if (!link || link.hash !== hash)
        sink({
          level: 'error',
          code: link ? 'DIGEST_HEAD_MISMATCH' : 'DIGEST_HEAD_MISSING',
          message: `the digest of ${statement.asOf} signed seq ${seq} (${hash.slice(0, 12)}…), which the chain of exports ${link ? 'holds with another hash: it was rewritten' : 'does not hold: it was removed'}`,
          subject,
          seq,
          file: digest.file,
        });
    }
  }
  const leafHashes = checkChainTrees(chainHeads, leaves, sink);
  const paths = group.map((manifest) => manifest.dir);
  const pendingAsOf = (asOf: string, leavesBefore: string) => {
    const k = chainHeads.findIndex(({ head }) => head.statement.asOf === asOf);
    if (k < 0) return undefined;
    const cutoff = Date.parse(leavesBefore);
    return leaves
      .sortedIndices((index) => leaves.sourceAt(index) <= k && leaves.timeAt(index) >= cutoff)
      .map((index): PendingEvent => [leaves.timeAt(index), leaves.hashAt(index).toString('hex')]);
  };
  for (const [k, { head }] of chainHeads.entries())
    report.trees.push({
      head,
      leafHashes: leafHashes.subarray(0, Math.min(head.statement.treeSize * HASH_BYTES, leafHashes.length)),
      path: paths[k] ?? '',
      paths: paths.slice(0, k + 1),
      pendingAsOf,
    });
  for (const [k, { verified, heads, manifest }] of exported.entries()) {
    const head = chainHeads[k]?.head;
    const summaryLabel = label(join(manifest.dir, MANIFEST_SUMMARY));
    // A chain is as new as its newest export: the full export at its start is old by design.
    if (k === exported.length - 1)
      checkNotBefore(head?.statement.asOf ?? verified.exportTime, head !== undefined, summaryLabel, context);
    verified.auditTrail = {
      events: heads.eventCount,
      subjects: heads.entries().length,
      digestsApplied: k === exported.length - 1 ? applied : (own.get(manifest) ?? []).length,
      ...(head ? { signedAsOf: head.statement.asOf } : {}),
      ...(head
        ? {
            tree: {
              size: head.statement.treeSize,
              rootHash: head.statement.rootHash,
              leavesBefore: head.statement.leavesBefore,
            },
          }
        : {}),
      chain: paths.slice(0, k + 1).map(label),
    };
  }
  report.eventsVerified += store.size;
  report.subjectsVerified += store.subjectCount;
};
