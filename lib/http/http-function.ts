// Builds a route group's Lambda handler from its operations: the shared middy chain, then one call into lib/.
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { withBusinessMetrics } from '../observability/business-metrics';
import { routesOf, type FunctionName, type RouteDefinition } from '../routes';
import {
  errorMapping,
  inputValidation,
  jsonBodyParser,
  requestLogging,
  routeAuthorization,
  routeLookup,
  type RoutedEvent,
} from './middlewares';
import { originVerification } from './origin-verify';
import type { Principal } from './principal';
import { jsonResponse, type HttpResult } from './responses';

export interface HttpRequest<Body = unknown, Query = unknown> {
  route: RouteDefinition;
  body: Body;
  query: Query;
  pathParameters: Record<string, string>;
  headers: Record<string, string>;
  principal: Principal;
  requestId: string;
  sourceIp: string;
}

// Operations receive validated input typed by their route's schema; the cast happens once, here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Operation = (request: HttpRequest<any, any>) => Promise<HttpResult>;

const lowerCaseHeaders = (headers: APIGatewayProxyEventV2['headers'] | undefined) =>
  Object.fromEntries(
    Object.entries(headers ?? {})
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
      .map(([name, value]) => [name.toLowerCase(), value]),
  );

export const createHttpFunction = (name: FunctionName, operations: Record<string, Operation>) => {
  const routes = routesOf(name);
  for (const route of routes) {
    if (!operations[route.operation]) throw new Error(`function ${name} has no operation ${route.operation}`);
  }

  const run = async (
    event: RoutedEvent,
    context: { awsRequestId: string },
  ): Promise<APIGatewayProxyStructuredResultV2> => {
    const operation = operations[event.route.operation];
    if (!operation) throw new Error(`function ${name} has no operation ${event.route.operation}`);
    const result = await operation({
      route: event.route,
      body: event.parsedBody,
      query: event.parsedQuery,
      pathParameters: event.parsedParams,
      headers: lowerCaseHeaders(event.headers),
      principal: event.principal,
      requestId: event.requestContext?.requestId ?? context.awsRequestId,
      sourceIp: event.requestContext?.http?.sourceIp ?? 'unknown',
    });
    return jsonResponse(result.status ?? 200, result.body, result.headers);
  };

  const handler = middy<RoutedEvent, APIGatewayProxyStructuredResultV2>({ timeoutEarlyInMillis: 0 })
    .use(errorMapping())
    .use(requestLogging())
    .use(routeLookup(routes))
    .use(originVerification())
    .use(routeAuthorization())
    .use(jsonBodyParser())
    .use(inputValidation())
    .handler(run) as unknown as (
    event: APIGatewayProxyEventV2,
    context: import('aws-lambda').Context,
  ) => Promise<APIGatewayProxyStructuredResultV2>;
  // Outermost, so what a request committed is counted even when it then answers with an error.
  return (event: APIGatewayProxyEventV2, context: import('aws-lambda').Context) =>
    withBusinessMetrics(() => handler(event, context));
};
