// Fails `npm test` when a route of the table (lib/routes) was never answered below 400 by its handler
// through the local stack. Such a route runs in no test: a table grant it lacks (local/table-grants.ts
// holds each function to its grants) would first show in AWS. Checked only when nothing narrows the run
// (one file cannot call every route), or when ROUTE_COVERAGE=check asks for it; ROUTE_COVERAGE=off skips it.
const { mkdtempSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const narrowed = (config) =>
  Boolean(
    config.testPathPatterns?.patterns?.length ||
    config.testNamePattern ||
    config.onlyChanged ||
    config.onlyFailures ||
    config.findRelatedTests ||
    config.changedSince ||
    config.lastCommit ||
    config.listTests ||
    (config.shard && config.shard.shardCount > 1),
  );

/** The routes of `table` with no answer below 400, each with the statuses it did get. */
const unreached = (table, answers) =>
  [...table]
    .filter((key) => !(answers.get(key) ?? []).some((status) => status < 400))
    .map((key) => ({ key, statuses: [...new Set(answers.get(key) ?? [])].sort() }));

class RouteCoverageReporter {
  constructor(globalConfig) {
    const asked = process.env.ROUTE_COVERAGE;
    if (asked === 'off' || (asked !== 'check' && narrowed(globalConfig))) return;
    // A whole run starts local stacks; one in which none wrote its table has a broken recorder.
    this.whole = !narrowed(globalConfig);
    // Made before the workers start, so each inherits the folder (test/support/route-coverage.ts writes there).
    this.dir = mkdtempSync(join(tmpdir(), 'route-coverage-'));
    process.env.ROUTE_COVERAGE_DIR = this.dir;
  }

  onRunComplete() {
    if (!this.dir) return;
    const table = new Set();
    const answers = new Map();
    for (const file of readdirSync(this.dir)) {
      const lines = readFileSync(join(this.dir, file), 'utf8').split('\n').filter(Boolean);
      if (file.startsWith('table-')) for (const key of lines) table.add(key);
      else
        for (const line of lines) {
          const [key, status] = line.split('\t');
          answers.set(key, [...(answers.get(key) ?? []), Number(status)]);
        }
    }
    rmSync(this.dir, { recursive: true, force: true });
    if (table.size === 0) {
      const what = 'no local stack recorded the routes it answered (test/support/route-coverage.ts)';
      if (this.whole) {
        this.error = new Error(`Route coverage: ${what}, though this run started them all.`);
        process.stderr.write(`\n${this.error.message}\n`);
      } else process.stderr.write(`\nRoute coverage: ${what}; nothing to check.\n`);
      return;
    }
    const missing = unreached(table, answers);
    if (missing.length === 0) {
      process.stderr.write(`\nRoute coverage: each of the ${table.size} routes was answered below 400.\n`);
      return;
    }
    const lines = missing.map(
      ({ key, statuses }) =>
        `  ${key}${statuses.length ? ` (answered only ${statuses.join(', ')})` : ' (never called)'}`,
    );
    this.error = new Error(
      `${missing.length} route(s) of lib/routes were never answered below 400 through the local stack; ` +
        `a test should call each one with valid input, so a missing table grant fails here and not in AWS:\n${lines.join('\n')}`,
    );
    process.stderr.write(`\n${this.error.message}\n`);
  }

  getLastError() {
    return this.error;
  }
}

module.exports = RouteCoverageReporter;
