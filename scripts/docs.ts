// `npm run docs`: rewrites the generated blocks of README.md and docs/*.md from the code
// (test/docs/generated.test.ts fails while a committed block is stale).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { regenerated } from './docs/blocks';
import { docFiles, repoRoot } from './docs/markdown';

for (const file of docFiles()) {
  const path = join(repoRoot, file);
  const next = regenerated(file);
  if (next === readFileSync(path, 'utf8')) continue;
  writeFileSync(path, next);
  console.log(`rewrote ${file}`);
}
