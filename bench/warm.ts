// Warm latency per route: the handler invoked in-process (the code the Lambda runs, all middlewares
// included) against the raw DynamoDB calls the route cannot avoid, replayed right after it on the same
// items with a plain client. The difference is what the handler adds: CPU, and any round trip it need not make.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESClient } from '@aws-sdk/client-ses';
import { config } from '../lib/config';
import { routeKey, type FunctionName } from '../lib/routes';
import { loadHandler } from '../local/api-server';
import { lambdaContext } from '../local/lambda-context';
import { findRoute } from './events';
import { sequentialRoundTrips, type CallRecorder, type RecordedCall } from './recorder';
import { replayStages, routeScenarios, unavoidableCalls, type Stage } from './route-scenarios';
import { percentile } from './stats';

type Handler = (
  event: APIGatewayProxyEventV2,
  context: ReturnType<typeof lambdaContext>,
) => Promise<APIGatewayProxyStructuredResultV2>;

export interface RouteMeasurement {
  route: string;
  variant?: string;
  samples: number;
  handlerMs: { p50: number; p99: number };
  rawMs: { p50: number; p99: number };
  /**
   * Median CPU time of this process per request (user + system): the handler's own work, and the plain
   * client's for the replay. DynamoDB Local runs in a process of its own, so neither holds its time.
   * When the round trips equal the floor's, the latency over the floor is about this difference.
   */
  cpuMs: { handler: number; raw: number };
  /** Calls made, on the critical path, and the unavoidable minimum. */
  calls: string[];
  roundTrips: number;
  unavoidable: Stage[];
  why: string;
}

export const measureRoutes = async (options: {
  samples: number;
  warmup: number;
  run: string;
  only?: RegExp;
  recorder: CallRecorder;
  log: (line: string) => void;
}): Promise<RouteMeasurement[]> => {
  const { recorder } = options;
  const { region, endpoints } = config();
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const raw = {
    dynamodb: new DynamoDBClient({ region, endpoint: endpoints.dynamodb, credentials, maxAttempts: 3 }),
    ses: new SESClient({ region, endpoint: endpoints.ses, credentials, maxAttempts: 2 }),
  };
  const results: RouteMeasurement[] = [];
  try {
    for (const scenario of routeScenarios) {
      const name = `${scenario.method} ${scenario.path}${scenario.variant ? ` (${scenario.variant})` : ''}`;
      if (options.only && !options.only.test(name)) continue;
      const samples = Math.max(20, Math.round(options.samples * (scenario.sampleShare ?? 1)));
      const warmup = Math.min(options.warmup, samples);
      const prepareStarted = performance.now();
      const events = await scenario.prepare(samples + warmup, options.run);
      const route = findRoute(scenario.method, scenario.path);
      const handler = await loadHandler<Handler>(route.function as FunctionName);
      const handlerMs: number[] = [];
      const rawMs: number[] = [];
      const handlerCpuMs: number[] = [];
      const rawCpuMs: number[] = [];
      const cpuSince = (start: NodeJS.CpuUsage) => {
        const used = process.cpuUsage(start);
        return (used.user + used.system) / 1000;
      };
      let sampleCalls: RecordedCall[] = [];
      for (const [index, makeEvent] of events.entries()) {
        const event = makeEvent();
        recorder.start();
        const handlerCpu = process.cpuUsage();
        const started = performance.now();
        const response = await handler(event, lambdaContext(route.function));
        const handled = performance.now();
        const handlerCpuUsed = cpuSince(handlerCpu);
        const calls = recorder.stop();
        if (response.statusCode !== scenario.status)
          throw new Error(
            `${name}: expected ${scenario.status}, got ${response.statusCode} ${response.body ?? ''}`,
          );
        const { stages } = unavoidableCalls(calls, scenario.unavoidable);
        const rawCpu = process.cpuUsage();
        const rawStarted = performance.now();
        await replayStages(raw, stages);
        const rawDone = performance.now();
        const rawCpuUsed = cpuSince(rawCpu);
        if (index < warmup) continue;
        handlerMs.push(handled - started);
        rawMs.push(rawDone - rawStarted);
        handlerCpuMs.push(handlerCpuUsed);
        rawCpuMs.push(rawCpuUsed);
        if (index === warmup) sampleCalls = calls;
      }
      const measurement: RouteMeasurement = {
        route: routeKey(route),
        ...(scenario.variant ? { variant: scenario.variant } : {}),
        samples,
        handlerMs: { p50: percentile(handlerMs, 50), p99: percentile(handlerMs, 99) },
        rawMs: { p50: percentile(rawMs, 50), p99: percentile(rawMs, 99) },
        cpuMs: { handler: percentile(handlerCpuMs, 50), raw: percentile(rawCpuMs, 50) },
        calls: sampleCalls.map((call) => call.operation),
        roundTrips: sequentialRoundTrips(sampleCalls),
        unavoidable: scenario.unavoidable,
        why: scenario.why,
      };
      results.push(measurement);
      options.log(
        `  ${name}: p50 ${measurement.handlerMs.p50.toFixed(2)} ms (raw ${measurement.rawMs.p50.toFixed(2)}), p99 ${measurement.handlerMs.p99.toFixed(2)} ms (raw ${measurement.rawMs.p99.toFixed(2)}), CPU ${measurement.cpuMs.handler.toFixed(2)} ms (raw ${measurement.cpuMs.raw.toFixed(2)}), ${sampleCalls.length} calls [${measurement.calls.join(', ')}]; fixtures ${((performance.now() - prepareStarted) / 1000).toFixed(1)} s`,
      );
    }
  } finally {
    raw.dynamodb.destroy();
    raw.ses.destroy();
  }
  return results;
};
