// Writes a chain of synthetic AuditEvents exports as the bucket holds them — a full export, then
// incremental ones (NewImage lines, one day's new events each) — and digests them with the export
// function's own code (lib/audit/scheduled-export.ts), so every incremental export gets its chained
// tree head. For measuring `audit verify` over a chain:
// `npx tsx bench/generate-audit-chain.ts --out /tmp/chain --events 1000000 --incrementals 3 --per-incremental 20000`
// then `npm run audit -- verify /tmp/chain/exports --public-key /tmp/chain/digest-key.pem --require-digest --format json`.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fixedClock, systemRandom } from '../lib/clock';
import type { CompletedExport } from '../lib/aws/dynamodb-exports';
import { folderBucket as localFolderBucket } from '../local/folder-bucket';
import { nextAuditItem, type ChainHead } from '../lib/audit/chain';
import { newPrivateKeyPem, privateKeyDigestSigner } from '../lib/audit/digest';
import { itemToDynamoDbJson, type DynamoDbItem } from '../lib/audit/dynamodb-json';
import { writeTableExport } from '../lib/audit/export-format';
import { digestCompletedExports } from '../lib/audit/scheduled-export';

const tableArn = 'arn:aws:dynamodb:eu-west-1:123456789012:table/MfaRecovery-DataAuditEvents-BENCH';
const bucketName = 'bench-audit-exports';
const DAY = 24 * 3600 * 1000;

const folderBucket = (root: string) => localFolderBucket(root, bucketName);

const main = async () => {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      events: { type: 'string', default: '1000000' },
      incrementals: { type: 'string', default: '3' },
      'per-incremental': { type: 'string', default: '20000' },
    },
  });
  if (!values.out) throw new Error('--out DIR');
  const out = values.out;
  const total = Number(values.events);
  const days = Number(values.incrementals);
  const perDay = Number(values['per-incremental']);
  const subjects = Math.max(1, Math.floor(total / 20));
  const heads = new Map<number, ChainHead>();
  const start = Date.parse('2025-01-01T00:00:00Z');
  function* events(count: number, from: number, span: number): Generator<DynamoDbItem> {
    for (let i = 0; i < count; i += 1) {
      const subject = Math.floor(Math.random() * subjects);
      const at = new Date(from + Math.floor((i / count) * span));
      const item = nextAuditItem(
        heads.get(subject),
        {
          type: 'VERIFICATION_STARTED',
          actorType: 'agent',
          actorId: 'agent-bench',
          customerId: `c${subject}`,
          details: {},
        },
        at,
        systemRandom.ulid(at),
      );
      heads.set(subject, item);
      yield itemToDynamoDbJson(item as unknown as Record<string, unknown>);
    }
  }
  const completed: CompletedExport[] = [];
  for (let day = 0; day <= days; day += 1) {
    const exportTime = new Date(start + (day + 1) * DAY);
    const from = new Date(start + day * DAY);
    const prefix = `exports/${exportTime.toISOString().slice(0, 10)}/AuditEvents`;
    const count = day === 0 ? total : perDay;
    const written = await writeTableExport(events(count, from.getTime(), DAY - 60_000), {
      rootDir: out,
      s3Bucket: bucketName,
      s3Prefix: prefix,
      tableArn,
      tableId: 'bench',
      exportTime,
      random: systemRandom,
      now: () => exportTime,
      ...(day > 0
        ? {
            incremental: {
              from,
              keys: ['subject', 'seq'],
              writtenAt: (item: DynamoDbItem) => new Date(String((item.at as { S: string }).S)),
            },
          }
        : {}),
    });
    completed.push({
      exportArn: written.exportArn,
      tableArn,
      exportTime,
      exportType: day > 0 ? 'INCREMENTAL_EXPORT' : 'FULL_EXPORT',
      ...(day > 0 ? { from } : {}),
      s3Bucket: bucketName,
      s3Prefix: prefix,
      itemCount: count,
    });
    process.stdout.write(`wrote ${day === 0 ? 'full' : 'incremental'} export of ${count} events\n`);
  }
  const privateKey = newPrivateKeyPem();
  const signer = privateKeyDigestSigner(() => privateKey);
  const started = Date.now();
  const { written: digests } = await digestCompletedExports(
    { bucket: bucketName, digestKeyId: 'bench', auditTableArn: tableArn },
    {
      exports: {
        start: async () => ({ exportArn: '', alreadyRunning: false }),
        recentExports: async () => completed,
        failedExports: async () => [],
        history: async () => [],
        earliestExportTime: async () => undefined,
      },
      bucket: folderBucket(out),
      signer,
      clock: fixedClock(new Date(start + (days + 2) * DAY).toISOString()),
    },
  );
  process.stdout.write(
    `digested ${digests.length} exports with chained tree heads in ${Date.now() - started} ms\n`,
  );
  await writeFile(join(out, 'digest-key.pem'), await signer.publicKeyPem());
};

void main();
