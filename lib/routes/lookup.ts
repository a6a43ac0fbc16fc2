// Reading the route table: route keys, a function's routes and permissions, matching a concrete path.
import type { TableKey } from '../data/tables';
import type { RouteDefinition } from './definition';
import { functions, type FunctionName } from './functions';
import { routes } from './table';
import type { FunctionDefinition, ServiceUse, TableAccess } from './types';

/** API Gateway's route key, e.g. `POST /admin/customers/{customerId}/verifications`. */
export const routeKey = (route: Pick<RouteDefinition, 'method' | 'path'>) => `${route.method} ${route.path}`;

export const routesOf = (name: FunctionName) => routes.filter((route) => route.function === name);

const accessRank: Record<Exclude<TableAccess, 'queryDelete'>, number> = {
  read: 0,
  append: 1,
  readWrite: 2,
  readWriteDelete: 3,
};

/** An access level that allows both: the levels form a chain, except queryDelete, which readWriteDelete covers. */
const joinAccess = (current: TableAccess | undefined, added: TableAccess): TableAccess => {
  if (current === undefined || current === added) return added;
  if (current === 'queryDelete' || added === 'queryDelete') return 'readWriteDelete';
  return accessRank[added] > accessRank[current] ? added : current;
};

/** Everything a function may touch: the union of its routes' needs and its own. */
export const functionPermissions = (name: FunctionName) => {
  const definition: FunctionDefinition = functions[name];
  const tables: Partial<Record<TableKey, TableAccess>> = { ...definition.tables };
  const services = new Set<ServiceUse>(definition.services ?? []);
  for (const route of routesOf(name)) {
    for (const [table, access] of Object.entries(route.tables ?? {}) as [TableKey, TableAccess][])
      tables[table] = joinAccess(tables[table], access);
    for (const service of route.services ?? []) services.add(service);
  }
  return { tables, services: [...services] };
};

/**
 * A path parameter as API Gateway's HTTP API hands it over: percent-decoded. An escape that does not
 * decode (`%ZZ`, a cut sequence `%E0%A4%A`, an encoded surrogate `%ED%A0%80`) is no text at all: the
 * parameter then stays as sent, and `isMalformedPathParameter` tells the handler to refuse it.
 */
export const decodePathParameter = (raw: string): { value: string; malformed: boolean } => {
  try {
    return { value: decodeURIComponent(raw), malformed: false };
  } catch {
    return { value: raw, malformed: true };
  }
};

/**
 * True for a parameter no decoder could have produced from a well-formed path: a `%` left over (no id
 * of ours holds one), a replacement character or a lone surrogate (a lenient decoder's rendering of
 * bytes that are not UTF-8). The Lambda checks this whatever the gateway did before it.
 */
export const isMalformedPathParameter = (value: string) =>
  /[%\uFFFD]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value);

/**
 * Matches a concrete path against the table; returns the route and its decoded path parameters, and
 * whether one of them held a malformed escape (answered 400 `INVALID_PATH`, never decoded by guess).
 */
export const matchRoute = (method: string, path: string) => {
  for (const route of routes) {
    if (route.method !== method) continue;
    const names: string[] = [];
    const pattern = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    const match = new RegExp(`^${pattern}$`).exec(path);
    if (!match) continue;
    const decoded = names.map((name, index) => [name, decodePathParameter(match[index + 1] ?? '')] as const);
    return {
      route,
      pathParameters: Object.fromEntries(decoded.map(([name, { value }]) => [name, value])),
      malformedPath: decoded.some(([, { malformed }]) => malformed),
    };
  }
  return undefined;
};

/** True when some route has this path with another method (405 rather than 404). */
export const pathExists = (path: string) =>
  routes.some((route) => matchRoute(route.method, path)?.route === route);
