// The mask of a QR symbol, chosen exactly as qrcode's create() chooses it (qrcode/lib/core/mask-pattern.js:
// its four penalties, its 11-module finder rule included, the first of the eight with the lowest score):
// what ISO/IEC 18004 asks, as the library the stack names reads it.
// qrcode scores each candidate through a method call and a switch per module: 0.6 ms of a 53×53 symbol's
// 0.9, for every PNG. Here a candidate is one XOR with that pattern's mask, kept per symbol size, and the
// scores are loops over a typed array.

/** qrcode's BitMatrix: row-major modules (1 dark) and which of them are function patterns or format bits. */
export interface QrModules {
  size: number;
  data: Uint8Array;
  reservedBit: Uint8Array;
}

/** ISO/IEC 18004 table 10, as qrcode's getMaskAt writes it (i the row, j the column). */
const maskConditions: readonly ((i: number, j: number) => boolean)[] = [
  (i, j) => (i + j) % 2 === 0,
  (i) => i % 2 === 0,
  (_i, j) => j % 3 === 0,
  (i, j) => (i + j) % 3 === 0,
  (i, j) => (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0,
  (i, j) => ((i * j) % 2) + ((i * j) % 3) === 0,
  (i, j) => (((i * j) % 2) + ((i * j) % 3)) % 2 === 0,
  (i, j) => (((i * j) % 3) + ((i + j) % 2)) % 2 === 0,
];

export const MASK_PATTERNS = maskConditions.length;

interface SizeLayout {
  /** Per pattern: 1 where the mask flips a module; 0 on reserved modules, which masks never touch. */
  masks: Uint8Array[];
  /** Where format bit i goes, twice (qrcode's setupFormatInfo): beside the top-left finder and split across the other two. */
  formatVertical: Int32Array;
  formatHorizontal: Int32Array;
}

// The reserved modules depend on the version alone, and the size names the version (4v + 17).
const layouts = new Map<number, SizeLayout>();

const layoutOf = ({ size, reservedBit }: QrModules): SizeLayout => {
  const known = layouts.get(size);
  if (known) return known;
  const masks = maskConditions.map((isFlipped) => {
    const mask = new Uint8Array(size * size);
    for (let row = 0; row < size; row += 1)
      for (let col = 0; col < size; col += 1)
        if (!reservedBit[row * size + col] && isFlipped(row, col)) mask[row * size + col] = 1;
    return mask;
  });
  const formatVertical = new Int32Array(15);
  const formatHorizontal = new Int32Array(15);
  for (let i = 0; i < 15; i += 1) {
    const row = i < 6 ? i : i < 8 ? i + 1 : size - 15 + i;
    formatVertical[i] = row * size + 8;
    const col = i < 8 ? size - i - 1 : i < 9 ? 15 - i : 15 - i - 1;
    formatHorizontal[i] = 8 * size + col;
  }
  const layout = { masks, formatVertical, formatHorizontal };
  layouts.set(size, layout);
  return layout;
};

/** N1's points at each module of a run, by the run's length so far: 3 at the fifth, 1 for every one after. */
const runPoints = Uint8Array.from({ length: 178 }, (_, run) => (run === 5 ? 3 : run > 5 ? 1 : 0));
/** N2's block of four modules of one color: their sum is 0 or 4. */
const sameBlock = Uint8Array.of(1, 0, 0, 0, 1);

/**
 * qrcode's getPenaltyN1 + N2 + N3 + N4 of one candidate, in one pass over rows and columns and one over
 * 2×2 blocks. A module's color is a coin toss to the CPU's branch predictor, so runs and blocks are
 * counted with arithmetic and table lookups instead of branches on it.
 */
export const maskPenalty = (modules: Uint8Array, size: number): number => {
  let points = 0;
  let dark = 0;
  for (let line = 0; line < size; line += 1) {
    let rowLast = modules[line * size] as number;
    let colLast = modules[line] as number;
    let rowRun = 0;
    let colRun = 0;
    let rowBits = 0;
    let colBits = 0;
    for (let at = 0; at < size; at += 1) {
      const inRow = modules[line * size + at] as number;
      const inCol = modules[at * size + line] as number;
      dark += inRow;
      rowRun = rowRun * (1 - (inRow ^ rowLast)) + 1;
      colRun = colRun * (1 - (inCol ^ colLast)) + 1;
      rowLast = inRow;
      colLast = inCol;
      points += (runPoints[rowRun] as number) + (runPoints[colRun] as number);
      rowBits = ((rowBits << 1) & 0x7ff) | inRow;
      colBits = ((colBits << 1) & 0x7ff) | inCol;
      if (at >= 10) {
        if (rowBits === 0x5d0 || rowBits === 0x05d) points += 40;
        if (colBits === 0x5d0 || colBits === 0x05d) points += 40;
      }
    }
  }
  let blocks = 0;
  for (let row = 0; row < size - 1; row += 1) {
    for (let col = 0; col < size - 1; col += 1) {
      const at = row * size + col;
      blocks += sameBlock[
        (modules[at] as number) +
          (modules[at + 1] as number) +
          (modules[at + size] as number) +
          (modules[at + size + 1] as number)
      ] as number;
    }
  }
  points += blocks * 3;
  const total = size * size;
  points += Math.abs(Math.ceil((dark * 100) / total / 5) - 10) * 10;
  return points;
};

/**
 * The symbol qrcode's create() would give without a mask pattern, from the one it gave with `maskPattern: 0`.
 * `formatBits(p)` is qrcode's FormatInfo.getEncodedBits for the symbol's error correction level and mask p.
 */
export const withBestMask = (
  maskedWithZero: QrModules,
  formatBits: (pattern: number) => number,
): { size: number; data: Uint8Array; maskPattern: number } => {
  const { size, data } = maskedWithZero;
  const { masks, formatVertical, formatHorizontal } = layoutOf(maskedWithZero);
  const zero = masks[0] as Uint8Array;
  const unmasked = new Uint8Array(data.length);
  for (let at = 0; at < data.length; at += 1) unmasked[at] = (data[at] as number) ^ (zero[at] as number);
  const candidateOf = (pattern: number, into: Uint8Array) => {
    const mask = masks[pattern] as Uint8Array;
    for (let at = 0; at < unmasked.length; at += 1)
      into[at] = (unmasked[at] as number) ^ (mask[at] as number);
    const bits = formatBits(pattern);
    for (let i = 0; i < 15; i += 1) {
      const bit = (bits >> i) & 1;
      into[formatVertical[i] as number] = bit;
      into[formatHorizontal[i] as number] = bit;
    }
    into[(size - 8) * size + 8] = 1; // the dark module, always dark
    return into;
  };
  const scratch = new Uint8Array(data.length);
  let bestPattern = 0;
  let lowest = Infinity;
  for (let pattern = 0; pattern < MASK_PATTERNS; pattern += 1) {
    const penalty = maskPenalty(candidateOf(pattern, scratch), size);
    if (penalty < lowest) {
      lowest = penalty;
      bestPattern = pattern;
    }
  }
  return { size, data: candidateOf(bestPattern, scratch), maskPattern: bestPattern };
};
