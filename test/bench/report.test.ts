// The bench's verdicts: a row is judged against its goal only when its figure can carry one.
import { MIN_SAMPLES_FOR_P99, warmRows } from '../../bench/report';
import { meets } from '../../bench/stats';
import type { RouteMeasurement } from '../../bench/warm';

const route = (samples: number): RouteMeasurement => ({
  route: 'POST /admin/approvals/{approvalId}/approve',
  samples,
  handlerMs: { p50: 8, p99: 44 },
  rawMs: { p50: 7, p99: 16 },
  cpuMs: { handler: 3, raw: 2.5 },
  calls: ['GetItem', 'Query', 'GetItem', 'GetItem', 'TransactWriteItems'],
  roundTrips: 3,
  unavoidable: ['GetItem', ['GetItem', 'GetItem', 'Query'], 'TransactWriteItems'],
  why: 'test',
});

const p99Row = (samples: number) => warmRows([route(samples)]).find((row) => row.name.endsWith('p99'));

describe('the warm p99 row', () => {
  it('is not judged under 100 samples, where the nearest-rank p99 is the slowest sample', () => {
    const row = p99Row(50);
    expect(row?.target).toBeUndefined();
    expect(meets(row?.ratio ?? Number.NaN, row?.target)).toBeUndefined();
    expect(row?.note).toMatch(/50 samples: under 100, the p99 is the slowest one; not judged/);
  });

  it('is judged from 100 samples on, and a slow tail misses its goal', () => {
    const row = p99Row(MIN_SAMPLES_FOR_P99);
    expect(row?.target).toEqual({ limit: 1.5 });
    expect(meets(row?.ratio ?? Number.NaN, row?.target)).toBe(false);
  });

  it('always judges the p50', () => {
    const row = warmRows([route(50)]).find((row) => row.name.endsWith('p50'));
    expect(meets(row?.ratio ?? Number.NaN, row?.target)).toBe(true);
  });
});
