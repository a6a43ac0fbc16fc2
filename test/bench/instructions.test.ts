// The bench's instruction count (bench/instructions.ts), run for real under valgrind: it counts what a
// process executes, so more work counts more, and what it reads back is the whole process's total.
// A shell's loop stands in for node here: node's own start under callgrind takes ten seconds.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { instructionsIn, underCallgrind } from '../../bench/instructions';

const dir = mkdtempSync(join(tmpdir(), 'callgrind-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const count = async (loops: number) => {
  const outFile = join(dir, `${loops}.out`);
  const { command, prefix } = underCallgrind(outFile, '/bin/sh');
  const script = `i=0; while [ $i -lt ${loops} ]; do i=$((i+1)); done`;
  expect(spawnSync(command, [...prefix, '-c', script], { stdio: 'ignore' }).status).toBe(0);
  return instructionsIn(outFile);
};

it('counts the whole process: the same work alike, more work as more', async () => {
  const [short, again, long] = [await count(100), await count(100), await count(10_000)];
  expect(short).toBeGreaterThan(50_000);
  expect(Math.abs(again - short) / short).toBeLessThan(0.01);
  expect(long).toBeGreaterThan(short * 5);
});

it('says what is missing when callgrind wrote nothing', async () => {
  await expect(instructionsIn(join(dir, 'none.out'))).rejects.toThrow('no totals');
});
