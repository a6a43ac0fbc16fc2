// Our RFC 8785 canonical JSON agrees with the RFC author's `canonicalize` package, byte for byte, on
// generated audit-like items: 1,000,000 under `npm run test:load`, 20,000 in `npm test`. The items
// are built to hit what implementations get wrong: key order by UTF-16 code units (astral keys sort
// before U+E000–U+FFFF ones), escapes (controls, quotes, U+2028), and numbers over the whole double range.
import canonicalize from 'canonicalize';
import { canonicalJson } from '../../lib/audit/canonical-json';
import { scaled } from './scale';

/** mulberry32: the same items every run, so a disagreement can be reproduced from its index. */
const seeded = (seed: number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const pieces = [
  'a',
  'Z',
  '0',
  ' ',
  '"',
  '\\',
  '/',
  '\b',
  '\f',
  '\n',
  '\r',
  '\t',
  '\u0000',
  '\u001f',
  '\u007f',
  '\u0080',
  'é',
  'ß',
  '€',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\ufb33',
  '\uffff',
  '\ue000',
  '😀',
  '\ud800\udc00',
  '\udbff\udfff',
  '𝄞',
  'ﬀ',
  '日本',
  'Ω',
  'customer#',
  '-',
  '.',
];

const makeGenerator = (random: () => number) => {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  const text = (maxPieces: number) => {
    let result = '';
    const length = Math.floor(random() * maxPieces);
    for (let index = 0; index < length; index += 1) result += pick(pieces);
    return result;
  };
  const bits = new DataView(new ArrayBuffer(8));
  const number = () => {
    const kind = random();
    if (kind < 0.3) return Math.floor(random() * 2 ** 32) - 2 ** 31;
    if (kind < 0.5) return Math.round(random() * 1e6) / 100;
    for (;;) {
      bits.setUint32(0, Math.floor(random() * 2 ** 32));
      bits.setUint32(4, Math.floor(random() * 2 ** 32));
      const value = bits.getFloat64(0);
      if (Number.isFinite(value)) return value;
    }
  };
  const value = (depth: number): unknown => {
    const kind = random();
    if (depth < 3 && kind < 0.15)
      return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
    if (depth < 3 && kind < 0.3) return map(depth + 1, 4);
    if (kind < 0.65) return text(8);
    if (kind < 0.9) return number();
    if (kind < 0.95) return random() < 0.5;
    return null;
  };
  const map = (depth: number, maxKeys: number) => {
    const result: Record<string, unknown> = {};
    const keys = Math.floor(random() * maxKeys);
    for (let index = 0; index < keys; index += 1) result[text(4)] = value(depth);
    return result;
  };
  return () => ({
    subject: `customer#${text(3)}`,
    seq: Math.floor(random() * 1e6) + 1,
    eventId: text(6),
    type: pick(['TWO_FA_DISABLED', 'VERIFICATION_COMPLETED', 'RESET_EMAIL_SENT']),
    at: new Date(Math.floor(random() * 4e12)).toISOString(),
    actorType: pick(['agent', 'admin', 'customer', 'service', 'system']),
    actorId: text(5),
    customerId: text(5),
    details: map(1, 6),
    prevHash: '0'.repeat(64),
  });
};

describe('our canonical JSON and the canonicalize package', () => {
  const count = scaled(20_000, 1_000_000);

  it(`agree byte for byte on ${count.toLocaleString('en')} generated audit items`, () => {
    const next = makeGenerator(seeded(8785));
    let disagreements = 0;
    let first: { index: number; ours: string; theirs: string } | undefined;
    for (let index = 0; index < count; index += 1) {
      const item = next();
      const ours = canonicalJson(item);
      const theirs = canonicalize(item) as string;
      if (ours !== theirs) {
        disagreements += 1;
        first ??= { index, ours, theirs };
      }
    }
    expect(first).toBeUndefined();
    expect(disagreements).toBe(0);
  }, 900_000);
});
