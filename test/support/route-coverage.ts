// Which routes a test run reached through the local stack: each stack writes the route table's keys and
// every answer a route's handler gave into the run's folder (ROUTE_COVERAGE_DIR, made by
// route-coverage-reporter.cjs), one file per worker process, so two workers never write into one file.
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { routeKey, routes, type RouteDefinition } from '../../lib/routes';

/** The stack's onHandled hook while a run records its routes; undefined otherwise. */
export const routeCoverageHook = () => {
  const dir = process.env.ROUTE_COVERAGE_DIR;
  if (!dir) return undefined;
  writeFileSync(join(dir, `table-${process.pid}.txt`), `${routes.map(routeKey).join('\n')}\n`);
  const answers = join(dir, `answered-${process.pid}.txt`);
  return (route: RouteDefinition, status: number) =>
    appendFileSync(answers, `${routeKey(route)}\t${status}\n`);
};
