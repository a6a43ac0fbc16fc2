// One export streamed line by line: each line checked, each audit event handed on, item counts against
// the manifest; and the options, findings and report every verify shares (verify-export.ts, export-chains.ts).
import { join } from 'node:path';
import { scanExportLines } from '../lib/audit/export-lines';
import { MANIFEST_FILES, MANIFEST_SUMMARY } from '../lib/audit/export-format';
import type { VerifiedDigest } from './digests';
import {
  checkDataFileDigests,
  openDataFile,
  type ExportFinding,
  type ExportManifest,
  type FindingSink,
} from './export-reader';
import type { VerifiedTree } from './tree-heads';

export interface VerifyOptions {
  /** More folders to look for digests in (older days' `digests/`), besides the export folder itself. */
  digestDirs?: string[];
  /** PEM public keys the digests must be signed with; without them the keys next to the digests are used. */
  trustedPublicKeys?: string[];
  /**
   * Every chain must be covered by a valid digest of its own export, signed by a pinned key: without
   * one a deleted subject or a cut tail cannot be seen. Off, a missing digest is only a warning.
   */
  requireDigest?: boolean;
  onFinding?: FindingSink;
  onProgress?: (progress: VerifyProgress) => void;
  /** How many findings the report keeps in full (all are counted and passed to onFinding). */
  keepFindings?: number;
  /** Refuse an audit export whose (signed) point in time is before this. */
  notBefore?: Date;
}

export interface VerifyProgress {
  file: string;
  events: number;
  filesDone: number;
  filesTotal: number;
}

export interface VerifiedExport {
  dir: string;
  /** The folder on disk (dir is it relative to the folder verified). */
  path: string;
  table: string;
  exportTime?: string;
  itemsRead: number;
  /** Set when the export holds audit events (by content) or a digest was signed for it. */
  auditTrail?: {
    events: number;
    subjects: number;
    digestsApplied: number;
    /** The export time its own digest signed, when it has one. */
    signedAsOf?: string;
    /** The signed tree head's size and root, when its digest has one and the events make that tree. */
    tree?: { size: number; rootHash: string; leavesBefore: string };
    /** An export of a chain (a full export and the incremental ones after it): every export up to it, oldest first. */
    chain?: string[];
  };
}

export interface VerifyReport {
  root: string;
  exports: VerifiedExport[];
  digests: VerifiedDigest[];
  eventsVerified: number;
  subjectsVerified: number;
  errors: number;
  warnings: number;
  /** Findings per code, errors and warnings apart. */
  errorCounts: Record<string, number>;
  warningCounts: Record<string, number>;
  findings: ExportFinding[];
  /** The trees of the exports whose signed tree heads were checked (leaf hashes kept for --since, prove). */
  trees: VerifiedTree[];
  ok: boolean;
}

/**
 * Whether an item is an audit event is decided by what it holds, never by the table name or prefix
 * in the (unsigned) manifest: an item with a hash, a prevHash, or a subject and a seq is one, and is
 * verified as one, whichever table folder it was found in.
 */
export const looksLikeAuditEvent = (item: Record<string, unknown>) =>
  'hash' in item || 'prevHash' in item || ('subject' in item && 'seq' in item);

/** What verifying one export needs from the run: where findings go, how paths are shown, the report. */
export interface ExportContext {
  sink: FindingSink;
  label: (path: string) => string;
  options: VerifyOptions;
  report: VerifyReport;
}

/**
 * Streams every listed data file of one export: each line checked, each audit event handed to `onEvent`
 * with the file it came from; item counts against the manifest. Returns the export's report entry.
 */
export const streamExport = async (
  manifest: ExportManifest,
  onEvent: (item: Record<string, unknown>, subject: string, file: string, line: number) => void,
  { sink, label, options, report }: ExportContext,
  eventsSoFar: () => number,
): Promise<VerifiedExport> => {
  const summaryTime = manifest.summary?.exportTime ?? manifest.summary?.exportToTime;
  const verified: VerifiedExport = {
    dir: label(manifest.dir),
    path: manifest.dir,
    table: manifest.tableName,
    ...(summaryTime ? { exportTime: summaryTime } : {}),
    itemsRead: 0,
  };
  report.exports.push(verified);
  const present = manifest.files.filter((file) => file.exists);
  let listedItems = 0;
  for (const file of manifest.files) listedItems += file.entry.itemCount;
  for (const [fileNumber, file] of present.entries()) {
    const fileLabel = label(file.path);
    await checkDataFileDigests(file, sink, label);
    const scan = await scanExportLines(openDataFile(file.path), (line) => {
      if ('problem' in line) {
        sink({
          level: 'error',
          code: 'LINE_INVALID',
          message: line.problem,
          file: fileLabel,
          line: line.line,
        });
        return;
      }
      if (!looksLikeAuditEvent(line.item)) return;
      const { subject, seq } = line.item;
      if (
        typeof subject !== 'string' ||
        typeof seq !== 'number' ||
        !Number.isInteger(seq) ||
        seq < 1 ||
        seq > 0xffffffff
      ) {
        sink({
          level: 'error',
          code: 'NOT_AN_AUDIT_EVENT',
          message:
            'the item holds audit attributes (hash, prevHash, subject, seq) but no subject (string) and seq (positive integer)',
          file: fileLabel,
          line: line.line,
        });
        return;
      }
      onEvent(line.item, subject, fileLabel, line.line);
      const events = eventsSoFar();
      if (events % 100_000 === 0)
        options.onProgress?.({ file: fileLabel, events, filesDone: fileNumber, filesTotal: present.length });
    });
    verified.itemsRead += scan.items;
    if (scan.gzipError)
      sink({
        level: 'error',
        code: 'GZIP_BROKEN',
        message: `the gzip stream is truncated or corrupt (${scan.gzipError}) after line ${scan.lines}${
          scan.cutOffLine ? `; line ${scan.cutOffLine} is cut off` : ''
        }; the lines before it were verified`,
        file: fileLabel,
        ...(scan.cutOffLine ? { line: scan.cutOffLine } : {}),
      });
    if (scan.lines !== file.entry.itemCount)
      sink({
        level: 'error',
        code: 'ITEM_COUNT_MISMATCH',
        message: `holds ${scan.lines} items, the manifest says ${file.entry.itemCount}`,
        file: fileLabel,
      });
    options.onProgress?.({
      file: fileLabel,
      events: eventsSoFar(),
      filesDone: fileNumber + 1,
      filesTotal: present.length,
    });
  }
  if (manifest.summary && manifest.summary.itemCount !== listedItems)
    sink({
      level: 'error',
      code: 'ITEM_COUNT_MISMATCH',
      message: `the summary says ${manifest.summary.itemCount} items, ${MANIFEST_FILES} lists ${listedItems}`,
      file: label(join(manifest.dir, MANIFEST_SUMMARY)),
    });
  return verified;
};

/** --not-before: the export's signed time (or, without a digest, its manifest's) must not be earlier. */
export const checkNotBefore = (
  asOf: string | undefined,
  signed: boolean,
  file: string,
  context: ExportContext,
) => {
  const { notBefore } = context.options;
  if (notBefore && !(Date.parse(asOf ?? '') >= notBefore.getTime()))
    context.sink({
      level: 'error',
      code: 'EXPORT_TOO_OLD',
      message: `the export is as of ${asOf ?? 'an unknown time'}${signed ? ' (signed)' : ''}, before --not-before ${notBefore.toISOString()}`,
      file,
    });
};
