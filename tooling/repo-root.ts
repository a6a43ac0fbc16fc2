// Locates the repository root, so the page build, scripts and tests find functions/, web/ and .data/ from any cwd.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

let root: string | undefined;

export const repoRoot = (): string => {
  if (root) return root;
  let dir = resolve(process.cwd());
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'mfa-recovery'
    ) {
      root = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('run this inside the mfa-recovery repository');
    dir = parent;
  }
};
