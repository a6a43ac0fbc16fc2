// The local API under load: autocannon (in its own process) against the local API server for the login
// verification and the enrollment start, every request a success (one fresh code or ticket each), and
// against a bare node:http server that makes only the raw DynamoDB calls those routes cannot avoid.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESClient } from '@aws-sdk/client-ses';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { config } from '../lib/config';
import type { FunctionName } from '../lib/routes';
import { loadHandler } from '../local/api-server';
import { lambdaContext } from '../local/lambda-context';
import { repoRoot } from '../tooling/repo-root';
import { freePort } from '../local/processes';
import { createSigner } from '../clients/login-service/src/sigv4';
import { apiEvent, findRoute } from './events';
import { nextCode, writeEnrolledCustomers, writeTicketHolders } from './fixtures';
import { hotp, timeStep } from '../lib/totp/totp';
import type { LoadResult, LoadSpec } from './load-client';
import type { CallRecorder, RecordedCall } from './recorder';
import { replayStages, routeScenarios, unavoidableCalls } from './route-scenarios';

type Handler = (
  event: APIGatewayProxyEventV2,
  context: ReturnType<typeof lambdaContext>,
) => Promise<APIGatewayProxyStructuredResultV2>;

export interface LoadMeasurement {
  route: string;
  connections: number;
  api: LoadResult;
  baseline: LoadResult;
}

const runLoadClient = async (spec: LoadSpec, dir: string): Promise<LoadResult> => {
  const specFile = join(dir, `spec-${process.hrtime.bigint()}.json`);
  const resultFile = `${specFile}.result`;
  await writeFile(specFile, JSON.stringify(spec));
  const output: Buffer[] = [];
  await new Promise<void>((done, fail) => {
    const child = spawn(
      join(repoRoot(), 'node_modules', '.bin', 'tsx'),
      [join(repoRoot(), 'bench', 'load-client.ts'), specFile, resultFile],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } },
    );
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    child.on('error', fail);
    child.on('exit', (code) =>
      code === 0
        ? done()
        : fail(new Error(`load client exited ${code}: ${Buffer.concat(output).toString()}`)),
    );
  });
  try {
    return JSON.parse(await readFile(resultFile, 'utf8')) as LoadResult;
  } finally {
    await rm(specFile, { force: true });
    await rm(resultFile, { force: true });
  }
};

/** A server that, per request, reads and parses the body and sends the calls with a plain client: the floor. */
const startBaselineServer = async (stages: RecordedCall[][]) => {
  const { region, endpoints } = config();
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const clients = {
    dynamodb: new DynamoDBClient({ region, endpoint: endpoints.dynamodb, credentials, maxAttempts: 3 }),
    ses: new SESClient({ region, endpoint: endpoints.ses, credentials }),
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void (async () => {
        try {
          JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
          await replayStages(clients, stages);
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end('{"ok":true}');
        } catch (error) {
          response.writeHead(500, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ error: String(error) }));
        }
      })();
    });
  });
  const port = await freePort();
  await new Promise<void>((listening) => server.listen(port, '127.0.0.1', () => listening()));
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((closed) => server.close(() => closed()));
      clients.dynamodb.destroy();
      clients.ses.destroy();
    },
  };
};

/** The unavoidable calls of one real invocation, recorded in-process: what the baseline server sends. */
const baselineCallsFor = async (
  recorder: CallRecorder,
  scenarioName: string,
  event: APIGatewayProxyEventV2,
  functionName: FunctionName,
) => {
  const scenario = routeScenarios.find(
    (candidate) =>
      `${candidate.method} ${candidate.path}${candidate.variant ? ` (${candidate.variant})` : ''}` ===
      scenarioName,
  );
  if (!scenario) throw new Error(`no scenario ${scenarioName}`);
  const handler = await loadHandler<Handler>(functionName);
  recorder.start();
  const response = await handler(event, lambdaContext(functionName));
  const calls = recorder.stop();
  if (response.statusCode !== 200) throw new Error(`${scenarioName} template: ${response.body ?? ''}`);
  return unavoidableCalls(calls, scenario.unavoidable).stages;
};

export const measureLoad = async (options: {
  apiUrl: string;
  /** The login service's local key pair: each request is SigV4-signed when prepared (valid five minutes). */
  serviceKeys: { accessKeyId: string; secretAccessKey: string; region: string };
  run: string;
  requests: number;
  connections: number;
  recorder: CallRecorder;
  log: (line: string) => void;
}): Promise<LoadMeasurement[]> => {
  const dir = await mkdtemp(join(tmpdir(), 'mfa-bench-load-'));
  const results: LoadMeasurement[] = [];
  const verifyRoute = findRoute('POST', '/internal/customers/{customerId}/2fa/verify');
  const sign = createSigner({ region: options.serviceKeys.region, credentials: options.serviceKeys });
  const startRoute = findRoute('POST', '/enroll/start');
  try {
    const loads = [
      {
        route: 'POST /internal/customers/{customerId}/2fa/verify',
        scenario: 'POST /internal/customers/{customerId}/2fa/verify (right TOTP code)',
        functionName: verifyRoute.function,
        expectInBody: '"valid":true',
        prepare: async (count: number, label: string) => {
          const customers = await writeEnrolledCustomers(
            Array.from({ length: count }, (_, index) => `${options.run}-load-${label}-${index}`),
          );
          return Promise.all(
            customers.map(async (authenticator) => {
              const path = `/internal/customers/${authenticator.customerId}/2fa/verify`;
              // The step after the current one: still accepted if the run crosses a step boundary.
              const body = JSON.stringify({ code: hotp(authenticator.key, timeStep(new Date()) + 1) });
              const headers = await sign({
                method: 'POST',
                url: `${options.apiUrl}${path}`,
                headers: { 'content-type': 'application/json' },
                body,
              });
              return {
                method: 'POST',
                path,
                headers,
                body,
                event: () =>
                  apiEvent(verifyRoute, {
                    caller: { kind: 'service' },
                    pathParameters: { customerId: authenticator.customerId },
                    body: { code: nextCode(authenticator) },
                  }),
              };
            }),
          );
        },
      },
      {
        // As the enrollment page asks: no PNG, the page draws the QR code.
        route: 'POST /enroll/start',
        scenario: 'POST /enroll/start (the page: qr none)',
        functionName: startRoute.function,
        expectInBody: '"otpauthUri"',
        prepare: async (count: number, label: string) => {
          const tickets = await writeTicketHolders(
            Array.from({ length: count }, (_, index) => `${options.run}-load-${label}-${index}`),
          );
          return tickets.map((ticket) => ({
            method: 'POST',
            path: '/enroll/start',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ ticket, qr: 'none' }),
            event: () => apiEvent(startRoute, { body: { ticket, qr: 'none' } }),
          }));
        },
      },
    ];
    for (const load of loads) {
      const [template] = await load.prepare(1, `${load.functionName}-template`);
      if (!template) throw new Error('no template request');
      const calls = await baselineCallsFor(
        options.recorder,
        load.scenario,
        template.event(),
        load.functionName,
      );
      const baselineServer = await startBaselineServer(calls);
      try {
        const apiRequests = await load.prepare(options.requests, `${load.functionName}-api`);
        const api = await runLoadClient(
          {
            url: options.apiUrl,
            connections: options.connections,
            expectInBody: load.expectInBody,
            requests: apiRequests.map(({ method, path, headers, body }) => ({ method, path, headers, body })),
          },
          dir,
        );
        // The floor gets the same requests (bodies, headers) and sends the same calls for each.
        const baseline = await runLoadClient(
          {
            url: baselineServer.url,
            connections: options.connections,
            requests: apiRequests.map(({ method, path, headers, body }) => ({ method, path, headers, body })),
          },
          dir,
        );
        results.push({ route: load.route, connections: options.connections, api, baseline });
        options.log(
          `  ${load.route}: ${api.requestsPerSecond.toFixed(0)} req/s, p99 ${api.latencyP99} ms, ${api.expected}/${api.total} as expected ` +
            `(floor ${baseline.requestsPerSecond.toFixed(0)} req/s, p99 ${baseline.latencyP99} ms); statuses ${JSON.stringify(api.statusCounts)}`,
        );
      } finally {
        await baselineServer.stop();
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return results;
};
