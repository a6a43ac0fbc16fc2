// The audit tree at size: a tree over every event (short: 20,000; `npm run test:load`: 1,000,000), 1,000
// random events proven and checked offline the way an auditor checks one disputed reset, an altered
// event refused; and a data line longer than any string Node can hold reported, not crashed on.
import { generateKeyPairSync } from 'node:crypto';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { nextAuditItem, type ChainHead } from '../../lib/audit/chain';
import { privateKeyDigestSigner } from '../../lib/audit/digest';
import type { AuditItem } from '../../lib/audit/events';
import { scanExportLines, type ExportLine } from '../../lib/audit/export-lines';
import { HASH_BYTES, MerkleLevels } from '../../lib/audit/merkle/tree';
import { LEAF_ORDER, signTreeHead, TREE_HEAD_FORMAT, TreeLeaves, treeOf } from '../../lib/audit/tree-head';
import { checkProof, PROOF_FORMAT } from '../../auditor/tree-commands';
import { fullRun, scaled, shuffled } from './scale';

const EVENTS = scaled(20_000, 1_000_000);

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();

describe(`the audit tree over ${EVENTS.toLocaleString('en')} events`, () => {
  let events: AuditItem[];
  let leafHashes: Buffer;
  let levels: MerkleLevels;
  let head: Awaited<ReturnType<typeof signTreeHead>>;
  const start = Date.parse('2026-01-01T00:00:00Z');

  beforeAll(async () => {
    const heads = new Map<number, ChainHead>();
    events = [];
    for (let i = 0; i < EVENTS; i += 1) {
      const subject = i % 997;
      const at = new Date(start + i * 10);
      const item = nextAuditItem(
        heads.get(subject),
        {
          type: 'VERIFY_FAILED',
          actorType: 'service',
          actorId: 'login-service',
          customerId: `c${subject}`,
          details: { failures: i % 5 },
        },
        at,
        `event-${i}`,
      );
      heads.set(subject, item);
      events.push(item);
    }
    const leaves = new TreeLeaves();
    const started = process.hrtime.bigint();
    // The export lists events in any order (by partition); the tree orders them.
    for (const event of shuffled(events)) leaves.add(event.at, event.hash);
    const leavesBefore = new Date(start + EVENTS * 10).toISOString();
    const tree = treeOf(leaves, leavesBefore);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    process.stdout.write(
      `tree over ${EVENTS} events: ${ms.toFixed(0)} ms (${Math.round((EVENTS * 1000) / ms)} events/s), leaves ${(tree.leafHashes.length / 2 ** 20).toFixed(1)} MB\n`,
    );
    leafHashes = tree.leafHashes;
    levels = new MerkleLevels(leafHashes);
    head = await signTreeHead(
      {
        format: TREE_HEAD_FORMAT,
        tableArn: 'arn:aws:dynamodb:eu-west-1:000000000000:table/AuditEvents',
        exportArn: 'arn:aws:dynamodb:eu-west-1:000000000000:table/AuditEvents/export/1',
        asOf: leavesBefore,
        leavesBefore,
        leafOrder: LEAF_ORDER,
        treeSize: tree.treeSize,
        rootHash: tree.rootHash,
        previousHeadSha256: null,
        digestSha256: '0'.repeat(64),
      },
      privateKeyDigestSigner(() => privatePem),
    );
  }, 900_000);

  const proofOf = (index: number) => ({
    format: PROOF_FORMAT,
    event: events[index] as unknown as Record<string, unknown>,
    leafIndex: index,
    treeSize: head.statement.treeSize,
    auditPath: levels.inclusionProof(index).map((node) => node.toString('hex')),
    treeHead: head,
  });

  it('proves 1,000 random events, each checked offline in milliseconds', () => {
    expect(leafHashes.length / HASH_BYTES).toBe(EVENTS);
    // Events were written 10 ms apart, so the tree's order is the order they were written in.
    const picks = shuffled(Array.from({ length: EVENTS }, (_, i) => i)).slice(0, 1000);
    let checkMs = 0;
    let bytes = 0;
    for (const index of picks) {
      const proof = proofOf(index);
      const text = JSON.stringify(proof);
      bytes += text.length;
      const started = process.hrtime.bigint();
      const result = checkProof(JSON.parse(text), [publicPem]);
      checkMs += Number(process.hrtime.bigint() - started) / 1e6;
      expect(result).toEqual({ ok: true, problems: [] });
    }
    process.stdout.write(
      `inclusion proof: ${proofOf(0).auditPath.length} hashes, ${Math.round(bytes / 1000)} bytes as JSON on average, checked in ${(checkMs / 1000).toFixed(2)} ms on average\n`,
    );
  });

  it('refuses a proof whose event was altered, and one moved to another leaf', () => {
    const proof = proofOf(7);
    const altered = { ...proof, event: { ...proof.event, details: { failures: 0 } } };
    expect(checkProof(altered, [publicPem]).ok).toBe(false);
    expect(checkProof({ ...proof, leafIndex: 8 }, [publicPem]).ok).toBe(false);
  });
});

describe('a data line longer than Node can hold as a string', () => {
  it(`is reported as LINE_INVALID material, not a crash (${fullRun ? '700 MB' : '12 MB'})`, async () => {
    const lineBytes = fullRun ? 700 * 2 ** 20 : 12 * 2 ** 20;
    const chunk = Buffer.alloc(2 ** 20, 0x61);
    async function* text() {
      yield Buffer.from('{"Item":{"subject":{"S":"');
      for (let written = 0; written < lineBytes; written += chunk.length) yield chunk;
      yield Buffer.from('"}}}\n{"Item":{"subject":{"S":"customer#anna"},"seq":{"N":"1"}}}\n');
    }
    const seen: ExportLine[] = [];
    await scanExportLines(Readable.from(text()).pipe(createGzip({ level: 1 })), (line) => {
      seen.push(line);
    });
    expect(seen).toHaveLength(2);
    expect(seen[0]).toMatchObject({
      line: 1,
      problem: expect.stringMatching(/^the line is \d+ bytes, over the/),
    });
    expect(seen[1]).toMatchObject({ line: 2, item: { subject: 'customer#anna', seq: 1 } });
  }, 900_000);
});
