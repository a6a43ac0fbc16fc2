// `audit verify`: checks exports as an auditor receives them — manifests (counts, MD5s, checksum files),
// every audit chain (each event's hash, each link, no gaps), and the signed digests of chain heads —
// and names every problem by file and line or by subject and seq.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { chainLinkOf, verifySubjectLinks, type ChainLink } from './chain';
import { ChainLinkStore } from './chain-link-store';
import {
  parseSignedDigest,
  publicKeyFileName,
  publicKeyFingerprint,
  verifyDigestSignature,
  type ChainHeadEntry,
  type SignedDigest,
} from './digest';
import { MANIFEST_FILES, MANIFEST_SUMMARY } from './export-format';
import {
  checkDataFileDigests,
  findDigestFiles,
  findExportDirs,
  openDataFile,
  readExportManifest,
  relativeLabel,
  scanExportLines,
  type ExportFinding,
  type ExportManifest,
  type FindingSink,
} from './export-reader';

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
  };
}

export interface VerifiedDigest {
  file: string;
  asOf?: string;
  keyId?: string;
  keyFingerprint?: string;
  /** `pinned`: signed by a key the auditor passed in; `export`: by the key found next to the digest. */
  trust?: 'pinned' | 'export';
  valid: boolean;
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
  ok: boolean;
}

export class VerifyUsageError extends Error {}

interface TrustedDigest {
  file: string;
  digest: SignedDigest;
  /** Found in the folder being verified (it must match an export there), or in a --digests folder. */
  inFolder: boolean;
}

/**
 * Whether an item is an audit event is decided by what it holds, never by the table name or prefix
 * in the (unsigned) manifest: an item with a hash, a prevHash, or a subject and a seq is one, and is
 * verified as one, whichever table folder it was found in.
 */
export const looksLikeAuditEvent = (item: Record<string, unknown>) =>
  'hash' in item || 'prevHash' in item || ('subject' in item && 'seq' in item);

const shortHash = (hash: string) => `${hash.slice(0, 12)}…`;

/** The event a link check keeps for a seq: of duplicates, the one whose content matches its hash. */
const linkAt = (links: ChainLink[], seq: number) =>
  links
    .filter((link) => link.seq === seq)
    .sort((a, b) => Number(b.contentMatches) - Number(a.contentMatches))[0];

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

  const digests = await loadDigests(root, options.digestDirs ?? [], options, sink, label, report);
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

  for (const manifest of manifests) {
    const verified: VerifiedExport = {
      dir: label(manifest.dir),
      path: manifest.dir,
      table: manifest.tableName,
      ...(manifest.summary?.exportTime ? { exportTime: manifest.summary.exportTime } : {}),
      itemsRead: 0,
    };
    report.exports.push(verified);
    const store = new ChainLinkStore();
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
        store.add(subject, chainLinkOf(line.item), fileLabel, line.line);
        if (store.size % 100_000 === 0)
          options.onProgress?.({
            file: fileLabel,
            events: store.size,
            filesDone: fileNumber,
            filesTotal: present.length,
          });
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
        events: store.size,
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
    const own = sameExportDigests.get(manifest) ?? [];
    // A table with no audit event and no digest of its own is not part of the audit trail.
    if (store.size === 0 && own.length === 0) continue;
    const applied = checkAuditTrail(
      store,
      manifest,
      own,
      digests,
      sink,
      options,
      label(join(manifest.dir, MANIFEST_SUMMARY)),
    );
    const signedAsOf = own[0]?.digest.statement.asOf;
    verified.auditTrail = {
      events: store.size,
      subjects: store.subjectCount,
      digestsApplied: applied,
      ...(signedAsOf ? { signedAsOf } : {}),
    };
    report.eventsVerified += store.size;
    report.subjectsVerified += store.subjectCount;
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

const loadDigests = async (
  root: string,
  digestDirs: string[],
  options: VerifyOptions,
  sink: FindingSink,
  label: (path: string) => string,
  report: VerifyReport,
): Promise<TrustedDigest[]> => {
  const pinned = new Map<string, KeyObject>();
  for (const pem of options.trustedPublicKeys ?? []) {
    try {
      pinned.set(publicKeyFingerprint(pem), createPublicKey(pem));
    } catch (error) {
      throw new VerifyUsageError(`a --public-key is not a PEM public key (${(error as Error).message})`);
    }
  }
  const trusted: TrustedDigest[] = [];
  const unpinnedKeys = new Set<string>();
  const inFolder = new Set(await findDigestFiles([root]));
  const files = [...new Set([...inFolder, ...(await findDigestFiles(digestDirs))])];
  for (const file of files) {
    const shown = label(file);
    const verified: VerifiedDigest = { file: shown, valid: false };
    report.digests.push(verified);
    let digest: SignedDigest;
    try {
      digest = parseSignedDigest(await readFile(file, 'utf8'));
    } catch (error) {
      sink({
        level: 'error',
        code: 'DIGEST_INVALID',
        message: `not a readable digest (${(error as Error).message})`,
        file: shown,
      });
      continue;
    }
    const fingerprint = digest.signature.publicKeySha256;
    Object.assign(verified, {
      asOf: digest.statement.asOf,
      keyId: digest.signature.keyId,
      keyFingerprint: fingerprint,
    });
    let key = pinned.get(fingerprint);
    if (pinned.size > 0 && !key) {
      sink({
        level: 'error',
        code: 'DIGEST_UNTRUSTED_KEY',
        message: `signed by key ${fingerprint}, which is none of the --public-key keys`,
        file: shown,
      });
      continue;
    }
    if (!key) {
      const keyFile = join(dirname(file), publicKeyFileName(fingerprint));
      const pem = await readFile(keyFile, 'utf8').catch(() => undefined);
      if (!pem || publicKeyFingerprint(pem) !== fingerprint) {
        sink({
          level: 'error',
          code: 'DIGEST_KEY_MISSING',
          message: `its public key ${basename(keyFile)} (SHA-256 ${fingerprint}) is not next to it`,
          file: shown,
        });
        continue;
      }
      key = createPublicKey(pem);
      unpinnedKeys.add(fingerprint);
      verified.trust = 'export';
    } else {
      verified.trust = 'pinned';
    }
    if (!verifyDigestSignature(digest, key)) {
      sink({
        level: 'error',
        code: 'DIGEST_SIGNATURE_INVALID',
        message: 'the signature does not match the digest (the digest was changed)',
        file: shown,
      });
      continue;
    }
    verified.valid = true;
    trusted.push({ file: shown, digest, inFolder: inFolder.has(file) });
  }
  // A key read from the folder proves only that digest and key were put there together.
  for (const fingerprint of unpinnedKeys)
    sink({
      level: options.requireDigest ? 'error' : 'warning',
      code: 'KEY_NOT_PINNED',
      message: `digests are signed by key SHA-256 ${fingerprint}, read from the export itself; compare it with the published key and pass it with --public-key${
        options.requireDigest ? ' (--require-digest needs a pinned key)' : ''
      }`,
    });
  return trusted;
};

/**
 * Pairs each valid digest with the export it was signed for (by exportArn) and checks that the export's
 * manifests are byte for byte the ones it signed. A digest in the folder that matches no export there
 * is an error: someone changed the export's identity or time, or removed the export it vouches for.
 */
const matchDigestsToExports = (
  manifests: ExportManifest[],
  digests: TrustedDigest[],
  sink: FindingSink,
  label: (path: string) => string,
): Map<ExportManifest, TrustedDigest[]> => {
  const matched = new Map<ExportManifest, TrustedDigest[]>();
  for (const trusted of digests) {
    const { statement } = trusted.digest;
    const exports = manifests.filter((manifest) => manifest.summary?.exportArn === statement.exportArn);
    if (exports.length === 0 && trusted.inFolder)
      sink({
        level: 'error',
        code: 'DIGEST_EXPORT_NOT_FOUND',
        message: `signed for export ${statement.exportArn} of ${statement.tableArn} as of ${statement.asOf}, which no export in this folder is: the export was removed, or its manifest relabelled (exportArn, tableArn or exportTime edited)`,
        file: trusted.file,
      });
    for (const manifest of exports) {
      matched.set(manifest, [...(matched.get(manifest) ?? []), trusted]);
      const summary = manifest.summary;
      const edited = [
        summary?.tableArn !== statement.tableArn
          ? `tableArn ${JSON.stringify(summary?.tableArn)} where it signed ${JSON.stringify(statement.tableArn)}`
          : undefined,
        summary?.exportTime !== statement.asOf
          ? `exportTime ${JSON.stringify(summary?.exportTime)} where it signed ${statement.asOf}`
          : undefined,
      ].filter((field) => field !== undefined);
      if (manifest.hashes?.summarySha256 !== statement.manifests.summarySha256)
        sink({
          level: 'error',
          code: 'DIGEST_MANIFEST_MISMATCH',
          message: `manifest-summary.json is not the one ${trusted.file} signed${
            edited.length > 0 ? ` (${edited.join('; ')})` : ''
          }: the summary was edited after the export`,
          file: label(join(manifest.dir, MANIFEST_SUMMARY)),
        });
      if (manifest.hashes?.filesSha256 !== statement.manifests.filesSha256)
        sink({
          level: 'error',
          code: 'DIGEST_MANIFEST_MISMATCH',
          message: `manifest-files.json is not the one ${trusted.file} signed: data files were added, removed or re-listed (MD5, ETag or count edited)`,
          file: label(join(manifest.dir, MANIFEST_FILES)),
        });
    }
  }
  return matched;
};

/**
 * Link checks for every subject, then the heads of each digest that applies: the export's own (exactly
 * its heads) and earlier ones of the same table (each signed head still in the chains). Earlier is
 * judged by the signed time of the export's own digest, not the manifest's. Returns digests applied.
 */
const checkAuditTrail = (
  store: ChainLinkStore,
  manifest: ExportManifest,
  own: TrustedDigest[],
  digests: TrustedDigest[],
  sink: FindingSink,
  options: VerifyOptions,
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
