// `audit verify`: checks exports as an auditor receives them — manifests (counts, MD5s, checksum files),
// every audit chain (each event's hash, each link, no gaps: audit-trail.ts), and the signed digests of
// chain heads (digests.ts) — and names every problem by file and line or by subject and seq.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { chainLinkOf } from '../lib/audit/chain';
import { scanExportLines } from '../lib/audit/export-lines';
import { MANIFEST_FILES, MANIFEST_SUMMARY } from '../lib/audit/export-format';
import { TreeLeaves } from '../lib/audit/tree-head';
import { checkAuditTrail } from './audit-trail';
import { ChainLinkStore } from './chain-link-store';
import {
  loadDigests,
  matchDigestsToExports,
  VerifyUsageError,
  type TrustedDigest,
  type VerifiedDigest,
} from './digests';
import { planChains, verifyExportChain } from './export-chains';
import {
  checkDataFileDigests,
  findExportDirs,
  openDataFile,
  readExportManifest,
  relativeLabel,
  type ExportFinding,
  type ExportManifest,
  type FindingSink,
} from './export-reader';
import { checkTree, pendingOf, type VerifiedTree } from './tree-heads';

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

/** One export on its own (a full export, or one outside any chain): its chains, digests and tree. */
const verifySingleExport = async (
  manifest: ExportManifest,
  sameExportDigests: Map<ExportManifest, TrustedDigest[]>,
  digests: TrustedDigest[],
  context: ExportContext,
) => {
  const { sink, label, options, report } = context;
  const store = new ChainLinkStore();
  const leaves = new TreeLeaves();
  const verified = await streamExport(
    manifest,
    (item, subject, file, line) => {
      const link = chainLinkOf(item);
      store.add(subject, link, file, line);
      leaves.add(item.at, link.hash);
    },
    context,
    () => store.size,
  );
  const own = sameExportDigests.get(manifest) ?? [];
  // A table with no audit event and no digest of its own is not part of the audit trail.
  if (store.size === 0 && own.length === 0) return;
  const summaryLabel = label(join(manifest.dir, MANIFEST_SUMMARY));
  const applied = checkAuditTrail(store, manifest, own, digests, sink, options, summaryLabel);
  const signedAsOf = own[0]?.digest.statement.asOf;
  const treeHead = own.find((trusted) => trusted.treeHead)?.treeHead;
  if (treeHead) {
    const leafHashes = checkTree(leaves, treeHead, sink, own[0]?.file ?? summaryLabel);
    report.trees.push({
      head: treeHead,
      leafHashes,
      path: manifest.dir,
      paths: [manifest.dir],
      pendingAsOf: (asOf, leavesBefore) =>
        asOf === treeHead.statement.asOf ? pendingOf(leaves, leavesBefore) : undefined,
    });
  } else if (own.length > 0)
    sink({
      level: 'warning',
      code: 'NO_TREE_HEAD',
      message:
        'its digest has no signed tree head (written before tree heads): its chains are checked, not that history only grew',
      file: own[0]?.file ?? summaryLabel,
    });
  checkNotBefore(signedAsOf ?? verified.exportTime, signedAsOf !== undefined, summaryLabel, context);
  verified.auditTrail = {
    events: store.size,
    subjects: store.subjectCount,
    digestsApplied: applied,
    ...(signedAsOf ? { signedAsOf } : {}),
    ...(treeHead
      ? {
          tree: {
            size: treeHead.statement.treeSize,
            rootHash: treeHead.statement.rootHash,
            leavesBefore: treeHead.statement.leavesBefore,
          },
        }
      : {}),
  };
  report.eventsVerified += store.size;
  report.subjectsVerified += store.subjectCount;
};

export const verifyExports = async (root: string, options: VerifyOptions = {}): Promise<VerifyReport> => {
  const rootInfo = await stat(root).catch(() => undefined);
  if (!rootInfo?.isDirectory()) throw new VerifyUsageError(`${root} is not a folder`);
  const label = relativeLabel(root);
  const keep = options.keepFindings ?? 1000;
  const report: VerifyReport = {
    root,
    exports: [],
    digests: [],
    eventsVerified: 0,
    subjectsVerified: 0,
    errors: 0,
    warnings: 0,
    errorCounts: {},
    warningCounts: {},
    findings: [],
    trees: [],
    ok: false,
  };
  const sink: FindingSink = (finding) => {
    const counts = finding.level === 'error' ? report.errorCounts : report.warningCounts;
    counts[finding.code] = (counts[finding.code] ?? 0) + 1;
    if (finding.level === 'error') report.errors += 1;
    else report.warnings += 1;
    if (report.findings.length < keep) report.findings.push(finding);
    options.onFinding?.(finding);
  };

  const digests = await loadDigests(root, options.digestDirs ?? [], options, sink, label, report.digests);
  const exportDirs = await findExportDirs(root);
  if (exportDirs.length === 0)
    sink({
      level: 'error',
      code: 'NO_EXPORT',
      message: `no DynamoDB export (manifest-summary.json, manifest-files.json) under ${root}`,
    });

  const manifests: ExportManifest[] = [];
  for (const dir of exportDirs) manifests.push(await readExportManifest(dir, sink, label));
  const sameExportDigests = matchDigestsToExports(manifests, digests, sink, label);

  const context: ExportContext = { sink, label, options, report };
  for (const group of planChains(manifests, sameExportDigests, sink, label)) {
    const [single] = group;
    if (group.length === 1 && single) await verifySingleExport(single, sameExportDigests, digests, context);
    else await verifyExportChain(group, sameExportDigests, digests, context);
  }
  if (exportDirs.length > 0 && report.exports.every((verified) => !verified.auditTrail))
    sink({
      level: options.requireDigest ? 'error' : 'warning',
      code: 'NO_AUDIT_TRAIL',
      message: `no item in any table under ${root} is an audit event, and no digest covers one`,
    });
  report.ok = report.errors === 0;
  return report;
};

/** One finding as a line an auditor can act on: where, what code, what happened. */
export const formatFinding = (finding: ExportFinding) => {
  const where = [
    finding.subject
      ? `${finding.subject}${finding.seq !== undefined ? ` seq ${finding.seq}` : ''}`
      : undefined,
    finding.file ? `${finding.file}${finding.line !== undefined ? `:${finding.line}` : ''}` : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  return `${finding.level === 'error' ? 'ERROR' : 'warning'} ${finding.code}${where ? ` ${where}` : ''}: ${finding.message}`;
};
