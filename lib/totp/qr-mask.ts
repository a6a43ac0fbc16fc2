// The mask of a QR symbol, chosen exactly as qrcode's create() chooses it (qrcode/lib/core/mask-pattern.js:
// its four penalties, its 11-module finder rule included, the first of the eight with the lowest score):
// what ISO/IEC 18004 asks, as the library the stack names reads it.
// qrcode builds and scores the eight candidates one after another, through a method call and a switch per
// module: 0.6 ms of a 53×53 symbol's 0.9, for every PNG. Here the eight are scored in one pass: a byte per
// module holds its color under each mask (bit p for pattern p), so one AND or XOR compares eight candidates,
// and each finding adds its points to the byte that names the candidates it holds for.

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
  /** Per module: bit p set where pattern p flips it; 0 on reserved modules, which masks never touch. */
  flips: Uint8Array;
  /** Where format bit i goes, twice (qrcode's setupFormatInfo): beside the top-left finder and split across the other two. */
  formatVertical: Int32Array;
  formatHorizontal: Int32Array;
}

// The reserved modules depend on the version alone, and the size names the version (4v + 17).
const layouts = new Map<number, SizeLayout>();

const layoutOf = ({ size, reservedBit }: QrModules): SizeLayout => {
  const known = layouts.get(size);
  if (known) return known;
  const flips = new Uint8Array(size * size);
  for (let row = 0; row < size; row += 1)
    for (let col = 0; col < size; col += 1) {
      if (reservedBit[row * size + col]) continue;
      let flip = 0;
      maskConditions.forEach((isFlipped, pattern) => {
        if (isFlipped(row, col)) flip |= 1 << pattern;
      });
      flips[row * size + col] = flip;
    }
  const formatVertical = new Int32Array(15);
  const formatHorizontal = new Int32Array(15);
  for (let i = 0; i < 15; i += 1) {
    const row = i < 6 ? i : i < 8 ? i + 1 : size - 15 + i;
    formatVertical[i] = row * size + 8;
    const col = i < 8 ? size - i - 1 : i < 9 ? 15 - i : 15 - i - 1;
    formatHorizontal[i] = 8 * size + col;
  }
  const layout = { flips, formatVertical, formatHorizontal };
  layouts.set(size, layout);
  return layout;
};

const ALL = 0xff;

/**
 * N1 and N3 along one line (a row: step 1; a column: step size), points added per byte of candidates.
 * N1: a run of L ≥ 5 scores L - 2 (qrcode: 3 + L - 5): one point for each window of five equal modules
 * (L - 4 of them) and two more at the run's first. N3: 40 for each 11-module window reading 10111010000
 * or 00001011101, which is the core 1011101 and four light modules after it, or before it.
 */
const scoreLine = (lanes: Uint8Array, first: number, step: number, size: number, points: Uint32Array) => {
  let previous = 0;
  let same1 = 0; // module s-1 equals s-2, as a byte of candidates; same2… likewise further back
  let same2 = 0;
  let same3 = 0;
  let same4 = 0;
  // The last seven modules (m1 the one before this), the cores that ended 1…4 modules ago, the light fours 1…7 ago.
  let m1 = 0;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  let m5 = 0;
  let m6 = 0;
  let core1 = 0;
  let core2 = 0;
  let core3 = 0;
  let core4 = 0;
  let light1 = 0;
  let light2 = 0;
  let light3 = 0;
  let light4 = 0;
  let light5 = 0;
  let light6 = 0;
  let light7 = 0;
  for (let s = 0, at = first; s < size; s += 1, at += step) {
    const module = lanes[at] as number;
    const same = s === 0 ? 0 : ~(module ^ previous) & ALL;
    const window = same & same1 & same2 & same3;
    (points[window] as number) += 1;
    (points[window & ~same4 & ALL] as number) += 2;
    same4 = same3;
    same3 = same2;
    same2 = same1;
    same1 = same;
    previous = module;
    const core = m6 & ~m5 & m4 & m3 & m2 & ~m1 & module & ALL;
    const light = ~(m3 | m2 | m1 | module) & ALL;
    if (s >= 10) (points[((core4 & light) | (light7 & core)) & ALL] as number) += 40;
    m6 = m5;
    m5 = m4;
    m4 = m3;
    m3 = m2;
    m2 = m1;
    m1 = module;
    core4 = core3;
    core3 = core2;
    core2 = core1;
    core1 = core;
    light7 = light6;
    light6 = light5;
    light5 = light4;
    light4 = light3;
    light3 = light2;
    light2 = light1;
    light1 = light;
  }
};

/**
 * qrcode's getPenaltyN1 + N2 + N3 + N4 of each of the eight candidates in `lanes` (bit p of a module's byte:
 * its color under pattern p).
 */
export const maskPenalties = (lanes: Uint8Array, size: number): number[] => {
  const points = new Uint32Array(256);
  const darkBytes = new Uint32Array(256);
  for (let line = 0; line < size; line += 1) {
    scoreLine(lanes, line * size, 1, size, points);
    scoreLine(lanes, line, size, size, points);
  }
  for (let row = 0; row < size - 1; row += 1)
    for (let col = 0; col < size - 1; col += 1) {
      const at = row * size + col;
      const corner = lanes[at] as number;
      const differs =
        (corner ^ (lanes[at + 1] as number)) |
        (corner ^ (lanes[at + size] as number)) |
        (corner ^ (lanes[at + size + 1] as number));
      (points[~differs & ALL] as number) += 3;
    }
  for (let at = 0; at < lanes.length; at += 1) (darkBytes[lanes[at] as number] as number) += 1;
  const total = size * size;
  return Array.from({ length: MASK_PATTERNS }, (_, pattern) => {
    let score = 0;
    let dark = 0;
    for (let byte = 1; byte < 256; byte += 1)
      if ((byte >> pattern) & 1) {
        score += points[byte] as number;
        dark += darkBytes[byte] as number;
      }
    return score + Math.abs(Math.ceil((dark * 100) / total / 5) - 10) * 10;
  });
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
  const { flips, formatVertical, formatHorizontal } = layoutOf(maskedWithZero);
  // Each module under all eight masks: unmasked (mask 0 undone), then flipped where each pattern flips it.
  const lanes = new Uint8Array(data.length);
  for (let at = 0; at < data.length; at += 1) {
    const flip = flips[at] as number;
    lanes[at] = (-((data[at] as number) ^ (flip & 1)) & ALL) ^ flip;
  }
  const formats = Array.from({ length: MASK_PATTERNS }, (_, pattern) => formatBits(pattern));
  for (let i = 0; i < 15; i += 1) {
    let byte = 0;
    formats.forEach((bits, pattern) => {
      byte |= ((bits >> i) & 1) << pattern;
    });
    lanes[formatVertical[i] as number] = byte;
    lanes[formatHorizontal[i] as number] = byte;
  }
  lanes[(size - 8) * size + 8] = ALL; // the dark module, always dark
  const penalties = maskPenalties(lanes, size);
  const maskPattern = penalties.indexOf(Math.min(...penalties));
  const chosen = new Uint8Array(data.length);
  for (let at = 0; at < data.length; at += 1) chosen[at] = ((lanes[at] as number) >> maskPattern) & 1;
  return { size, data: chosen, maskPattern };
};
