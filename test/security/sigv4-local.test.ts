// The login service's routes locally, as API Gateway's IAM authorization guards them in AWS: requests
// signed by AWS's own signer with the printed key pair pass; anything tampered, stale, signed by an
// unknown key, or signed by another principal of the account gets 403 in the contract's shape and
// changes nothing.
import { request as httpRequest } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { resetConfigForTests } from '../../lib/config';
import { apiEvent, findRoute } from '../../bench/events';
import { loadHandler } from '../../local/api-server';
import { newKeyPair } from '../../local/iam-identities';
import { lambdaContext } from '../../local/lambda-context';
import { startTestStack, type TestStack } from '../support/stack';
import { signedHeaders, type AwsKeys } from '../support/sigv4';

let stack: TestStack;
let keys: AwsKeys;

const record = {
  email: 'sanne.bakker@example.nl',
  fullName: 'Sanne Bakker',
  locale: 'nl',
  chargePointIds: ['NL-SIG-001'],
};

beforeAll(async () => {
  stack = await startTestStack({ pollStreams: false });
  keys = stack.loginServiceCredentials;
});
afterAll(async () => {
  await stack?.stop();
});

/** Sends exactly these headers (Host included), so a test can change what was signed. */
const send = (
  path: string,
  options: { method: string; headers: Record<string, string>; body?: string },
): Promise<{ status: number; body: any }> =>
  new Promise((resolve, reject) => {
    const url = new URL(path, stack.apiUrl);
    const outgoing = httpRequest(
      { host: url.hostname, port: url.port, path, method: options.method, headers: options.headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });

const sign = (
  path: string,
  options: {
    method: string;
    body?: string;
    headers?: Record<string, string>;
    signingDate?: Date;
    keys?: AwsKeys;
  },
) =>
  signedHeaders(options.keys ?? keys, {
    method: options.method,
    url: `${stack.apiUrl}${path}`,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { body: options.body } : {}),
    ...(options.signingDate ? { signingDate: options.signingDate } : {}),
  });

const expectRefused = (response: { status: number; body: any }, code: string) => {
  expect(response.status).toBe(403);
  expect(response.body).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
};

const customerCount = () => stack.countItems(stack.tableNames.customers);

describe('SigV4 on the login service routes of the local stack', () => {
  it('accepts a request signed with the printed keys by AWS’s own signer, body and all', async () => {
    const body = JSON.stringify(record);
    const path = '/internal/customers/sig-ok';
    const put = await send(path, { method: 'PUT', headers: await sign(path, { method: 'PUT', body }), body });
    expect(put.status).toBe(201);
    const status = await send(`${path}/2fa`, {
      method: 'GET',
      headers: await sign(`${path}/2fa`, { method: 'GET' }),
    });
    expect(status).toEqual({ status: 200, body: { twoFactor: 'DISABLED', methods: [] } });
  });

  it('signs a percent-encoded path and a query with repeated and spaced values the way AWS’s signer does', async () => {
    // Not a valid customer id, and the route takes no query: past the signature, the handler refuses it.
    const path = '/internal/customers/odd%3Aid%20x/2fa?z=1&a=two%20words&a=b&%C3%A9=%E2%82%AC';
    const response = await send(path, { method: 'GET', headers: await sign(path, { method: 'GET' }) });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('INVALID_PATH_PARAMETER');
  });

  it('accepts a signature made four minutes ago', async () => {
    const path = '/internal/customers/sig-ok/2fa';
    const headers = await sign(path, { method: 'GET', signingDate: new Date(Date.now() - 4 * 60_000) });
    expect((await send(path, { method: 'GET', headers })).status).toBe(200);
  });

  it('refuses an unsigned request', async () => {
    expectRefused(
      await send('/internal/customers/sig-ok/2fa', { method: 'GET', headers: {} }),
      'MISSING_AUTHENTICATION_TOKEN',
    );
  });

  it('refuses a tampered body, whether or not the payload hash header is adjusted, and writes nothing', async () => {
    const path = '/internal/customers/sig-tamper';
    const body = JSON.stringify(record);
    const headers = await sign(path, { method: 'PUT', body });
    const before = await customerCount();
    const evil = JSON.stringify({ ...record, email: 'attacker@example.com' });
    expectRefused(await send(path, { method: 'PUT', headers, body: evil }), 'PAYLOAD_HASH_MISMATCH');
    const { createHash } = await import('node:crypto');
    const rehashed = { ...headers, 'x-amz-content-sha256': createHash('sha256').update(evil).digest('hex') };
    expectRefused(
      await send(path, { method: 'PUT', headers: rehashed, body: evil }),
      'SIGNATURE_DOES_NOT_MATCH',
    );
    const { 'x-amz-content-sha256': _dropped, ...withoutHash } = headers;
    expectRefused(
      await send(path, { method: 'PUT', headers: withoutHash, body: evil }),
      'INCOMPLETE_SIGNATURE',
    );
    expect(await customerCount()).toBe(before);
  });

  it('refuses a request sent to another path, query, method or host than the one signed', async () => {
    const headers = await sign('/internal/customers/sig-ok/2fa', { method: 'GET' });
    expectRefused(
      await send('/internal/customers/sig-other/2fa', { method: 'GET', headers }),
      'SIGNATURE_DOES_NOT_MATCH',
    );
    expectRefused(
      await send('/internal/customers/sig-ok/2fa?x=1', { method: 'GET', headers }),
      'SIGNATURE_DOES_NOT_MATCH',
    );
    const withQuery = await sign('/internal/customers/sig-ok/2fa?x=1', { method: 'GET' });
    expectRefused(
      await send('/internal/customers/sig-ok/2fa?x=2', { method: 'GET', headers: withQuery }),
      'SIGNATURE_DOES_NOT_MATCH',
    );
    const post = await sign('/internal/customers/sig-ok/2fa/enrollment-ticket', { method: 'GET' });
    expectRefused(
      await send('/internal/customers/sig-ok/2fa/enrollment-ticket', { method: 'POST', headers: post }),
      'SIGNATURE_DOES_NOT_MATCH',
    );
    expectRefused(
      await send('/internal/customers/sig-ok/2fa', {
        method: 'GET',
        headers: { ...headers, host: 'api.example.com' },
      }),
      'SIGNATURE_DOES_NOT_MATCH',
    );
  });

  it('refuses a changed signed header, an unsigned x-amz header and a signature that leaves out host', async () => {
    const path = '/internal/customers/sig-tamper';
    const body = JSON.stringify(record);
    const headers = await sign(path, { method: 'PUT', body, headers: { 'x-request-purpose': 'sync' } });
    expectRefused(
      await send(path, { method: 'PUT', headers: { ...headers, 'x-request-purpose': 'erase' }, body }),
      'SIGNATURE_DOES_NOT_MATCH',
    );
    expectRefused(
      await send(path, { method: 'PUT', headers: { ...headers, 'x-amz-meta-note': 'added later' }, body }),
      'INCOMPLETE_SIGNATURE',
    );
    // Signed without a host header: the signature would be valid for any API holding this key.
    const { SignatureV4 } = await import('@smithy/signature-v4');
    const { Hash } = await import('@smithy/hash-node');
    const signer = new SignatureV4({
      service: 'execute-api',
      region: keys.region,
      credentials: keys,
      sha256: Hash.bind(null, 'sha256'),
    });
    const hostless = await signer.sign({
      method: 'GET',
      protocol: 'http:',
      hostname: '127.0.0.1',
      path: '/internal/customers/sig-ok/2fa',
      headers: {},
    });
    expect(hostless.headers.authorization).not.toMatch(/SignedHeaders=[^,]*host/);
    expectRefused(
      await send('/internal/customers/sig-ok/2fa', { method: 'GET', headers: hostless.headers }),
      'INCOMPLETE_SIGNATURE',
    );
  });

  it('refuses a signature older or newer than five minutes', async () => {
    const path = '/internal/customers/sig-ok/2fa';
    for (const offset of [-6 * 60_000, 6 * 60_000, -24 * 3600_000]) {
      const headers = await sign(path, { method: 'GET', signingDate: new Date(Date.now() + offset) });
      expectRefused(await send(path, { method: 'GET', headers }), 'SIGNATURE_EXPIRED');
    }
  });

  it('refuses an unknown key, the right key with a wrong secret, and another region or service', async () => {
    const path = '/internal/customers/sig-ok/2fa';
    const unknown = { ...newKeyPair(), region: keys.region };
    expectRefused(
      await send(path, { method: 'GET', headers: await sign(path, { method: 'GET', keys: unknown }) }),
      'INVALID_CLIENT_TOKEN_ID',
    );
    const wrongSecret = { ...keys, secretAccessKey: newKeyPair().secretAccessKey };
    expectRefused(
      await send(path, { method: 'GET', headers: await sign(path, { method: 'GET', keys: wrongSecret }) }),
      'SIGNATURE_DOES_NOT_MATCH',
    );
    const otherRegion = { ...keys, region: 'us-east-1' };
    expectRefused(
      await send(path, { method: 'GET', headers: await sign(path, { method: 'GET', keys: otherRegion }) }),
      'SIGNATURE_DOES_NOT_MATCH',
    );
  });

  it('refuses a valid signature by another principal of the account: only the login service role may call', async () => {
    const before = await customerCount();
    const other = stack.otherIamCaller();
    const put = await stack.call('PUT', '/internal/customers/sig-other-principal', {
      token: other,
      body: record,
    });
    expectRefused(put, 'FORBIDDEN');
    expectRefused(await stack.call('GET', '/internal/customers/sig-ok/2fa', { token: other }), 'FORBIDDEN');
    expect(await customerCount()).toBe(before);
  });

  it('refuses the login service itself when the function was deployed without LOGIN_SERVICE_ROLE_ARN', async () => {
    const route = findRoute('GET', '/internal/customers/{customerId}/2fa');
    const handler = await loadHandler<
      (event: APIGatewayProxyEventV2, context: unknown) => Promise<APIGatewayProxyStructuredResultV2>
    >(route.function);
    const event = () =>
      apiEvent(route, { caller: { kind: 'service' }, pathParameters: { customerId: 'sig-ok' } });
    expect((await handler(event(), lambdaContext(route.function))).statusCode).toBe(200);
    const configured = process.env.LOGIN_SERVICE_ROLE_ARN;
    delete process.env.LOGIN_SERVICE_ROLE_ARN;
    resetConfigForTests();
    try {
      const refused = await handler(event(), lambdaContext(route.function));
      expect(refused.statusCode).toBe(403);
      expect(JSON.parse(refused.body ?? '{}')).toHaveProperty('error.code', 'FORBIDDEN');
    } finally {
      process.env.LOGIN_SERVICE_ROLE_ARN = configured;
      resetConfigForTests();
    }
  });
});
