// Reading the route table: route keys, a function's routes and permissions, matching a concrete path.
import type { TableKey } from '../data/tables';
import { functions, type FunctionName } from './functions';
import { routes } from './table';
import { decodePathParameter } from './paths';
import type { FunctionDefinition, ServiceUse, TableAccess } from './types';

export { decodePathParameter, isMalformedPathParameter, routeKey } from './paths';

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
