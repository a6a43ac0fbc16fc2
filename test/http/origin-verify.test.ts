// The enrollment routes answer only what came through CloudFront (its secret origin header), so the
// web ACL's rate rules cannot be skipped by calling the execute-api endpoint; the login service's and
// staff routes are not affected, and without configuration (locally) nothing is checked.
import middy from '@middy/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { errorMapping, routeLookup, type RoutedEvent } from '../../lib/http/middlewares';
import { needsOriginVerification, originVerification } from '../../lib/http/origin-verify';
import { routes } from '../../lib/routes';
import { createCustomer, customerItem } from '../integration/enrollment-helpers';
import { startTestStack, type TestStack } from '../support/stack';

const secret = 'd2hhdC1jbG91ZGZyb250LXNlbmRz-0123456789abcdef';
const configured = { ORIGIN_VERIFY_HEADER: 'X-Origin-Verify', ORIGIN_VERIFY_VALUE: secret };

/** The middleware between the real route lookup and error mapping, in front of a handler that says it ran. */
const handlerWith = (env: Record<string, string | undefined>) =>
  middy<RoutedEvent, APIGatewayProxyStructuredResultV2>()
    .use(errorMapping())
    .use(routeLookup(routes))
    .use(originVerification(env))
    .handler(async () => ({ statusCode: 200, body: 'reached' }));

const request = (routeKey: string, headers: Record<string, string> = {}) =>
  handlerWith(configured)(
    { routeKey, headers, requestContext: { requestId: 'r-1' } } as never,
    {
      awsRequestId: 'a-1',
    } as never,
  );

describe('the origin header check', () => {
  it('covers exactly the enrollment routes', () => {
    const covered = routes.filter(needsOriginVerification).map((route) => route.path);
    expect(covered.sort()).toEqual([
      '/enroll/confirm',
      '/enroll/notice-report',
      '/enroll/passkey/options',
      '/enroll/passkey/register',
      '/enroll/report',
      '/enroll/start',
      '/enroll/status',
    ]);
  });

  it('refuses an enrollment request without the header, with a wrong or a near value, as 403', async () => {
    for (const headers of [
      {},
      { 'x-origin-verify': '' },
      { 'x-origin-verify': 'guess' },
      { 'x-origin-verify': `${secret} ` },
      { 'x-origin-verify': secret.slice(0, -1) },
      { 'x-origin-verify': secret.toUpperCase() },
      { 'x-other-header': secret },
    ] as Record<string, string>[]) {
      const response = await request('POST /enroll/start', headers);
      expect({ status: response.statusCode, code: JSON.parse(String(response.body)).error.code }).toEqual({
        status: 403,
        code: 'ORIGIN_NOT_ALLOWED',
      });
    }
  });

  it('lets the request through with the header, whatever case its name is sent in', async () => {
    for (const name of ['x-origin-verify', 'X-Origin-Verify'])
      expect((await request('POST /enroll/confirm', { [name]: secret })).body).toBe('reached');
  });

  it('leaves the login service, staff and health routes alone', async () => {
    for (const routeKey of [
      'POST /internal/customers/{customerId}/2fa/verify',
      'GET /admin/approvals',
      'GET /health',
    ])
      expect((await request(routeKey)).body).toBe('reached');
  });

  it('is off without configuration, and refuses to start with half of it', async () => {
    const response = await handlerWith({})(
      {
        routeKey: 'POST /enroll/start',
        headers: {},
        requestContext: { requestId: 'r-2' },
      } as never,
      { awsRequestId: 'a-2' } as never,
    );
    expect(response.body).toBe('reached');
    expect(() => originVerification({ ORIGIN_VERIFY_HEADER: 'x-origin-verify' })).toThrow(/together/);
    expect(() => originVerification({ ORIGIN_VERIFY_VALUE: secret })).toThrow(/together/);
  });
});

describe('the enrollment function with the check configured', () => {
  let stack: TestStack;
  const saved = { ...process.env };

  beforeAll(async () => {
    Object.assign(process.env, configured);
    stack = await startTestStack({ pollStreams: false });
  });
  afterAll(async () => {
    await stack?.stop();
    for (const name of Object.keys(configured)) if (!(name in saved)) delete process.env[name];
  });

  it('changes nothing for a request that skipped CloudFront, and serves the same request through it', async () => {
    await createCustomer(stack, 'c-origin');
    const service = await stack.serviceToken();
    const issued = await stack.call('POST', '/internal/customers/c-origin/2fa/enrollment-ticket', {
      token: service,
    });
    expect(issued.status).toBe(200);
    const body = { ticket: issued.body.ticket };
    const before = await customerItem(stack, 'c-origin');
    const direct = await stack.call('POST', '/enroll/start', { body });
    expect({ status: direct.status, code: direct.body.error?.code }).toEqual({
      status: 403,
      code: 'ORIGIN_NOT_ALLOWED',
    });
    expect(await customerItem(stack, 'c-origin')).toEqual(before);
    const viaCloudFront = await stack.call('POST', '/enroll/start', {
      body,
      headers: { 'x-origin-verify': secret },
    });
    expect(viaCloudFront.status).toBe(200);
    expect((await customerItem(stack, 'c-origin'))?.pendingEnrollment).toBeDefined();
  });
});
