// `npm run export`: every local table in DynamoDB's S3 export layout, one folder per table, plus the
// signed digest of the audit chain heads in `digests/` — the same shape the scheduled export leaves in S3.
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeTable, scanTable } from '../aws/table-scan';
import type { Clock, Random } from '../clock';
import { tables, tableKeys, type TableKey } from '../data/tables';
import {
  ChainHeadTracker,
  DIGEST_FOLDER,
  DIGEST_FORMAT,
  manifestHashesOfFolder,
  signDigest,
  writeDigestFiles,
} from './digest';
import type { DigestSigner } from '../aws/kms-digest';
import { sdkItemToJson, type DynamoDbItem } from './dynamodb-json';
import { writeTableExport, type TableExportResult } from './export-format';
import {
  digestStatementSha256,
  LEAF_ORDER,
  signTreeHead,
  TREE_HEAD_FORMAT,
  TreeLeaves,
  treeHeadSha256,
  type SignedTreeHead,
} from './tree-head';
import { headAndStateOf, type PreviousHead } from './previous-head';
import { advanceTree } from './tree-chain';

export interface LocalExportOptions {
  client: DynamoDBClient;
  tableNames: Record<TableKey, string>;
  /** The export's folder: `<outDir>/<Table>/AWSDynamoDB/<exportId>/…` and `<outDir>/digests/`. */
  outDir: string;
  signer: DigestSigner;
  clock: Clock;
  random: Random;
  onTable?: (table: string, itemCount: number) => void;
  /**
   * The head of the export before this one and the tree state carried with it (`--previous-head`): the
   * audit trail is then exported incrementally, as the daily export in AWS does, and its head extends it.
   */
  previous?: PreviousHead;
}

export interface LocalExportResult {
  outDir: string;
  tables: { key: TableKey; tableName: string; exportId: string; dir: string; itemCount: number }[];
  digestFile: string;
  publicKeyFile: string;
  auditEvents: number;
  subjects: number;
  treeHead: SignedTreeHead;
}

/** A made-up but well-formed table id for DynamoDB Local, which does not report one. */
const localTableId = (random: Random) => {
  const hex = random.bytes(16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

async function* asExportItems(
  items: AsyncIterable<Record<string, AttributeValue>>,
  heads: ChainHeadTracker | undefined,
  leaves: TreeLeaves,
  /** An incremental export takes only the audit events the previous export did not hold. */
  isNew: (item: Record<string, AttributeValue>) => boolean = () => true,
): AsyncGenerator<DynamoDbItem> {
  for await (const item of items) {
    if (heads && !isNew(item)) continue;
    const subject = item.subject?.S;
    const seq = Number(item.seq?.N);
    const hash = item.hash?.S;
    if (heads && subject !== undefined && Number.isInteger(seq) && hash !== undefined) {
      heads.observe(subject, seq, hash);
      leaves.add(item.at?.S, hash);
    }
    yield sdkItemToJson(item);
  }
}

/**
 * The events the previous export held: those older than its export time, and its pending ones (seen at
 * or after that time, scanned while it ran). Everything else is new, as in DynamoDB's incremental window.
 */
const newSince = (previous: PreviousHead) => {
  const from = Date.parse(previous.head.statement.asOf);
  const held = new Set(previous.carried.pending.map(([, hash]) => hash));
  return (item: Record<string, AttributeValue>) =>
    !(Date.parse(item.at?.S ?? '') < from) && !held.has(item.hash?.S ?? '');
};

export const exportLocalTables = async (options: LocalExportOptions): Promise<LocalExportResult> => {
  // Local Scan is not a point-in-time snapshot; writes that land during the export may or may not be in it.
  const exportTime = options.clock.now();
  const heads = new ChainHeadTracker();
  const leaves = new TreeLeaves();
  const written: LocalExportResult['tables'] = [];
  let auditExport: TableExportResult | undefined;
  const { previous } = options;
  // Chained, only the audit trail is exported, as in AWS: the other tables are not kept.
  for (const key of previous ? (['auditEvents'] as const) : tableKeys) {
    const tableName = options.tableNames[key];
    const described = await describeTable(options.client, tableName);
    const audit = key === 'auditEvents';
    const result = await writeTableExport(
      asExportItems(
        scanTable(options.client, tableName),
        audit ? heads : undefined,
        leaves,
        audit && previous ? newSince(previous) : undefined,
      ),
      {
        rootDir: options.outDir,
        s3Bucket: 'local',
        s3Prefix: tables[key].baseName,
        tableArn: described.tableArn ?? `arn:aws:dynamodb:ddblocal:000000000000:table/${tableName}`,
        tableId: described.tableId ?? localTableId(options.random),
        exportTime,
        random: options.random,
        now: () => options.clock.now(),
        ...(audit && previous
          ? {
              incremental: {
                from: new Date(previous.head.statement.asOf),
                keys: ['subject', 'seq'],
                // DynamoDB Local keeps no write time; the event's own time stands in for it.
                writtenAt: (item: DynamoDbItem) =>
                  new Date(typeof item.at === 'object' && 'S' in item.at ? String(item.at.S) : exportTime),
              },
            }
          : {}),
      },
    );
    if (key === 'auditEvents') auditExport = result;
    written.push({
      key,
      tableName,
      exportId: result.exportId,
      dir: result.dir,
      itemCount: result.summary.itemCount,
    });
    options.onTable?.(tableName, result.summary.itemCount);
  }
  if (!auditExport) throw new Error('lib/data/tables.ts has no auditEvents table');

  const entries = heads.entries();
  const signed = await signDigest(
    {
      format: DIGEST_FORMAT,
      exportArn: auditExport.exportArn,
      tableArn: auditExport.summary.tableArn,
      asOf: auditExport.summary.exportTime,
      manifests: await manifestHashesOfFolder(auditExport.dir),
      createdAt: options.clock.now().toISOString(),
      subjectCount: entries.length,
      eventCount: heads.eventCount,
      heads: entries,
    },
    options.signer,
  );
  // Locally every write is done before the scan that exports it starts (one process, no Lambda still
  // running): every event before the export time is a leaf. The scheduled export waits SETTLE_MS.
  const leavesBefore = auditExport.summary.exportTime;
  const tree = advanceTree(previous?.carried, leaves, leavesBefore);
  const treeHead = await signTreeHead(
    {
      format: TREE_HEAD_FORMAT,
      tableArn: signed.statement.tableArn,
      exportArn: signed.statement.exportArn,
      asOf: signed.statement.asOf,
      leavesBefore,
      leafOrder: LEAF_ORDER,
      treeSize: tree.treeSize,
      rootHash: tree.rootHash,
      previousHeadSha256: previous ? treeHeadSha256(previous.head.statement) : null,
      digestSha256: digestStatementSha256(signed.statement),
      pendingCount: tree.pendingCount,
      pendingSha256: tree.pendingSha256,
    },
    options.signer,
  );
  const files = await writeDigestFiles(
    join(options.outDir, DIGEST_FOLDER),
    signed,
    await options.signer.publicKeyPem(),
    treeHead,
    tree.state,
  );
  return {
    outDir: options.outDir,
    tables: written,
    ...files,
    auditEvents: heads.eventCount,
    subjects: entries.length,
    treeHead,
  };
};

/**
 * The digest files in the export folders under `roots` whose head, signed by the key, extends `previous`:
 * when there is one, `previous` is not the newest head, and a new export from it would fork the chain.
 */
export const headsExtending = async (previous: SignedTreeHead, roots: string[], publicKeyPem: string) => {
  const previousSha256 = treeHeadSha256(previous.statement);
  const found: string[] = [];
  for (const root of new Set(roots))
    for (const folder of await readdir(root).catch(() => [] as string[])) {
      const digests = join(root, folder, DIGEST_FOLDER);
      for (const name of await readdir(digests).catch(() => [] as string[])) {
        if (!name.startsWith('audit-digest-')) continue;
        const file = join(digests, name);
        try {
          const { head } = headAndStateOf(await readFile(file, 'utf8'), publicKeyPem, file);
          if (head.statement.previousHeadSha256 === previousSha256) found.push(file);
        } catch {
          // Not a head of ours (or of another key): it cannot extend this one.
        }
      }
    }
  return found.sort();
};
