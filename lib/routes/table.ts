// The one route table, joined from each function's groups, and what the compiler reads off it: each
// function's operations and their schemas.
import { enrollmentRoutes } from '../enrollment/api';
import { erasureRoutes } from '../erasure/api';
import { adminRoutes } from './admin';
import type { RouteDefinition } from './definition';
import { healthRoutes } from './health';
import { loginServiceRoutes } from './login-service';

const routeTable = [
  ...healthRoutes,
  ...adminRoutes,
  ...loginServiceRoutes,
  ...erasureRoutes,
  ...enrollmentRoutes,
] as const;

/**
 * Every route, in one list: CDK, grants, the OpenAPI document and the local server read this. A route
 * whose function is not in functions.ts fails here.
 */
export const routes: readonly RouteDefinition[] = routeTable;

/** One route of the table with its literal types (operation, function, schemas). */
export type TableRoute = (typeof routeTable)[number];
/** The functions that answer HTTP routes. */
export type HttpFunctionName = TableRoute['function'];
/** The operations a function's entry must provide, one per route of that function. */
export type OperationName<F extends HttpFunctionName> = Extract<TableRoute, { function: F }>['operation'];
/** The route behind one operation of a function. */
export type RouteOf<F extends HttpFunctionName, Op extends string> = Extract<
  TableRoute,
  { function: F; operation: Op }
>;
