// The load generator, in its own process so it does not share the API server's event loop:
// `tsx bench/load-client.ts SPEC.json RESULT.json`. Sends each prepared request once (a TOTP
// code or a ticket is good for one success), over a fixed number of connections, with autocannon.
import autocannon from 'autocannon';
import { readFileSync, writeFileSync } from 'node:fs';

export interface LoadSpec {
  url: string;
  connections: number;
  /** A response counts as expected only if its body contains this (e.g. `"valid":true`). */
  expectInBody?: string;
  requests: { method: string; path: string; body?: string; headers?: Record<string, string> }[];
}

export interface LoadResult {
  requestsPerSecond: number;
  latencyP50: number;
  latencyP99: number;
  total: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  durationSeconds: number;
  statusCounts: Record<string, number>;
  /** 2xx responses whose body held `expectInBody`. */
  expected: number;
}

const [specFile, resultFile] = process.argv.slice(2);
if (!specFile || !resultFile) throw new Error('usage: load-client.ts SPEC.json RESULT.json');
const spec = JSON.parse(readFileSync(specFile, 'utf8')) as LoadSpec;
let next = 0;
const statusCounts: Record<string, number> = {};
let expected = 0;
const instance = autocannon({
  url: spec.url,
  connections: spec.connections,
  amount: spec.requests.length,
  timeout: 30,
  requests: [
    {
      setupRequest: (request: Record<string, unknown>) => {
        const planned = spec.requests[next % spec.requests.length];
        next += 1;
        return { ...request, ...planned };
      },
      onResponse: (status: number, body: string) => {
        statusCounts[status] = (statusCounts[status] ?? 0) + 1;
        if (status < 300 && (spec.expectInBody === undefined || String(body).includes(spec.expectInBody)))
          expected += 1;
      },
    },
  ],
});
instance.on('done', (result) => {
  const output: LoadResult = {
    requestsPerSecond: result.requests.total / result.duration || 0,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    total: result.requests.total,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    durationSeconds: result.duration,
    statusCounts,
    expected,
  };
  writeFileSync(resultFile, JSON.stringify(output));
});
