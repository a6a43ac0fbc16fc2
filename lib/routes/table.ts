// The one route table, and what the compiler reads off it: each function's operations and their schemas.
import type { RouteDefinition } from './definition';
import { enrollmentRoutes } from './enrollment';
import { erasureRoutes } from './erasure';
import { healthRoutes } from './health';
import { loginServiceRoutes } from './login-service';
import { securityRoutes } from './security';
import { staffRoutes } from './staff';

const routeTable = [
  ...healthRoutes,
  ...staffRoutes,
  ...securityRoutes,
  ...loginServiceRoutes,
  ...erasureRoutes,
  ...enrollmentRoutes,
] as const;

/** Every route, in one list: CDK, grants, the OpenAPI document and the local server read this. */
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
