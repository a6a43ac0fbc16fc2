// middy middlewares shared by every HTTP function, each doing one thing before the operation runs.
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type * as z from '../schema';
import { findTextProblem } from '../schema';
import { parseStrictJson, StrictJsonError } from '../strict-json';
import { isServiceUnavailable } from '../aws/errors';
import { DomainError, forbidden, invalid, isDomainError, unauthorized, unavailable } from '../errors';
import { errorLogFields } from '../observability/error-fields';
import { logger } from '../observability/logger';
import { requestAddress } from '../observability/viewer-address';
import type { RouteDefinition } from '../routes';
import { isMalformedPathParameter, routeKey } from '../routes/paths';
import { config } from '../config';
import { originSecretCheck } from './origin-verify';
import { isSessionOfRole, principalOf, type Principal } from './principal';
import { errorResponse, internalErrorResponse } from './responses';

/** API Gateway accepts 10 MB; none of our bodies needs more than a few hundred bytes. Checked before parsing. */
export const MAX_BODY_BYTES = 16 * 1024;

/** The event after the middlewares: the matched route, the caller, and the validated input. */
export interface RoutedEvent extends APIGatewayProxyEventV2 {
  route: RouteDefinition;
  principal: Principal;
  parsedBody: unknown;
  parsedQuery: unknown;
  parsedParams: Record<string, string>;
}

type HttpMiddleware = MiddlewareObj<RoutedEvent, APIGatewayProxyStructuredResultV2>;

const requestIdOf = (event: APIGatewayProxyEventV2, awsRequestId: string) =>
  event.requestContext?.requestId ?? awsRequestId;

/** Logger keys for every line of the request; never the body, which may hold codes, tickets or answers. */
export const requestLogging = (): HttpMiddleware => {
  const throughCloudFront = originSecretCheck();
  return {
    before: (request) => {
      logger.addContext(request.context);
      logger.appendKeys({
        requestId: requestIdOf(request.event, request.context.awsRequestId),
        route: request.event.routeKey,
      });
    },
    after: (request) => {
      const headers = lowerCaseHeaderMap(request.event.headers);
      logger.info('request handled', {
        status: request.response?.statusCode,
        ...requestAddress({
          headers,
          sourceIp: request.event.requestContext?.http?.sourceIp,
          throughCloudFront: throughCloudFront(headers) === true,
        }),
      });
      logger.removeKeys(['requestId', 'route']);
    },
  };
};

const lowerCaseHeaderMap = (headers: Record<string, string | undefined> | undefined) =>
  Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));

export const routeLookup = (routes: readonly RouteDefinition[]): HttpMiddleware => {
  const byKey = new Map(routes.map((route) => [routeKey(route), route]));
  return {
    before: (request) => {
      const route = byKey.get(request.event.routeKey);
      if (!route) throw new DomainError('NotFound', 'ROUTE_NOT_FOUND', `No route ${request.event.routeKey}.`);
      request.event.route = route;
    },
  };
};

/** Roles are enforced here from the authorizer's claims, whatever API Gateway was configured to check. */
export const routeAuthorization = (): HttpMiddleware => ({
  before: (request) => {
    const { route } = request.event;
    const principal = principalOf(request.event);
    request.event.principal = principal;
    const auth = route.auth;
    if (auth.type === 'none') return;
    if (auth.type === 'iam') {
      // API Gateway lets any principal of the account through whose policy allows execute-api:Invoke;
      // only the login service's role may use these routes, whatever else IAM grants.
      if (principal.kind !== 'service' || !isSessionOfRole(principal.id, config().loginServiceRoleArn))
        throw forbidden('FORBIDDEN', 'This route is for the login service only.');
      return;
    }
    if (principal.kind === 'anonymous') throw unauthorized('UNAUTHORIZED', 'Sign in to use this route.');
    if (principal.kind !== 'staff' || !principal.groups.some((group) => auth.groups.includes(group)))
      throw forbidden('FORBIDDEN', `This route needs one of the groups: ${auth.groups.join(', ')}.`);
  },
});

export const jsonBodyParser = (): HttpMiddleware => ({
  before: (request) => {
    const { event } = request;
    if (event.body === undefined || event.body === null || event.body === '') {
      event.parsedBody = undefined;
      return;
    }
    // Size is judged on the bytes received, before any decoding or parsing work.
    const declaredBytes = event.isBase64Encoded
      ? Math.floor((event.body.length * 3) / 4)
      : Buffer.byteLength(event.body);
    if (declaredBytes > MAX_BODY_BYTES)
      throw new DomainError(
        'PayloadTooLarge',
        'PAYLOAD_TOO_LARGE',
        `The request body is larger than ${MAX_BODY_BYTES} bytes.`,
      );
    const contentType = event.headers?.['content-type'] ?? '';
    if (!/^application\/json\b/i.test(contentType))
      throw invalid('UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json.');
    const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
    try {
      // Strict: a duplicate key would let two readers of one body see different values, and a lone
      // surrogate cannot be hashed into the audit trail (RFC 8785).
      event.parsedBody = parseStrictJson(raw);
    } catch (error) {
      if (!(error instanceof StrictJsonError) || error.problem === 'syntax')
        throw invalid('MALFORMED_JSON', 'The request body is not valid JSON.');
      const path = error.path.join('.') || '(root)';
      const message =
        error.problem === 'duplicate-key'
          ? 'appears twice (duplicate key)'
          : 'is not well-formed Unicode (it holds a lone surrogate)';
      throw invalid('INVALID_REQUEST', `The request body is not valid: ${path} ${message}.`, {
        issues: [{ path, message }],
      });
    }
  },
});

const formatIssues = (issues: z.core.$ZodIssue[]) =>
  issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message:
      issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message,
  }));

/** Body and query are checked against the route's zod schemas; a route without a body schema takes none. */
export const inputValidation = (): HttpMiddleware => ({
  before: (request) => {
    const { event } = request;
    const { route } = event;
    // A parameter API Gateway could not decode arrives as sent: a 400 of its own, not a lookup of "%ZZ".
    for (const value of Object.values(event.pathParameters ?? {}))
      if (typeof value === 'string' && isMalformedPathParameter(value))
        throw invalid('INVALID_PATH', 'The path holds a malformed percent-escape.');
    // One rule for every string of every route, before the route's own schema.
    for (const [where, value] of [
      ['request body', event.parsedBody],
      ['query string', event.queryStringParameters],
      ['path', event.pathParameters],
    ] as const) {
      const problem = findTextProblem(value);
      if (problem)
        throw invalid('INVALID_REQUEST', `The ${where} is not valid: ${problem.path} ${problem.message}.`, {
          issues: [problem],
        });
    }
    if (!route.body) {
      if (event.parsedBody !== undefined)
        throw invalid('INVALID_REQUEST', 'This route takes no request body.');
    } else {
      const parsed = route.body.safeParse(event.parsedBody);
      if (!parsed.success)
        throw invalid('INVALID_REQUEST', 'The request body is not valid.', {
          issues: formatIssues(parsed.error.issues),
        });
      event.parsedBody = parsed.data;
    }
    const params = event.pathParameters ?? {};
    if (route.params) {
      const parsed = route.params.safeParse(params);
      if (!parsed.success)
        throw invalid('INVALID_PATH_PARAMETER', 'A path parameter is not valid.', {
          issues: formatIssues(parsed.error.issues),
        });
      event.parsedParams = parsed.data as Record<string, string>;
    } else {
      event.parsedParams = Object.fromEntries(
        Object.entries(params).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
      );
    }
    if (route.query) {
      const parsed = route.query.safeParse(event.queryStringParameters ?? {});
      if (!parsed.success)
        throw invalid('INVALID_REQUEST', 'The query string is not valid.', {
          issues: formatIssues(parsed.error.issues),
        });
      event.parsedQuery = parsed.data;
    }
  },
});

/** Registered first so it runs last: domain errors become the contract's 4xx, anything else a bare 500. */
export const errorMapping = (): HttpMiddleware => ({
  onError: (request) => {
    const requestId = requestIdOf(request.event, request.context.awsRequestId);
    const error = request.error;
    const domainError = isDomainError(error)
      ? error
      : isServiceUnavailable(error)
        ? unavailable(
            'SERVICE_UNAVAILABLE',
            'A storage service is unavailable. Nothing was changed; try again shortly.',
          )
        : undefined;
    if (domainError) {
      logger.info('request refused', { code: domainError.code });
      request.response = errorResponse(domainError, requestId);
    } else {
      logger.error('request failed', {
        error: errorLogFields(error),
      });
      request.response = internalErrorResponse(requestId);
    }
    logger.removeKeys(['requestId', 'route']);
  },
});
