// Bad input on every route of lib/routes/ (new routes are covered without touching this file):
// fast-check generates bodies, path parameters, query strings and headers that the contract refuses,
// sent with a caller the route admits, so they reach validation. The answer is always a 4xx JSON error
// of the contract's shape — never a 5xx, never a stack trace — and nothing is written to any table.
// Oversized bodies are refused before they are parsed (413, not a JSON error).
import fc from 'fast-check';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { MAX_BODY_BYTES } from '../../lib/http/middlewares';
import { routes, type RouteDefinition } from '../../lib/routes';
import { loadHandler } from '../../local/api-server';
import { lambdaContext } from '../../local/lambda-context';
import { apiEvent } from '../../bench/events';
import { startTestStack, type Caller, type TestStack } from '../support/stack';
import { scaled } from '../load/scale';

let stack: TestStack;
let tokens: { service: Caller; staff: string };

beforeAll(async () => {
  stack = await startTestStack({ pollStreams: false });
  tokens = {
    service: await stack.serviceToken(),
    staff: await stack.token('fuzz-admin', ['admin', 'helpdesk', 'security']),
  };
});
afterAll(async () => {
  await stack?.stop();
});

const numRuns = scaled(12, 150);
const label = (route: RouteDefinition) => `${route.method} ${route.path}`;
const tokenFor = (route: RouteDefinition) =>
  route.auth.type === 'none' ? undefined : route.auth.type === 'iam' ? tokens.service : tokens.staff;
const writes = (route: RouteDefinition) => route.method !== 'GET';

/** Every table's item count: bad input must leave all of them as they were. */
const tableCounts = async () => {
  const counts: Record<string, number> = {};
  for (const [key, table] of Object.entries(stack.tableNames)) counts[key] = await stack.countItems(table);
  return counts;
};

const stackTrace = /\n\s+at\s|\bat .+\.(ts|js|cjs|mjs):\d+|node_modules|Error: .*\n/;

const expectContractRefusal = (route: RouteDefinition, status: number, text: string, contentType: string) => {
  expect(status).toBeLessThan(500);
  expect(text).not.toMatch(stackTrace);
  if (status < 400) {
    // Only reads may succeed on input that happens to be valid (a search for any text is a search).
    expect(writes(route)).toBe(false);
    return;
  }
  expect(contentType).toMatch(/^application\/json/);
  const body = JSON.parse(text) as { error?: Record<string, unknown> };
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error?.code).toMatch(/^[A-Z][A-Z0-9_]+$/);
  expect(typeof body.error?.message).toBe('string');
};

/** A value no field of any of our schemas accepts: not a string, number, boolean or array, and an unknown key. */
const invalidEverywhere = { $fuzz: [] };

const badBody = (route: RouteDefinition) => {
  const keys = Object.keys(
    (route.body as unknown as { def?: { shape?: Record<string, unknown> } } | undefined)?.def?.shape ?? {},
  );
  const json = (value: unknown) => ({ contentType: 'application/json', text: JSON.stringify(value) });
  return fc.oneof(
    // Not an object.
    fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.constant(null), fc.array(fc.jsonValue())).map(json),
    // An object with a field the contract does not know.
    fc
      .dictionary(fc.string(), fc.jsonValue(), { maxKeys: 4 })
      .map((extra) => json({ ...extra, 'fuzz field': 1 })),
    // The route's own fields, one of them of a type none accepts.
    fc
      .record(Object.fromEntries(keys.map((key) => [key, fc.jsonValue()])))
      .chain((value) =>
        fc
          .constantFrom(...(keys.length ? keys : ['x']))
          .map((broken) => json({ ...value, [broken]: invalidEverywhere })),
      ),
    // Not JSON at all, or JSON under another media type.
    fc
      .string({ minLength: 1 })
      .filter((text) => {
        try {
          JSON.parse(text);
          return false;
        } catch {
          return true;
        }
      })
      .map((text) => ({ contentType: 'application/json', text })),
    fc
      .constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/jsonx',
      )
      .map((contentType) => ({ contentType, text: '{}' })),
  );
};

const pathValue = fc.oneof(
  fc.string({ minLength: 1, maxLength: 80 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
  fc.constantFrom(
    '..',
    '.',
    ' ',
    '%',
    '\u0000',
    'a'.repeat(300),
    "'; DROP TABLE",
    '<script>',
    '🙂',
    '01JABCDEFGHJKMNPQRSTVWXYZ0',
  ),
  fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/),
);

const headerName = fc.stringMatching(/^x-[a-z0-9-]{1,20}$/);
const headerValue = fc.stringMatching(/^[\x21-\x7e][\x20-\x7e]{0,60}$/);
const extraHeaders = fc.dictionary(headerName, headerValue, { maxKeys: 3 });
const idempotencyKey = fc.oneof(
  fc.constant(undefined),
  headerValue,
  fc.constantFrom('short', 'x'.repeat(200), 'a b c d e f g'),
);

const pathOf = (route: RouteDefinition, values: Record<string, string>) =>
  route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));

const paramNames = (route: RouteDefinition) =>
  [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string);

describe.each(routes.map((route) => [label(route), route] as const))('%s', (_, route) => {
  it('refuses bad bodies, path parameters, queries and headers with a 4xx JSON error and writes nothing', async () => {
    const before = await tableCounts();
    const names = paramNames(route);
    await fc.assert(
      fc.asyncProperty(
        fc.record(Object.fromEntries(names.map((name) => [name, pathValue]))),
        route.body ? badBody(route) : fc.oneof(fc.constant(undefined), badBody(route)),
        fc.option(
          fc.dictionary(fc.constantFrom('query', 'limit', 'cursor', 'x'), fc.string({ maxLength: 40 })),
          { nil: undefined },
        ),
        extraHeaders,
        idempotencyKey,
        async (params, body, query, headers, key) => {
          const search = query ? `?${new URLSearchParams(query).toString()}` : '';
          const response = await fetch(
            `${stack.apiUrl}${pathOf(route, params as Record<string, string>)}${search}`,
            {
              method: route.method,
              headers: {
                ...headers,
                ...(tokenFor(route) ? { authorization: `Bearer ${tokenFor(route)}` } : {}),
                ...(body ? { 'content-type': body.contentType } : {}),
                ...(key !== undefined ? { 'idempotency-key': key } : {}),
              },
              ...(body && route.method !== 'GET' ? { body: body.text } : {}),
            },
          );
          expectContractRefusal(
            route,
            response.status,
            await response.text(),
            response.headers.get('content-type') ?? '',
          );
        },
      ),
      { numRuns },
    );
    expect(await tableCounts()).toEqual(before);
  });

  it('answers malformed events straight from API Gateway (no local server in between) the same way', async () => {
    const handler = await loadHandler<
      (
        event: APIGatewayProxyEventV2,
        context: ReturnType<typeof lambdaContext>,
      ) => Promise<APIGatewayProxyStructuredResultV2>
    >(route.function);
    const before = await tableCounts();
    const caller =
      route.auth.type === 'iam'
        ? ({ kind: 'service' } as const)
        : route.auth.type === 'jwt'
          ? ({ kind: 'staff', sub: 'fuzz-admin', groups: ['admin', 'helpdesk', 'security'] } as const)
          : ({ kind: 'none' } as const);
    await fc.assert(
      fc.asyncProperty(
        fc.record(Object.fromEntries(paramNames(route).map((name) => [name, pathValue]))),
        badBody(route),
        fc.boolean(),
        fc.dictionary(headerName, headerValue, { maxKeys: 3 }),
        async (params, body, base64, headers) => {
          const event = apiEvent(route, {
            caller,
            pathParameters: params as Record<string, string>,
            headers: { ...headers, 'content-type': body.contentType },
          });
          event.body = base64 ? Buffer.from(body.text).toString('base64') : body.text;
          event.isBase64Encoded = base64;
          const result = await handler(event, lambdaContext(route.function));
          const status = result.statusCode ?? 200;
          const text = result.body ?? '';
          if (route.body === undefined || status >= 400)
            expectContractRefusal(route, status, text, String(result.headers?.['content-type'] ?? ''));
          else expect(status).toBeLessThan(500);
        },
      ),
      { numRuns },
    );
    expect(await tableCounts()).toEqual(before);
  });
});

describe('an oversized body', () => {
  it.each(routes.filter((route) => route.method !== 'GET').map((route) => [label(route), route] as const))(
    '%s: 413 before any parsing, whatever its content or media type',
    async (_, route) => {
      const params = Object.fromEntries(paramNames(route).map((name) => [name, 'fuzz-1']));
      for (const [contentType, text] of [
        ['application/json', `{"x":"${'a'.repeat(MAX_BODY_BYTES)}"}`],
        ['application/json', `not json ${'{'.repeat(MAX_BODY_BYTES)}`],
        ['text/plain', 'a'.repeat(MAX_BODY_BYTES + 1)],
      ] as const) {
        const response = await stack.call(route.method, pathOf(route, params), {
          token: tokenFor(route),
          headers: { 'content-type': contentType },
          rawBody: text,
        });
        expect(response.status).toBe(413);
        expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
      }
    },
  );
});
