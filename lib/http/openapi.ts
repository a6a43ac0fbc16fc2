// The OpenAPI 3.1 document of the HTTP contract, generated from the route table: request bodies, paths
// and queries from the routes' zod schemas, answers from their response schemas, auth from `auth`.
import * as z from '../schema';
import { routes, type RouteDefinition } from '../routes';
import { errorBodySchema } from './schemas';

type JsonSchema = Record<string, unknown>;

/** JSON Schema 2020-12 (OpenAPI 3.1's dialect) of a zod schema; a request as sent, an answer as received. */
const jsonSchema = (schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
};

const objectProperties = (schema: z.ZodMiniType) => {
  const json = jsonSchema(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    property,
    required: required.has(name),
  }));
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const security = (route: RouteDefinition) => {
  switch (route.auth.type) {
    case 'none':
      return { security: [] };
    case 'jwt':
      return { security: [{ staffJwt: [] }], 'x-staff-groups': route.auth.groups };
    case 'iam':
      return { security: [{ loginServiceSigV4: [] }] };
  }
};

const operationOf = (route: RouteDefinition) => {
  const parameters = [
    ...(route.params
      ? objectProperties(route.params).map(({ name, property }) => ({
          name,
          in: 'path',
          required: true,
          schema: property,
        }))
      : []),
    ...(route.query
      ? objectProperties(route.query).map(({ name, property, required }) => ({
          name,
          in: 'query',
          required,
          schema: property,
        }))
      : []),
    ...(route.idempotencyKey
      ? [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: route.idempotencyKey === 'required',
            description: 'A retry with the same key gets the first answer again, and changes nothing twice.',
            schema: { type: 'string', minLength: 1, maxLength: 200 },
          },
        ]
      : []),
  ];
  const responses: Record<string, unknown> = {};
  for (const [status, schema] of Object.entries(route.responses ?? {})) {
    if (schema)
      responses[status] = {
        description: `${status} answer`,
        content: { 'application/json': { schema: jsonSchema(schema, 'output') } },
      };
  }
  responses['4XX'] = errorResponse('Refused: the contract’s error shape, nothing changed.');
  responses['5XX'] = errorResponse('A fault (503 with Retry-After when storage is unavailable).');
  return {
    operationId: route.operation,
    tags: [route.function],
    ...security(route),
    ...(parameters.length ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: !route.body.safeParse(undefined).success,
            content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
          },
        }
      : {}),
    responses,
  };
};

/**
 * `all`: every route (the local server, the login service's client). `public`: what CloudFront serves
 * beside the console, the staff and enrollment routes; the login service's IAM routes under
 * `/internal/` are not advertised to the internet.
 */
export type OpenApiAudience = 'all' | 'public';

export const openApiDocument = (options: { serverUrl?: string; audience?: OpenApiAudience } = {}) => {
  const audience = options.audience ?? 'all';
  const listed = routes.filter((route) => audience === 'all' || route.auth.type !== 'iam');
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of listed) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operationOf(route) };
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'mfa-recovery',
      version: '0.1.0',
      description:
        'Helpdesk-driven 2FA recovery. Generated from lib/routes/; every refusal is {"error": {"code", "message"}} with a 4xx.',
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    paths,
    components: {
      schemas: { Error: jsonSchema(errorBodySchema, 'output') },
      securitySchemes: {
        staffJwt: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A Cognito ID token; the handler checks the groups in x-staff-groups.',
        },
        ...(listed.some((route) => route.auth.type === 'iam')
          ? {
              loginServiceSigV4: {
                type: 'apiKey',
                in: 'header',
                name: 'Authorization',
                description:
                  'AWS Signature Version 4, service execute-api, by a session of the login service role (LOGIN_SERVICE_ROLE_ARN); others get 403.',
              },
            }
          : {}),
      },
    },
  };
};
