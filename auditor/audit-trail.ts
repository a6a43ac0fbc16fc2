// The chains of one export: every subject's links (each event's hash, each link, no gaps), then the
// heads of each digest that applies, so a cut tail, a rewritten chain or a deleted subject is named.
import { verifySubjectLinks, type ChainLink } from '../lib/audit/chain';
import type { ChainHeadEntry } from '../lib/audit/digest';
import type { ChainLinkStore } from './chain-link-store';
import type { TrustedDigest } from './digests';
import type { ExportManifest, FindingSink } from './export-reader';

const shortHash = (hash: string) => `${hash.slice(0, 12)}…`;

/** The event a link check keeps for a seq: of duplicates, the one whose content matches its hash. */
const linkAt = (links: ChainLink[], seq: number) =>
  links
    .filter((link) => link.seq === seq)
    .sort((a, b) => Number(b.contentMatches) - Number(a.contentMatches))[0];

/**
 * Link checks for every subject, then the heads of each digest that applies: the export's own (exactly
 * its heads) and earlier ones of the same table (each signed head still in the chains). Earlier is
 * judged by the signed time of the export's own digest, not the manifest's. Returns digests applied.
 */
export const checkAuditTrail = (
  store: ChainLinkStore,
  manifest: ExportManifest,
  own: TrustedDigest[],
  digests: TrustedDigest[],
  sink: FindingSink,
  options: { requireDigest?: boolean },
  summaryLabel: string,
): number => {
  const signed = own[0]?.digest.statement;
  const tableArn = signed?.tableArn ?? manifest.summary?.tableArn;
  const exportTime = Date.parse(signed?.asOf ?? manifest.summary?.exportTime ?? '');
  const earlier = digests.filter(
    (trusted) =>
      !own.includes(trusted) &&
      trusted.digest.statement.tableArn === tableArn &&
      Date.parse(trusted.digest.statement.asOf) <= exportTime,
  );
  const applicable = [
    ...own.map((trusted) => ({ trusted, sameExport: true })),
    ...earlier.map((trusted) => ({ trusted, sameExport: false })),
  ].map(({ trusted: { file, digest }, sameExport }) => ({
    file,
    asOf: digest.statement.asOf,
    sameExport,
    eventCount: digest.statement.eventCount,
    heads: new Map(
      digest.statement.heads.map(([subject, seq, hash]: ChainHeadEntry) => [subject, { seq, hash }]),
    ),
  }));
  if (own.length === 0)
    sink({
      level: options.requireDigest ? 'error' : 'warning',
      code: 'NO_DIGEST',
      message: `no signed digest of this export of ${manifest.tableName}${
        earlier.length > 0 ? ` (${earlier.length} earlier one(s) applied)` : ''
      }: a subject deleted or a tail cut since then cannot be seen`,
      file: summaryLabel,
    });

  for (const subject of store.subjects()) {
    const links = store.linksOf(subject);
    for (const chainBreak of verifySubjectLinks(subject, links)) {
      sink({
        level: 'error',
        code: chainBreak.kind,
        message: chainBreak.message,
        subject,
        seq: chainBreak.seq,
        ...(chainBreak.source ? { file: chainBreak.source.file, line: chainBreak.source.line } : {}),
      });
    }
    let lastSeq = 0;
    for (const link of links) lastSeq = Math.max(lastSeq, link.seq);
    for (const digest of applicable) {
      const signed = digest.heads.get(subject);
      if (!signed) {
        if (digest.sameExport)
          sink({
            level: 'error',
            code: 'DIGEST_SUBJECT_UNLISTED',
            message: `not in the digest signed for this export (${digest.file}): the subject was added afterwards`,
            subject,
          });
        continue;
      }
      digest.heads.delete(subject);
      const when = digest.sameExport ? 'the digest of this export' : `the digest of ${digest.asOf}`;
      if (lastSeq < signed.seq) {
        sink({
          level: 'error',
          code: 'DIGEST_HEAD_MISSING',
          message: `the chain ends at seq ${lastSeq} but ${when} signed seq ${signed.seq}: ${
            lastSeq + 1 === signed.seq
              ? `event ${signed.seq} was`
              : `events ${lastSeq + 1}–${signed.seq} were`
          } removed`,
          subject,
          seq: signed.seq,
        });
        continue;
      }
      const atHead = linkAt(links, signed.seq);
      if (atHead && atHead.hash !== signed.hash)
        sink({
          level: 'error',
          code: 'DIGEST_HEAD_MISMATCH',
          message: `event ${signed.seq} has hash ${shortHash(atHead.hash)} but ${when} signed ${shortHash(signed.hash)}: the chain was rewritten`,
          subject,
          seq: signed.seq,
          ...(atHead.source ? { file: atHead.source.file, line: atHead.source.line } : {}),
        });
      if (digest.sameExport && lastSeq > signed.seq)
        sink({
          level: 'error',
          code: 'DIGEST_HEAD_MISMATCH',
          message: `the chain goes on to seq ${lastSeq} past the head ${when} signed (seq ${signed.seq}): events were added afterwards`,
          subject,
          seq: signed.seq + 1,
        });
    }
  }
  for (const digest of applicable) {
    for (const [subject, signed] of digest.heads)
      sink({
        level: 'error',
        code: 'DIGEST_SUBJECT_MISSING',
        message: `${digest.sameExport ? 'the digest of this export' : `the digest of ${digest.asOf}`} signed its chain up to seq ${signed.seq}, but the export has no event of it: the subject was deleted`,
        subject,
        seq: signed.seq,
      });
    if (digest.sameExport && digest.eventCount !== store.size)
      sink({
        level: 'error',
        code: 'DIGEST_COUNT_MISMATCH',
        message: `the export holds ${store.size} audit events, the digest of this export counted ${digest.eventCount}`,
        file: digest.file,
      });
  }
  return applicable.length;
};
