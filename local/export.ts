// `npm run export`: every table of the local stack in DynamoDB's S3 export layout, with a signed digest
// of the audit chain heads, under exports/<time>/ (or --out DIR). A thin shell over lib/audit/local-export.ts.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock, systemRandom } from '../lib/clock';
import { localDigestSigner, publicKeyFingerprint } from '../lib/audit/digest';
import { exportLocalTables } from '../lib/audit/local-export';
import { repoRoot } from './paths';
import { localTableNames } from './tables';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const usage = `usage: npm run export [-- --out DIR] [--endpoint URL] [--table-prefix PREFIX]

Writes every local table in DynamoDB's S3 export layout (DYNAMODB_JSON), one folder per table, and a
signed digest of the audit chain heads in digests/. Default: exports/<time>/ in the repository.
  --out DIR            where to write (must be empty or not exist)
  --endpoint URL       DynamoDB Local (default http://127.0.0.1:$DDB_PORT, port 8000)
  --table-prefix P     table name prefix, as the local stack was started with (default none)
`;

const fail = (message: string, code = 1): never => {
  process.stderr.write(`npm run export: ${message}\n`);
  process.exit(code);
};

const main = async () => {
  let values: { out?: string; endpoint?: string; 'table-prefix'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        out: { type: 'string' },
        endpoint: { type: 'string' },
        'table-prefix': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return fail(`${(error as Error).message}\n\n${usage}`, 2);
  }
  if (values.help) {
    process.stdout.write(usage);
    return;
  }
  const root = repoRoot();
  const now = systemClock.now();
  const outDir =
    values.out ??
    join(
      root,
      'exports',
      now
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d+Z$/, 'Z'),
    );
  const existing = await readdir(outDir).catch(() => [] as string[]);
  // Exports are evidence: never write into (and so mix with) an earlier one.
  if (existing.length > 0) return fail(`${outDir} is not empty; choose another --out`, 2);

  const endpoint = values.endpoint ?? `http://127.0.0.1:${process.env.DDB_PORT || '8000'}`;
  const client = new DynamoDBClient({
    region: process.env.AWS_REGION ?? 'eu-west-1',
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 2,
  });
  const signer = localDigestSigner(join(root, '.data', 'audit-digest-key.pem'));
  try {
    const result = await exportLocalTables({
      client,
      tableNames: localTableNames(values['table-prefix'] ?? ''),
      outDir,
      signer,
      clock: systemClock,
      random: systemRandom,
    });
    const fromHere = relative(process.cwd(), outDir);
    const shown = fromHere === '' ? '.' : fromHere.startsWith('..') ? outDir : fromHere;
    const say = (line: string) => process.stdout.write(`${line}\n`);
    say(`exported ${result.tables.length} tables to ${shown}/`);
    for (const table of result.tables)
      say(
        `  ${table.tableName.padEnd(24)} ${String(table.itemCount).padStart(8)} items  ${relative(outDir, table.dir)}/`,
      );
    say(
      `  digest of ${result.subjects} audit chains (${result.auditEvents} events): ${relative(outDir, result.digestFile)}`,
    );
    say(`  signed by the local key, SHA-256 ${publicKeyFingerprint(await signer.publicKeyPem())}`);
    say(`verify it: npm run audit -- verify ${shown}`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/ECONNREFUSED|connect/i.test(message) || (error as { code?: string }).code === 'ECONNREFUSED')
      return fail(
        `cannot reach DynamoDB Local at ${endpoint}: start the local stack (npm start) or set DDB_PORT`,
      );
    if (error instanceof Error && error.name === 'ResourceNotFoundException')
      return fail(`a table is missing at ${endpoint} (${message}); is that the local stack's DynamoDB?`);
    return fail(message);
  } finally {
    client.destroy();
  }
};

void main();
