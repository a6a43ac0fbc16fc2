// docs/api.md's "Beyond DESIGN.md" table names every route this service adds to the shared contract, and
// only those: a route added to the table without its row (or a row left for a route that went, or that
// the contract has) fails here. The contract's own routes are all still served.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { routeKey, routes } from '../../lib/routes';
import { repoRoot } from '../../tooling/repo-root';
import { designRoutes } from './design-routes';

const repo = repoRoot();
const served = routes.map(routeKey);

/** The `METHOD path` of each table row of `markdown` that starts with one (a query in the path is left out). */
const routeRows = (markdown: string) =>
  markdown
    .split('\n')
    .map((line) => /^\| (GET|POST|PUT|DELETE|PATCH) `([^`?]+)(?:\?[^`]*)?`/.exec(line))
    .flatMap((match) => (match ? [`${match[1]} ${match[2]}`] : []));

/** The rows of docs/api.md's "Beyond DESIGN.md" table. */
const beyondRows = () => {
  const text = readFileSync(join(repo, 'docs/api.md'), 'utf8');
  return routeRows(text.split('\n## Beyond DESIGN.md\n')[1]?.split('\n## ')[0] ?? '');
};

describe("docs/api.md's routes beyond the contract", () => {
  it('the contract is served whole', () => {
    expect(designRoutes.filter((route) => !served.includes(route))).toEqual([]);
  });

  it('lists exactly the routes the table serves beyond the contract, once each', () => {
    const rows = beyondRows();
    const beyond = served.filter((route) => !(designRoutes as readonly string[]).includes(route));
    expect([...rows].sort()).toEqual([...new Set(beyond)].sort());
    expect(new Set(rows).size).toBe(rows.length);
  });

  it('the contract list is the one DESIGN.md fixes, where DESIGN.md is beside the checkout', () => {
    const design = join(repo, '../shared/DESIGN.md');
    // In a clean clone (CI) the shared folder is not there: the kept list stands for it.
    if (!existsSync(design)) return;
    const fixed = routeRows(readFileSync(design, 'utf8'));
    expect([...fixed].sort()).toEqual([...designRoutes].sort());
  });
});
