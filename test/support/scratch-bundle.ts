// A few lines of TypeScript bundled with the functions' settings (cdk/bundling.ts), for tests of what a
// deployed bundle does: written to a fresh directory, built, and the bundle's path returned.
import { build } from 'esbuild';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { esbuildOptions } from '../../cdk/bundling';
import { repoRoot } from '../../tooling/repo-root';

export const bundleScratch = async (name: string, lines: string[]) => {
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  const entry = join(dir, `${name}.ts`);
  writeFileSync(entry, [...lines, ''].join('\n'));
  const outfile = join(dir, 'out', 'index.js');
  // The entry sits outside the repository: its imports resolve from the project's node_modules.
  await build({ ...esbuildOptions(entry, outfile), nodePaths: [join(repoRoot(), 'node_modules')] });
  return { dir, outfile };
};
