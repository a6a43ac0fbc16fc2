// A malformed percent-escape in a path parameter is no id at all: every route with a path parameter
// (read off the route table, so a new route is covered without touching this file) answers it with
// 400 INVALID_PATH and writes nothing, through the local API and straight at the Lambda alike, for
// whoever calls. The honest side: a well-formed escape of a real id still reaches the customer.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { routes, type RouteDefinition } from '../../lib/routes';
import { loadHandler } from '../../local/api-server';
import { lambdaContext } from '../../local/lambda-context';
import { apiEvent } from '../../bench/events';
import { createCustomer } from '../support/fixtures';
import { startTestStack, type Caller, type TestStack } from '../support/stack';

let stack: TestStack;
let service: Caller;
let staff: string;

beforeAll(async () => {
  stack = await startTestStack({ pollStreams: false });
  service = await stack.serviceToken();
  staff = await stack.token('escape-admin', ['admin', 'helpdesk', 'security']);
});
afterAll(async () => {
  await stack?.stop();
});

/** `%ZZ` is no escape, `%E0%A4%A` a cut UTF-8 sequence, `%ED%A0%80` an encoded lone surrogate. */
const badEscapes = ['%ZZ', '%E0%A4%A', '%ED%A0%80'];
const withParameters = routes.filter((route) => /\{\w+\}/.test(route.path));
const label = (route: RouteDefinition) => `${route.method} ${route.path}`;
const pathWith = (route: RouteDefinition, value: string) => route.path.replace(/\{\w+\}/g, value);
const callerFor = (route: RouteDefinition) =>
  route.auth.type === 'iam' ? service : route.auth.type === 'jwt' ? staff : undefined;
/** A body the route would take, so the path is all that is wrong. */
const bodyFor = (route: RouteDefinition) => (route.body && route.method !== 'GET' ? {} : undefined);

const tableCounts = async () => {
  const counts: Record<string, number> = {};
  for (const [key, table] of Object.entries(stack.tableNames)) counts[key] = await stack.countItems(table);
  return counts;
};

describe('a malformed percent-escape in a path parameter', () => {
  it('covers every route with a path parameter in the route table', () => {
    // 23 when this was written (issue 23 counted 24 with a route added beside it).
    expect(withParameters.length).toBeGreaterThanOrEqual(23);
  });

  it('is 400 INVALID_PATH on every such route through the local API, and nothing is written', async () => {
    await createCustomer(stack, 'escape-1');
    const before = await tableCounts();
    const answers: string[] = [];
    for (const route of withParameters)
      for (const escape of badEscapes) {
        const caller = callerFor(route);
        const body = bodyFor(route);
        const response = await stack.call(route.method, pathWith(route, `escape-1${escape}`), {
          ...(caller ? { token: caller } : {}),
          ...(body ? { body } : {}),
        });
        answers.push(`${label(route)} ${escape} → ${response.status} ${response.body?.error?.code}`);
      }
    expect(answers).toEqual(
      withParameters.flatMap((route) =>
        badEscapes.map((escape) => `${label(route)} ${escape} → 400 INVALID_PATH`),
      ),
    );
    expect(await tableCounts()).toEqual(before);
  });

  it('is refused even without a caller or a body: the path is judged first', async () => {
    for (const route of withParameters) {
      const response = await stack.call(route.method, pathWith(route, '%ZZ'));
      expect([label(route), response.status, response.body.error.code]).toEqual([
        label(route),
        400,
        'INVALID_PATH',
      ]);
    }
  });

  it('is 400 INVALID_PATH at the Lambda too, when API Gateway hands over what it could not decode', async () => {
    const before = await tableCounts();
    // As sent (the gateway could not decode it), or as a lenient decoder renders the bytes.
    const handedOver = [...badEscapes, 'escape-1\uFFFD', 'escape-1\uD800', '%'];
    for (const route of withParameters) {
      const handler = await loadHandler<
        (
          event: APIGatewayProxyEventV2,
          context: ReturnType<typeof lambdaContext>,
        ) => Promise<APIGatewayProxyStructuredResultV2>
      >(route.function);
      const caller =
        route.auth.type === 'iam'
          ? ({ kind: 'service' } as const)
          : ({ kind: 'staff', sub: 'escape-admin', groups: ['admin', 'helpdesk', 'security'] } as const);
      for (const value of handedOver) {
        const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
        const body = bodyFor(route);
        const event = apiEvent(route, { caller, ...(body ? { body } : {}) });
        event.pathParameters = Object.fromEntries(names.map((name) => [name, value]));
        if (body) event.body = JSON.stringify(body);
        const result = await handler(event, lambdaContext(route.function));
        expect([label(route), value, result.statusCode, JSON.parse(String(result.body)).error.code]).toEqual([
          label(route),
          value,
          400,
          'INVALID_PATH',
        ]);
      }
    }
    expect(await tableCounts()).toEqual(before);
  });

  it('still lets a well-formed escape of a real id through (a client that encodes every character)', async () => {
    await createCustomer(stack, 'escape-2');
    const encoded = [...'escape-2'].map((char) => `%${char.charCodeAt(0).toString(16)}`).join('');
    const status = await stack.call('GET', `/internal/customers/${encoded}/2fa`, { token: service });
    expect([status.status, status.body.twoFactor]).toEqual([200, 'DISABLED']);
    const profile = await stack.call('GET', `/admin/customers/${encoded}`, { token: staff });
    expect([profile.status, profile.body.customer?.customerId ?? profile.body.customerId]).toEqual([
      200,
      'escape-2',
    ]);
  });
});
