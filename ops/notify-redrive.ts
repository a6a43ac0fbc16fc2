// `npm run notify:redrive`: the outbox reconciliation on demand. Locally it runs lib/notify/reconciliation.ts
// against the local stack; with --function-name it invokes the deployed reconciliation function with the
// caller's AWS credentials, so it sends with the function's own role, configuration and SES identity.
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import type { ReconcileInput } from '../lib/notify/reconcile-input';
import type { ReconcileReport } from '../lib/notify/reconciliation';
import { repoRoot } from '../tooling/repo-root';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const usage = `usage: npm run notify:redrive [-- --dry-run] [--older-than-minutes N] [--limit N]
                                   [--function-name NAME [--region R]]
                                   [--endpoint URL] [--ses-endpoint URL] [--table-prefix P] [--in-memory]

Delivers every notification whose audit event is older than N minutes (default 10) and still has no
settled ledger entry, through the same exactly-once ledger as the stream consumer. A second run sends
nothing more.
  --dry-run              list the backlog, send nothing
  --older-than-minutes N the grace the stream consumer gets (default 10; 0 takes everything unsettled)
  --limit N              at most N entries, oldest first (default 100)
  --function-name NAME   AWS: invoke the deployed function (stack output OutboxReconciliationFunction)
                         with your credentials (lambda:InvokeFunction on it); --region or AWS_REGION
  --endpoint URL         local: DynamoDB Local (default http://127.0.0.1:$DDB_PORT, port 8000)
  --ses-endpoint URL     local: the SES server (default http://127.0.0.1:$SES_PORT, port 8005)
  --table-prefix P       local: table name prefix the local stack was started with (default none)
  --in-memory            local: the stack was started with --in-memory (no .data/ key)
`;

const fail = (message: string, code = 1): never => {
  process.stderr.write(`npm run notify:redrive: ${message}\n`);
  process.exit(code);
};

const wholeNumber = (name: string, value: string | undefined) => {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) return fail(`--${name} takes a whole number, not "${value}"`, 2);
  return Number(value);
};

const printReport = (report: ReconcileReport) => {
  const lines = [
    `${report.dryRun ? 'dry run: ' : ''}${report.backlog.length} unsettled notification(s) from before ${report.cutoff}`,
    ...report.backlog.map((entry) =>
      [
        entry.pendingSince,
        entry.eventId,
        entry.kind,
        entry.status,
        entry.result ?? (report.dryRun ? 'would deliver' : ''),
      ]
        .join('  ')
        .trimEnd(),
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
};

const invokeDeployed = async (functionName: string, region: string | undefined, input: ReconcileInput) => {
  const { LambdaClient, InvokeCommand } = await import('@aws-sdk/client-lambda');
  const client = new LambdaClient(region ? { region } : {});
  const answer = await client.send(
    new InvokeCommand({ FunctionName: functionName, Payload: Buffer.from(JSON.stringify(input)) }),
  );
  const payload = answer.Payload ? Buffer.from(answer.Payload).toString('utf8') : '';
  if (answer.FunctionError) return fail(`the function failed (${answer.FunctionError}): ${payload}`);
  return JSON.parse(payload) as ReconcileReport;
};

const runLocally = async (
  values: { endpoint?: string; 'ses-endpoint'?: string; 'table-prefix'?: string; 'in-memory'?: boolean },
  input: ReconcileInput,
) => {
  const { useRunningLocalStack } = await import('../local/stack');
  useRunningLocalStack({
    ...(values.endpoint ? { dynamodbEndpoint: values.endpoint } : {}),
    ...(values['ses-endpoint'] ? { sesEndpoint: values['ses-endpoint'] } : {}),
    tablePrefix: values['table-prefix'] ?? '',
    ...(values['in-memory'] ? {} : { dataDir: join(repoRoot(), '.data') }),
  });
  const { systemClock, systemRandom } = await import('../lib/clock');
  const { defaultReconcileOptions, reconcileOutbox } = await import('../lib/notify/reconciliation');
  // No metrics from a command line: stdout is the operator's report.
  return reconcileOutbox(
    { ...defaultReconcileOptions, ...input },
    { clock: systemClock, random: systemRandom },
  );
};

const main = async () => {
  let values: {
    'dry-run'?: boolean;
    'older-than-minutes'?: string;
    limit?: string;
    'function-name'?: string;
    region?: string;
    endpoint?: string;
    'ses-endpoint'?: string;
    'table-prefix'?: string;
    'in-memory'?: boolean;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      options: {
        'dry-run': { type: 'boolean' },
        'older-than-minutes': { type: 'string' },
        limit: { type: 'string' },
        'function-name': { type: 'string' },
        region: { type: 'string' },
        endpoint: { type: 'string' },
        'ses-endpoint': { type: 'string' },
        'table-prefix': { type: 'string' },
        'in-memory': { type: 'boolean' },
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
  const { reconcileInputSchema } = await import('../lib/notify/reconcile-input');
  const settleAfterMinutes = wholeNumber('older-than-minutes', values['older-than-minutes']);
  const limit = wholeNumber('limit', values.limit);
  const parsed = reconcileInputSchema.safeParse({
    action: 'reconcile',
    dryRun: values['dry-run'] ?? false,
    ...(settleAfterMinutes === undefined ? {} : { settleAfterMinutes }),
    ...(limit === undefined ? {} : { limit }),
  });
  if (!parsed.success)
    return fail(
      `${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
      2,
    );
  const report = values['function-name']
    ? await invokeDeployed(values['function-name'], values.region, parsed.data)
    : await runLocally(values, parsed.data);
  printReport(report);
  if (
    report.backlog.some((entry) => entry.result === 'RETRY_LATER' || entry.result === 'AUDIT_EVENT_MISSING')
  )
    process.exitCode = 1;
};

main().catch((error: unknown) =>
  fail(
    error instanceof Error
      ? process.env.DEBUG_REDRIVE
        ? String(error.stack)
        : error.message
      : String(error),
  ),
);
