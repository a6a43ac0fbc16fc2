// `npm run bench`: the performance report. Starts its own DynamoDB Local and SES server on free ports,
// measures each section against a baseline taken in the same run, prints the table and writes
// bench/results.json. Options: --quick, --only cold,warm,load,totp,search,audit, --search / --audit /
// --full (build the 100k-customer and 1M-event datasets under .data/bench when missing),
// --samples N, --cold-runs N, --load-requests N, --connections N, --routes REGEX (warm: matching routes only),
// --functions REGEX (cold: matching functions only), --cpu-prof DIR (cold: a CPU profile of every process,
// summed per source file by `npx tsx bench/cold-profile.ts DIR`), --instructions (cold: count each process's
// instructions under valgrind's callgrind, steady under load where times are not; slow, so with --cold-runs 3).
import './environment';
import { cpus, loadavg } from 'node:os';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { dynamoDb } from '../lib/aws/dynamodb';
import { ses } from '../lib/aws/ses';
import { measureAuditVerify } from './audit-verify';
import { measureColdStarts } from './cold-start';
import { measureLoad } from './load';
import { recordCalls } from './recorder';
import { auditRows, coldStartRows, loadRows, searchRows, totpRows, warmRows } from './report';
import { measureSearch } from './search';
import { renderTable, type Row } from './stats';
import { measureTotp } from './totp';
import { measureRoutes } from './warm';
import { repoRoot } from '../tooling/repo-root';
import { startLocalStack } from '../local/stack';

const sections = ['cold', 'warm', 'load', 'totp', 'search', 'audit'] as const;

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    only: { type: 'string' },
    routes: { type: 'string' },
    functions: { type: 'string' },
    search: { type: 'boolean' },
    audit: { type: 'boolean' },
    full: { type: 'boolean' },
    samples: { type: 'string' },
    'cold-runs': { type: 'string' },
    'source-map-cost': { type: 'boolean' },
    'cpu-prof': { type: 'string' },
    instructions: { type: 'boolean' },
    'load-requests': { type: 'string' },
    connections: { type: 'string' },
    'search-customers': { type: 'string', default: '100000' },
    'audit-events': { type: 'string', default: '1000000' },
  },
});
const quick = values.quick === true;
const wanted = new Set(values.only ? values.only.split(',') : sections);
for (const name of wanted)
  if (!(sections as readonly string[]).includes(name)) throw new Error(`--only: no section ${name}`);
const numberOption = (value: string | undefined, fallback: number) =>
  value === undefined ? fallback : Number(value);

const log = (line: string) => process.stderr.write(`${line}\n`);
const started = Date.now();
const run = `b${started.toString(36)}`;
const rows: Row[] = [];
const results: Record<string, unknown> = {};

log(
  `mfa-recovery bench on ${cpus().length} CPU(s), node ${process.version}, load average ${loadavg()[0]?.toFixed(1)}`,
);
const stack = await startLocalStack({
  inMemory: true,
  demoData: false,
  pollStreams: false,
  tablePrefix: `${run}_`,
  log,
});
try {
  const recorder = recordCalls(dynamoDb(), ses());
  if (wanted.has('cold')) {
    log('cold start (fresh node per run, bundles as CDK builds them)…');
    const cold = await measureColdStarts({
      runs: numberOption(values['cold-runs'], quick ? 5 : 15),
      run,
      ...(values.functions ? { only: new RegExp(values.functions) } : {}),
      recorder,
      log,
      sourceMapCost: values['source-map-cost'] === true,
      ...(values['cpu-prof'] ? { cpuProfileDir: values['cpu-prof'] } : {}),
      countInstructions: values.instructions === true,
    });
    results.coldStart = cold;
    rows.push(...coldStartRows(cold));
  }
  if (wanted.has('warm')) {
    log('warm, per route (handler in-process vs the raw calls it cannot avoid)…');
    const warm = await measureRoutes({
      samples: numberOption(values.samples, quick ? 30 : 200),
      warmup: quick ? 5 : 20,
      run,
      ...(values.routes ? { only: new RegExp(values.routes) } : {}),
      recorder,
      log,
    });
    results.warm = warm;
    rows.push(...warmRows(warm));
  }
  if (wanted.has('load')) {
    log('local API under load (autocannon)…');
    const load = await measureLoad({
      apiUrl: stack.apiUrl,
      serviceKeys: stack.loginServiceCredentials,
      run,
      requests: numberOption(values['load-requests'], quick ? 300 : 2000),
      connections: numberOption(values.connections, 10),
      recorder,
      log,
    });
    results.load = load;
    rows.push(...loadRows(load));
  }
  if (wanted.has('totp')) {
    log('TOTP verify throughput…');
    const totp = await measureTotp({ rounds: quick ? 3 : 7, msPerRound: quick ? 200 : 500 });
    results.totp = totp;
    rows.push(...totpRows(totp));
  }
  if (wanted.has('search')) {
    log('customer search…');
    const search = await measureSearch({
      customers: Number(values['search-customers']),
      build: values.search === true || values.full === true,
      samples: quick ? 30 : 200,
      log,
    });
    results.search = search;
    rows.push(...searchRows(search));
  }
  if (wanted.has('audit')) {
    log('audit verify…');
    const audit = await measureAuditVerify({
      events: Number(values['audit-events']),
      build: values.audit === true || values.full === true,
      log,
    });
    results.auditVerify = audit;
    rows.push(...auditRows(audit));
  }
} finally {
  await stack.stop();
}

const table = renderTable(rows);
process.stdout.write(`${table}\n`);
await mkdir(join(repoRoot(), 'bench'), { recursive: true });
await writeFile(
  join(repoRoot(), 'bench', 'results.json'),
  JSON.stringify(
    {
      startedAt: new Date(started).toISOString(),
      seconds: (Date.now() - started) / 1000,
      machine: {
        cpus: cpus().length,
        model: cpus()[0]?.model,
        node: process.version,
        loadAverage: loadavg(),
      },
      options: values,
      rows,
      results,
    },
    null,
    2,
  ),
);
log(`bench/results.json written (${((Date.now() - started) / 1000).toFixed(0)} s)`);
