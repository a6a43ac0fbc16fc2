// Writes a synthetic but valid AuditEvents export — real hash chains built with lib/audit/chain.ts,
// spread over data files the way DynamoDB spreads partitions, with a signed digest — for measuring
// `audit verify` and `audit query` at a million events without pushing them through DynamoDB Local.
// `npx tsx bench/generate-audit-export.ts --out /tmp/audit-1m --events 1000000`
import { createHash } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Random } from '../lib/clock';
import { nextAuditItem, type ChainHead } from '../lib/audit/chain';
import {
  ChainHeadTracker,
  DIGEST_FOLDER,
  DIGEST_FORMAT,
  manifestHashesOfFolder,
  newPrivateKeyPem,
  privateKeyDigestSigner,
  signDigest,
  writeDigestFiles,
} from '../lib/audit/digest';
import type { DigestSigner } from '../lib/aws/kms-digest';
import { itemToDynamoDbJson, type DynamoDbItem } from '../lib/audit/dynamodb-json';
import type { AuditEventInput, AuditItem } from '../lib/audit/events';
import { writeTableExport } from '../lib/audit/export-format';
import {
  digestStatementSha256,
  LEAF_ORDER,
  signTreeHead,
  TREE_HEAD_FORMAT,
  TreeLeaves,
  treeOf,
} from '../lib/audit/tree-head';

export interface GenerateAuditExportOptions {
  outDir: string;
  events: number;
  /** Customers; events are spread evenly over them (default: one per 20 events). */
  subjects?: number;
  /** Data files, like DynamoDB's partitions: every event of a subject lands in the same file. */
  files?: number;
  /** Deterministic output for the same seed. */
  seed?: string;
  signer?: DigestSigner;
  startAt?: Date;
  onProgress?: (written: number) => void;
}

export interface GeneratedAuditExport {
  outDir: string;
  exportDir: string;
  digestFile: string;
  publicKeyFile: string;
  events: number;
  subjects: number;
  bytes: number;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A counter-mode SHA-256 stream: reproducible randomness without a dependency. */
const seededRandom = (seed: string): Random & { next(): number } => {
  let counter = 0;
  let pool = Buffer.alloc(0);
  const bytes = (length: number) => {
    while (pool.length < length) {
      pool = Buffer.concat([pool, createHash('sha256').update(`${seed}:${counter}`).digest()]);
      counter += 1;
    }
    const out = pool.subarray(0, length);
    pool = pool.subarray(length);
    return Buffer.from(out);
  };
  return {
    bytes,
    ulid: (at) => {
      let time = '';
      for (let rest = at.getTime(), index = 0; index < 10; index += 1, rest = Math.floor(rest / 32))
        time = CROCKFORD[rest % 32] + time;
      return time + [...bytes(16)].map((byte) => CROCKFORD[byte % 32]).join('');
    },
    next: () => bytes(4).readUInt32LE(0) / 0x100000000,
  };
};

/**
 * One recovery case, as the flow writes it: verification, checks, outcome, disable, the reset email
 * (sometimes failing first), then re-enrollment — or, now and then, "this wasn't me".
 */
const recoveryCase = (
  customerId: string,
  caseId: string,
  agent: string,
  admin: string,
  random: { next(): number },
): AuditEventInput[] => {
  const base = { customerId, caseId };
  const checks = ['FULL_NAME', 'EMAIL', 'CHARGE_POINT_IDS', 'LAST_TRANSACTION'];
  const email = (sent: boolean, attempts: number): AuditEventInput => ({
    ...base,
    type: sent ? 'RESET_EMAIL_SENT' : 'RESET_EMAIL_FAILED',
    actorType: 'system',
    actorId: 'notifier',
    details: sent
      ? { kind: 'RESET', attempts, messageId: `msg-${caseId.toLowerCase()}`, confirmed: true }
      : { kind: 'RESET', attempts, reason: 'Throttling', final: false },
  });
  const events: AuditEventInput[] = [
    {
      ...base,
      type: 'VERIFICATION_STARTED',
      actorType: 'agent',
      actorId: agent,
      details: { channel: 'phone' },
    },
    ...checks.map((checkType): AuditEventInput => ({
      ...base,
      type: 'VERIFICATION_CHECK_RECORDED',
      actorType: 'agent',
      actorId: agent,
      details: { checkType, result: 'MATCH' },
    })),
    {
      ...base,
      type: 'VERIFICATION_COMPLETED',
      actorType: 'agent',
      actorId: agent,
      details: {
        verificationId: caseId,
        outcome: 'PASSED',
        reasons: [],
        checksRecorded: checks.length,
        channel: 'phone',
      },
    },
    // The reason in plain text, as exports from before reasons were sealed hold it: the auditors' tools
    // read both, and the query tests print it as stored.
    {
      ...base,
      type: 'TWO_FA_DISABLED',
      actorType: 'admin',
      actorId: admin,
      details: {
        verificationId: caseId,
        verifiedBy: agent,
        reason: 'Lost phone, verified by phone call',
        previousStatus: 'ENABLED',
      },
    } as unknown as AuditEventInput,
  ];
  if (random.next() < 0.05) events.push(email(false, 1));
  events.push(email(true, 1));
  if (random.next() < 0.02)
    events.push({
      ...base,
      type: 'UNAUTHORIZED_RESET_REPORTED',
      actorType: 'customer',
      actorId: customerId,
      details: { ticketPurpose: 'RESET', previousStatus: 'DISABLED' },
    });
  else
    events.push(
      { ...base, type: 'ENROLLMENT_STARTED', actorType: 'customer', actorId: customerId, details: {} },
      {
        ...base,
        type: 'TWO_FA_ENABLED',
        actorType: 'customer',
        actorId: customerId,
        details: { backupCodes: 10 },
      },
    );
  return events;
};

const loginEvent = (customerId: string, random: { next(): number }): AuditEventInput =>
  random.next() < 0.8
    ? {
        customerId,
        type: 'BACKUP_CODE_USED',
        actorType: 'service',
        actorId: 'login-service',
        details: { backupCodesLeft: Math.floor(random.next() * 10) },
      }
    : {
        customerId,
        type: 'VERIFY_FAILED',
        actorType: 'service',
        actorId: 'login-service',
        details: { method: 'totp', failures: 1 + Math.floor(random.next() * 4) },
      };

/**
 * Generates `events` valid audit events over `subjects` chains and writes them as one AuditEvents
 * export (`<outDir>/AuditEvents/AWSDynamoDB/<id>/`) with a signed digest in `<outDir>/digests/`.
 */
export const generateAuditExport = async (
  options: GenerateAuditExportOptions,
): Promise<GeneratedAuditExport> => {
  const random = seededRandom(options.seed ?? 'mfa-recovery-bench');
  const subjectCount = Math.max(
    1,
    Math.min(options.events, options.subjects ?? Math.ceil(options.events / 20)),
  );
  const fileCount = Math.max(1, options.files ?? Math.ceil(options.events / 100_000));
  let clockMs = (options.startAt ?? new Date('2025-01-01T00:00:00Z')).getTime();
  const heads = new Map<number, ChainHead>();
  const pendingCase = new Map<number, AuditEventInput[]>();
  const tracker = new ChainHeadTracker();
  const leaves = new TreeLeaves();
  const customerIdOf = (index: number) => `cust-${String(index).padStart(7, '0')}`;
  const agents = Array.from({ length: 25 }, (_, index) => `agent-${index + 1}`);
  const admins = Array.from({ length: 5 }, (_, index) => `admin-${index + 1}`);

  // Round-robin over subjects: events interleave across chains as in a live table.
  function* items(): Generator<DynamoDbItem> {
    for (let written = 0; written < options.events; written += 1) {
      const subjectIndex = written % subjectCount;
      const customerId = customerIdOf(subjectIndex);
      const head = heads.get(subjectIndex);
      let input: AuditEventInput;
      if (!head) {
        input = {
          customerId,
          type: 'CUSTOMER_CREATED',
          actorType: 'service',
          actorId: 'login-service',
          details: { locale: random.next() < 0.7 ? 'nl' : 'en' },
        };
      } else {
        let queue = pendingCase.get(subjectIndex);
        if (!queue || queue.length === 0) {
          queue =
            random.next() < 0.5
              ? recoveryCase(
                  customerId,
                  random.ulid(new Date(clockMs)),
                  agents[Math.floor(random.next() * agents.length)] ?? 'agent-1',
                  admins[Math.floor(random.next() * admins.length)] ?? 'admin-1',
                  random,
                )
              : [loginEvent(customerId, random)];
          pendingCase.set(subjectIndex, queue);
        }
        input = queue.shift() as AuditEventInput;
      }
      clockMs += 1 + Math.floor(random.next() * 2000);
      const at = new Date(clockMs);
      const item: AuditItem = nextAuditItem(head, input, at, random.ulid(at));
      heads.set(subjectIndex, { seq: item.seq, hash: item.hash });
      tracker.observe(item.subject, item.seq, item.hash);
      leaves.add(item.at, item.hash);
      if ((written + 1) % 100_000 === 0) options.onProgress?.(written + 1);
      yield itemToDynamoDbJson(item as unknown as Record<string, unknown>);
    }
  }

  // Items are generated lazily while the export is written, so the export time is fixed up front:
  // every event is at most 2 s after the previous one.
  const exportTime = new Date(clockMs + options.events * 2000 + 60_000);
  const tableArn = 'arn:aws:dynamodb:eu-west-1:000000000000:table/AuditEvents';
  const written = await writeTableExport(items(), {
    rootDir: options.outDir,
    s3Bucket: 'bench',
    s3Prefix: 'AuditEvents',
    tableArn,
    tableId: '00000000-0000-4000-8000-000000000000',
    exportTime,
    random,
    now: () => exportTime,
    fileCount,
    // DynamoDB keeps a partition key's items in one partition, so one subject's events share a file.
    fileOf: (item, count) => {
      const subject = 'S' in (item.subject ?? {}) ? (item.subject as { S: string }).S : '';
      return createHash('md5').update(subject).digest().readUInt32LE(0) % count;
    },
  });
  // Without a signer, a throwaway key: the benchmark's digest proves nothing beyond the run that made it.
  const throwawayKey = newPrivateKeyPem();
  const signer = options.signer ?? privateKeyDigestSigner(() => throwawayKey);
  const entries = tracker.entries();
  const signed = await signDigest(
    {
      format: DIGEST_FORMAT,
      exportArn: written.exportArn,
      tableArn,
      asOf: exportTime.toISOString(),
      manifests: await manifestHashesOfFolder(written.dir),
      createdAt: exportTime.toISOString(),
      subjectCount: entries.length,
      eventCount: tracker.eventCount,
      heads: entries,
    },
    signer,
  );
  const tree = treeOf(leaves, exportTime.toISOString());
  const treeHead = await signTreeHead(
    {
      format: TREE_HEAD_FORMAT,
      tableArn,
      exportArn: written.exportArn,
      asOf: exportTime.toISOString(),
      leavesBefore: exportTime.toISOString(),
      leafOrder: LEAF_ORDER,
      treeSize: tree.treeSize,
      rootHash: tree.rootHash,
      previousHeadSha256: null,
      digestSha256: digestStatementSha256(signed.statement),
    },
    signer,
  );
  const files = await writeDigestFiles(
    join(options.outDir, DIGEST_FOLDER),
    signed,
    await signer.publicKeyPem(),
    treeHead,
  );
  return {
    outDir: options.outDir,
    exportDir: written.dir,
    ...files,
    events: tracker.eventCount,
    subjects: entries.length,
    bytes: written.summary.billedSizeBytes,
  };
};

const runFromCommandLine = async () => {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      events: { type: 'string', default: '1000000' },
      subjects: { type: 'string' },
      files: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  const outDir = values.out ?? (await mkdtemp(join(tmpdir(), 'audit-export-')));
  const started = Date.now();
  const result = await generateAuditExport({
    outDir,
    events: Number(values.events),
    ...(values.subjects ? { subjects: Number(values.subjects) } : {}),
    ...(values.files ? { files: Number(values.files) } : {}),
    ...(values.seed ? { seed: values.seed } : {}),
    onProgress: (count) => process.stderr.write(`  ${count} events generated\n`),
  });
  process.stdout.write(
    `wrote ${result.events} events in ${result.subjects} chains to ${result.outDir} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
};

if (process.argv[1] && /generate-audit-export\.ts$/.test(process.argv[1])) {
  runFromCommandLine().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
