// Cold starts counted in instructions instead of time (`npm run bench -- --only cold --instructions`):
// each fresh process runs under valgrind's callgrind, which counts every instruction the process executes,
// all its threads together. The count of one bundle moves by under 1 % from run to run whatever else the
// machine does, where its wall and CPU time move by a tenth or more on a shared machine; it is not time
// (a cache miss costs more than an add), so it ranks two bundles, it does not say how long either takes.
import { execFileSync } from 'node:child_process';
import { copyFile, readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';

let valgrindFound = false;

/** The command that runs `program` (node, unless said) under callgrind, writing its counts to `outFile`. */
export const underCallgrind = (outFile: string, program: string = process.execPath) => {
  if (!valgrindFound) {
    try {
      execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
    } catch {
      throw new Error('--instructions needs valgrind (Debian: apt-get install valgrind)');
    }
    valgrindFound = true;
  }
  return {
    command: 'valgrind',
    // V8 writes the code it runs: callgrind must see those writes, or it runs stale translations.
    prefix: ['--tool=callgrind', '--smc-check=all-non-file', `--callgrind-out-file=${outFile}`, program],
  };
};

/** The process's total instruction count from callgrind's file, which is then removed. */
export const instructionsIn = async (outFile: string): Promise<number> => {
  try {
    const text = await readFile(outFile, 'utf8').catch(() => '');
    const total = /^totals: (\d+)/m.exec(text)?.[1];
    if (!total) throw new Error(`callgrind wrote no totals to ${outFile}`);
    return Number(total);
  } finally {
    // BENCH_KEEP_CALLGRIND=<dir> keeps each file for callgrind_annotate (docs/performance.md, session 13).
    const keep = process.env.BENCH_KEEP_CALLGRIND;
    if (keep) await copyFile(outFile, join(keep, basename(outFile))).catch(() => undefined);
    await rm(outFile, { force: true });
  }
};
