// The HTTP contract through the local API: every refusal is a JSON error of one shape with a 4xx,
// a fault is a bare 500 with a request id, and bad input changes nothing.
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startTestStack, type Caller, type TestStack } from '../support/stack';

let stack: TestStack;
let service: Caller;

const validRecord = {
  email: 'lotte.jansen@example.nl',
  fullName: 'Lotte Jansen',
  locale: 'nl',
  chargePointIds: ['NL-ABC-001'],
};

beforeAll(async () => {
  stack = await startTestStack({ pollStreams: false });
  service = await stack.serviceToken();
});
afterAll(async () => {
  await stack?.stop();
});

const expectContractError = (response: { status: number; body: any }, status: number, code?: string) => {
  expect(response.status).toBe(status);
  expect(response.body).toEqual({
    error: expect.objectContaining({
      code: expect.stringMatching(/^[A-Z][A-Z0-9_]+$/),
      message: expect.any(String),
    }),
  });
  if (code) expect(response.body.error.code).toBe(code);
  expect(JSON.stringify(response.body)).not.toMatch(/\bat .+\.(ts|js):\d+/);
};

describe('the local API', () => {
  it('answers GET /health without credentials', async () => {
    const response = await stack.call('GET', '/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('sends the bare address to the console, as the CloudFront distribution does', async () => {
    const response = await fetch(`${stack.apiUrl}/`, { redirect: 'manual' });
    expect([response.status, response.headers.get('location')]).toEqual([302, '/console/']);
  });

  it('answers an unknown path with 404 and a known path with the wrong method with 405', async () => {
    expectContractError(await stack.call('GET', '/nope'), 404, 'ROUTE_NOT_FOUND');
    expectContractError(await stack.call('DELETE', '/health'), 405, 'METHOD_NOT_ALLOWED');
  });

  it('refuses a staff route without a token, with a forged, expired or foreign token', async () => {
    const path = '/admin/customers/c-1';
    expectContractError(await stack.call('GET', path), 401);
    expectContractError(await stack.call('GET', path, { token: 'not.a.jwt' }), 401);
    const admin = await stack.adminToken();
    const expired = await stack.token('admin-anna', ['admin'], { expiresInSeconds: -60 });
    expectContractError(await stack.call('GET', path, { token: expired }), 401);
    // Signed correctly but by another issuer: the signature check fails against our JWKS.
    const { createTokenIssuer } = await import('../../local/token-issuer');
    const foreign = await createTokenIssuer(stack.issuer.issuer);
    expectContractError(
      await stack.call('GET', path, { token: await foreign.sign({ sub: 'x', groups: ['admin'] }) }),
      401,
    );
    const [header, payload] = admin.split('.');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${payload}.`;
    expect(header).toBeDefined();
    expectContractError(await stack.call('GET', path, { token: unsigned }), 401);
  });

  it('refuses a login service route without a SigV4 signature, staff tokens included, with 403 as API Gateway does', async () => {
    const path = '/internal/customers/c-1/2fa';
    expectContractError(await stack.call('GET', path), 403, 'MISSING_AUTHENTICATION_TOKEN');
    expectContractError(
      await stack.call('GET', path, { token: await stack.adminToken() }),
      403,
      'INCOMPLETE_SIGNATURE',
    );
  });

  it('answers malformed JSON, unknown fields, wrong types and bad path ids with 400 and writes nothing', async () => {
    const path = '/internal/customers/c-bad';
    expectContractError(
      await stack.call('PUT', path, {
        token: service,
        rawBody: '{"email": ',
        headers: { 'content-type': 'application/json' },
      }),
      400,
      'MALFORMED_JSON',
    );
    const unknownField = await stack.call('PUT', path, {
      token: service,
      body: { ...validRecord, isAdmin: true },
    });
    expectContractError(unknownField, 400, 'INVALID_REQUEST');
    expect(unknownField.body.error.details.issues[0].message).toMatch(/unknown field.*isAdmin/);
    expectContractError(
      await stack.call('PUT', path, { token: service, body: { ...validRecord, chargePointIds: 'NL-1' } }),
      400,
    );
    expectContractError(await stack.call('PUT', path, { token: service, body: [validRecord] }), 400);
    expectContractError(
      await stack.call('PUT', path, {
        token: service,
        rawBody: JSON.stringify(validRecord),
        headers: { 'content-type': 'text/plain' },
      }),
      400,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expectContractError(
      await stack.call('PUT', '/internal/customers/has%20space', { token: service, body: validRecord }),
      400,
      'INVALID_PATH_PARAMETER',
    );
    expectContractError(
      await stack.call('GET', '/internal/customers/c-bad/2fa', { token: service }),
      404,
      'CUSTOMER_NOT_FOUND',
    );
  });

  it('takes a customer in Dutch or English, and refuses any other language with 400', async () => {
    for (const locale of ['nl', 'en']) {
      const response = await stack.call('PUT', `/internal/customers/c-lang-${locale}`, {
        token: service,
        body: { ...validRecord, locale },
      });
      expect([locale, response.status]).toEqual([locale, 201]);
    }
    for (const locale of ['de', 'NL', 'en-GB', '']) {
      const path = `/internal/customers/c-lang-other`;
      expectContractError(
        await stack.call('PUT', path, { token: service, body: { ...validRecord, locale } }),
        400,
        'INVALID_REQUEST',
      );
    }
    expectContractError(
      await stack.call('GET', '/internal/customers/c-lang-other/2fa', { token: service }),
      404,
    );
  });

  it('refuses an oversized body with 413 before parsing it', async () => {
    const huge = { ...validRecord, fullName: 'x'.repeat(20000) };
    expectContractError(
      await stack.call('PUT', '/internal/customers/c-big', { token: service, body: huge }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    expectContractError(await stack.call('GET', '/internal/customers/c-big/2fa', { token: service }), 404);
  });

  it('creates a customer once, then updates it, and notes an email change', async () => {
    const created = await stack.call('PUT', '/internal/customers/c-100', {
      token: service,
      body: validRecord,
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      customerId: 'c-100',
      created: true,
      emailChanged: false,
      twoFactor: 'DISABLED',
    });
    const same = await stack.call('PUT', '/internal/customers/c-100', { token: service, body: validRecord });
    expect(same.status).toBe(200);
    expect(same.body.emailChanged).toBe(false);
    const moved = await stack.call('PUT', '/internal/customers/c-100', {
      token: service,
      body: { ...validRecord, email: 'lotte@new-domain.nl' },
    });
    expect(moved.body.emailChanged).toBe(true);
    const status = await stack.call('GET', '/internal/customers/c-100/2fa', { token: service });
    expect(status.body).toEqual({ twoFactor: 'DISABLED', methods: [] });
  });

  it('answers a handler fault with a bare 500 and a request id, never a stack trace', async () => {
    // DynamoDB Local cannot be made to throw an arbitrary error, so this one fault is injected.
    const mock = mockClient(DynamoDBDocumentClient);
    mock.onAnyCommand().rejects(new Error('simulated bug: cannot read properties of undefined'));
    try {
      const response = await stack.call('GET', '/internal/customers/c-100/2fa', { token: service });
      expect(response.status).toBe(500);
      expect(response.body.error.code).toBe('INTERNAL_ERROR');
      expect(response.body.error.requestId).toMatch(/[0-9a-f-]{36}/);
      expect(JSON.stringify(response.body)).not.toMatch(/simulated bug|\.ts:\d+/);
    } finally {
      mock.restore();
    }
  });
});
