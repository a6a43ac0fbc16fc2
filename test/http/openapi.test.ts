// The OpenAPI 3.1 document: generated from the route table, accepted by an independent validator,
// complete (every route, its parameters, body and answers), and served by the local stack.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { openApiDocument } from '../../lib/http/openapi';
import { routes } from '../../lib/routes';
import { repoRoot } from '../../tooling/repo-root';
import { startTestStack, type TestStack } from '../support/stack';

type Operation = {
  operationId: string;
  security: unknown[];
  parameters?: { name: string; in: string; required: boolean }[];
  requestBody?: { required: boolean; content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, unknown>;
};

/** @seriousme/openapi-schema-validator (the OpenAPI Initiative's JSON schemas with Ajv), in its own process. */
const validate = (doc: unknown) =>
  new Promise<unknown>((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot(), 'test', 'support', 'validate-openapi.mjs')]);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => resolve(JSON.parse(output || 'null')));
    child.stdin.end(JSON.stringify(doc));
  });

const document = openApiDocument({ serverUrl: 'https://api.example.com' });
const operation = (method: string, path: string) =>
  (document.paths[path] as Record<string, Operation> | undefined)?.[method.toLowerCase()];

describe('the OpenAPI document', () => {
  it('beside the console lists the staff and enrollment routes, not the login service internal ones', async () => {
    const published = openApiDocument({ audience: 'public' });
    const paths = Object.keys(published.paths);
    expect(paths.filter((path) => path.startsWith('/internal'))).toEqual([]);
    expect(paths).toEqual(expect.arrayContaining(['/admin/customers', '/enroll/start', '/health']));
    expect(Object.keys(published.components.securitySchemes)).toEqual(['staffJwt']);
    expect(JSON.stringify(published)).not.toContain('loginServiceSigV4');
    expect(await validate(published)).toEqual({ valid: true });
    // The whole document (local server, the login service's client) still has them.
    expect(Object.keys(document.paths).some((path) => path.startsWith('/internal'))).toBe(true);
  });

  it('is valid OpenAPI 3.1 by @seriousme/openapi-schema-validator', async () => {
    const result = await validate(document);
    expect(result).toEqual({ valid: true });
    expect(document.openapi).toBe('3.1.0');
    // The validator does refuse: an operation without responses, a parameter without its location.
    const broken = structuredClone(document) as unknown as {
      paths: Record<string, Record<string, { responses?: unknown; parameters?: { in?: string }[] }>>;
    };
    delete broken.paths['/health']?.get?.responses;
    delete broken.paths['/admin/customers']?.get?.parameters?.[0]?.in;
    expect(await validate(broken)).toMatchObject({ valid: false });
  });

  it.each(routes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s is in it with its parameters, body, answers and auth',
    (_, route) => {
      const op = operation(route.method, route.path);
      expect(op?.operationId).toBe(route.operation);
      const pathNames = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      expect(op?.parameters?.filter((p) => p.in === 'path').map((p) => p.name) ?? []).toEqual(pathNames);
      expect(op?.requestBody !== undefined).toBe(route.body !== undefined);
      const documented = Object.keys(route.responses ?? {});
      expect(documented.some((status) => /^2\d\d$/.test(status))).toBe(true);
      for (const status of documented) expect(op?.responses).toHaveProperty(status);
      expect(op?.responses).toHaveProperty('4XX');
      expect(op?.security).toEqual(
        route.auth.type === 'none'
          ? []
          : [route.auth.type === 'iam' ? { loginServiceSigV4: [] } : { staffJwt: [] }],
      );
    },
  );

  it('carries the request rules of the zod schemas: unknown fields refused, limits, required fields', () => {
    const upsert = operation('PUT', '/internal/customers/{customerId}');
    const body = upsert?.requestBody?.content['application/json']?.schema ?? {};
    expect(body).toMatchObject({ type: 'object', additionalProperties: false });
    expect(body.required).toEqual(expect.arrayContaining(['email', 'fullName', 'locale', 'chargePointIds']));
    const search = operation('GET', '/admin/customers');
    expect(search?.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'query', in: 'query', required: true })]),
    );
    const disable = operation('POST', '/admin/customers/{customerId}/2fa/disable');
    expect(disable?.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })]),
    );
    expect(Object.keys(disable?.responses ?? {})).toEqual(expect.arrayContaining(['200', '202']));
  });
});

describe('GET /openapi.json on the local stack', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ pollStreams: false });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('serves the same document, with the local stack as its server, without credentials', async () => {
    const response = await fetch(`${stack.apiUrl}/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const served = (await response.json()) as typeof document;
    expect(served.servers).toEqual([{ url: stack.apiUrl }]);
    expect({ ...served, servers: undefined }).toEqual({ ...document, servers: undefined });
    expect(await validate(served)).toEqual({ valid: true });
  });
});
