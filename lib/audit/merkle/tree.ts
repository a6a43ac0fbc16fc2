// RFC 9162 (Certificate Transparency v2) §2.1 Merkle trees over SHA-256: domain-separated leaf and node
// hashes, the split at the largest power of two below n, inclusion and consistency proofs and their
// verification (§2.1.3, §2.1.4). Pure; leaf hashes are kept as one Buffer of n × 32 bytes, so a tree of
// a million leaves is 32 MB and no million small objects.
import { createHash } from 'node:crypto';

export const HASH_BYTES = 32;

const sha256 = (...parts: Buffer[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** MTH({}) = SHA-256 of the empty string. */
export const EMPTY_ROOT = sha256();

/** MTH({d}) = SHA-256(0x00 || d). */
export const leafHash = (leaf: Buffer) => sha256(LEAF_PREFIX, leaf);

/** SHA-256(0x01 || left || right). */
export const nodeHash = (left: Buffer, right: Buffer) => sha256(NODE_PREFIX, left, right);

/** The largest power of two smaller than n (n > 1): where RFC 9162 splits a tree of n leaves. */
export const splitPoint = (n: number) => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

const leafCount = (leafHashes: Buffer) => leafHashes.length / HASH_BYTES;
const leafAt = (leafHashes: Buffer, index: number) =>
  leafHashes.subarray(index * HASH_BYTES, (index + 1) * HASH_BYTES);

/**
 * MTH of leaves [start, end). Pairing bottom-up and carrying an odd last node up unchanged gives the
 * same tree as RFC 9162's recursive split, without recursion or more than one level in memory.
 */
export const subtreeRoot = (leafHashes: Buffer, start = 0, end = leafCount(leafHashes)): Buffer => {
  const n = end - start;
  if (n <= 0) return EMPTY_ROOT;
  if (n === 1) return Buffer.from(leafAt(leafHashes, start));
  let level = leafHashes.subarray(start * HASH_BYTES, end * HASH_BYTES);
  let width = n;
  while (width > 1) {
    const next = Buffer.allocUnsafe(Math.ceil(width / 2) * HASH_BYTES);
    for (let i = 0; i + 1 < width; i += 2)
      nodeHash(leafAt(level, i), leafAt(level, i + 1)).copy(next, (i / 2) * HASH_BYTES);
    if (width % 2 === 1) leafAt(level, width - 1).copy(next, ((width - 1) / 2) * HASH_BYTES);
    level = next;
    width = Math.ceil(width / 2);
  }
  return Buffer.from(level);
};

/** PATH(m, D[start:end]) of RFC 9162 §2.1.3.1: the audit path of leaf `index` in a tree of `size` leaves. */
export const inclusionProof = (leafHashes: Buffer, index: number, size = leafCount(leafHashes)): Buffer[] => {
  if (!Number.isInteger(index) || index < 0 || index >= size || size > leafCount(leafHashes))
    throw new RangeError(`no leaf ${index} in a tree of ${size}`);
  const path = (m: number, start: number, end: number): Buffer[] => {
    const n = end - start;
    if (n === 1) return [];
    const k = splitPoint(n);
    return m < k
      ? [...path(m, start, start + k), subtreeRoot(leafHashes, start + k, end)]
      : [...path(m - k, start + k, end), subtreeRoot(leafHashes, start, start + k)];
  };
  return path(index, 0, size);
};

/** PROOF(m, D[n]) of RFC 9162 §2.1.4.1: that the first `first` leaves are the tree of size `first`. */
export const consistencyProof = (
  leafHashes: Buffer,
  first: number,
  second = leafCount(leafHashes),
): Buffer[] => {
  if (!Number.isInteger(first) || first < 0 || first > second || second > leafCount(leafHashes))
    throw new RangeError(`no consistency proof from ${first} to ${second}`);
  if (first === 0 || first === second) return [];
  const subproof = (m: number, start: number, end: number, whole: boolean): Buffer[] => {
    const n = end - start;
    if (m === n) return whole ? [] : [subtreeRoot(leafHashes, start, end)];
    const k = splitPoint(n);
    return m <= k
      ? [...subproof(m, start, start + k, whole), subtreeRoot(leafHashes, start + k, end)]
      : [...subproof(m - k, start + k, end, false), subtreeRoot(leafHashes, start, start + k)];
  };
  return subproof(first, 0, second, true);
};

// Tree sizes may pass 2^31, where JavaScript's bit operators stop working: halve with arithmetic.
const isOdd = (value: number) => value % 2 === 1;
const half = (value: number) => Math.floor(value / 2);
const isPowerOfTwo = (value: number) => {
  let v = value;
  while (v > 1 && v % 2 === 0) v /= 2;
  return v === 1;
};
const isHash = (value: Buffer) => Buffer.isBuffer(value) && value.length === HASH_BYTES;

/** RFC 9162 §2.1.3.2: does `proof` lead from the leaf hash at `index` to `root` of a tree of `size`? */
export const verifyInclusion = (
  leaf: Buffer,
  index: number,
  size: number,
  proof: Buffer[],
  root: Buffer,
): boolean => {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  if (!isHash(leaf) || !isHash(root) || !Array.isArray(proof) || !proof.every(isHash)) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!isOdd(fn))
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && r.equals(root);
};

/** RFC 9162 §2.1.4.2: is the tree (`second`, `secondRoot`) an append-only extension of (`first`, `firstRoot`)? */
export const verifyConsistency = (
  first: number,
  second: number,
  firstRoot: Buffer,
  secondRoot: Buffer,
  proof: Buffer[],
): boolean => {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 0 || first > second)
    return false;
  if (!isHash(firstRoot) || !isHash(secondRoot) || !Array.isArray(proof) || !proof.every(isHash))
    return false;
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  // Every tree extends the empty one; its root is fixed, so only that is checked.
  if (first === 0) return proof.length === 0 && firstRoot.equals(EMPTY_ROOT);
  if (proof.length === 0) return false;
  // When the first tree is a complete subtree of the second, its root is the proof's first node.
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : proof;
  let fn = first - 1;
  let sn = second - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  const [start, ...rest] = path;
  if (!start) return false;
  let fr = start;
  let sr = start;
  for (const c of rest) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!isOdd(fn))
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
};

/**
 * Every level of the tree kept (2n hashes), for many proofs of one tree: each audit path is then read,
 * not recomputed. A node with no sibling at its level is carried up unchanged, exactly where RFC 9162's
 * split leaves a right subtree of another height, so the siblings read bottom-up are PATH(m, D[n]).
 */
export class MerkleLevels {
  private readonly levels: Buffer[] = [];

  constructor(leafHashes: Buffer) {
    let level = leafHashes;
    this.levels.push(level);
    for (let width = leafCount(level); width > 1; width = Math.ceil(width / 2)) {
      const next = Buffer.allocUnsafe(Math.ceil(width / 2) * HASH_BYTES);
      for (let i = 0; i + 1 < width; i += 2)
        nodeHash(leafAt(level, i), leafAt(level, i + 1)).copy(next, (i / 2) * HASH_BYTES);
      if (width % 2 === 1) leafAt(level, width - 1).copy(next, ((width - 1) / 2) * HASH_BYTES);
      this.levels.push(next);
      level = next;
    }
  }

  get size() {
    return leafCount(this.levels[0] ?? Buffer.alloc(0));
  }

  root(): Buffer {
    const top = this.levels[this.levels.length - 1];
    return this.size === 0 || !top ? EMPTY_ROOT : Buffer.from(leafAt(top, 0));
  }

  inclusionProof(index: number): Buffer[] {
    if (!Number.isInteger(index) || index < 0 || index >= this.size)
      throw new RangeError(`no leaf ${index} in a tree of ${this.size}`);
    const path: Buffer[] = [];
    let position = index;
    for (const level of this.levels.slice(0, -1)) {
      const sibling = position % 2 === 1 ? position - 1 : position + 1;
      if (sibling < leafCount(level)) path.push(Buffer.from(leafAt(level, sibling)));
      position = Math.floor(position / 2);
    }
    return path;
  }
}
