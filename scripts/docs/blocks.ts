// The generated blocks of README.md and docs/*.md: text between `<!-- generated:NAME -->` and
// `<!-- /generated -->` is rendered from the code, so a default or a threshold in the docs cannot drift.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { defaultOperationsThresholds } from '../../cdk/constructs/operations';
import { auditEvents } from '../../lib/audit/events';
import { environmentSchema } from '../../lib/config';
import { tables } from '../../lib/data/tables';
import { docFiles, headingOf, proseLines, repoRoot } from './markdown';
import { renderMarkdownTable, type Row } from '../../bench/stats';

/** The full `npm run bench` whose table docs/performance.md shows (its JSON is committed). */
export const CURRENT_BENCH_RESULTS = 'bench/results-session15-c-2026-12-08.json';

/** The one-line `/** … *\/` doc comment right above `key:` in a source file, if any. */
const commentsAbove = (sourceFile: string): Map<string, string> => {
  const lines = readFileSync(join(repoRoot, sourceFile), 'utf8').split('\n');
  const comments = new Map<string, string>();
  lines.forEach((line, index) => {
    const key = /^\s+([A-Za-z_][A-Za-z0-9_]*)\??:/.exec(line)?.[1];
    const above = /^\s*\/\*\*\s*(.*?)\s*\*\/\s*$/.exec(lines[index - 1] ?? '')?.[1];
    if (key && above && !comments.has(key)) comments.set(key, above);
  });
  return comments;
};

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** Every environment setting that has a default, as lib/config.ts parses it. */
export const settingDefaults = (): Map<string, string> => {
  const required: Record<string, string> = {
    ...Object.fromEntries(Object.values(tables).map((table) => [table.envVar, `test-${table.baseName}`])),
    PUBLIC_BASE_URL: 'https://recovery.example',
    SENDER_EMAIL: 'no-reply@example.com',
    SECURITY_ALERT_EMAIL: 'security@example.com',
    SECRET_KEY_SOURCE: 'kms',
  };
  const parsed: Record<string, unknown> = environmentSchema.parse(required);
  const defaults = new Map<string, string>();
  for (const [name, value] of Object.entries(parsed))
    if (!(name in required) && value !== undefined) defaults.set(name, String(value));
  return defaults;
};

/** Text outside the generated blocks (block lines become empty, so line numbers stay). */
const withoutGenerated = (text: string): string =>
  text.replace(/<!-- generated:[\s\S]*?<!-- \/generated -->/g, (block) => block.replace(/[^\n]/g, ''));

/** Where the docs first explain a setting: the section naming it in backticks, the procedure first. */
const explainedIn = (name: string): string => {
  const files = docFiles().sort(
    (a, b) => Number(b === 'docs/procedure.md') - Number(a === 'docs/procedure.md'),
  );
  for (const file of files) {
    const text = readFileSync(join(repoRoot, file), 'utf8');
    const line = proseLines(withoutGenerated(text)).findIndex((prose) => prose.includes(`\`${name}`));
    if (line < 0) continue;
    const page = file.replace(/^docs\//, '');
    const anchor = headingOf(text, line)?.anchor;
    return `[${page}](${file === 'README.md' ? '../README.md' : page}${anchor ? `#${anchor}` : ''})`;
  }
  return '';
};

const policyDefaults = () => {
  const rows = [...settingDefaults()].map(
    ([name, value]) => `| \`${name}\` | \`${cell(value)}\` | ${explainedIn(name)} |`,
  );
  return ['| environment variable | default | explained in |', '| --- | --- | --- |', ...rows].join('\n');
};

const alarmThresholds = () => {
  const comments = commentsAbove('cdk/constructs/operations.ts');
  const rows = Object.entries(defaultOperationsThresholds).map(
    ([name, value]) => `| \`${name}\` | ${value} | ${cell(comments.get(name) ?? '')} |`,
  );
  return ['| threshold | default | counts |', '| --- | --- | --- |', ...rows].join('\n');
};

/** The audit events that seal some of their details, and which (lib/audit/events.ts). */
const sealedFields = () => {
  const rows = Object.entries(auditEvents)
    .filter(([, { sealed }]) => sealed.length > 0)
    .map(
      ([event, { sealed: fields }]) =>
        `| \`${event}\` | ${fields.map((field) => `\`${field}\``).join(', ')} |`,
    );
  return ['| audit event | sealed fields |', '| --- | --- |', ...rows].join('\n');
};

interface BenchResults {
  startedAt: string;
  seconds: number;
  machine: { cpus: number; model: string; node: string; loadAverage: number[] };
  rows: Row[];
}

const benchTable = () => {
  const results = JSON.parse(readFileSync(join(repoRoot, CURRENT_BENCH_RESULTS), 'utf8')) as BenchResults;
  const { machine } = results;
  const load = machine.loadAverage.map((value) => value.toFixed(2)).join(', ');
  return [
    `\`${CURRENT_BENCH_RESULTS}\`: started ${results.startedAt}, ${Math.round(results.seconds)} s, Node ` +
      `${machine.node} on ${machine.cpus} vCPUs (${machine.model}), load average ${load} (1, 5 and 15 minutes) when it ended.`,
    renderMarkdownTable(results.rows),
  ].join('\n\n');
};

/** Each block's text, rendered from the code. */
export const blocks: Record<string, () => string> = {
  'policy-defaults': policyDefaults,
  'alarm-thresholds': alarmThresholds,
  'sealed-fields': sealedFields,
  'bench-table': benchTable,
};

const blockPattern = /(<!-- generated:([a-z-]+) -->)([\s\S]*?)(<!-- \/generated -->)/g;

/** The text with every generated block rendered again; an unknown block name is an error. */
export const renderGenerated = (text: string): string =>
  text.replace(blockPattern, (_whole, open: string, name: string, _old: string, close: string) => {
    const render = blocks[name];
    if (!render) throw new Error(`unknown generated block "${name}"`);
    return `${open}\n\n${render()}\n\n${close}`;
  });

/** Markdown formatted as `npm run check` wants it (prettier's CLI: jest cannot load prettier 3 in-process). */
const formatted = (path: string, text: string): string =>
  execFileSync(
    process.execPath,
    [join(repoRoot, 'node_modules/prettier/bin/prettier.cjs'), '--stdin-filepath', path],
    {
      input: text,
      encoding: 'utf8',
    },
  );

/** A doc file as `npm run docs` writes it: blocks rendered, then formatted; a file without blocks as it is. */
export const regenerated = (file: string): string => {
  const path = join(repoRoot, file);
  const text = readFileSync(path, 'utf8');
  return generatedBlockNames(text).length === 0 ? text : formatted(path, renderGenerated(text));
};

/** The names of the generated blocks a text holds. */
export const generatedBlockNames = (text: string): string[] =>
  [...text.matchAll(blockPattern)].map((match) => match[2] ?? '');
