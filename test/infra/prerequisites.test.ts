// A newcomer's `npm test` on a machine without Java or Chromium: it stops before any test starts, with
// one line naming what to install and how, instead of a child process's stack trace.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../tooling/repo-root';

let bin: string;

beforeAll(() => {
  // A PATH with node, npm and sh, and nothing else: no java.
  bin = mkdtempSync(join(tmpdir(), 'mfa-prereq-'));
  symlinkSync(process.execPath, join(bin, 'node'));
  const npm = spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).stdout.trim();
  symlinkSync(npm, join(bin, 'npm'));
  symlinkSync('/bin/sh', join(bin, 'sh'));
});
afterAll(() => {
  rmSync(bin, { recursive: true, force: true });
});

const npmTest = (env: Record<string, string>) =>
  spawnSync(join(bin, 'npm'), ['test', '--silent'], {
    cwd: repoRoot(),
    encoding: 'utf8',
    env: { HOME: process.env.HOME ?? '/tmp', ...env },
    timeout: 60_000,
  });

describe('npm test checks its prerequisites first', () => {
  it('without Java on the PATH, stops with one line saying to install Java 17 and how', () => {
    const result = npmTest({ PATH: bin });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^npm test needs Java 17 or later .*apt-get install openjdk-17-jre-headless/),
    ]);
    expect(result.stdout).not.toMatch(/PASS|FAIL|Test Suites/);
  });

  it('without Chromium either, names both on the same line', () => {
    const result = npmTest({ PATH: bin, CHROMIUM_PATH: join(bin, 'no-chromium') });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Java 17.*; and Chromium for the browser tests .*apt-get install chromium/);
  });

  it('says nothing when everything is there', () => {
    const result = spawnSync(
      process.execPath,
      [join(repoRoot(), 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/check-prerequisites.ts'],
      { cwd: repoRoot(), encoding: 'utf8' },
    );
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  });
});
