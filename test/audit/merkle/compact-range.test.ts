// The right edge carried from head to head must make exactly the tree RFC 9162 defines over all leaves.
import { createHash } from 'node:crypto';
import { CompactRange, subtreeSizes } from '../../../lib/audit/merkle/compact-range';
import { leafHash, subtreeRoot } from '../../../lib/audit/merkle/tree';

const leaf = (i: number) => leafHash(createHash('sha256').update(`event ${i}`).digest());

describe('the compact range', () => {
  it('gives the RFC 9162 root for every size up to 70, also when carried (rebuilt from its edge) halfway', () => {
    const leaves: Buffer[] = [];
    let range = CompactRange.empty();
    for (let n = 0; n <= 70; n += 1) {
      expect(range.size).toBe(n);
      expect(range.root()).toEqual(subtreeRoot(Buffer.concat(leaves)));
      expect(range.edge).toHaveLength(subtreeSizes(n).length);
      // What the next head does: start from the stored edge, not the leaves.
      range = CompactRange.of(range.size, range.edge);
      leaves.push(leaf(n));
      range.append(leaf(n));
    }
  });

  it('refuses an edge that does not fit its size', () => {
    const range = CompactRange.empty();
    for (let i = 0; i < 5; i += 1) range.append(leaf(i));
    expect(() => CompactRange.of(5, range.edge.slice(1))).toThrow(
      /a tree of 5 leaves has 2 edge hashes, not 1/,
    );
    // Sizes 5 and 6 both have two edge hashes, and the root folds the same hashes: the root alone does not
    // bind the size, which is why a carried state is also held to the head's signed treeSize.
    expect(CompactRange.of(6, range.edge).root()).toEqual(range.root());
    expect(() => CompactRange.of(-1, [])).toThrow(/not a tree size/);
  });
});
