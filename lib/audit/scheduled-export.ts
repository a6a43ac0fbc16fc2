// The scheduled export in AWS: once a day the AuditEvents table, and only it, is exported (DYNAMODB_JSON: a
// full export first, then incremental ones, lib/audit/export-plan.ts) into the locked bucket under
// `exports/<day>/AuditEvents/`, and every completed export gets a
// signed digest of its chain heads in `exports/<day>/digests/` — the layout `npm run export` writes locally;
// a failed export gets a note in `exports/<day>/failures/` instead (and an alarm).
// The other tables hold personal data and are not kept for years: PITR (35 days) covers investigations.
import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import * as z from '../schema';
import type { Clock } from '../clock';
import type { CompletedExport, ExportService, FailedExport } from '../aws/dynamodb-exports';
import type { DigestSigner } from '../aws/kms-digest';
import type { ExportBucket } from '../aws/s3-export-bucket';
import { tables } from '../data/tables';
import {
  ChainHeadTracker,
  DIGEST_FOLDER,
  DIGEST_FORMAT,
  manifestHashesOf,
  digestFileName,
  digestFileText,
  publicKeyFileName,
  signDigest,
  type SignedDigest,
} from './digest';
import {
  DATA_FOLDER,
  EXPORT_FOLDER,
  MANIFEST_FILES,
  MANIFEST_SUMMARY,
  type ManifestFileEntry,
} from './export-format';
import { scanExportLines } from './export-lines';
import { PLAN_HISTORY, planExports } from './export-plan';
import { digestKeyOf, headAndStateOf, readPreviousHead, type PreviousHead } from './previous-head';
import {
  advanceTree,
  REBUILT_TREE_STATE_FORMAT,
  TreeStateError,
  type RebuiltTreeState,
  type TreeState,
} from './tree-chain';
import {
  digestStatementSha256,
  LEAF_ORDER,
  SETTLE_MS,
  signTreeHead,
  TREE_HEAD_FORMAT,
  TreeLeaves,
  treeHeadSha256,
  type SignedTreeHead,
} from './tree-head';

export const EXPORTS_ROOT = 'exports';
/** In the auditors' bucket: `heads/<asOf>-<exportId>.json`, one signed tree head per export. */
export const AUDITOR_HEADS_FOLDER = 'heads';

export const scheduledExportActions = ['startExports', 'digestCompletedExports'] as const;
export type ScheduledExportAction = (typeof scheduledExportActions)[number];
export const scheduledExportEventSchema = z.object({
  action: z.enum(scheduledExportActions),
  /**
   * Given by an operator only, after `npm run audit -- rebuild-state` (docs/operations.md): the state of
   * the head whose digest file lost it. Checked against that head's signature like a carried one.
   */
  rebuiltTreeState: z.optional(
    z.object({
      format: z.literal(REBUILT_TREE_STATE_FORMAT),
      exportArn: z.string(),
      treeHeadSha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
      treeState: z.custom<TreeState>((value) => typeof value === 'object' && value !== null),
    }),
  ),
});
export type ScheduledExportEvent = z.infer<typeof scheduledExportEventSchema>;

const settingsSchema = z.object({
  AUDIT_EXPORT_BUCKET: z.string().check(z.minLength(3)),
  AUDIT_DIGEST_KEY_ID: z.string().check(z.minLength(1)),
  /** The AuditEvents table: the only table whose exports the locked bucket receives. */
  AUDIT_EVENTS_TABLE_ARN: z.string().check(z.startsWith('arn:'), z.includes(':table/')),
  /** The auditors' bucket in their own account (`-c auditorHeadsBucketArn`), when they gave one. */
  AUDITOR_HEADS_BUCKET: z.optional(z.string().check(z.minLength(3))),
});

export interface ScheduledExportSettings {
  bucket: string;
  digestKeyId: string;
  auditTableArn: string;
  auditorHeadsBucket?: string;
}

export const parseScheduledExportSettings = (env: NodeJS.ProcessEnv): ScheduledExportSettings => {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success)
    throw new Error(
      `invalid environment: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
    );
  return {
    bucket: parsed.data.AUDIT_EXPORT_BUCKET,
    digestKeyId: parsed.data.AUDIT_DIGEST_KEY_ID,
    auditTableArn: parsed.data.AUDIT_EVENTS_TABLE_ARN,
    ...(parsed.data.AUDITOR_HEADS_BUCKET ? { auditorHeadsBucket: parsed.data.AUDITOR_HEADS_BUCKET } : {}),
  };
};

const dayOf = (at: Date) => at.toISOString().slice(0, 10);

/** The one table the scheduled export copies; its base name is the folder of the day's export. */
export const EXPORTED_TABLE = tables.auditEvents.baseName;

/** `exports/<day>/<Table>`: one folder per day holding the AuditEvents export and its digest. */
export const exportPrefix = (day: string, tableBaseName: string) =>
  posix.join(EXPORTS_ROOT, day, tableBaseName);

/**
 * Starts the exports the plan asks for (lib/audit/export-plan.ts): the first run a full export at the
 * day's 00:00 UTC, later runs the incremental windows from where the chain ends up to it. Every request
 * is fixed by the plan, so retries of the run (Scheduler and Lambda, hours later) send the same
 * parameters with the same client token, which DynamoDB answers with the export already started.
 */
export const startDailyExports = async (
  settings: ScheduledExportSettings,
  deps: { exports: ExportService; clock: Clock },
) => {
  const now = deps.clock.now();
  const table = EXPORTED_TABLE;
  const known = await deps.exports.history(
    settings.auditTableArn,
    settings.bucket,
    new Date(now.getTime() - PLAN_HISTORY),
  );
  const earliest = await deps.exports.earliestExportTime(settings.auditTableArn);
  const started = [];
  for (const planned of planExports(known, now, table, earliest)) {
    const end = planned.type === 'FULL_EXPORT' ? planned.exportTime : planned.to;
    const result = await deps.exports.start({
      tableArn: settings.auditTableArn,
      s3Bucket: settings.bucket,
      s3Prefix: exportPrefix(dayOf(end), table),
      clientToken: planned.clientToken,
      export: planned.type === 'FULL_EXPORT' ? { exportTime: planned.exportTime } : planned,
    });
    started.push({ table, type: planned.type, ...result });
  }
  return started;
};

/** Where the digest of an export goes: `<day folder>/digests/`, next to the tables' folders. */
export const digestKeysOf = (completed: CompletedExport, digest?: SignedDigest) => {
  const folder = posix.join(posix.dirname(completed.s3Prefix), DIGEST_FOLDER);
  return {
    digest: digestKeyOf(completed),
    publicKey: digest ? posix.join(folder, publicKeyFileName(digest.signature.publicKeySha256)) : undefined,
  };
};

/**
 * Reads a completed export from the bucket and signs the heads of its chains and its tree head
 * (lib/audit/tree-head.ts): leaves are the events older than the export time minus SETTLE_MS, which no
 * later commit can sort before. A full export's tree starts from nothing; an incremental export's extends
 * the head of the export before it (`previous`, lib/audit/previous-head.ts), from the edge and pending
 * events carried in that head's digest file, and binds that head's hash. The new state is returned to be
 * stored beside the new head.
 */
export const digestOfExport = async (
  completed: CompletedExport,
  deps: { bucket: ExportBucket; signer: DigestSigner; clock: Clock },
  previous?: PreviousHead,
): Promise<{ digest: SignedDigest; treeHead: SignedTreeHead; treeState: TreeState }> => {
  const exportId = completed.exportArn.split('/').pop() ?? '';
  const exportFolder = posix.join(completed.s3Prefix, EXPORT_FOLDER, exportId);
  const manifestBytes = await streamBytes(await deps.bucket.read(posix.join(exportFolder, MANIFEST_FILES)));
  const summaryBytes = await streamBytes(await deps.bucket.read(posix.join(exportFolder, MANIFEST_SUMMARY)));
  const summary = JSON.parse(summaryBytes.toString('utf8')) as { exportType?: string };
  const incremental = summary.exportType === 'INCREMENTAL_EXPORT';
  if (incremental && !previous)
    throw new TreeStateError(`${completed.exportArn} is incremental: its tree head needs the head before it`);
  const manifestText = manifestBytes.toString('utf8');
  const heads = new ChainHeadTracker();
  const leaves = new TreeLeaves();
  for (const line of manifestText.split('\n')) {
    if (line.trim() === '') continue;
    const entry = JSON.parse(line) as ManifestFileEntry;
    const key = posix.join(exportFolder, DATA_FOLDER, entry.dataFileS3Key.split('/').pop() ?? '');
    const problems: string[] = [];
    const scan = await scanExportLines(await deps.bucket.read(key), (read) => {
      if ('problem' in read) {
        problems.push(`line ${read.line}: ${read.problem}`);
        return;
      }
      const { subject, seq, hash } = read.item;
      if (typeof subject !== 'string' || typeof seq !== 'number' || typeof hash !== 'string') {
        problems.push(`line ${read.line}: not an audit event with subject, seq and hash`);
        return;
      }
      heads.observe(subject, seq, hash);
      leaves.add(read.item.at, hash);
    });
    // A digest vouches for what it saw; an export DynamoDB wrote unreadably is not signed but reported.
    if (scan.gzipError) problems.push(`gzip: ${scan.gzipError}`);
    if (problems.length > 0) throw new Error(`${key} cannot be digested: ${problems.slice(0, 5).join('; ')}`);
  }
  const entries = heads.entries();
  const digest = await signDigest(
    {
      format: DIGEST_FORMAT,
      exportArn: completed.exportArn,
      tableArn: completed.tableArn,
      asOf: completed.exportTime.toISOString(),
      manifests: manifestHashesOf(summaryBytes, manifestBytes),
      createdAt: deps.clock.now().toISOString(),
      subjectCount: entries.length,
      eventCount: heads.eventCount,
      heads: entries,
    },
    deps.signer,
  );
  const asOf = completed.exportTime;
  const leavesBefore = new Date(asOf.getTime() - SETTLE_MS).toISOString();
  const chained = incremental ? previous : undefined;
  const tree = advanceTree(chained?.carried, leaves, leavesBefore);
  const treeHead = await signTreeHead(
    {
      format: TREE_HEAD_FORMAT,
      tableArn: completed.tableArn,
      exportArn: completed.exportArn,
      asOf: asOf.toISOString(),
      leavesBefore,
      leafOrder: LEAF_ORDER,
      treeSize: tree.treeSize,
      rootHash: tree.rootHash,
      previousHeadSha256: chained ? treeHeadSha256(chained.head.statement) : null,
      digestSha256: digestStatementSha256(digest.statement),
      pendingCount: tree.pendingCount,
      pendingSha256: tree.pendingSha256,
    },
    deps.signer,
  );
  return { digest, treeHead, treeState: tree.state };
};

/** Where a tree head goes in the auditors' bucket: `heads/<asOf>-<exportId>.json`. */
export const auditorHeadKey = (head: SignedTreeHead) =>
  posix.join(
    AUDITOR_HEADS_FOLDER,
    digestFileName({ asOf: head.statement.asOf, exportArn: head.statement.exportArn }).replace(
      /^audit-digest-/,
      'tree-head-',
    ),
  );

/** What one hourly run did: digests it wrote, and those another run at the same time wrote first. */
export interface DigestRun {
  written: string[];
  alreadyDigested: string[];
}

/**
 * Signs a digest and tree head for every completed AuditEvents export of the PITR reach that has none yet,
 * oldest first, so an incremental export's predecessor is signed before it in the same run.
 */
export const digestCompletedExports = async (
  settings: ScheduledExportSettings,
  deps: ExportDeps,
  rebuilt?: RebuiltTreeState,
): Promise<DigestRun> => {
  const auditTableArn = settings.auditTableArn;
  const since = new Date(deps.clock.now().getTime() - PLAN_HISTORY);
  const run: DigestRun = { written: [], alreadyDigested: [] };
  const known = (await deps.exports.recentExports(auditTableArn, since)).filter(
    (completed) =>
      completed.s3Bucket === deps.bucket.name && completed.s3Prefix.startsWith(`${EXPORTS_ROOT}/`),
  );
  for (const completed of [...known].sort((a, b) => +a.exportTime - +b.exportTime)) {
    if (await deps.bucket.exists(digestKeysOf(completed).digest)) continue;
    const previous =
      completed.exportType === 'INCREMENTAL_EXPORT' && completed.from
        ? await readPreviousHead({ ...completed, from: completed.from }, known, deps, rebuilt)
        : undefined;
    const { digest, treeHead, treeState } = await digestOfExport(completed, deps, previous);
    const keys = digestKeysOf(completed, digest);
    // The key first: a digest is never in the bucket without the key that checks it. Named by its
    // fingerprint, so a key already there is this one.
    if (keys.publicKey)
      await deps.bucket.create(keys.publicKey, await deps.signer.publicKeyPem(), 'application/x-pem-file');
    // Written only where none is: of two runs at once (a retry beside a late schedule) exactly one head is
    // kept, and the other run checks that head instead of signing a second one for the same export.
    const kept = (await deps.bucket.create(
      keys.digest,
      digestFileText(digest, treeHead, treeState),
      'application/json',
    ))
      ? treeHead
      : await sameTreeHead(keys.digest, completed.exportArn, treeHead, deps);
    (kept === treeHead ? run.written : run.alreadyDigested).push(keys.digest);
    // The auditors receive the head our bucket kept, once: whichever run comes second finds it there. A run
    // that stops between the two writes leaves their copy out; the next head binds this one by its hash.
    if (deps.auditorHeads)
      await deps.auditorHeads.create(
        auditorHeadKey(kept),
        `${JSON.stringify(kept, null, 2)}\n`,
        'application/json',
      );
  }
  return run;
};

/**
 * The head another run wrote first for this export, checked: signed by the digest key for this export,
 * its state matching it, and the same tree this run computed. Anything else stops the run, naming it.
 */
const sameTreeHead = async (
  key: string,
  exportArn: string,
  ours: SignedTreeHead,
  deps: { bucket: ExportBucket; signer: DigestSigner },
) => {
  const { head } = headAndStateOf(
    (await streamBytes(await deps.bucket.read(key))).toString('utf8'),
    await deps.signer.publicKeyPem(),
    key,
    exportArn,
  );
  const fields = ['leavesBefore', 'treeSize', 'rootHash', 'previousHeadSha256', 'pendingSha256'] as const;
  const differs = fields.filter((field) => head.statement[field] !== ours.statement[field]);
  if (differs.length > 0)
    throw new TreeStateError(
      `${key} was written by another run with a different tree (${differs.join(', ')}): size ${head.statement.treeSize} root ${head.statement.rootHash.slice(0, 12)}…, this run made size ${ours.statement.treeSize} root ${ours.statement.rootHash.slice(0, 12)}…`,
    );
  return head;
};

/** `exports/<day>/failures/`: a failed export's note sits in the day folder it was meant for. */
export const FAILURE_FOLDER = 'failures';

export const failureKeyOf = (failed: FailedExport) =>
  posix.join(
    posix.dirname(failed.s3Prefix),
    FAILURE_FOLDER,
    `${failed.exportArn.split('/').pop() ?? 'export'}.json`,
  );

/**
 * Only COMPLETED exports get a digest, so a FAILED one would leave nothing behind but a gap: each is
 * noted once in its day folder (the auditor sees why the day is missing, and the note is the "seen"
 * mark, as a digest is for a completed export) and counted once, which is what the alarm hears.
 */
export const recordFailedExports = async (
  settings: ScheduledExportSettings,
  deps: { exports: ExportService; bucket: ExportBucket; clock: Clock },
) => {
  const since = new Date(deps.clock.now().getTime() - 7 * 24 * 3600 * 1000);
  const recorded: string[] = [];
  for (const failed of await deps.exports.failedExports(settings.auditTableArn, since)) {
    if (failed.s3Bucket !== deps.bucket.name || !failed.s3Prefix.startsWith(`${EXPORTS_ROOT}/`)) continue;
    const key = failureKeyOf(failed);
    if (await deps.bucket.exists(key)) continue;
    const note = { ...failed, recordedAt: deps.clock.now().toISOString() };
    if (await deps.bucket.create(key, `${JSON.stringify(note, null, 2)}\n`, 'application/json'))
      recorded.push(key);
  }
  return recorded;
};

export interface ExportDeps {
  exports: ExportService;
  bucket: ExportBucket;
  signer: DigestSigner;
  clock: Clock;
  /** The auditors' bucket (put only), when the stack was given one. */
  auditorHeads?: ExportBucket;
}

export const runScheduledExport = async (
  action: ScheduledExportAction,
  settings: ScheduledExportSettings,
  deps: ExportDeps,
  rebuilt?: RebuiltTreeState,
) => {
  if (action === 'startExports') return { action, started: await startDailyExports(settings, deps) };
  // Failures first: a digest that cannot be made (and throws) must not hide a failed export.
  const failures = await recordFailedExports(settings, deps);
  const run = await digestCompletedExports(settings, deps, rebuilt);
  return { action, failures, digests: run.written, alreadyDigested: run.alreadyDigested };
};

const streamBytes = async (stream: Readable) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
};
