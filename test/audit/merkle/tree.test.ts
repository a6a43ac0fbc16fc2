// The Merkle tree of the audit trail agrees with RFC 9162 / RFC 6962: the Certificate Transparency test
// vectors (transparency-dev/merkle's testonly constants, data only), and a second implementation written
// here straight from the RFC's recursive definitions, over every size up to 70.
import { createHash } from 'node:crypto';
import {
  consistencyProof,
  EMPTY_ROOT,
  inclusionProof,
  leafHash,
  MerkleLevels,
  nodeHash,
  subtreeRoot,
  verifyConsistency,
  verifyInclusion,
} from '../../../lib/audit/merkle/tree';

const hex = (buffer: Buffer) => buffer.toString('hex');
const unhex = (text: string) => Buffer.from(text, 'hex');

const ENTRIES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(unhex);
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const INCLUSION = [
  {
    index: 0,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];
const CONSISTENCY = [
  {
    first: 2,
    second: 8,
    proof: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    first: 6,
    second: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    first: 2,
    second: 5,
    proof: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];

const joined = (hashes: Buffer[]) => Buffer.concat(hashes);
const CT_LEAVES = joined(ENTRIES.map((entry) => leafHash(entry)));

// RFC 9162 §2.1.1 literally: MTH(D[n]) = HASH(0x01 || MTH(D[0:k]) || MTH(D[k:n])), k the largest power of two < n.
const referenceRoot = (leaves: Buffer[]): Buffer => {
  if (leaves.length === 0) return createHash('sha256').digest();
  if (leaves.length === 1) return leaves[0] as Buffer;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return createHash('sha256')
    .update(Buffer.from([1]))
    .update(referenceRoot(leaves.slice(0, k)))
    .update(referenceRoot(leaves.slice(k)))
    .digest();
};

const many = Array.from({ length: 70 }, (_, i) => leafHash(Buffer.from(`event ${i}`)));

describe('the audit Merkle tree (RFC 9162 §2.1)', () => {
  it('gives the Certificate Transparency reference root for every size 0..8', () => {
    expect(hex(EMPTY_ROOT)).toBe(ROOTS[0]);
    for (let n = 0; n <= 8; n += 1) expect(hex(subtreeRoot(CT_LEAVES, 0, n))).toBe(ROOTS[n]);
  });

  it('hashes leaves with 0x00 and nodes with 0x01 in front', () => {
    expect(hex(leafHash(Buffer.alloc(0)))).toBe(ROOTS[1]);
    expect(hex(nodeHash(leafHash(ENTRIES[0] as Buffer), leafHash(ENTRIES[1] as Buffer)))).toBe(ROOTS[2]);
  });

  it('gives the reference inclusion and consistency proofs, and they verify', () => {
    for (const vector of INCLUSION) {
      expect(inclusionProof(CT_LEAVES, vector.index, vector.size).map(hex)).toEqual(vector.proof);
      expect(
        verifyInclusion(
          leafHash(ENTRIES[vector.index] as Buffer),
          vector.index,
          vector.size,
          vector.proof.map(unhex),
          unhex(ROOTS[vector.size] as string),
        ),
      ).toBe(true);
    }
    for (const vector of CONSISTENCY) {
      expect(consistencyProof(CT_LEAVES, vector.first, vector.second).map(hex)).toEqual(vector.proof);
      expect(
        verifyConsistency(
          vector.first,
          vector.second,
          unhex(ROOTS[vector.first] as string),
          unhex(ROOTS[vector.second] as string),
          vector.proof.map(unhex),
        ),
      ).toBe(true);
    }
  });

  it('agrees with the RFC’s recursive definition on every size up to 70', () => {
    for (let n = 0; n <= many.length; n += 1)
      expect(hex(subtreeRoot(joined(many), 0, n))).toBe(hex(referenceRoot(many.slice(0, n))));
  });

  it('proves every leaf of every tree up to 70, and refuses a wrong leaf, index or path', () => {
    const leaves = joined(many);
    for (let n = 1; n <= many.length; n += 1) {
      const root = subtreeRoot(leaves, 0, n);
      for (let i = 0; i < n; i += 1) {
        const proof = inclusionProof(leaves, i, n);
        const leaf = many[i] as Buffer;
        expect(verifyInclusion(leaf, i, n, proof, root)).toBe(true);
        expect(verifyInclusion(many[(i + 1) % many.length] as Buffer, i, n, proof, root)).toBe(false);
        if (n > 1) {
          expect(verifyInclusion(leaf, (i + 1) % n, n, proof, root)).toBe(false);
          expect(verifyInclusion(leaf, i, n, proof.slice(0, -1), root)).toBe(false);
          const flipped = proof.map((node, at) =>
            at === 0 ? Buffer.from(node.map((byte, b) => (b === 3 ? byte ^ 1 : byte))) : node,
          );
          expect(verifyInclusion(leaf, i, n, flipped, root)).toBe(false);
        }
        expect(verifyInclusion(leaf, i, n, [...proof, EMPTY_ROOT], root)).toBe(false);
      }
    }
  });

  it('reads the same audit paths from its kept levels as the RFC’s recursion computes', () => {
    for (let n = 0; n <= many.length; n += 1) {
      const leaves = joined(many.slice(0, n));
      const levels = new MerkleLevels(leaves);
      expect(hex(levels.root())).toBe(hex(subtreeRoot(leaves)));
      for (let i = 0; i < n; i += 1)
        expect(levels.inclusionProof(i).map(hex)).toEqual(inclusionProof(leaves, i).map(hex));
    }
  });

  it('proves every earlier tree consistent with every later one up to 70, and no altered history', () => {
    const leaves = joined(many);
    const altered = joined(many.map((leaf, i) => (i === 3 ? leafHash(Buffer.from('rewritten')) : leaf)));
    for (let second = 1; second <= many.length; second += 1) {
      const secondRoot = subtreeRoot(leaves, 0, second);
      for (let first = 0; first <= second; first += 1) {
        const firstRoot = subtreeRoot(leaves, 0, first);
        const proof = consistencyProof(leaves, first, second);
        expect(verifyConsistency(first, second, firstRoot, secondRoot, proof)).toBe(true);
        // The same sizes over a history whose fourth leaf was rewritten: no proof joins them.
        if (first > 3) {
          const forgedProof = consistencyProof(altered, first, second);
          const forgedRoot = subtreeRoot(altered, 0, second);
          expect(verifyConsistency(first, second, firstRoot, forgedRoot, forgedProof)).toBe(false);
        }
        if (proof.length > 0) {
          expect(verifyConsistency(first, second, firstRoot, secondRoot, proof.slice(0, -1))).toBe(false);
          expect(verifyConsistency(first, second, firstRoot, secondRoot, [...proof, EMPTY_ROOT])).toBe(false);
        }
      }
    }
  });

  it('refuses a later tree that is smaller, and sizes that are no tree', () => {
    const leaves = joined(many);
    expect(() => consistencyProof(leaves, 9, 8)).toThrow(RangeError);
    expect(() => inclusionProof(leaves, 8, 8)).toThrow(RangeError);
    expect(verifyConsistency(9, 8, subtreeRoot(leaves, 0, 9), subtreeRoot(leaves, 0, 8), [])).toBe(false);
    expect(verifyInclusion(many[0] as Buffer, -1, 8, [], subtreeRoot(leaves, 0, 8))).toBe(false);
  });
});
