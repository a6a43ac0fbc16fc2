// The bench's table as docs/performance.md shows it (a generated block): each row's verdict as the
// console table gives it, a section named once, and cells that cannot break the table.
import { renderMarkdownTable, type Row } from '../../bench/stats';

describe('renderMarkdownTable', () => {
  const rows = [
    {
      section: 'cold start',
      name: 'health bundle',
      value: '1 KB',
      baseline: '1 KB',
      ratio: 1.45,
      target: { limit: 1.3 },
    },
    {
      section: 'cold start',
      name: 'health start→answer',
      value: '57 ms',
      baseline: '55 ms',
      ratio: 1.04,
      target: { limit: 1.15 },
      note: 'a | b',
    },
    {
      section: 'load',
      name: 'verify req/s',
      value: '300',
      baseline: '330',
      ratio: 0.91,
      target: { limit: 0.8, higher: true },
    },
    // NaN does not survive JSON: a ratio that could not be taken arrives as null.
    {
      section: 'warm',
      name: 'GET /health p50',
      value: '0.01 ms',
      baseline: '-',
      ratio: null as unknown as number,
    },
  ] satisfies Row[];

  it('names each section once, gives every verdict, and escapes a | in a cell', () => {
    const lines = renderMarkdownTable(rows).split('\n');
    expect(lines).toHaveLength(2 + rows.length);
    expect(lines[2]).toBe('| cold start | health bundle | 1 KB | 1 KB | 1.45× | MISSED (≤ 1.3×) |  |');
    expect(lines[3]).toBe('|  | health start→answer | 57 ms | 55 ms | 1.04× | ok (≤ 1.15×) | a \\| b |');
    expect(lines[4]).toBe('| load | verify req/s | 300 | 330 | 0.91× | ok (≥ 0.8×) |  |');
    expect(lines[5]).toBe('| warm | GET /health p50 | 0.01 ms | - | n/a |  |  |');
  });
});
