// `audit verify` on a million events: the auditors' command (auditor/cli.ts) run as its own process on
// a synthetic export made by the audit trail's own generator (bench/generate-audit-export.ts),
// against the floor of any verifier (audit-floor.ts: gunzip, parse, one SHA-256 per event).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from '../tooling/repo-root';
import { generateAuditExport } from './generate-audit-export';
import { benchDataDir } from './search';

export interface AuditVerifyMeasurement {
  events: number;
  subjects: number;
  exportBytes: number;
  generatedSeconds?: number;
  verify: { eventsPerSecond: number; peakRssBytes: number; ok: boolean; elapsedMs: number };
  floor: { eventsPerSecond: number; peakRssBytes: number };
}

const runJson = async (args: string[]) => {
  const output: Buffer[] = [];
  const errors: Buffer[] = [];
  const code = await new Promise<number>((done, fail) => {
    const child = spawn(join(repoRoot(), 'node_modules', '.bin', 'tsx'), args, {
      cwd: repoRoot(),
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => errors.push(chunk));
    child.on('error', fail);
    child.on('exit', (exitCode) => done(exitCode ?? 1));
  });
  const text = Buffer.concat(output).toString();
  try {
    return { code, json: JSON.parse(text) as Record<string, unknown> };
  } catch {
    throw new Error(
      `${args.join(' ')} exited ${code}: ${text.slice(-500)} ${Buffer.concat(errors).toString().slice(-1000)}`,
    );
  }
};

export const measureAuditVerify = async (options: {
  events: number;
  /** Generate the export when it is missing; otherwise the section is skipped. */
  build: boolean;
  log: (line: string) => void;
}): Promise<AuditVerifyMeasurement | { skipped: string }> => {
  const outDir = join(benchDataDir(), `audit-${options.events}`);
  const marker = join(outDir, 'bench-complete.json');
  let generatedSeconds: number | undefined;
  if (!existsSync(marker)) {
    if (!options.build)
      return {
        skipped: `no ${options.events.toLocaleString('en')}-event export yet: run \`npm run bench -- --audit\` once to generate it into .data/bench`,
      };
    await rm(outDir, { recursive: true, force: true });
    options.log(`  generating ${options.events.toLocaleString('en')} audit events into .data/bench…`);
    const started = performance.now();
    const generated = await generateAuditExport({ outDir, events: options.events });
    generatedSeconds = (performance.now() - started) / 1000;
    await writeFile(marker, JSON.stringify({ ...generated, generatedSeconds }));
  }
  const generated = JSON.parse(await readFile(marker, 'utf8')) as {
    events: number;
    subjects: number;
    bytes: number;
  };
  const verify = await runJson([
    '--import',
    './local/text-loader.mjs',
    'auditor/cli.ts',
    'verify',
    outDir,
    '--format',
    'json',
    '--max-findings',
    '10',
  ]);
  const floor = await runJson(['bench/audit-floor.ts', outDir]);
  const result: AuditVerifyMeasurement = {
    events: generated.events,
    subjects: generated.subjects,
    exportBytes: generated.bytes,
    ...(generatedSeconds !== undefined ? { generatedSeconds } : {}),
    verify: {
      eventsPerSecond: Number(verify.json.eventsPerSecond),
      peakRssBytes: Number(verify.json.peakRssBytes),
      ok: verify.code === 0 && verify.json.ok === true,
      elapsedMs: Number(verify.json.elapsedMs),
    },
    floor: {
      eventsPerSecond: Number(floor.json.eventsPerSecond),
      peakRssBytes: Number(floor.json.peakRssBytes),
    },
  };
  options.log(
    `  ${result.events.toLocaleString('en')} events: ${result.verify.eventsPerSecond.toFixed(0)} events/s, peak RSS ${(result.verify.peakRssBytes / 2 ** 20).toFixed(0)} MB, ${result.verify.ok ? 'OK' : 'PROBLEMS'} ` +
      `(floor ${result.floor.eventsPerSecond.toFixed(0)} events/s, ${(result.floor.peakRssBytes / 2 ** 20).toFixed(0)} MB)`,
  );
  return result;
};
