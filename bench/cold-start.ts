// Cold starts: each function bundled exactly as the CDK stack bundles it (cdk/bundling.ts), then a fresh
// `node` process imports the bundle and answers its first event against DynamoDB Local. The baseline is
// a handler that imports only the AWS clients the function uses and sends the same DynamoDB requests
// (recorded from the real handler in this run, conditions removed), as a plain client: the SDK as it
// ships, with its default credential chain. A second floor is the same handler with the chain cut as the
// functions' is (cdk/bundling.ts): the ratio against it is what our own layer costs on top of the SDK.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFunction, lambdaNodeOptions, type Credentials } from '../cdk/bundling';
import type { AuditItem } from '../lib/audit/events';
import { dynamoDb, tableName } from '../lib/aws/dynamodb';
import { functions, type FunctionName } from '../lib/routes';
import { requestDisable } from '../lib/reset/store';
import { loadHandler } from '../local/api-server';
import { lambdaContext } from '../local/lambda-context';
import { repoRoot } from '../tooling/repo-root';
import { apiEvent, findRoute } from './events';
import { baselineEntryFor } from './floor-entry';
import {
  createCustomer,
  deps,
  inPool,
  nextCode,
  passedVerification,
  writeEnrolledCustomers,
  writeTicketHolders,
} from './fixtures';
import { replayRequest, type CallRecorder } from './recorder';
import { instructionsIn, underCallgrind } from './instructions';
import { median } from './stats';

/** The first event a fresh container answers, per function; undefined measures the import alone. */
interface ColdScenario {
  firstEvent: string;
  /** Builds the state one fresh process needs; the returned function makes its event just before the spawn. */
  prepare?: (run: string, index: number) => Promise<() => unknown>;
}

const agentCaller = { kind: 'staff', sub: 'agent-bench', groups: ['helpdesk'] } as const;

const coldScenarios: Record<FunctionName, ColdScenario> = {
  health: {
    firstEvent: 'GET /health',
    prepare: async () => () => apiEvent(findRoute('GET', '/health')),
  },
  adminApi: {
    firstEvent: 'GET /admin/customers?query=vries',
    prepare: async (run, index) => {
      if (index === 0)
        await inPool(
          Array.from({ length: 20 }, (_, n) => `${run}-cold-search-${n}`),
          4,
          (id) => createCustomer(id),
        );
      return () =>
        apiEvent(findRoute('GET', '/admin/customers'), { caller: agentCaller, query: { query: 'vries' } });
    },
  },
  loginServiceApi: {
    firstEvent: 'POST /internal/customers/{id}/2fa/verify (right TOTP code)',
    prepare: async (run, index) => {
      const [authenticator] = await writeEnrolledCustomers([`${run}-cold-verify-${index}`]);
      if (!authenticator) throw new Error('no authenticator');
      return () =>
        apiEvent(findRoute('POST', '/internal/customers/{customerId}/2fa/verify'), {
          caller: { kind: 'service' },
          pathParameters: { customerId: authenticator.customerId },
          body: { code: nextCode(authenticator) },
        });
    },
  },
  erasureApi: {
    firstEvent: 'POST /internal/customers/{id}/erase (an enrolled customer)',
    prepare: async (run, index) => {
      const [authenticator] = await writeEnrolledCustomers([`${run}-cold-erase-${index}`]);
      if (!authenticator) throw new Error('no customer to erase');
      return () =>
        apiEvent(findRoute('POST', '/internal/customers/{customerId}/erase'), {
          caller: { kind: 'service' },
          pathParameters: { customerId: authenticator.customerId },
          body: {},
        });
    },
  },
  enrollmentApi: {
    // As the enrollment page sends it: the page draws the QR code, the server renders no PNG.
    firstEvent: 'POST /enroll/start {qr: none}',
    prepare: async (run, index) => {
      const [ticket] = await writeTicketHolders([`${run}-cold-enroll-${index}`]);
      return () => apiEvent(findRoute('POST', '/enroll/start'), { body: { ticket, qr: 'none' } });
    },
  },
  notifier: {
    firstEvent: 'AuditEvents stream: TWO_FA_DISABLED → ticket + reset email',
    prepare: async (run, index) => {
      const customerId = `${run}-cold-notify-${index}`;
      await writeEnrolledCustomers([customerId]);
      // One agent and one admin per run: a run of cold starts is not a helpdesk attack wave.
      const verificationId = await passedVerification(customerId, `agent-bench-cold-${index}`);
      const disabled = await requestDisable(
        { customerId, verificationId, reason: 'bench: lost phone', adminId: `admin-bench-cold-${index}` },
        deps,
      );
      if (disabled.status !== 200) throw new Error(`cold notifier fixture: ${JSON.stringify(disabled.body)}`);
      const events = await dynamoDb().send(
        new QueryCommand({
          TableName: tableName('auditEvents'),
          KeyConditionExpression: 'subject = :subject',
          ExpressionAttributeValues: { ':subject': `customer#${customerId}` },
          ScanIndexForward: false,
          Limit: 1,
          ConsistentRead: true,
        }),
      );
      const item = events.Items?.[0] as AuditItem | undefined;
      if (item?.type !== 'TWO_FA_DISABLED')
        throw new Error('cold notifier fixture: no TWO_FA_DISABLED event');
      return () => ({
        Records: [
          {
            eventID: `${index}`,
            eventName: 'INSERT',
            eventVersion: '1.1',
            eventSource: 'aws:dynamodb',
            awsRegion: 'eu-west-1',
            eventSourceARN: 'arn:aws:dynamodb:eu-west-1:000000000000:table/AuditEvents/stream/bench',
            dynamodb: {
              Keys: marshall({ subject: item.subject, seq: item.seq }),
              NewImage: marshall(item, { removeUndefinedValues: true }),
              SequenceNumber: String(100000 + index),
              StreamViewType: 'NEW_IMAGE',
            },
          },
        ],
      });
    },
  },
  auditExport: { firstEvent: '(import only: DynamoDB Local has no export API)' },
  outboxReconciliation: {
    firstEvent: 'scheduled reconcile, empty backlog (the usual run: one Query of the pending index)',
    prepare: async () => () => ({ action: 'reconcile' }),
  },
  mailFeedback: {
    firstEvent: 'an SES bounce event for a message we never sent (parsed, one GetItem, dropped)',
    prepare: async () => () => ({
      source: 'aws.ses',
      'detail-type': 'Email Bounced',
      detail: {
        eventType: 'Bounce',
        mail: { messageId: 'bench-unknown-message', tags: { notification: ['bench-unknown-entry'] } },
        bounce: { bounceType: 'Permanent', bounceSubType: 'General' },
      },
    }),
  },
  eventPublisher: {
    firstEvent: 'scheduled reconcile, empty backlog (the usual run: one Query of the unpublished index)',
    prepare: async () => () => ({ action: 'reconcile' }),
  },
};

// Runs in the fresh process: times the import and the first event from the process's own clock
// (performance.now() counts from process start), writes the result to a file and exits at once.
export const driverSource = `'use strict';
const { performance } = require('node:perf_hooks');
const { readFileSync, writeFileSync } = require('node:fs');
const [bundle, inputFile, outputFile] = process.argv.slice(2);
const input = JSON.parse(readFileSync(inputFile, 'utf8'));
const context = { awsRequestId: 'cold-' + process.pid, functionName: input.functionName, functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:' + input.functionName, memoryLimitInMB: '512',
  logGroupName: '/aws/lambda/bench', logStreamName: 'bench', callbackWaitsForEmptyEventLoop: false,
  getRemainingTimeInMillis: () => 10000, done() {}, fail() {}, succeed() {} };
const beforeImport = performance.now();
const { handler } = require(bundle);
const imported = performance.now();
const finish = (result, error) => {
  const answered = performance.now();
  const cpu = process.cpuUsage();
  writeFileSync(outputFile, JSON.stringify({ beforeImport, importMs: imported - beforeImport,
    firstEventMs: answered - imported, totalMs: answered, cpuMs: (cpu.user + cpu.system) / 1000,
    statusCode: result && result.statusCode,
    failures: result && result.batchItemFailures, error }));
  process.exit(0);
};
if (input.event === null) finish(undefined);
else Promise.resolve(handler(input.event, context)).then((result) => finish(result), (error) => finish(undefined, String(error && error.stack || error)));
`;

export interface ProcessTiming {
  beforeImport: number;
  importMs: number;
  firstEventMs: number;
  totalMs: number;
  /** CPU time of the whole process (user + system): far less disturbed by other load than wall time. */
  cpuMs: number;
  /** With --instructions: every instruction the process ran (callgrind), its times then being valgrind's. */
  instructions?: number;
  statusCode?: number;
  failures?: unknown[];
  error?: string;
}

export interface ColdStartMeasurement {
  function: FunctionName;
  firstEvent: string;
  runs: number;
  bundleBytes: number;
  baselineBundleBytes: number;
  sourceMapBytes: number;
  baselineSourceMapBytes: number;
  baselineEntry: string;
  /** Medians, ms: process start to answer, and the import + first event part of it. */
  totalMs: number;
  baselineTotalMs: number;
  importMs: number;
  baselineImportMs: number;
  firstEventMs: number;
  baselineFirstEventMs: number;
  cpuMs: number;
  baselineCpuMs: number;
  nodeBootMs: number;
  /** With --source-map-cost: the same bundle and events with NODE_OPTIONS=--enable-source-maps (median, ms). */
  withSourceMapsFlag?: { totalMs: number; cpuMs: number };
  /** With --instructions: medians of the whole process's instruction counts (bench/instructions.ts). */
  instructions?: number;
  baselineInstructions?: number;
  /** The floor with the environment's credentials, as the function is bundled (medians; from session 13 on). */
  envCredentialsBaseline?: { bundleBytes: number; totalMs: number; cpuMs: number; instructions?: number };
}

const fileSize = async (path: string) => (await stat(path)).size;

/** Bytes are the bundle's own: a lazy package beside it (cdk/bundling.ts) is not read at a cold start. */
export const bundleFunction = async (entry: string, outDir: string, credentials?: Credentials) => {
  const { outfile } = await buildFunction(join(repoRoot(), entry), outDir, credentials);
  return { outfile, bytes: await fileSize(outfile), mapBytes: await fileSize(`${outfile}.map`) };
};

export const runFresh = async (
  driver: string,
  bundle: string,
  input: unknown,
  dir: string,
  env: NodeJS.ProcessEnv,
  nodeFlags: string[] = [],
  countInstructions = false,
) => {
  const inputFile = join(dir, `in-${process.hrtime.bigint()}.json`);
  const outputFile = `${inputFile}.out`;
  const counter = countInstructions ? underCallgrind(`${inputFile}.callgrind`) : undefined;
  await writeFile(inputFile, JSON.stringify(input));
  const stderr: Buffer[] = [];
  await new Promise<void>((done, fail) => {
    const args = [...nodeFlags, driver, bundle, inputFile, outputFile];
    const child = spawn(counter?.command ?? process.execPath, [...(counter?.prefix ?? []), ...args], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', fail);
    child.on('exit', () => done());
  });
  try {
    const timing = JSON.parse(await readFile(outputFile, 'utf8')) as ProcessTiming;
    if (counter) timing.instructions = await instructionsIn(`${inputFile}.callgrind`);
    return timing;
  } catch {
    throw new Error(
      `cold start of ${bundle} wrote no result: ${Buffer.concat(stderr).toString().slice(-2000)}`,
    );
  } finally {
    await rm(inputFile, { force: true });
    await rm(outputFile, { force: true });
  }
};

/** As deployed (cdk/constructs/app-function.ts): its NODE_OPTIONS, logs at INFO, credentials from the environment. */
export const coldStartEnvironment = (): NodeJS.ProcessEnv => ({
  ...process.env,
  NODE_OPTIONS: lambdaNodeOptions,
  POWERTOOLS_SERVICE_NAME: 'mfa-recovery',
  POWERTOOLS_METRICS_DISABLED: 'false',
  POWERTOOLS_LOG_LEVEL: 'INFO',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_REGION: process.env.AWS_REGION ?? 'eu-west-1',
  AUDIT_EXPORT_BUCKET: 'bench-audit-exports',
  AUDIT_DIGEST_KEY_ID: 'bench-digest-key',
  AUDIT_EVENTS_TABLE_ARN: 'arn:aws:dynamodb:eu-west-1:000000000000:table/AuditEvents',
});

export const measureColdStarts = async (options: {
  runs: number;
  run: string;
  only?: RegExp;
  recorder: CallRecorder;
  log: (line: string) => void;
  /** Also run each real bundle with --enable-source-maps, interleaved, to price the flag. */
  sourceMapCost?: boolean;
  /**
   * Write a CPU profile of every process (function and baseline) under this directory, beside a copy of
   * each bundle and its map, for bench/cold-profile.ts. The profiler's own cost is in the times then.
   */
  cpuProfileDir?: string;
  /** Run every process under callgrind and report its instruction count (bench/instructions.ts). */
  countInstructions?: boolean;
}): Promise<ColdStartMeasurement[]> => {
  const { recorder } = options;
  const dir = await mkdtemp(join(tmpdir(), 'mfa-bench-cold-'));
  const driver = join(dir, 'driver.cjs');
  await writeFile(driver, driverSource);
  const env = coldStartEnvironment();
  const results: ColdStartMeasurement[] = [];
  try {
    for (const name of Object.keys(functions) as FunctionName[]) {
      if (options.only && !options.only.test(name)) continue;
      const scenario = coldScenarios[name];
      const real = await bundleFunction(functions[name].entry, join(dir, name));
      const baselineEntry = baselineEntryFor(name);
      const baseline = await bundleFunction(baselineEntry, join(dir, `${name}-baseline`), 'sdkDefault');
      const envBaseline = await bundleFunction(
        baselineEntry,
        join(dir, `${name}-baseline-env`),
        'environment',
      );
      const profileFlags = async (label: string, bundle: string) => {
        if (!options.cpuProfileDir) return [];
        const target = join(options.cpuProfileDir, label);
        await mkdir(target, { recursive: true });
        await copyFile(bundle, join(target, 'index.js'));
        await copyFile(`${bundle}.map`, join(target, 'index.js.map'));
        return ['--cpu-prof', `--cpu-prof-dir=${target}`, '--cpu-prof-interval=100'];
      };
      const realFlags = await profileFlags(name, real.outfile);
      const baselineFlags = await profileFlags(`${name}-baseline`, baseline.outfile);

      // The baseline's requests: what the real handler sends for the same kind of first event.
      let baselineCalls: unknown[] = [];
      if (scenario.prepare) {
        const makeEvent = await scenario.prepare(options.run, 0);
        const handler = await loadHandler<(event: unknown, context: unknown) => Promise<unknown>>(name);
        recorder.start();
        await handler(makeEvent(), lambdaContext(name));
        baselineCalls = recorder.stop().map(replayRequest);
      }
      const events = scenario.prepare
        ? await inPool(
            // Each process gets its own fresh state (a code not used yet, a record not yet handled).
            Array.from({ length: options.runs * (options.sourceMapCost ? 2 : 1) }, (_, index) => index + 1),
            2,
            (index) => (scenario.prepare as NonNullable<ColdScenario['prepare']>)(options.run, index),
          )
        : [];
      const realTimes: ProcessTiming[] = [];
      const baselineTimes: ProcessTiming[] = [];
      const envBaselineTimes: ProcessTiming[] = [];
      const withMapsFlagTimes: ProcessTiming[] = [];
      for (let index = 0; index < options.runs; index += 1) {
        const makeEvent = events[index];
        const realRun = () =>
          runFresh(
            driver,
            real.outfile,
            { functionName: name, event: makeEvent ? makeEvent() : null },
            dir,
            env,
            realFlags,
            options.countInstructions,
          );
        const floorRun = (bundle: string, flags: string[]) => () =>
          runFresh(
            driver,
            bundle,
            { functionName: `${name}-baseline`, event: makeEvent ? { calls: baselineCalls } : null },
            dir,
            env,
            flags,
            options.countInstructions,
          );
        // Rotating the order cancels a drift in machine load between the three.
        const order = [realRun, floorRun(baseline.outfile, baselineFlags), floorRun(envBaseline.outfile, [])];
        const timings: ProcessTiming[] = [];
        for (let step = 0; step < order.length; step += 1) {
          const slot = (index + step) % order.length;
          timings[slot] = await (order[slot] as () => Promise<ProcessTiming>)();
        }
        const [realTiming, baselineTiming, envBaselineTiming] = timings as [
          ProcessTiming,
          ProcessTiming,
          ProcessTiming,
        ];
        for (const [label, timing] of [
          [name, realTiming],
          [`${name} baseline`, baselineTiming],
          [`${name} baseline with the environment's credentials`, envBaselineTiming],
        ] as const) {
          const failed =
            timing.error ??
            ((timing.statusCode ?? 200) >= 400 ? `status ${timing.statusCode}` : undefined) ??
            (timing.failures && timing.failures.length ? 'batch item failures' : undefined);
          if (failed) throw new Error(`cold start of ${label} failed: ${failed}`);
        }
        realTimes.push(realTiming);
        baselineTimes.push(baselineTiming);
        envBaselineTimes.push(envBaselineTiming);
        if (options.sourceMapCost) {
          const makeOwnEvent = events[options.runs + index];
          const withMapsFlag = await runFresh(
            driver,
            real.outfile,
            { functionName: name, event: makeOwnEvent ? makeOwnEvent() : null },
            dir,
            { ...env, NODE_OPTIONS: `${lambdaNodeOptions} --enable-source-maps`.trim() },
          );
          if (withMapsFlag.error)
            throw new Error(`cold start of ${name} with --enable-source-maps failed: ${withMapsFlag.error}`);
          withMapsFlagTimes.push(withMapsFlag);
        }
      }
      const of = (times: ProcessTiming[], pick: (timing: ProcessTiming) => number) => median(times.map(pick));
      const measurement: ColdStartMeasurement = {
        function: name,
        firstEvent: scenario.firstEvent,
        runs: options.runs,
        bundleBytes: real.bytes,
        baselineBundleBytes: baseline.bytes,
        sourceMapBytes: real.mapBytes,
        baselineSourceMapBytes: baseline.mapBytes,
        baselineEntry,
        totalMs: of(realTimes, (timing) => timing.totalMs),
        baselineTotalMs: of(baselineTimes, (timing) => timing.totalMs),
        importMs: of(realTimes, (timing) => timing.importMs),
        baselineImportMs: of(baselineTimes, (timing) => timing.importMs),
        firstEventMs: of(realTimes, (timing) => timing.firstEventMs),
        baselineFirstEventMs: of(baselineTimes, (timing) => timing.firstEventMs),
        cpuMs: of(realTimes, (timing) => timing.cpuMs),
        baselineCpuMs: of(baselineTimes, (timing) => timing.cpuMs),
        nodeBootMs: of([...realTimes, ...baselineTimes], (timing) => timing.beforeImport),
        ...(options.countInstructions
          ? {
              instructions: of(realTimes, (timing) => timing.instructions ?? NaN),
              baselineInstructions: of(baselineTimes, (timing) => timing.instructions ?? NaN),
            }
          : {}),
        envCredentialsBaseline: {
          bundleBytes: envBaseline.bytes,
          totalMs: of(envBaselineTimes, (timing) => timing.totalMs),
          cpuMs: of(envBaselineTimes, (timing) => timing.cpuMs),
          ...(options.countInstructions
            ? { instructions: of(envBaselineTimes, (timing) => timing.instructions ?? NaN) }
            : {}),
        },
        ...(withMapsFlagTimes.length
          ? {
              withSourceMapsFlag: {
                totalMs: of(withMapsFlagTimes, (timing) => timing.totalMs),
                cpuMs: of(withMapsFlagTimes, (timing) => timing.cpuMs),
              },
            }
          : {}),
      };
      results.push(measurement);
      options.log(
        `  ${name}: ${(real.bytes / 1024).toFixed(0)} KB vs ${(baseline.bytes / 1024).toFixed(0)} KB; ` +
          `${measurement.totalMs.toFixed(0)} ms vs ${measurement.baselineTotalMs.toFixed(0)} ms ` +
          `(import ${measurement.importMs.toFixed(0)} vs ${measurement.baselineImportMs.toFixed(0)}, ` +
          `first event ${measurement.firstEventMs.toFixed(0)} vs ${measurement.baselineFirstEventMs.toFixed(0)}, node ${measurement.nodeBootMs.toFixed(0)}); ` +
          `CPU ${measurement.cpuMs.toFixed(0)} ms vs ${measurement.baselineCpuMs.toFixed(0)} ms` +
          (measurement.withSourceMapsFlag
            ? `; with --enable-source-maps ${measurement.withSourceMapsFlag.totalMs.toFixed(0)} ms, CPU ${measurement.withSourceMapsFlag.cpuMs.toFixed(0)} ms`
            : ''),
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return results;
};
