// Where a cold start's CPU goes: sums the profiles `npm run bench -- --only cold --cpu-prof DIR` wrote,
// per function and per its baseline, by the source each sample's function came from (a package, or a
// file of ours through the bundle's source map), and prints what the function spends over its baseline.
// Usage: npx tsx bench/cold-profile.ts DIR [--top N]
import { readdir, readFile } from 'node:fs/promises';
import { SourceMap } from 'node:module';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** `node_modules/@scope/name/…` → `@scope/name`; a file of ours stays a path from the repository root. */
const sourceGroup = (source: string) => {
  const at = source.lastIndexOf('node_modules/');
  if (at >= 0) {
    const [first = '', second = ''] = source.slice(at + 'node_modules/'.length).split('/');
    return first.startsWith('@') ? `${first}/${second}` : first;
  }
  const own = /(?:^|\/)((?:lib|functions|bench|cdk|local)\/.*)$/.exec(source);
  return own?.[1] ?? source;
};

/** Milliseconds of self time per group, averaged over the profiles in one directory. */
const selfTimeByGroup = async (dir: string) => {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.cpuprofile'));
  const map = new SourceMap(JSON.parse(await readFile(join(dir, 'index.js.map'), 'utf8')));
  const totals = new Map<string, number>();
  for (const file of files) {
    const profile = JSON.parse(await readFile(join(dir, file), 'utf8')) as Profile;
    const groupOf = new Map<number, string>();
    for (const node of profile.nodes) {
      const { url, functionName, lineNumber, columnNumber } = node.callFrame;
      let group: string;
      // The profile names the bundle where the bench built it; the copy beside the profiles has its map.
      if (url.endsWith(`/${basename(dir)}/index.js`)) {
        const entry = map.findEntry(lineNumber, columnNumber);
        group =
          'originalSource' in entry && entry.originalSource
            ? sourceGroup(entry.originalSource)
            : '(bundle, unmapped)';
      } else if (url === '') group = functionName.startsWith('(') ? functionName : '(native)';
      else group = url.startsWith('node:') ? '(node internals)' : url;
      groupOf.set(node.id, group);
    }
    profile.samples.forEach((id, index) => {
      const group = groupOf.get(id) ?? '(unknown)';
      totals.set(group, (totals.get(group) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
    });
  }
  return {
    runs: files.length,
    perRun: new Map([...totals].map(([group, ms]) => [group, ms / files.length])),
  };
};

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '15' } },
});
const [root] = positionals;
if (!root) throw new Error('usage: npx tsx bench/cold-profile.ts DIR [--top N]');
const top = Number(values.top);
const sum = (times: Map<string, number>) => [...times.values()].reduce((total, ms) => total + ms, 0);

for (const name of (await readdir(root)).filter((entry) => !entry.endsWith('-baseline')).sort()) {
  const real = await selfTimeByGroup(join(root, name));
  const baseline = await selfTimeByGroup(join(root, `${name}-baseline`));
  const groups = new Set([...real.perRun.keys(), ...baseline.perRun.keys()]);
  const rows = [...groups]
    .map((group) => {
      const mine = real.perRun.get(group) ?? 0;
      const theirs = baseline.perRun.get(group) ?? 0;
      return { group, mine, theirs, over: mine - theirs };
    })
    .sort((a, b) => b.over - a.over);
  process.stdout.write(
    `\n${name}: ${sum(real.perRun).toFixed(1)} ms sampled against ${sum(baseline.perRun).toFixed(1)} ms ` +
      `(${real.runs} and ${baseline.runs} profiles); most over the baseline:\n`,
  );
  for (const row of rows.slice(0, top))
    process.stdout.write(
      `  ${row.over.toFixed(1).padStart(7)} ms  ${row.mine.toFixed(1).padStart(7)} vs ${row.theirs.toFixed(1).padStart(6)}  ${row.group}\n`,
    );
}
