// API Gateway HTTP API (payload 2.0) events for invoking handlers directly, as API Gateway would after
// its authorizer: staff claims flattened, or the login service's IAM identity.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { routeKey, routes, type RouteDefinition } from '../lib/routes';
import { LOCAL_ACCOUNT_ID, LOCAL_LOGIN_SERVICE_SESSION_ARN } from '../local/iam-identities';

export type Caller =
  { kind: 'none' } | { kind: 'staff'; sub: string; groups: readonly string[] } | { kind: 'service' };

export const findRoute = (method: string, path: string): RouteDefinition => {
  const route = routes.find((candidate) => candidate.method === method && candidate.path === path);
  if (!route) throw new Error(`no route ${method} ${path}`);
  return route;
};

const authorizerOf = (caller: Caller) => {
  if (caller.kind === 'staff')
    return {
      jwt: {
        claims: { sub: caller.sub, 'cognito:groups': `[${caller.groups.join(' ')}]`, token_use: 'id' },
        scopes: null,
      },
    };
  if (caller.kind === 'service')
    return {
      iam: {
        accessKey: 'AKIABENCH',
        accountId: LOCAL_ACCOUNT_ID,
        callerId: 'AROABENCH:local',
        cognitoIdentity: null,
        principalOrgId: null,
        userArn: LOCAL_LOGIN_SERVICE_SESSION_ARN,
        userId: 'AROABENCH:local',
      },
    };
  return undefined;
};

export const apiEvent = (
  route: Pick<RouteDefinition, 'method' | 'path'>,
  options: {
    caller?: Caller;
    pathParameters?: Record<string, string>;
    query?: Record<string, string>;
    body?: unknown;
    headers?: Record<string, string>;
  } = {},
): APIGatewayProxyEventV2 => {
  const rawPath = route.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(options.pathParameters?.[name] ?? ''),
  );
  const query = options.query ?? {};
  const rawQueryString = new URLSearchParams(query).toString();
  const authorizer = authorizerOf(options.caller ?? { kind: 'none' });
  const now = new Date();
  return {
    version: '2.0',
    routeKey: routeKey(route),
    rawPath,
    rawQueryString,
    headers: {
      host: '127.0.0.1',
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    ...(rawQueryString ? { queryStringParameters: query } : {}),
    ...(options.pathParameters ? { pathParameters: options.pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'bench',
      domainName: '127.0.0.1',
      domainPrefix: 'bench',
      http: {
        method: route.method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'bench',
      },
      requestId: randomUUID(),
      routeKey: routeKey(route),
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(authorizer ? { authorizer } : {}),
    } as APIGatewayProxyEventV2['requestContext'],
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    isBase64Encoded: false,
  };
};
