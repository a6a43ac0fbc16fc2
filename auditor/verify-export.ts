// `audit verify`: checks exports as an auditor receives them — manifests (counts, MD5s, checksum files),
// every audit chain (each event's hash, each link, no gaps: audit-trail.ts), and the signed digests of
// chain heads (digests.ts) — and names every problem by file and line or by subject and seq.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { chainLinkOf } from '../lib/audit/chain';
import { MANIFEST_SUMMARY } from '../lib/audit/export-format';
import { TreeLeaves } from '../lib/audit/tree-head';
import { checkAuditTrail } from './audit-trail';
import { ChainLinkStore } from './chain-link-store';
import { loadDigests, matchDigestsToExports, VerifyUsageError, type TrustedDigest } from './digests';
import { planChains, verifyExportChain } from './export-chains';
import {
  findExportDirs,
  readExportManifest,
  relativeLabel,
  type ExportFinding,
  type ExportManifest,
  type FindingSink,
} from './export-reader';
import { checkTree, pendingOf } from './tree-heads';

// Callers import these from here, where `audit verify` is.
export {
  checkNotBefore,
  looksLikeAuditEvent,
  streamExport,
  type ExportContext,
  type VerifiedExport,
  type VerifyOptions,
  type VerifyProgress,
  type VerifyReport,
} from './export-stream';
import {
  checkNotBefore,
  streamExport,
  type ExportContext,
  type VerifyOptions,
  type VerifyReport,
} from './export-stream';

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
