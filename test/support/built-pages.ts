// The pages the local API serves (dist/web), built once for all browser suites instead of once per file.
// dist/.web-build.json records the content key they were built from and each file's size, time and inode
// as that build left it: a build by anything else (`npm start`, `npm run build:web`, an edited source)
// changes one or the other, and the pages are built again.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildWebSync } from '../../tooling/build-web';
import { repoRoot } from '../../tooling/repo-root';
import { contentKey } from './content-key';

const listFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );

const stateOf = (out: string) =>
  existsSync(out)
    ? listFiles(out)
        .filter((file) => !file.endsWith('.tmp'))
        .sort()
        .map((file) => {
          const { size, mtimeMs, ino } = statSync(file);
          return `${relative(out, file)} ${size} ${mtimeMs} ${ino}`;
        })
    : [];

/** Builds dist/web unless it holds exactly what a build of the current sources would; returns its path. */
export const buildPages = async (): Promise<string> => {
  const root = repoRoot();
  const out = join(root, 'dist', 'web');
  const record = join(root, 'dist', '.web-build.json');
  const source = readFileSync(join(root, 'test', 'support', 'built-pages.ts'), 'utf8');
  const key = contentKey({ pages: 'dist/web', source });
  if (existsSync(record)) {
    const recorded = JSON.parse(readFileSync(record, 'utf8')) as { key: string; files: string[] };
    const files = stateOf(out);
    if (recorded.key === key && files.length > 0 && recorded.files.join('\n') === files.join('\n'))
      return out;
  }
  buildWebSync({ outDir: out });
  writeFileSync(record, JSON.stringify({ key, files: stateOf(out) }));
  return out;
};
