// How a text is split into QR segments (ISO/IEC 18004 7.4): the fewest bits over byte, alphanumeric and
// numeric mode, found by one pass of dynamic programming per range of versions (the character count
// fields are wider from version 10 and again from 27). qrcode searches the same space with a general
// shortest-path library, which is half the time of drawing the symbol. Kanji mode is left out: an
// otpauth URI is percent-encoded ASCII.
import type { QRCodeSegment } from 'qrcode';

type Mode = 'byte' | 'alphanumeric' | 'numeric';

const MODES: readonly Mode[] = ['byte', 'alphanumeric', 'numeric'];

/** ISO/IEC 18004 table 5. */
const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

/** The versions whose character count fields have one width: 1–9, 10–26, 27–40 (table 3). */
export type VersionRange = 0 | 1 | 2;

export const versionRangeOf = (version: number): VersionRange => (version < 10 ? 0 : version < 27 ? 1 : 2);

const countBits: Record<Mode, readonly [number, number, number]> = {
  numeric: [10, 12, 14],
  alphanumeric: [9, 11, 13],
  byte: [8, 16, 16],
};

// Costs in sixths of a bit, so every mode's cost per character is whole: a digit is 10 bits in three,
// an alphanumeric character 11 in two, a byte 8.
const SIXTHS: Record<Mode, number> = { numeric: 20, alphanumeric: 33, byte: 48 };

const utf8Bytes = (codePoint: number) =>
  codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;

const fits = (mode: Mode, character: string) =>
  mode === 'byte' ||
  (mode === 'numeric' ? character >= '0' && character <= '9' : ALPHANUMERIC.includes(character));

const utf8 = new TextEncoder();

/**
 * The segments of fewest bits for symbols of the given version range. A segment costs its 4-bit mode and
 * count field, then its characters; a switch of mode rounds the segment so far up to whole bits.
 */
export const qrSegments = (text: string, range: VersionRange): QRCodeSegment[] => {
  const characters = [...text];
  const headerCost = (mode: Mode) => (4 + countBits[mode][range]) * 6;
  // For each character and each mode it may end in: the mode of that character on the cheapest path.
  const modeBefore: (Mode | undefined)[][] = [];
  let costs = MODES.map(headerCost);
  characters.forEach((character, index) => {
    const codePoint = character.codePointAt(0) as number;
    const ending: (Mode | undefined)[] = MODES.map((mode) => (fits(mode, character) ? mode : undefined));
    const next = MODES.map((mode, m) =>
      ending[m] === undefined
        ? Infinity
        : (costs[m] as number) + SIXTHS[mode] * (mode === 'byte' ? utf8Bytes(codePoint) : 1),
    );
    // Or end the segment with this character and start the next one in another mode.
    const extended = [...next];
    MODES.forEach((to, t) => {
      MODES.forEach((from, f) => {
        if (extended[f] === Infinity) return; // this character cannot end a segment of that mode
        const switched = Math.ceil((extended[f] as number) / 6) * 6 + headerCost(to);
        if (switched < (next[t] as number)) {
          next[t] = switched;
          ending[t] = from;
        }
      });
    });
    modeBefore[index] = ending;
    costs = next;
  });
  // The cheapest last mode, then each character's mode from the end back.
  let mode = MODES[costs.indexOf(Math.min(...costs))] as Mode;
  const modes: Mode[] = [];
  for (let index = characters.length - 1; index >= 0; index -= 1) {
    mode = modeBefore[index]?.[MODES.indexOf(mode)] as Mode;
    modes[index] = mode;
  }
  const segments: QRCodeSegment[] = [];
  let start = 0;
  for (let index = 1; index <= characters.length; index += 1) {
    if (index < characters.length && modes[index] === modes[start]) continue;
    const data = characters.slice(start, index).join('');
    const segmentMode = modes[start] as Mode;
    // Bytes are UTF-8, as qrcode encodes a string it is given whole.
    segments.push(
      segmentMode === 'byte' ? { mode: 'byte', data: utf8.encode(data) } : { mode: segmentMode, data },
    );
    start = index;
  }
  return segments;
};
