// What one operation receives and answers, read off its route: the compiler ties each function's
// operations to the route table, and each request and answer to the route's zod schemas.
import type * as z from '../schema';
import type { HttpFunctionName, OperationName, RouteDefinition, RouteOf } from '../routes';
import type { Principal } from './principal';

export interface HttpRequest<Body = unknown, Query = unknown, Params = Record<string, string>> {
  route: RouteDefinition;
  body: Body;
  query: Query;
  pathParameters: Params;
  headers: Record<string, string>;
  principal: Principal;
  requestId: string;
  sourceIp: string;
}

/** What a route's schema parses to; a route without that schema gets `Otherwise` (no body: undefined). */
type Parsed<Route, Key extends 'body' | 'query' | 'params', Otherwise> = Route extends {
  [K in Key]: infer Schema extends z.ZodMiniType;
}
  ? z.infer<Schema>
  : Otherwise;

/** The validated input of a route (lib/http/middlewares.ts inputValidation parsed it with these schemas). */
export type RequestOf<Route> = HttpRequest<
  Parsed<Route, 'body', undefined>,
  Parsed<Route, 'query', undefined>,
  Parsed<Route, 'params', Record<never, string>>
>;

/** An object type's named fields, without the index signature a loose object or a record carries. */
type NamedFields<T> = { [K in keyof T as string extends K ? never : K]: T[K] };

/**
 * A response schema's shape as the compiler checks an answer against it: a loose object's extra fields
 * are allowed (a lib type, an interface, has no index signature to match), and a free-form record of
 * unknown values (audit event details) has no shape to check.
 */
type Shape<T> = T extends readonly (infer Item)[]
  ? readonly Shape<Item>[]
  : T extends object
    ? string extends keyof T
      ? keyof NamedFields<T> extends never
        ? unknown extends T[string]
          ? unknown
          : Record<string, Shape<T[string]>>
        : { [K in keyof NamedFields<T>]: Shape<T[K]> }
      : { [K in keyof T]: Shape<T[K]> }
    : T;

interface Answer<Status, Body> {
  status: Status;
  body: Body;
  headers?: Record<string, string>;
}

/** One answer per status in the route's `responses`; 200 is the default and may go unsaid. */
type DeclaredAnswer<Responses> = {
  [Status in keyof Responses]: Responses[Status] extends z.ZodMiniType
    ? Status extends 200
      ? Omit<Answer<200, Shape<z.infer<Responses[Status]>>>, 'status'> & { status?: 200 }
      : Answer<Status, Shape<z.infer<Responses[Status]>>>
    : never;
}[keyof Responses];

/** An answer replayed from the idempotency store: as given the first time, stored as plain JSON. */
type StoredAnswer = Answer<number, Record<string, unknown>>;

export type ResultOf<Route> = Route extends { responses: infer Responses }
  ? | DeclaredAnswer<Responses>
    | (Route extends { idempotencyKey: 'required' | 'optional' } ? StoredAnswer : never)
  : Answer<number | undefined, unknown>;

/** The operations a function's entry passes to createHttpFunction: exactly one per route of the function. */
export type OperationsOf<F extends HttpFunctionName> = {
  [Op in OperationName<F>]: (request: RequestOf<RouteOf<F, Op>>) => Promise<ResultOf<RouteOf<F, Op>>>;
};
