// `npm run backfill:recovery-locks`: once per deployment that has customers locked by a "this wasn't
// me" report from before the officers' queue had its index (lib/security/backfill.ts). A second run
// finds nothing. AWS: your credentials, the deployed Customers table; locally: DynamoDB Local.
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const usage = `usage: npm run backfill:recovery-locks -- --table NAME [--region R] [--dry-run]
       npm run backfill:recovery-locks -- --local [--endpoint URL] [--table-prefix P] [--dry-run]

Puts every customer whose recovery is locked by a report, but who is missing from the security
officers' queue (no recoveryLockFlag), into the queue. Reads the table with one Scan; writes only
those customers, each on the condition that the lock is still there.
  --table NAME        AWS: the Customers table (stack output); --region or AWS_REGION
  --local             the local stack's DynamoDB (default http://127.0.0.1:$DDB_PORT, port 8000)
  --table-prefix P    local: the prefix the local stack was started with (default none)
  --dry-run           list who would be put in the queue, write nothing
`;

const fail = (message: string, code = 1): never => {
  process.stderr.write(`npm run backfill:recovery-locks: ${message}\n`);
  process.exit(code);
};

const main = async () => {
  let values: {
    table?: string;
    region?: string;
    local?: boolean;
    endpoint?: string;
    'table-prefix'?: string;
    'dry-run'?: boolean;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      options: {
        table: { type: 'string' },
        region: { type: 'string' },
        local: { type: 'boolean' },
        endpoint: { type: 'string' },
        'table-prefix': { type: 'string' },
        'dry-run': { type: 'boolean' },
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
  if (!values.local && !values.table) return fail(`--table or --local is required\n\n${usage}`, 2);
  let table = values.table ?? '';
  let base: DynamoDBClient;
  if (values.local) {
    const { localTableNames } = await import('../local/tables');
    table = localTableNames(values['table-prefix'] ?? '').customers;
    base = new DynamoDBClient({
      region: 'eu-west-1',
      endpoint: values.endpoint ?? `http://127.0.0.1:${process.env.DDB_PORT ?? 8000}`,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  } else {
    base = new DynamoDBClient(values.region ? { region: values.region } : {});
  }
  const { backfillRecoveryLockFlags } = await import('../lib/security/backfill');
  const report = await backfillRecoveryLockFlags({
    client: DynamoDBDocumentClient.from(base),
    table,
    dryRun: values['dry-run'] ?? false,
  });
  const verb = values['dry-run'] ? 'dry run: would put' : 'put';
  const lines = [
    `${verb} ${report.flagged.length} locked customer(s) in the queue (${report.scanned} scanned)`,
    ...report.flagged.map((customerId) => `  ${customerId}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  base.destroy();
};

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
