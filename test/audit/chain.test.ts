// The audit chain as an auditor re-checks it: RFC 8785 canonical JSON, SHA-256, prevHash links.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../lib/audit/canonical-json';
import { GENESIS_HASH, hashOfItem, nextAuditItem, verifySubjectChain } from '../../lib/audit/chain';
import type { AuditItem } from '../../lib/audit/events';

describe('RFC 8785 canonical JSON', () => {
  it('matches the RFC 8785 section 3.2.2 example byte for byte', () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    );
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts keys by UTF-16 code units, as RFC 8785 section 3.2.3 shows', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    const keys = Object.keys(JSON.parse(canonicalJson(input)) as object);
    // JSON.parse reorders integer-like keys; compare on the serialized order instead.
    expect(keys).toContain('1');
    const serialized = canonicalJson(input);
    const order = ['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'].map((key) =>
      serialized.indexOf(JSON.stringify(key)),
    );
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('refuses values JSON cannot carry', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow();
    expect(() => canonicalJson({ d: () => 1 })).toThrow();
  });
});

const chainOf = (count: number): AuditItem[] => {
  const items: AuditItem[] = [];
  for (let index = 0; index < count; index += 1) {
    items.push(
      nextAuditItem(
        items[index - 1],
        {
          type: 'VERIFICATION_CHECK_RECORDED',
          actorType: 'agent',
          actorId: 'agent-1',
          customerId: 'c-1',
          details: { check: 'EMAIL', result: 'MATCH', index },
        },
        new Date(Date.UTC(2026, 10, 25, 10, 0, index)),
        `01JEVENT${String(index).padStart(18, '0')}`,
      ),
    );
  }
  return items;
};

describe('the hash chain', () => {
  it('starts at 64 zeros and hashes the canonical JSON of the item without its hash', () => {
    const [first, second] = chainOf(2);
    expect(first?.prevHash).toBe(GENESIS_HASH);
    expect(first?.seq).toBe(1);
    const { hash, ...rest } = first as AuditItem;
    expect(hash).toBe(createHash('sha256').update(canonicalJson(rest)).digest('hex'));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(second?.prevHash).toBe(hash);
    expect(hashOfItem(second as AuditItem)).toBe(second?.hash);
  });

  it('verifies an untouched chain clean, in any order it is read', () => {
    const items = chainOf(5);
    expect(verifySubjectChain('customer#c-1', [...items].reverse() as never)).toEqual([]);
  });

  it('names a changed event by its seq', () => {
    const items = chainOf(4) as unknown as Record<string, unknown>[];
    (items[2] as { details: Record<string, unknown> }).details = {
      check: 'EMAIL',
      result: 'MISMATCH',
      index: 2,
    };
    expect(verifySubjectChain('customer#c-1', items)).toEqual([
      expect.objectContaining({ kind: 'HASH_MISMATCH', seq: 3 }),
    ]);
  });

  it('names a missing event', () => {
    const items = chainOf(4).filter((item) => item.seq !== 2);
    expect(verifySubjectChain('customer#c-1', items as never)).toEqual([
      expect.objectContaining({ kind: 'MISSING', seq: 2 }),
    ]);
  });

  it('names an inserted event that duplicates a seq, and one re-hashed to fit that breaks the next link', () => {
    const items = chainOf(3) as unknown as Record<string, unknown>[];
    const forged = { ...items[1], details: { forged: true } };
    expect(verifySubjectChain('customer#c-1', [...items, forged]).map((b) => b.kind)).toContain('DUPLICATE');
    const rehashed = { ...(items[1] as object), details: { forged: true } } as Record<string, unknown>;
    rehashed.hash = hashOfItem(rehashed);
    const broken = verifySubjectChain('customer#c-1', [items[0] as never, rehashed, items[2] as never]);
    expect(broken).toEqual([expect.objectContaining({ kind: 'PREV_HASH_MISMATCH', seq: 3 })]);
  });

  it('names reordered events (seq swapped) and an item without a hash', () => {
    const items = chainOf(3).map((item) => ({ ...item })) as unknown as Record<string, unknown>[];
    const [a, b] = [items[0] as Record<string, unknown>, items[1] as Record<string, unknown>];
    [a.seq, b.seq] = [b.seq, a.seq];
    const kinds = verifySubjectChain('customer#c-1', items).map((item) => `${item.kind}@${item.seq}`);
    expect(kinds).toEqual(expect.arrayContaining(['HASH_MISMATCH@1', 'HASH_MISMATCH@2']));
    const withoutHash = chainOf(2).map((item) => ({ ...item })) as unknown as Record<string, unknown>[];
    delete (withoutHash[1] as Record<string, unknown>).hash;
    expect(verifySubjectChain('customer#c-1', withoutHash)).toEqual([
      expect.objectContaining({ kind: 'MISSING_HASH', seq: 2 }),
    ]);
  });
});
