// Reading the route table: route keys, a function's routes and permissions, matching a concrete path.
import type { TableKey } from '../data/tables';
import type { RouteDefinition } from './definition';
import { functions, type FunctionName } from './functions';
import { routes } from './table';
import type { FunctionDefinition, ServiceUse, TableAccess } from './types';

/** API Gateway's route key, e.g. `POST /admin/customers/{customerId}/verifications`. */
export const routeKey = (route: Pick<RouteDefinition, 'method' | 'path'>) => `${route.method} ${route.path}`;

export const routesOf = (name: FunctionName) => routes.filter((route) => route.function === name);

const accessRank: Record<TableAccess, number> = { read: 0, append: 1, readWrite: 2, readWriteDelete: 3 };

/** Everything a function may touch: the union of its routes' needs and its own. */
export const functionPermissions = (name: FunctionName) => {
  const definition: FunctionDefinition = functions[name];
  const tables: Partial<Record<TableKey, TableAccess>> = { ...definition.tables };
  const services = new Set<ServiceUse>(definition.services ?? []);
  for (const route of routesOf(name)) {
    for (const [table, access] of Object.entries(route.tables ?? {}) as [TableKey, TableAccess][]) {
      const current = tables[table];
      if (current === undefined || accessRank[access] > accessRank[current]) tables[table] = access;
    }
    for (const service of route.services ?? []) services.add(service);
  }
  return { tables, services: [...services] };
};

/** Matches a concrete path against the table; returns the route and its path parameters. */
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
    const pathParameters = Object.fromEntries(
      names.map((name, index) => [name, decodeURIComponent(match[index + 1] ?? '')]),
    );
    return { route, pathParameters };
  }
  return undefined;
};

/** True when some route has this path with another method (405 rather than 404). */
export const pathExists = (path: string) =>
  routes.some((route) => matchRoute(route.method, path)?.route === route);
