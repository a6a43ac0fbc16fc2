// A module some requests need is loaded once, by the first of them, however many ask at once; a load
// that failed (a file missing on a broken deploy) is tried again by the next request, not kept.
import { execFileSync } from 'node:child_process';
import { lazyModule } from '../../lib/lazy-module';
import { repoRoot } from '../../tooling/repo-root';

it('loads once for every caller, the parallel first ones included', async () => {
  let loads = 0;
  const load = lazyModule(async () => {
    loads += 1;
    return { answer: 42 };
  });
  const first = await Promise.all([load(), load(), load()]);
  const later = await load();
  expect(loads).toBe(1);
  expect(new Set([...first, later]).size).toBe(1);
});

it('does not keep a failed load: the next call loads again', async () => {
  let loads = 0;
  const load = lazyModule(async () => {
    loads += 1;
    if (loads === 1) throw new Error('Cannot find module');
    return 'loaded';
  });
  await expect(load()).rejects.toThrow('Cannot find module');
  await expect(load()).resolves.toBe('loaded');
  await expect(load()).resolves.toBe('loaded');
  expect(loads).toBe(2);
});

it('is called as /* @__PURE__ */ everywhere, so a bundle that never uses the module leaves its import() out', () => {
  const sources = execFileSync('git', ['grep', '-nE', 'lazyModule[(<]', '--', 'lib', 'functions', 'web'], {
    cwd: repoRoot(),
    encoding: 'utf8',
  })
    .split('\n')
    .filter((line) => line && !line.startsWith('lib/lazy-module.ts:'));
  expect(sources.length).toBeGreaterThanOrEqual(4);
  expect(sources.filter((line) => !line.includes('/* @__PURE__ */ lazyModule'))).toEqual([]);
});
