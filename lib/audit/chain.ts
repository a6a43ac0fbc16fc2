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

/** Where an event was read from, so a break can be found again: the data file and its line. */
export interface ChainSource {
  file: string;
  line: number;
}

export type ChainBreakKind =
  'HASH_MISMATCH' | 'PREV_HASH_MISMATCH' | 'MISSING' | 'DUPLICATE' | 'MISSING_HASH';

export interface ChainBreak {
  kind: ChainBreakKind;
  subject: string;
  seq: number;
  message: string;
  source?: ChainSource;
}

/**
 * What the link check needs of one event, once its own hash has been re-computed: verifiers that
 * stream millions of events keep only this, not the events.
 */
export interface ChainLink {
  seq: number;
  /** The recorded hash, or, when the item has none, the re-computed one (so the next link can be judged). */
  hash: string;
  hasRecordedHash: boolean;
  /** The re-computed hash equals the recorded one. */
  contentMatches: boolean;
  prevHash: unknown;
  source?: ChainSource;
}

export const chainLinkOf = (item: Record<string, unknown>, source?: ChainSource): ChainLink => {
  const actual = hashOfItem(item);
  const recorded = item.hash;
  const hasRecordedHash = typeof recorded === 'string';
  return {
    seq: Number(item.seq),
    hash: hasRecordedHash ? recorded : actual,
    hasRecordedHash,
    contentMatches: hasRecordedHash && recorded === actual,
    prevHash: item.prevHash,
    ...(source ? { source } : {}),
  };
};

const withSource = (breakInfo: Omit<ChainBreak, 'source'>, source: ChainSource | undefined): ChainBreak =>
  source ? { ...breakInfo, source } : breakInfo;

/**
 * Checks one subject's links, given in any order. Names each broken link: an event whose content
 * changed (its hash no longer matches), a gap (missing event), a duplicate seq (inserted event), or an
 * event whose prevHash does not point at its predecessor (reordered or inserted).
 */
export const verifySubjectLinks = (subject: string, links: ChainLink[]): ChainBreak[] => {
  const breaks: ChainBreak[] = [];
  // Of two events claiming one seq, the one whose content matches its hash is taken as the original.
  const ordered = [...links].sort(
    (a, b) => a.seq - b.seq || Number(b.contentMatches) - Number(a.contentMatches),
  );
  const bySeq = new Map<number, ChainLink>();
  for (const link of ordered) {
    if (bySeq.has(link.seq)) {
      breaks.push(
        withSource(
          { kind: 'DUPLICATE', subject, seq: link.seq, message: `two events with seq ${link.seq}` },
          link.source,
        ),
      );
      continue;
    }
    bySeq.set(link.seq, link);
  }
  const lastSeq = ordered[ordered.length - 1]?.seq ?? 0;
  // After a gap there is nothing to link to, so the next event's prevHash is not judged (the gap is).
  let linkHash: string | undefined = GENESIS_HASH;
  for (let seq = 1; seq <= lastSeq; seq += 1) {
    const link = bySeq.get(seq);
    if (!link) {
      breaks.push({ kind: 'MISSING', subject, seq, message: `event ${seq} is missing` });
      linkHash = undefined;
      continue;
    }
    if (!link.hasRecordedHash) {
      breaks.push(
        withSource({ kind: 'MISSING_HASH', subject, seq, message: 'the item has no hash' }, link.source),
      );
    } else if (!link.contentMatches) {
      breaks.push(
        withSource(
          {
            kind: 'HASH_MISMATCH',
            subject,
            seq,
            message: 'content does not match its hash (changed after writing)',
          },
          link.source,
        ),
      );
    }
    if (linkHash !== undefined && link.prevHash !== linkHash)
      breaks.push(
        withSource(
          {
            kind: 'PREV_HASH_MISMATCH',
            subject,
            seq,
            message:
              seq === 1
                ? 'prevHash of the first event is not the genesis hash'
                : `prevHash does not point at event ${seq - 1}`,
          },
          link.source,
        ),
      );
    linkHash = link.hash;
  }
  return breaks.sort((a, b) => a.seq - b.seq);
};

/** Checks one subject's events, given in any order (see verifySubjectLinks for what it names). */
export const verifySubjectChain = (subject: string, items: Record<string, unknown>[]): ChainBreak[] =>
  verifySubjectLinks(
    subject,
    items.map((item) => chainLinkOf(item)),
  );
