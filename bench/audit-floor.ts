// The floor of any audit verification, run as its own process for a clean peak RSS:
// `tsx bench/audit-floor.ts DIR` reads every data file of the export (gunzip, lines),
// parses each item and takes one SHA-256 of it — what any verifier must do at least — and prints
// `{"events": …, "eventsPerSecond": …, "peakRssBytes": …}`.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

const dataFiles = async (dir: string): Promise<string[]> => {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await dataFiles(path)));
    else if (entry.name.endsWith('.json.gz')) found.push(path);
  }
  return found.sort();
};

const main = async () => {
  const [dir] = process.argv.slice(2);
  if (!dir) throw new Error('usage: audit-floor.ts DIR');
  const started = performance.now();
  let events = 0;
  for (const file of await dataFiles(dir)) {
    const lines = createInterface({
      input: createReadStream(file).pipe(createGunzip()),
      crlfDelay: Infinity,
    });
    for await (const line of lines) {
      if (!line) continue;
      const parsed = JSON.parse(line) as { Item?: unknown };
      if (!parsed.Item) continue;
      createHash('sha256').update(line).digest('hex');
      events += 1;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    JSON.stringify({
      events,
      eventsPerSecond: events / seconds,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    }),
  );
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
