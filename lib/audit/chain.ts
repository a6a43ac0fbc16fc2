// The hash chain: hash = SHA-256 hex of the RFC 8785 canonical JSON of the item without `hash`;
// the first event of a subject links to 64 zeros. Pure functions, shared by writers and verifiers.
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { subjectOf, type AuditEventInput, type AuditItem } from './events';

export const GENESIS_HASH = '0'.repeat(64);

export const hashOfItem = (item: Omit<AuditItem, 'hash'> | Record<string, unknown>): string => {
  const { hash: _ignored, ...rest } = item as Record<string, unknown>;
  return createHash('sha256').update(canonicalJson(rest), 'utf8').digest('hex');
};

export interface ChainHead {
  seq: number;
  hash: string;
}

export const nextAuditItem = (
  head: ChainHead | undefined,
  input: AuditEventInput,
  at: Date,
  eventId: string,
): AuditItem => {
  const withoutHash: Omit<AuditItem, 'hash'> = {
    subject: subjectOf(input.customerId),
    seq: (head?.seq ?? 0) + 1,
    eventId,
    type: input.type,
    at: at.toISOString(),
    actorType: input.actorType,
    actorId: input.actorId,
    customerId: input.customerId,
    ...(input.caseId ? { caseId: input.caseId } : {}),
    details: input.details,
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  return { ...withoutHash, hash: hashOfItem(withoutHash) };
};

export type ChainBreak =
  | { kind: 'HASH_MISMATCH'; subject: string; seq: number; message: string }
  | { kind: 'PREV_HASH_MISMATCH'; subject: string; seq: number; message: string }
  | { kind: 'MISSING'; subject: string; seq: number; message: string }
  | { kind: 'DUPLICATE'; subject: string; seq: number; message: string }
  | { kind: 'MISSING_HASH'; subject: string; seq: number; message: string };

/**
 * Checks one subject's events, given in any order. Names each broken link: an event whose content
 * changed (its hash no longer matches), a gap (missing event), a duplicate seq (inserted event), or an
 * event whose prevHash does not point at its predecessor (reordered or inserted).
 */
export const verifySubjectChain = (subject: string, items: Record<string, unknown>[]): ChainBreak[] => {
  const breaks: ChainBreak[] = [];
  const bySeq = new Map<number, Record<string, unknown>>();
  for (const item of items) {
    const seq = Number(item.seq);
    if (bySeq.has(seq)) {
      breaks.push({ kind: 'DUPLICATE', subject, seq, message: `two events with seq ${seq}` });
      continue;
    }
    bySeq.set(seq, item);
  }
  const seqs = [...bySeq.keys()].sort((a, b) => a - b);
  const lastSeq = seqs[seqs.length - 1] ?? 0;
  // After a gap there is nothing to link to, so the next event's prevHash is not judged (the gap is).
  let linkHash: string | undefined = GENESIS_HASH;
  for (let seq = 1; seq <= lastSeq; seq += 1) {
    const item = bySeq.get(seq);
    if (!item) {
      breaks.push({ kind: 'MISSING', subject, seq, message: `event ${seq} is missing` });
      linkHash = undefined;
      continue;
    }
    const recorded = item.hash;
    const actual = hashOfItem(item);
    if (typeof recorded !== 'string') {
      breaks.push({ kind: 'MISSING_HASH', subject, seq, message: 'the item has no hash' });
    } else if (actual !== recorded) {
      breaks.push({
        kind: 'HASH_MISMATCH',
        subject,
        seq,
        message: 'content does not match its hash (changed after writing)',
      });
    }
    if (linkHash !== undefined && item.prevHash !== linkHash)
      breaks.push({
        kind: 'PREV_HASH_MISMATCH',
        subject,
        seq,
        message: `prevHash does not point at event ${seq - 1}`,
      });
    linkHash = typeof recorded === 'string' ? recorded : actual;
  }
  return breaks.sort((a, b) => a.seq - b.seq);
};
