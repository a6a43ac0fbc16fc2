// The console calls the API by route key (web/console/operations.ts): every staff and security route is
// called by a view or says why not, the URL is built from the caller's values, and the page's bundle
// carries none of lib's schemas.
import { build } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { notCalledByConsole, requestTarget } from '../../web/console/operations';
import { routeKey } from '../../lib/routes';
import { adminRoutes } from '../../lib/routes/admin';
import { repoRoot } from '../../tooling/repo-root';

const root = repoRoot();

/** The route keys the console's code passes to ctx.request, read from its source files. */
const calledKeys = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return calledKeys(path);
    if (!entry.name.endsWith('.ts')) return [];
    return [...readFileSync(path, 'utf8').matchAll(/\brequest\(\s*'([A-Z]+ \/[^']*)'/g)].map(
      (match) => match[1] ?? '',
    );
  });

describe("the console's calls", () => {
  it('reach every staff and security route, or say why the console has no button for it', () => {
    const called = new Set(calledKeys(join(root, 'web/console')));
    const excused = new Set(Object.keys(notCalledByConsole));
    const staffKeys = adminRoutes.map(routeKey);
    expect(staffKeys.filter((key) => !called.has(key) && !excused.has(key))).toEqual([]);
    expect(staffKeys.filter((key) => called.has(key) && excused.has(key))).toEqual([]);
    expect([...called].filter((key) => !staffKeys.includes(key))).toEqual([]);
  });

  it('put each path parameter in encoded, so an odd id stays one segment', () => {
    expect(
      requestTarget(
        'GET /admin/verifications/{verificationId}',
        { verificationId: '../approvals?x=1#' },
        undefined,
      ),
    ).toEqual({
      method: 'GET',
      path: '/admin/verifications/..%2Fapprovals%3Fx%3D1%23',
    });
    expect(() => requestTarget('GET /admin/customers/{customerId}', {}, undefined)).toThrow(/customerId/);
  });

  it('write the query from the values given, leaving out the undefined ones', () => {
    expect(
      requestTarget(
        'GET /admin/customers/{customerId}/audit-events',
        { customerId: 'c 1' },
        { limit: 50, cursor: undefined, caseId: 'a&b' },
      ),
    ).toEqual({ method: 'GET', path: '/admin/customers/c%201/audit-events?limit=50&caseId=a%26b' });
    expect(requestTarget('GET /admin/approvals', undefined, {})).toEqual({
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
