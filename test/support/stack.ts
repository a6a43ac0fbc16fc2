// A local stack for one test file: its own tables on the run's shared DynamoDB Local and SES server,
// its own API server on a free port, and small helpers to call it like a client would.
import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { randomBytes } from 'node:crypto';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../local/stack';
import { LOCAL_ACCOUNT_ID, localIdentity, newKeyPair } from '../../local/iam-identities';
import { errorBodySchema } from '../../lib/http/schemas';
import { matchRoute } from '../../lib/routes';
import { routeCoverageHook } from './route-coverage';
import { sigV4Caller, signedHeaders, type SigV4Caller } from './sigv4';

/** A bearer token (staff routes) or a SigV4 signer (the login service's `/internal/*` routes). */
export type Caller = string | SigV4Caller;

export interface TestStack extends LocalStack {
  call(
    method: string,
    path: string,
    options?: { token?: Caller; body?: unknown; headers?: Record<string, string>; rawBody?: string },
  ): Promise<{ status: number; body: any; headers: Headers }>;
  /** The login service as a caller: requests are SigV4-signed with the local key pair `npm start` prints. */
  serviceToken(): Promise<SigV4Caller>;
  /** Another principal of the local account: its signatures are valid, but it is not the login service. */
  otherIamCaller(): SigV4Caller;
  adminToken(sub?: string): Promise<string>;
  helpdeskToken(sub?: string): Promise<string>;
  /** Mail that reached the SES server since this stack started, newest last. */
  sentEmails(): Promise<SentEmail[]>;
  /** How many items a table holds (a COUNT scan, paged): for "nothing was written" checks. */
  countItems(table: string): Promise<number>;
}

export interface SentEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { text?: string; html?: string };
  at: number;
}

/** For suites about other things that disable many cases with one admin in a minute. */
export const noVelocityLimits = {
  VELOCITY_ADMIN_DISABLES_PER_HOUR: '100000',
  VELOCITY_AGENT_PASSES_PER_HOUR: '100000',
  VELOCITY_DISABLES_PER_HOUR_TOTAL: '100000',
};

/**
 * Every answer any test receives is held against the contract: a route's success answer against its
 * response schema in lib/routes/, every refusal or fault against the one error shape. A test that
 * meets an undocumented answer fails here, naming the route.
 */
const assertContract = (method: string, path: string, status: number, body: unknown) => {
  const match = matchRoute(method, path.split('?')[0] ?? path);
  // A route without response schemas yet is reported once, by test/http/openapi.test.ts, not by every test.
  if (!match || (!match.route.responses && status < 400)) return;
  const schema = status >= 400 ? errorBodySchema : match.route.responses?.[status];
  const label = `${method} ${match.route.path} answered ${status}`;
  if (!schema) throw new Error(`${label}, a status its route does not document: ${JSON.stringify(body)}`);
  const checked = schema.safeParse(body);
  if (!checked.success)
    throw new Error(`${label} off its response schema: ${JSON.stringify(checked.error.issues)}`);
};

export const startTestStack = async (
  options: Omit<LocalStackOptions, 'dynamodbEndpoint' | 'sesEndpoint'> & { ownServices?: boolean } = {},
): Promise<TestStack> => {
  process.env.POWERTOOLS_LOG_LEVEL = process.env.POWERTOOLS_LOG_LEVEL ?? 'ERROR';
  const { ownServices, ...rest } = options;
  const routeCoverage = routeCoverageHook();
  const other = localIdentity(
    newKeyPair(),
    `arn:aws:iam::${LOCAL_ACCOUNT_ID}:user/someone-else`,
    'AIDAOTHERPRINCIPAL0001',
  );
  // The SES server is the run's: it keeps every mail of every file. This file's stack asks only for
  // what arrived since it started (its own mail and whatever the other worker sends meanwhile), read
  // from the real clock, which a test file may move forward (shifted-clock.ts); a few seconds' margin.
  const mailSince = Math.floor((performance.timeOrigin + performance.now()) / 1000) - 5;
  const stack = await startLocalStack({
    extraIamIdentities: [other],
    inMemory: true,
    demoData: false,
    tablePrefix: `t${randomBytes(4).toString('hex')}_`,
    // Idle, the poller looks at the streams once a second instead of five times (every answered
    // request and every drain() still make it look at once): DynamoDB Local's CPU for empty reads.
    pollIdleMaxMs: 1000,
    ...(ownServices
      ? {}
      : { dynamodbEndpoint: process.env.TEST_DYNAMODB_ENDPOINT, sesEndpoint: process.env.TEST_SES_ENDPOINT }),
    ...(process.env.TEST_STACK_LOG
      ? { log: (line: string) => process.stderr.write(`[stack] ${line}\n`) }
      : {}),
    ...(routeCoverage ? { onHandled: routeCoverage } : {}),
    ...rest,
  });
  const call: TestStack['call'] = async (method, path, callOptions = {}) => {
    let headers: Record<string, string> = { ...callOptions.headers };
    const { token } = callOptions;
    if (typeof token === 'string') headers.authorization = `Bearer ${token}`;
    let body: string | undefined = callOptions.rawBody;
    if (callOptions.body !== undefined) {
      body = JSON.stringify(callOptions.body);
      headers['content-type'] = headers['content-type'] ?? 'application/json';
    }
    const url = `${stack.apiUrl}${path}`;
    if (token && typeof token !== 'string')
      headers = await signedHeaders(token.keys, {
        method,
        url,
        headers,
        ...(body !== undefined ? { body } : {}),
      });
    // fetch sets host itself, from the URL the signature was made for.
    const { host: _host, ...sent } = headers;
    const response = await fetch(url, { method, headers: sent, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON: kept as text so the test can show it */
    }
    assertContract(method, path, response.status, parsed);
    return { status: response.status, body: parsed, headers: response.headers };
  };
  return {
    ...stack,
    call,
    serviceToken: async () => sigV4Caller(stack.loginServiceCredentials),
    otherIamCaller: () =>
      sigV4Caller({
        accessKeyId: other.accessKeyId,
        secretAccessKey: other.secretAccessKey,
        region: stack.loginServiceCredentials.region,
      }),
    adminToken: (sub = 'admin-anna') => stack.token(sub, ['admin']),
    helpdeskToken: (sub = 'agent-bram') => stack.token(sub, ['helpdesk']),
    countItems: async (table) => {
      let count = 0;
      let startKey: Record<string, AttributeValue> | undefined;
      do {
        const page = await stack.dynamodb.send(
          new ScanCommand({ TableName: table, Select: 'COUNT', ExclusiveStartKey: startKey }),
        );
        count += page.Count ?? 0;
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return count;
    },
    sentEmails: async () => {
      const response = await fetch(`${stack.sesEndpoint}/store?since=${mailSince}`);
      const store = (await response.json()) as { emails: SentEmail[] };
      return store.emails;
    },
  };
};
