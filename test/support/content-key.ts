// A key for what the tests build from the sources (the synthesized stack, the built pages), so a build is
// reused only while every file it could have read is byte for byte the same, and a cache directory
// for such builds. Over-inclusive on purpose: a changed file anywhere outside test/ and docs/ (and the
// git-ignored output folders) makes a new key, so a stale build can never hide a real change.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { repoRoot } from '../../tooling/repo-root';

/** Never inputs of a build: the tests and docs themselves, and git-ignored output (read from .gitignore). */
const skippedTopLevel = ['.git', 'node_modules', 'test', 'docs'];

const ignoredByGit = (root: string) => {
  const lines = existsSync(join(root, '.gitignore'))
    ? readFileSync(join(root, '.gitignore'), 'utf8').split('\n')
    : [];
  const patterns = lines.map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
  const suffixes = patterns.filter((p) => p.startsWith('*')).map((p) => p.slice(1));
  const names = patterns.filter((p) => !p.startsWith('*')).map((p) => p.replace(/\/$/, ''));
  return (path: string) =>
    suffixes.some((suffix) => path.endsWith(suffix)) ||
    names.some((name) => path === name || path.endsWith(`/${name}`) || path.startsWith(`${name}/`));
};

const listInputs = (root: string): string[] => {
  const ignored = ignoredByGit(root);
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      const name = relative(root, path).split(sep).join('/');
      if (ignored(name) || (dir === root && skippedTopLevel.includes(entry.name))) return [];
      if (entry.isDirectory()) return walk(path);
      return entry.isFile() ? [name] : [];
    });
  return walk(root).sort();
};

const installedVersion = (root: string, name: string) => {
  const manifest = join(root, 'node_modules', name, 'package.json');
  return existsSync(manifest) ? String(JSON.parse(readFileSync(manifest, 'utf8')).version) : 'absent';
};

/**
 * sha256 over every source file's path and bytes, the installed versions of the build tools, the node
 * version and `extra` (what else the build depends on: its options, the test file that drives it).
 */
export const contentKey = (extra: unknown, root: string = repoRoot()): string => {
  const hash = createHash('sha256');
  for (const name of listInputs(root)) {
    hash
      .update(name)
      .update('\0')
      .update(readFileSync(join(root, name)))
      .update('\0');
  }
  for (const name of ['aws-cdk-lib', 'constructs', 'cdk-nag', 'esbuild'])
    hash.update(`${name}@${installedVersion(root, name)}\0`);
  hash.update(process.version).update(JSON.stringify(extra));
  return hash.digest('hex').slice(0, 32);
};

/**
 * Where the tests keep builds between runs: node_modules/.cache/mfa-recovery-tests/<kind> (a clean
 * clone starts empty and builds there), or MFA_TEST_CACHE_DIR. Older entries beyond `keep` are removed.
 */
export const testCacheDir = (kind: string, keep = 3): string => {
  const base =
    process.env.MFA_TEST_CACHE_DIR ?? join(repoRoot(), 'node_modules', '.cache', 'mfa-recovery-tests');
  const dir = join(base, kind);
  if (existsSync(dir)) {
    // Only what nobody can still be reading: an hour old, and not among the newest builds.
    const hourAgo = Date.now() - 3_600_000;
    const entries = readdirSync(dir)
      .map((name) => ({ name, at: statSync(join(dir, name)).mtimeMs }))
      .sort((a, b) => b.at - a.at);
    const builds = entries.filter((entry) => !entry.name.includes('.'));
    const leftovers = entries.filter((entry) => entry.name.includes('.tmp'));
    for (const old of [...builds.slice(keep), ...leftovers])
      if (old.at < hourAgo) rmSync(join(dir, old.name), { recursive: true, force: true });
  }
  return dir;
};
