// The local API Gateway: turns each HTTP request into an HTTP API payload 2.0 event, applies the
// route's authorizer as API Gateway would, and calls the very handler the Lambda runs.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createLocalJWKSet } from 'jose';
import { z } from 'zod';
import {
  functions,
  matchRoute,
  pathExists,
  routeKey,
  type FunctionName,
  type RouteDefinition,
} from '../lib/routes';
import { openApiDocument } from '../lib/http/openapi';
import { staffGroups } from '../lib/staff/groups';
import { pageHeaders, pages } from '../web/pages';
import { lambdaContext } from './lambda-context';
import { repoRoot } from '../tooling/repo-root';
import { jwtAuthorizer, type TokenIssuer, type TrustedIssuer } from './token-issuer';
import { verifySigV4, type LocalIamIdentity } from './sigv4-verifier';
import { invokeAs } from './table-grants';

type HttpHandler = (
  event: APIGatewayProxyEventV2,
  context: ReturnType<typeof lambdaContext>,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** API Gateway's own limit for a request payload. */
const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

const handlerCache = new Map<FunctionName, Promise<HttpHandler>>();

export const loadHandler = <T = HttpHandler>(name: FunctionName): Promise<T> => {
  let loaded = handlerCache.get(name);
  if (!loaded) {
    const file = join(repoRoot(), functions[name].entry);
    loaded = import(pathToFileURL(file).href).then((module: { handler: HttpHandler }) => module.handler);
    handlerCache.set(name, loaded);
  }
  return loaded as Promise<T>;
};

const sendJson = (
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) => {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(JSON.stringify(body));
};

const sendError = (response: ServerResponse, status: number, code: string, message: string) =>
  sendJson(response, status, { error: { code, message } });

const readBody = (request: IncomingMessage) =>
  new Promise<Buffer | 'too-large'>((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        request.destroy();
        resolveBody('too-large');
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolveBody(Buffer.concat(chunks)));
    request.on('error', reject);
  });

const tokenRequestSchema = z.strictObject({
  sub: z.string().min(1).max(128),
  groups: z.array(z.enum(staffGroups)).max(staffGroups.length),
  email: z.email().optional(),
  expiresInSeconds: z.number().int().min(-86400).max(86400).optional(),
});

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Serves the built pages with the same headers CloudFront adds in AWS. */
const servePage = (path: string, response: ServerResponse): boolean => {
  const page = pages.find(
    (candidate) => path === `/${candidate.name}` || path.startsWith(`/${candidate.name}/`),
  );
  if (!page) return false;
  if (path === `/${page.name}`) {
    response.writeHead(301, { location: `/${page.name}/` });
    response.end();
    return true;
  }
  const root = join(repoRoot(), 'dist', 'web', page.name);
  const relative = normalize(path.slice(page.name.length + 2) || 'index.html');
  if (relative.startsWith('..')) return false;
  let file = join(root, relative);
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
  if (!existsSync(file)) {
    sendError(response, 404, 'PAGE_NOT_BUILT', `The ${page.name} page is not built; run npm run build:web.`);
    return true;
  }
  response.writeHead(200, {
    'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
    ...pageHeaders(page),
  });
  response.end(readFileSync(file));
  return true;
};

export interface ApiServerOptions {
  port: number;
  host?: string;
  issuer: TokenIssuer;
  /** More issuers whose tokens the JWT routes accept besides `issuer`'s (the local OpenID provider). */
  trustedIssuers?: readonly TrustedIssuer[];
  /** IAM routes: the region of the signatures and the principals whose keys are known. */
  iam: { region: string; identities: readonly LocalIamIdentity[] };
  /** Extra routes for local tooling, answered before the route table. */
  onLocalRoute?: (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;
  /** Told of each answer a route's handler gave (tests: which routes the suite reached). */
  onHandled?: (route: RouteDefinition, status: number) => void;
}

const toEvent = async (
  request: IncomingMessage,
  url: URL,
  route: RouteDefinition,
  pathParameters: Record<string, string>,
  body: Buffer,
  authorizer: unknown,
): Promise<APIGatewayProxyEventV2> => {
  const headers = Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [
      name.toLowerCase(),
      Array.isArray(value) ? value.join(',') : (value ?? ''),
    ]),
  );
  const now = new Date();
  const queryStringParameters: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    queryStringParameters[name] =
      queryStringParameters[name] === undefined ? value : `${queryStringParameters[name]},${value}`;
  }
  const isText = /^(application\/json|text\/)/i.test(headers['content-type'] ?? '');
  return {
    version: '2.0',
    routeKey: routeKey(route),
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    headers,
    ...(url.search ? { queryStringParameters } : {}),
    ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method: route.method,
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: routeKey(route),
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(authorizer ? { authorizer } : {}),
    } as APIGatewayProxyEventV2['requestContext'],
    ...(body.length ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !isText,
  };
};

export const startApiServer = async (options: ApiServerOptions): Promise<{ server: Server; url: string }> => {
  const { issuer } = options;
  const verifyBearer = jwtAuthorizer([
    { issuer: issuer.issuer, keys: createLocalJWKSet(issuer.jwks) },
    ...(options.trustedIssuers ?? []),
  ]);
  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const method = request.method ?? 'GET';
      if (options.onLocalRoute && (await options.onLocalRoute(request, response))) return;

      if (url.pathname === '/local/token' && method === 'POST') {
        const raw = await readBody(request);
        let parsed: z.ZodSafeParseResult<z.infer<typeof tokenRequestSchema>>;
        try {
          parsed = tokenRequestSchema.safeParse(JSON.parse(raw === 'too-large' ? '' : raw.toString('utf8')));
        } catch {
          return sendError(response, 400, 'MALFORMED_JSON', 'The request body is not valid JSON.');
        }
        if (!parsed.success)
          return sendError(
            response,
            400,
            'INVALID_REQUEST',
            'Send {sub, groups: ["helpdesk"|"admin"|"security"]}.',
          );
        return sendJson(response, 200, { token: await issuer.sign(parsed.data) });
      }
      if (url.pathname === '/local/jwks.json' && method === 'GET')
        return sendJson(response, 200, issuer.jwks);
      // Someone opening the bare address wants the console, as the CloudFront distribution serves it.
      if (url.pathname === '/' && (method === 'GET' || method === 'HEAD')) {
        response.writeHead(302, { location: '/console/' });
        return response.end();
      }
      if (url.pathname === '/openapi.json' && method === 'GET')
        return sendJson(
          response,
          200,
          openApiDocument({ serverUrl: `http://${request.headers.host ?? '127.0.0.1'}` }),
        );

      const match = matchRoute(method, url.pathname);
      if (!match) {
        if ((method === 'GET' || method === 'HEAD') && servePage(url.pathname, response)) return;
        if (pathExists(url.pathname))
          return sendError(
            response,
            405,
            'METHOD_NOT_ALLOWED',
            `${method} is not allowed on ${url.pathname}.`,
          );
        return sendError(response, 404, 'ROUTE_NOT_FOUND', `No route ${method} ${url.pathname}.`);
      }
      const { route, pathParameters } = match;
      // Refused before anything else, as the gateway refuses a path it cannot route: nothing is read or written.
      if (match.malformedPath)
        return sendError(response, 400, 'INVALID_PATH', 'The path holds a malformed percent-escape.');

      const body = await readBody(request);
      if (body === 'too-large')
        return sendError(response, 413, 'PAYLOAD_TOO_LARGE', 'The request body is too large.');

      let authorizer: unknown;
      if (route.auth.type === 'iam') {
        // API Gateway's IAM authorization: a valid SigV4 signature by a known key, or 403.
        const outcome = verifySigV4(
          { method, url: request.url ?? '/', headers: request.headersDistinct, body },
          { ...options.iam, service: 'execute-api', now: () => new Date() },
        );
        if (!outcome.ok) return sendError(response, 403, outcome.code, outcome.message);
        authorizer = { iam: outcome.authorizer };
      } else if (route.auth.type === 'jwt') {
        const claims = await verifyBearer(request.headers.authorization);
        if (!claims) return sendError(response, 401, 'UNAUTHORIZED', 'A valid bearer token is required.');
        authorizer = { jwt: { claims, scopes: null } };
      }

      const event = await toEvent(request, url, route, pathParameters, body, authorizer);
      const handler = await loadHandler(route.function);
      let result: APIGatewayProxyStructuredResultV2;
      try {
        result = await invokeAs(route.function, () => handler(event, lambdaContext(route.function)));
      } catch {
        options.onHandled?.(route, 500);
        // Lambda reports an unhandled error and API Gateway answers 500 without details.
        return sendError(response, 500, 'INTERNAL_ERROR', 'Internal Server Error');
      }
      options.onHandled?.(route, result.statusCode ?? 200);
      response.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>);
      response.end(result.isBase64Encoded && result.body ? Buffer.from(result.body, 'base64') : result.body);
    })().catch((error: unknown) => {
      if (!response.headersSent) sendError(response, 500, 'INTERNAL_ERROR', 'Internal Server Error');
      process.stderr.write(`local api: ${error instanceof Error ? error.message : String(error)}\n`);
    });
  });
  // Idle sockets outlive the client's (fetch keeps them 4 s): a server that closes first races the
  // client's next request on a busy machine and resets it (ECONNRESET). Below headersTimeout (60 s).
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((listening, failed) => {
    server.once('error', failed);
    server.listen(options.port, options.host ?? '127.0.0.1', () => listening());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return { server, url: `http://127.0.0.1:${port}` };
};
