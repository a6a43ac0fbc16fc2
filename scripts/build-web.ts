// Builds the static pages into dist/web/<page>/: each page's script bundled by esbuild, its HTML and CSS copied.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pages } from '../web/pages';
import { repoRoot } from './local/paths';

export const buildWeb = async (options: { minify?: boolean } = {}) => {
  const root = repoRoot();
  const out = join(root, 'dist', 'web');
  rmSync(out, { recursive: true, force: true });
  for (const page of pages) {
    const pageOut = join(out, page.name);
    mkdirSync(pageOut, { recursive: true });
    const source = join(root, 'web', page.name);
    for (const file of readdirSync(source)) {
      if (/\.(html|css|svg|png|ico|txt)$/.test(file)) cpSync(join(source, file), join(pageOut, file));
    }
    const shared = join(root, 'web', 'shared');
    if (existsSync(join(shared, 'styles.css')))
      cpSync(join(shared, 'styles.css'), join(pageOut, 'shared.css'));
    await build({
      entryPoints: [join(root, page.script)],
      bundle: true,
      format: 'esm',
      target: 'es2020',
      platform: 'browser',
      minify: options.minify ?? true,
      sourcemap: false,
      outfile: join(pageOut, 'app.js'),
      logLevel: 'silent',
    });
  }
  return out;
};

const invokedDirectly = process.argv[1] && /build-web\.ts$/.test(process.argv[1]);
if (invokedDirectly) {
  buildWeb()
    .then((out) => process.stdout.write(`pages built into ${out}\n`))
    .catch((error: unknown) => {
      process.stderr.write(`build failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    });
}
