// The right edge of an RFC 9162 tree (its compact range, as CT logs keep it): one subtree root per set bit
// of the tree size, largest first. From it alone the next leaves can be appended and the root computed, so
// a tree of a million leaves is carried from one export to the next in at most 64 hashes.
import { EMPTY_ROOT, HASH_BYTES, nodeHash } from './tree';

const isHash = (value: Buffer) => Buffer.isBuffer(value) && value.length === HASH_BYTES;

/** The sizes of the perfect subtrees a tree of `size` leaves is made of, largest first (its set bits). */
export const subtreeSizes = (size: number): number[] => {
  const sizes: number[] = [];
  let rest = size;
  let bit = 1;
  while (bit * 2 <= rest) bit *= 2;
  for (; bit >= 1 && rest > 0; bit /= 2)
    if (rest >= bit) {
      sizes.push(bit);
      rest -= bit;
    }
  return sizes;
};

export class CompactRange {
  private constructor(
    private treeSize: number,
    /** Roots of the perfect subtrees, largest (leftmost) first; their sizes are subtreeSizes(treeSize). */
    private readonly nodes: Buffer[],
  ) {}

  static empty() {
    return new CompactRange(0, []);
  }

  /** A range as carried in a tree state; refused unless it has exactly one hash per set bit of the size. */
  static of(size: number, nodes: Buffer[]) {
    if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`not a tree size: ${size}`);
    if (!nodes.every(isHash) || nodes.length !== subtreeSizes(size).length)
      throw new RangeError(
        `a tree of ${size} leaves has ${subtreeSizes(size).length} edge hashes, not ${nodes.length}`,
      );
    return new CompactRange(
      size,
      nodes.map((node) => Buffer.from(node)),
    );
  }

  get size() {
    return this.treeSize;
  }

  get edge(): Buffer[] {
    return this.nodes.map((node) => Buffer.from(node));
  }

  /** Appends one leaf hash (MTH({d}), already domain-separated): merges equal subtrees as a binary counter carries. */
  append(leafHash: Buffer) {
    let node = leafHash;
    let size = this.treeSize;
    // Each trailing set bit of the size is a subtree of the new leaf's height: merge it in.
    while (size % 2 === 1) {
      const left = this.nodes.pop();
      if (!left) throw new Error('compact range out of step with its size');
      node = nodeHash(left, node);
      size = Math.floor(size / 2);
    }
    this.nodes.push(Buffer.from(node));
    this.treeSize += 1;
  }

  /** MTH of the tree: RFC 9162 splits at the largest power of two, so the root folds the edge from the right. */
  root(): Buffer {
    if (this.nodes.length === 0) return EMPTY_ROOT;
    let root = this.nodes[this.nodes.length - 1] as Buffer;
    for (let i = this.nodes.length - 2; i >= 0; i -= 1) root = nodeHash(this.nodes[i] as Buffer, root);
    return Buffer.from(root);
  }
}
