// Percentiles, ratios against a same-run baseline, and the plain-text table the bench prints.

/** Nearest-rank percentile (p in 0..100) of samples; NaN for none. */
export const percentile = (samples: readonly number[], p: number): number => {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
};

export const median = (samples: readonly number[]) => percentile(samples, 50);

export const ratio = (value: number, baseline: number) =>
  baseline > 0 && Number.isFinite(value) ? value / baseline : Number.NaN;

export interface Target {
  /** The ratio must be at most this; `higher: true` turns it around (throughput must be at least this). */
  limit: number;
  higher?: boolean;
}

export const meets = (value: number, target: Target | undefined) =>
  target === undefined || !Number.isFinite(value)
    ? undefined
    : target.higher
      ? value >= target.limit
      : value <= target.limit;

export const formatRatio = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a');

export const formatMs = (ms: number) =>
  !Number.isFinite(ms)
    ? 'n/a'
    : ms >= 100
      ? `${ms.toFixed(0)} ms`
      : ms >= 10
        ? `${ms.toFixed(1)} ms`
        : `${ms.toFixed(2)} ms`;

export const formatBytes = (bytes: number) =>
  bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(2)} MB` : `${(bytes / 1024).toFixed(0)} KB`;

export const formatCount = (count: number) =>
  !Number.isFinite(count)
    ? 'n/a'
    : count >= 1e6
      ? `${(count / 1e6).toFixed(2)} M`
      : count >= 1e4
        ? `${(count / 1e3).toFixed(1)} k`
        : count.toFixed(0);

/** One line of the report: what was measured, its value, the same-run baseline, the ratio and the target. */
export interface Row {
  section: string;
  name: string;
  value: string;
  baseline: string;
  ratio: number;
  target?: Target;
  note?: string;
}

export const verdict = (row: Pick<Row, 'ratio' | 'target'>) => {
  const ok = meets(row.ratio, row.target);
  if (ok === undefined) return '';
  const limit = `${row.target?.higher ? '≥' : '≤'} ${row.target?.limit}×`;
  return ok ? `ok (${limit})` : `MISSED (${limit})`;
};

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - [...text].length));

/**
 * Each row's cells as both tables show them, the section named only where it changes. A ratio that could
 * not be taken is null in a committed JSON (NaN does not survive it): formatRatio and verdict read it as
 * not finite, as they read NaN.
 */
const reportCells = (rows: readonly Row[]): string[][] => {
  let section: string | undefined;
  return rows.map((row) => {
    const shownSection = row.section === section ? '' : row.section;
    section = row.section;
    return [
      shownSection,
      row.name,
      row.value,
      row.baseline,
      formatRatio(row.ratio),
      verdict(row),
      row.note ?? '',
    ];
  });
};

export const renderTable = (rows: Row[]): string => {
  const header = ['', 'measure', 'value', 'baseline', 'ratio', 'target', 'note'];
  const cells = reportCells(rows);
  const widths = header.map((title, column) =>
    Math.max([...title].length, ...cells.map((line) => [...(line[column] ?? '')].length)),
  );
  const line = (values: string[]) =>
    values
      .map((value, column) => pad(value, widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)].join('\n');
};

const markdownCell = (text: string) => text.replace(/\|/g, '\\|');

/** The report as a Markdown table (docs/performance.md's generated block). */
export const renderMarkdownTable = (rows: readonly Row[]): string =>
  [
    '| section | measure | value | baseline (same run) | ratio | goal | note |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...reportCells(rows).map((cells) => `| ${cells.map(markdownCell).join(' | ')} |`),
  ].join('\n');
