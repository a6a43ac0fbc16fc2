// Scripts the tests run in a child process, as npm runs them, but cheaper: `tsx file.ts` is two node
// processes (tsx's CLI and the node it starts with its loader); node with tsx's loader is one.
// A command run many times (the auditors' `npm run audit`, 37 calls) is bundled once per content of
// the sources with esbuild, the transform tsx applies too, dependencies included: each call is then one
// plain node reading one file, about a third of the CPU of tsx resolving and loading the AWS SDK's
// hundreds of files each time. The bundle is kept under the repository (node_modules/.cache).
import { buildSync } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../../tooling/repo-root';
import { contentKey, testCacheDir } from './content-key';

const built = new Map<string, string>();

/** The bundle of `entry` (a path from the repository root, e.g. auditor/cli.ts), built if missing. */
export const bundledScript = (entry: string): string => {
  const known = built.get(entry);
  if (known) return known;
  const root = repoRoot();
  const builder = readFileSync(join(root, 'test', 'support', 'child-scripts.ts'), 'utf8');
  const dir = join(testCacheDir('scripts'), contentKey({ entry, builder }));
  const out = join(dir, basename(entry).replace(/\.ts$/, '.mjs'));
  if (!existsSync(out)) {
    mkdirSync(dir, { recursive: true });
    // Another jest worker may build the same key at the same time: each writes its own file, then
    // renames it into place, which replaces the other's identical bundle in one step.
    const temporary = `${out}.tmp-${process.pid}`;
    buildSync({
      entryPoints: [join(root, entry)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      // What the dependencies still require() at run time (node's own modules) works as in CommonJS.
      banner: {
        js: "import { createRequire as __bundleRequireFrom } from 'node:module'; const require = __bundleRequireFrom(import.meta.url);",
      },
      loader: { '.html': 'text', '.txt': 'text' },
      outfile: temporary,
      logLevel: 'silent',
    });
    renameSync(temporary, out);
  }
  built.set(entry, out);
  return out;
};

/**
 * Node's arguments to run a TypeScript script with tsx's loader in this one process, as `tsx script`
 * runs it; `textLoader` adds local/text-loader.mjs (imported .html/.txt), as the npm scripts do.
 */
export const tsxNodeArgs = (options: { textLoader?: boolean } = {}): string[] => {
  const root = repoRoot();
  const imports = [join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')];
  if (options.textLoader) imports.push(join(root, 'local', 'text-loader.mjs'));
  return imports.flatMap((file) => ['--import', pathToFileURL(file).href]);
};
