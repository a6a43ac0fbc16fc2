// The API as the console calls it: by route key (`POST /security/customers/{customerId}/recovery-lock/keep`),
// with the request and the answer typed from the route table (the staff function's routes,
// lib/routes/admin.ts) and their zod schemas. Type-only imports of lib: the page's bundle carries no
// table, the key is the call.
import type * as z from '../../lib/schema';
import type { adminRoutes } from '../../lib/routes/admin';

type ConsoleRoute = (typeof adminRoutes)[number];
type KeyOf<Route> = Route extends { method: infer M extends string; path: infer P extends string }
  ? `${M} ${P}`
  : never;
/** Every staff and security route by its key, `METHOD /path/{param}`, as the contract names it. */
export type ConsoleCall = KeyOf<ConsoleRoute>;
type RouteOf<Key extends ConsoleCall> = Extract<ConsoleRoute, { method: Method<Key>; path: Path<Key> }>;
type Method<Key extends string> = Key extends `${infer M} ${string}` ? M : never;
type Path<Key extends string> = Key extends `${string} ${infer P}` ? P : never;
type ResponsesOf<Key extends ConsoleCall> = RouteOf<Key>['responses'];

/** Every success answer the route declares, whatever its status. */
export type AnswerOf<Key extends ConsoleCall> = {
  [S in keyof ResponsesOf<Key>]: ResponsesOf<Key>[S] extends z.ZodMiniType
    ? z.infer<ResponsesOf<Key>[S]>
    : never;
}[keyof ResponsesOf<Key>];

type Part = 'params' | 'query' | 'body';
/** One part of the request, present only when the route declares it; optional when the schema takes nothing. */
type PartOf<Key extends ConsoleCall, K extends Part> =
  RouteOf<Key> extends { [P in K]: infer S extends z.ZodMiniType }
    ? undefined extends z.input<S>
      ? { [P in K]?: z.input<S> }
      : object extends z.input<S>
        ? { [P in K]?: z.input<S> }
        : { [P in K]: z.input<S> }
    : { [P in K]?: never };

export type RequestOf<Key extends ConsoleCall> = PartOf<Key, 'params'> &
  PartOf<Key, 'query'> &
  PartOf<Key, 'body'>;

/**
 * The staff and security routes the console does not call, each with why. Every other one is called
 * by a view through `ctx.request` with its key: test/console/operations.test.ts fails on a staff route
 * that is neither, naming it, so a new route gets its button or its reason here.
 */
export const notCalledByConsole = {
  'GET /admin/customers':
    'the GET form of the search, for API clients; the console posts it (no names in URLs)',
} as const satisfies { [Key in ConsoleCall]?: string };

/** What a call passes besides its parts: headers (an Idempotency-Key). */
export type RequestOptions<Key extends ConsoleCall> = RequestOf<Key> & { headers?: Record<string, string> };
/** The options may be left out when nothing in them is required. */
export type RequestArgs<Key extends ConsoleCall> =
  object extends RequestOf<Key> ? [options?: RequestOptions<Key>] : [options: RequestOptions<Key>];

/**
 * The method and URL of a call: each path parameter percent-encoded, the query's defined values in
 * a query string.
 */
export const requestTarget = (
  key: ConsoleCall,
  params: Record<string, string> | undefined,
  query: Record<string, string | number | boolean | undefined> | undefined,
): { method: ConsoleRoute['method']; path: string } => {
  const [method, template] = key.split(' ') as [ConsoleRoute['method'], string];
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`${key}: path parameter ${name} missing`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {}))
    if (value !== undefined) search.set(name, String(value));
  const queryString = search.toString();
  return { method, path: queryString ? `${path}?${queryString}` : path };
};
