// The bench's verdicts: a row is judged against its goal only when its figure can carry one.
import type { ColdStartMeasurement } from '../../bench/cold-start';
import { coldStartRows, MIN_SAMPLES_FOR_P99, warmRows } from '../../bench/report';
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
    expect(p99Row(MIN_SAMPLES_FOR_P99 - 1)?.target).toBeUndefined();
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

describe('the cold rows', () => {
  const cold = (withInstructions: boolean): ColdStartMeasurement => ({
    function: 'erasureApi',
    firstEvent: 'POST /internal/customers/{id}/erase',
    runs: 3,
    bundleBytes: 496_520,
    baselineBundleBytes: 550_000,
    sourceMapBytes: 1,
    baselineSourceMapBytes: 1,
    baselineEntry: 'bench/baselines/dynamodb.ts',
    totalMs: 143,
    baselineTotalMs: 130,
    importMs: 60,
    baselineImportMs: 50,
    firstEventMs: 58,
    baselineFirstEventMs: 48,
    cpuMs: 138,
    baselineCpuMs: 121,
    nodeBootMs: 17,
    ...(withInstructions ? { instructions: 737.9e6, baselineInstructions: 640.5e6 } : {}),
    envCredentialsBaseline: {
      bundleBytes: 404_000,
      totalMs: 121,
      cpuMs: 115,
      ...(withInstructions ? { instructions: 619.9e6 } : {}),
    },
  });

  it('judge the start against both floors, and the instructions when counted', () => {
    const rows = coldStartRows([cold(true)]);
    expect(rows.map((row) => [row.name, row.ratio.toFixed(3), meets(row.ratio, row.target)])).toEqual([
      ['erasureApi bundle', '0.903', true],
      ['erasureApi start→answer', '1.100', true],
      ['erasureApi start→answer, floor with env credentials', '1.182', false],
      ['erasureApi start→answer, instructions', '1.152', false],
      ['erasureApi start→answer, instructions, floor with env credentials', '1.190', false],
    ]);
    expect(rows[3]?.value).toBe('737.9 M');
  });

  it('leave the instruction rows out of a run that did not count them', () => {
    expect(coldStartRows([cold(false)]).map((row) => row.name)).toEqual([
      'erasureApi bundle',
      'erasureApi start→answer',
      'erasureApi start→answer, floor with env credentials',
    ]);
  });
});
