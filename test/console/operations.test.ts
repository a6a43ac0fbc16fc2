// The console calls the API by operation (web/console/operations.ts): each route key is one of the route
// table's, the URL is built from the caller's values, and the page's bundle carries none of lib's schemas.
import { build } from 'esbuild';
import { join, relative } from 'node:path';
import { consoleRouteKeys, requestTarget } from '../../web/console/operations';
import { routes, routeKey } from '../../lib/routes';
import { repoRoot } from '../../tooling/repo-root';

const root = repoRoot();

describe("the console's operations", () => {
  it('name routes of the table, each by its own operation', () => {
    const byOperation = new Map(routes.map((route) => [route.operation, routeKey(route)]));
    for (const [operation, key] of Object.entries(consoleRouteKeys))
      expect([operation, key]).toEqual([operation, byOperation.get(operation)]);
  });

  it('put each path parameter in encoded, so an odd id stays one segment', () => {
    expect(requestTarget('getVerification', { verificationId: '../approvals?x=1#' }, undefined)).toEqual({
      method: 'GET',
      path: '/admin/verifications/..%2Fapprovals%3Fx%3D1%23',
    });
    expect(() => requestTarget('customerProfile', {}, undefined)).toThrow(/customerId/);
  });

  it('write the query from the values given, leaving out the undefined ones', () => {
    expect(
      requestTarget(
        'customerAuditEvents',
        { customerId: 'c 1' },
        { limit: 50, cursor: undefined, caseId: 'a&b' },
      ),
    ).toEqual({ method: 'GET', path: '/admin/customers/c%201/audit-events?limit=50&caseId=a%26b' });
    expect(requestTarget('listApprovals', undefined, {})).toEqual({
      method: 'GET',
      path: '/admin/approvals',
    });
  });

  it("keep lib's route table and zod out of the page's bundle", async () => {
    const { metafile } = await build({
      entryPoints: [join(root, 'web/console/app.ts')],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      metafile: true,
      outfile: join(root, 'dist/probe/app.js'),
      logLevel: 'silent',
    });
    const inputs = Object.keys(metafile.inputs).map((input) => relative(root, join(root, input)));
    expect(inputs).toContain('web/console/operations.ts');
    expect(
      inputs.filter((input) => /^lib\/routes\/|\bzod\b|responses\.ts$|^lib\/schema\.ts$/.test(input)),
    ).toEqual([]);
  });
});
