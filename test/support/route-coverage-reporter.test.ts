// The run's route-coverage check (route-coverage-reporter.cjs), fed files as the stacks write them
// (route-coverage.ts): it fails a whole run with a route never answered below 400, and a whole run in
// which no stack recorded anything (a broken recorder), and says what it checked when it passes.
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const RouteCoverageReporter = require('./route-coverage-reporter.cjs') as new (config: object) => {
  dir?: string;
  onRunComplete(): void;
  getLastError(): Error | undefined;
};

const whole = { testPathPatterns: { patterns: [] } };
const narrowed = { testPathPatterns: { patterns: ['test/integration/triage'] } };

let written: string[] = [];
const saved = { asked: process.env.ROUTE_COVERAGE, dir: process.env.ROUTE_COVERAGE_DIR };
beforeEach(() => {
  delete process.env.ROUTE_COVERAGE;
  written = [];
  jest.spyOn(process.stderr, 'write').mockImplementation((text) => {
    written.push(String(text));
    return true;
  });
});
afterEach(() => {
  jest.restoreAllMocks();
  process.env.ROUTE_COVERAGE = saved.asked;
  process.env.ROUTE_COVERAGE_DIR = saved.dir;
  if (saved.asked === undefined) delete process.env.ROUTE_COVERAGE;
  if (saved.dir === undefined) delete process.env.ROUTE_COVERAGE_DIR;
});

/** A reporter whose run's stacks wrote `table` and answered `answers` ([route, status]). */
const reportedRun = (config: object, table: string[] | undefined, answers: [string, number][] = []) => {
  const reporter = new RouteCoverageReporter(config);
  const dir = reporter.dir ?? '';
  if (table) writeFileSync(join(dir, 'table-1.txt'), `${table.join('\n')}\n`);
  for (const [route, status] of answers) appendFileSync(join(dir, 'answered-1.txt'), `${route}\t${status}\n`);
  reporter.onRunComplete();
  return { error: reporter.getLastError(), said: written.join('') };
};

describe('the route-coverage check of a run', () => {
  it('passes a whole run in which every route got an answer below 400, and says so', () => {
    const { error, said } = reportedRun(
      whole,
      ['GET /a', 'POST /b'],
      [
        ['GET /a', 200],
        ['POST /b', 409],
        ['POST /b', 201],
      ],
    );
    expect(error).toBeUndefined();
    expect(said).toContain('each of the 2 routes was answered below 400');
  });

  it('fails a whole run with a route that was only refused or never called, naming each', () => {
    const { error } = reportedRun(
      whole,
      ['GET /a', 'POST /b', 'DELETE /c'],
      [
        ['GET /a', 200],
        ['POST /b', 400],
        ['POST /b', 403],
      ],
    );
    expect(error?.message).toContain('2 route(s)');
    expect(error?.message).toContain('POST /b (answered only 400, 403)');
    expect(error?.message).toContain('DELETE /c (never called)');
  });

  it('fails a whole run in which no stack recorded its routes: the recorder is broken, not the routes covered', () => {
    const { error } = reportedRun(whole, undefined);
    expect(error?.message).toContain('no local stack recorded the routes it answered');
  });

  it('says there was nothing to check when ROUTE_COVERAGE=check asks it of a run without stacks', () => {
    process.env.ROUTE_COVERAGE = 'check';
    const { error, said } = reportedRun(narrowed, undefined);
    expect(error).toBeUndefined();
    expect(said).toContain('nothing to check');
  });

  it('stays out of a narrowed run unless asked, and out of any run with ROUTE_COVERAGE=off', () => {
    expect(new RouteCoverageReporter(narrowed).dir).toBeUndefined();
    process.env.ROUTE_COVERAGE = 'off';
    expect(new RouteCoverageReporter(whole).dir).toBeUndefined();
  });
});
