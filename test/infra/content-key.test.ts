// The key the shared stack and the built pages are kept under: any change to a source moves it (a stale
// build can never stand in for the current code), while the tests, the docs and git-ignored output do not.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { contentKey } from '../support/content-key';

let root: string;
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'content-key-'));
  write('package.json', '{"name":"mfa-recovery"}');
  write('package-lock.json', '{"lockfileVersion":3}');
  write('.gitignore', 'cdk.out/\ndist/\n*.log\nbench/results.json\n');
  write('cdk/stack.ts', 'export const a = 1;');
  write('lib/routes/index.ts', 'export const routes = [];');
  write('web/enroll/index.html', '<p>hallo</p>');
  write('node_modules/esbuild/package.json', '{"version":"0.28.2"}');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the key of a build from the sources', () => {
  it('is the same for the same files and the same options, and differs with the options', () => {
    expect(contentKey({ id: 'TestStack' }, root)).toBe(contentKey({ id: 'TestStack' }, root));
    expect(contentKey({ id: 'SiemStack' }, root)).not.toBe(contentKey({ id: 'TestStack' }, root));
  });

  it.each([
    ['an edited stack', () => write('cdk/stack.ts', 'export const a = 2;')],
    ['an edited route', () => write('lib/routes/index.ts', 'export const routes = [1];')],
    ['a new file beside the code', () => write('lib/routes/extra.ts', '')],
    ['an edited page', () => write('web/enroll/index.html', '<p>hello</p>')],
    ['a changed lock file', () => write('package-lock.json', '{"lockfileVersion":3,"x":1}')],
    ['another installed esbuild', () => write('node_modules/esbuild/package.json', '{"version":"0.29.0"}')],
    [
      'a renamed file',
      () => {
        rmSync(join(root, 'cdk/stack.ts'));
        write('cdk/stacks.ts', 'export const a = 1;');
      },
    ],
  ])('changes with %s', (_change, change) => {
    const before = contentKey({}, root);
    change();
    expect(contentKey({}, root)).not.toBe(before);
  });

  it.each([
    ['a test', () => write('test/infra/stack.test.ts', 'it()')],
    ['the docs', () => write('docs/operations.md', '# runbook')],
    ['synthesized output', () => write('cdk.out/manifest.json', '{}')],
    ['built pages', () => write('dist/web/enroll/app.js', '')],
    ['a log file', () => write('lib/debug.log', 'x')],
    ['the bench results', () => write('bench/results.json', '{}')],
  ])('stays with %s', (_change, change) => {
    const before = contentKey({}, root);
    change();
    expect(contentKey({}, root)).toBe(before);
  });
});
