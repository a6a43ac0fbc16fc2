// Carrying the tree from one export's head to the next, so an incremental export (one day's new events)
// gets a signed head that extends yesterday's without reading the exports before it. The state carried is
// the tree's right edge (RFC 9162 compact range: at most 64 hashes) and the pending events: those seen but
// younger than the head's leavesBefore, which become leaves later (lib/audit/tree-head.ts, the leaf order).
// It travels in the digest file beside the head it belongs to, under the bucket's lock; the head signs its
// size, root and the hash of the pending list, so a state that was edited, cut or swapped no longer matches.
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { CompactRange } from './merkle/compact-range';
import { HASH_BYTES, leafHash } from './merkle/tree';
import type { TreeHeadStatement, TreeLeaves } from './tree-head';

export const TREE_STATE_FORMAT = 'mfa-recovery/tree-state@1';

/** A pending event: its `at` in milliseconds and its hash (hex), as the tree orders it. */
export type PendingEvent = [atMs: number, hash: string];

export interface TreeState {
  format: typeof TREE_STATE_FORMAT;
  treeSize: number;
  /** The compact range: one subtree root (hex) per set bit of treeSize, largest first. */
  edge: string[];
  /** Events seen, not yet leaves, in tree order (time, then hash). */
  pending: PendingEvent[];
}

/** SHA-256 hex of the pending list's canonical JSON: what a head signs of the events it has not placed yet. */
export const pendingSha256 = (pending: PendingEvent[]) =>
  createHash('sha256').update(canonicalJson(pending), 'utf8').digest('hex');

/** The tree state does not belong to the head it claims, or cannot be read: the chain must not go on from it. */
export class TreeStateError extends Error {}

/** An event in a later export that sorts before leaves already signed: the append-only rule was broken. */
export class LateEventError extends Error {}

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/**
 * Reads a carried tree state and checks it against the signed head it was stored with: the edge folds to
 * the head's root and size, the pending list hashes to what the head signed. Anything else is refused.
 */
export const treeStateOfHead = (raw: unknown, head: TreeHeadStatement) => {
  const state = raw as Partial<TreeState> | null | undefined;
  if (
    !state ||
    state.format !== TREE_STATE_FORMAT ||
    !Number.isSafeInteger(state.treeSize) ||
    !Array.isArray(state.edge) ||
    !state.edge.every((node) => typeof node === 'string' && HEX_SHA256.test(node)) ||
    !Array.isArray(state.pending) ||
    !state.pending.every(
      (event) =>
        Array.isArray(event) &&
        event.length === 2 &&
        Number.isFinite(event[0]) &&
        typeof event[1] === 'string' &&
        HEX_SHA256.test(event[1]),
    )
  )
    throw new TreeStateError(`not a ${TREE_STATE_FORMAT}`);
  if (head.pendingSha256 === undefined)
    throw new TreeStateError('the head signs no pending events (written before chained heads)');
  let range: CompactRange;
  try {
    range = CompactRange.of(
      state.treeSize ?? -1,
      state.edge.map((node) => Buffer.from(node, 'hex')),
    );
  } catch (error) {
    throw new TreeStateError((error as Error).message);
  }
  if (range.size !== head.treeSize || range.root().toString('hex') !== head.rootHash)
    throw new TreeStateError(
      `its edge makes a tree of ${range.size} with root ${range.root().toString('hex').slice(0, 12)}…, the head signed ${head.treeSize} with root ${head.rootHash.slice(0, 12)}…`,
    );
  const pending = state.pending as PendingEvent[];
  if (pending.length !== head.pendingCount || pendingSha256(pending) !== head.pendingSha256)
    throw new TreeStateError(`its ${pending.length} pending events are not the ones the head signed`);
  return { range, pending, leavesBefore: head.leavesBefore };
};

export interface CarriedTree {
  range: CompactRange;
  pending: PendingEvent[];
  /** The previous head's leavesBefore: no later event may sort before it. */
  leavesBefore: string;
}

/**
 * The next head's tree: the carried pending events and the export's new events that are older than
 * `leavesBefore` become leaves (time, then hash), appended to the carried edge; the rest is pending.
 * A new event older than the previous head's leavesBefore would belong among signed leaves: refused.
 */
export const advanceTree = (carried: CarriedTree | undefined, fresh: TreeLeaves, leavesBefore: string) => {
  const range = carried?.range ?? CompactRange.empty();
  const floor = carried ? Date.parse(carried.leavesBefore) : Number.NEGATIVE_INFINITY;
  const cutoff = Date.parse(leavesBefore);
  const late = fresh.sortedIndices((index) => fresh.timeAt(index) < floor);
  if (late.length > 0) {
    const first = late[0] ?? 0;
    throw new LateEventError(
      `${late.length} event(s) of this export are older than the previous head's leaves (before ${carried?.leavesBefore}), e.g. ${fresh.hashAt(first).toString('hex').slice(0, 12)}… at ${new Date(fresh.timeAt(first)).toISOString()}: they would sort among leaves already signed`,
    );
  }
  const all: PendingEvent[] = [...(carried?.pending ?? [])];
  for (let index = 0; index < fresh.count; index += 1)
    all.push([fresh.timeAt(index), fresh.hashAt(index).toString('hex')]);
  all.sort(([a, x], [b, y]) => a - b || (x < y ? -1 : x > y ? 1 : 0));
  const pending: PendingEvent[] = [];
  for (const event of all) {
    if (event[0] < cutoff) range.append(leafHash(Buffer.from(event[1], 'hex')));
    else pending.push(event);
  }
  const state: TreeState = {
    format: TREE_STATE_FORMAT,
    treeSize: range.size,
    edge: range.edge.map((node) => node.toString('hex')),
    pending,
  };
  return {
    state,
    treeSize: range.size,
    rootHash: range.root().toString('hex'),
    pendingCount: pending.length,
    pendingSha256: pendingSha256(pending),
  };
};

export const REBUILT_TREE_STATE_FORMAT = 'mfa-recovery/rebuilt-tree-state@1';

/**
 * A tree state recomputed from the verified exports (`npm run audit -- rebuild-state`) for the head whose
 * digest file lost it: the hourly run takes it (invocation input `rebuiltTreeState`) only for that head,
 * and only if it folds to the head's signed root and pending list, as it checks the carried one.
 */
export interface RebuiltTreeState {
  format: typeof REBUILT_TREE_STATE_FORMAT;
  exportArn: string;
  /** SHA-256 of the head's statement (lib/audit/tree-head.ts treeHeadSha256): the head it belongs to. */
  treeHeadSha256: string;
  treeState: TreeState;
}

/** The state of a tree whose leaf hashes (RFC 9162, concatenated) and pending events are known. */
export const treeStateOfLeaves = (leafHashes: Buffer, pending: PendingEvent[]): TreeState => {
  const range = CompactRange.empty();
  for (let offset = 0; offset < leafHashes.length; offset += HASH_BYTES)
    range.append(leafHashes.subarray(offset, offset + HASH_BYTES));
  return {
    format: TREE_STATE_FORMAT,
    treeSize: range.size,
    edge: range.edge.map((node) => node.toString('hex')),
    pending,
  };
};
