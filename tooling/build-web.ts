// Builds the static pages into dist/web/<page>/: each page's script bundled by esbuild, its HTML and
// CSS copied, and the console's runtime config (local sign-in) written beside it.
//
// Every file is written to a temporary name and renamed into place, and nothing is deleted first:
// a test file, `npm start` and `cdk synth` may build at the same time as a browser reads the pages,
// and each reader then sees either the old or the new file, never a missing or half-written one.
import { buildSync } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { localConsoleConfig, type ConsoleRuntimeConfig } from '../web/console/runtime-config';
import { pages } from '../web/pages';
import { repoRoot } from './repo-root';

export interface BuildWebOptions {
  /** Where the pages go; dist/web by default (what the local server serves). */
  outDir?: string;
  minify?: boolean;
  /** The console's config.json; `null` leaves it out (the CDK deployment writes its own). */
  consoleConfig?: ConsoleRuntimeConfig | null;
}

const writeAtomically = (file: string, contents: Uint8Array | string) => {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, file);
};

const listFiles = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
      )
    : [];

export const buildWebSync = (options: BuildWebOptions = {}): string => {
  const root = repoRoot();
  const out = options.outDir ?? join(root, 'dist', 'web');
  const consoleConfig = options.consoleConfig === undefined ? localConsoleConfig : options.consoleConfig;
  const written = new Set<string>();
  const emit = (file: string, contents: Uint8Array | string) => {
    writeAtomically(file, contents);
    written.add(file);
  };
  const sharedCss = join(root, 'web', 'shared', 'styles.css');
  for (const page of pages) {
    const pageOut = join(out, page.name);
    const source = join(root, 'web', page.name);
    for (const file of readdirSync(source)) {
      if (/\.(html|css|svg|png|ico|txt)$/.test(file))
        emit(join(pageOut, file), readFileSync(join(source, file)));
    }
    if (existsSync(sharedCss)) emit(join(pageOut, 'shared.css'), readFileSync(sharedCss));
    const result = buildSync({
      entryPoints: [join(root, page.script)],
      bundle: true,
      format: 'esm',
      target: 'es2020',
      platform: 'browser',
      minify: options.minify ?? true,
      sourcemap: false,
      write: false,
      outfile: join(pageOut, 'app.js'),
      logLevel: 'silent',
    });
    for (const output of result.outputFiles) emit(output.path, output.contents);
    if (page.name === 'console' && consoleConfig)
      emit(join(pageOut, 'config.json'), `${JSON.stringify(consoleConfig, null, 2)}\n`);
  }
  // Files of an earlier build that this one no longer makes (renamed pages, a removed config.json).
  for (const file of listFiles(out)) {
    if (!written.has(file) && !file.endsWith('.tmp')) rmSync(file, { force: true });
  }
  return out;
};

export const buildWeb = async (options: BuildWebOptions = {}) => buildWebSync(options);

const invokedDirectly = process.argv[1] && /build-web\.ts$/.test(process.argv[1]);
if (invokedDirectly) {
  buildWeb()
    .then((out) => process.stdout.write(`pages built into ${relative(process.cwd(), out) || out}\n`))
    .catch((error: unknown) => {
      process.stderr.write(`build failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    });
}
