// Builds a route group's Lambda handler from its operations: the shared middy chain, then one call into lib/.
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { withBusinessMetrics } from '../business-metrics/business-metrics';
import type { HttpFunctionName, RouteDefinition, TableRoute } from '../routes';
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
import type { HttpRequest, OperationsOf } from './operation';
import { jsonResponse, type HttpResult } from './responses';

export type { HttpRequest, OperationsOf } from './operation';

/** An operation once its types are forgotten: what the lookup by the matched route's name finds. */
type Operation = (request: HttpRequest) => Promise<HttpResult>;

const lowerCaseHeaders = (headers: APIGatewayProxyEventV2['headers'] | undefined) =>
  Object.fromEntries(
    Object.entries(headers ?? {})
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
      .map(([name, value]) => [name.toLowerCase(), value]),
  );

/** The routes of function F that a group passed to createHttpFunction leaves out (never, when it has them all). */
type MissingRoutes<F extends HttpFunctionName, Group extends readonly RouteDefinition[]> = Exclude<
  Extract<TableRoute, { function: F }>,
  Group[number]
>;

/**
 * The compiler checks `operations` against the route table (one per route of the function, each typed by
 * its route's schemas); at run time an operation is found by the matched route's name. The entry passes
 * the route group(s) that hold its routes (lib/routes/<audience>.ts), not the whole table: a function
 * then builds only its own routes' schemas at a cold start. The compiler refuses a group that lacks one
 * of the function's routes.
 */
export const createHttpFunction = <F extends HttpFunctionName, Group extends readonly RouteDefinition[]>(
  name: F,
  routeGroup: Group &
    ([MissingRoutes<F, Group>] extends [never] ? unknown : { missing: MissingRoutes<F, Group> }),
  operations: OperationsOf<F>,
) => {
  const routes = routeGroup.filter((route) => route.function === name);
  // Each operation gets the input its route's schemas parsed (inputValidation): the types meet the data here.
  const byName = operations as unknown as Partial<Record<string, Operation>>;
  for (const route of routes) {
    if (!byName[route.operation]) throw new Error(`function ${name} has no operation ${route.operation}`);
  }

  const run = async (
    event: RoutedEvent,
    context: { awsRequestId: string },
  ): Promise<APIGatewayProxyStructuredResultV2> => {
    const operation = byName[event.route.operation];
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
