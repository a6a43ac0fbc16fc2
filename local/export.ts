// `npm run export`: every table of the local stack in DynamoDB's S3 export layout, with a signed digest
// of the audit chain heads, under exports/<time>/ (or --out DIR). A thin shell over lib/audit/local-export.ts.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock, systemRandom } from '../lib/clock';
import { localDigestSigner, publicKeyFingerprint } from '../lib/audit/digest';
import { exportLocalTables, headsExtending } from '../lib/audit/local-export';
import { headAndStateOf, type PreviousHead } from '../lib/audit/previous-head';
import { repoRoot } from '../tooling/repo-root';
import { localTableNames } from './tables';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const usage = `usage: npm run export [-- --out DIR] [--previous-head FILE] [--endpoint URL] [--table-prefix PREFIX]

Writes every local table in DynamoDB's S3 export layout (DYNAMODB_JSON), one folder per table, and a
signed digest of the audit chain heads and tree head in digests/. Default: exports/<time>/ in the repository.
  --out DIR            where to write (must be empty or not exist)
  --previous-head FILE the digest file of the export before (its digests/audit-digest-….json): only the
                       AuditEvents table is exported, incrementally (its new events), as the daily export in
                       AWS does, and its tree head extends that export's head
  --endpoint URL       DynamoDB Local (default http://127.0.0.1:$DDB_PORT, port 8000)
  --table-prefix P     table name prefix, as the local stack was started with (default none)
`;

const fail = (message: string, code = 1): never => {
  process.stderr.write(`npm run export: ${message}\n`);
  process.exit(code);
};

const main = async () => {
  let values: {
    out?: string;
    endpoint?: string;
    'table-prefix'?: string;
    'previous-head'?: string;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      options: {
        out: { type: 'string' },
        endpoint: { type: 'string' },
        'table-prefix': { type: 'string' },
        'previous-head': { type: 'string' },
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
  const previousFile = values['previous-head'];
  let previous: PreviousHead | undefined;
  if (previousFile) {
    const text = await readFile(previousFile, 'utf8').catch(() => undefined);
    if (text === undefined) return fail(`cannot read --previous-head ${previousFile}`, 2);
    try {
      previous = headAndStateOf(text, await signer.publicKeyPem(), previousFile);
    } catch (error) {
      // Never start a new tree in its place: the chain would silently lose its link.
      return fail(`${(error as Error).message}; nothing exported`);
    }
    // Beside it (its export's folder) or where this one goes, a later export already extends it: a new
    // one from it would hold the same events again and fork the chain.
    const exportsRoot = dirname(dirname(dirname(previousFile)));
    const later = await headsExtending(
      previous.head,
      [exportsRoot, dirname(outDir)],
      await signer.publicKeyPem(),
    );
    if (later.length > 0)
      return fail(
        `--previous-head ${previousFile} is not the newest head: ${later.map((file) => relative(process.cwd(), file)).join(', ')} already extends it; give the newest one; nothing exported`,
      );
  }
  try {
    const result = await exportLocalTables({
      client,
      tableNames: localTableNames(values['table-prefix'] ?? ''),
      outDir,
      signer,
      clock: systemClock,
      random: systemRandom,
      ...(previous ? { previous } : {}),
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
    say(
      `  tree head: ${result.treeHead.statement.treeSize} events${previous ? `, extends ${previousFile} (${previous.head.statement.treeSize} events)` : ''}`,
    );
    say(`  signed by the local key, SHA-256 ${publicKeyFingerprint(await signer.publicKeyPem())}`);
    say(`next time: npm run export -- --previous-head ${relative(process.cwd(), result.digestFile)}`);
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
