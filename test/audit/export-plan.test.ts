// Which exports the daily run starts, from the exports DynamoDB already knows: a full one to begin, then
// incremental windows of at most 24 hours that leave no gap, whatever was missed, failed or raced.
import { chainEnd, planExports, type KnownExport } from '../../lib/audit/export-plan';

const at = (iso: string) => new Date(iso);
const full = (iso: string, status: KnownExport['status'] = 'COMPLETED'): KnownExport => ({
  status,
  type: 'FULL_EXPORT',
  to: at(iso),
});
const incremental = (from: string, to: string, status: KnownExport['status'] = 'COMPLETED'): KnownExport => ({
  status,
  type: 'INCREMENTAL_EXPORT',
  from: at(from),
  to: at(to),
});
const windows = (known: KnownExport[], now: string) =>
  planExports(known, at(now), 'AuditEvents').map((planned) =>
    planned.type === 'FULL_EXPORT'
      ? `full ${planned.exportTime.toISOString()} ${planned.clientToken}`
      : `incr ${planned.from.toISOString()}..${planned.to.toISOString()} ${planned.clientToken}`,
  );

describe('the export plan', () => {
  it('begins with one full export at the day’s 00:00 UTC, and then exports only what changed since', () => {
    expect(windows([], '2026-12-01T02:15:00Z')).toEqual([
      'full 2026-12-01T00:00:00.000Z daily-2026-12-01-AuditEvents',
    ]);
    expect(windows([full('2026-12-01T00:00:00Z')], '2026-12-02T02:15:00Z')).toEqual([
      'incr 2026-12-01T00:00:00.000Z..2026-12-02T00:00:00.000Z incr-1796083200-1440',
    ]);
  });

  it('asks nothing of a table whose backups began after today’s 00:00 (a deploy between 00:00 and the run); tomorrow starts the chain', () => {
    const deployedAt = at('2026-12-01T01:10:00Z');
    expect(planExports([], at('2026-12-01T02:15:00Z'), 'AuditEvents', deployedAt)).toEqual([]);
    expect(planExports([], at('2026-12-02T02:15:00Z'), 'AuditEvents', deployedAt)).toEqual([
      {
        type: 'FULL_EXPORT',
        exportTime: at('2026-12-02T00:00:00Z'),
        clientToken: 'daily-2026-12-02-AuditEvents',
      },
    ]);
    // Backups from before 00:00, or exactly from it: today's full export, as without the check.
    for (const earliest of ['2026-11-30T23:59:00Z', '2026-12-01T00:00:00Z'])
      expect(planExports([], at('2026-12-01T02:15:00Z'), 'AuditEvents', at(earliest))).toHaveLength(1);
    // A running chain is not held back by it.
    expect(
      planExports([full('2026-12-01T00:00:00Z')], at('2026-12-02T02:15:00Z'), 'AuditEvents', deployedAt),
    ).toHaveLength(1);
  });

  it('starts nothing when today’s export is running or done, so a second run the same day adds nothing', () => {
    expect(windows([full('2026-12-01T00:00:00Z', 'IN_PROGRESS')], '2026-12-01T04:00:00Z')).toEqual([]);
    const chain = [full('2026-12-01T00:00:00Z'), incremental('2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z')];
    expect(windows(chain, '2026-12-02T23:59:59Z')).toEqual([]);
  });

  it('two runs at once plan the same requests with the same client tokens', () => {
    const known = [full('2026-12-01T00:00:00Z')];
    expect(windows(known, '2026-12-03T02:15:00Z')).toEqual(windows(known, '2026-12-03T04:15:00Z'));
  });

  it('after missed days covers every day from the chain’s end, in windows of at most 24 hours', () => {
    const known = [full('2026-12-01T00:00:00Z'), incremental('2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z')];
    expect(windows(known, '2026-12-05T02:15:00Z')).toEqual([
      'incr 2026-12-02T00:00:00.000Z..2026-12-03T00:00:00.000Z incr-1796169600-1440',
      'incr 2026-12-03T00:00:00.000Z..2026-12-04T00:00:00.000Z incr-1796256000-1440',
      'incr 2026-12-04T00:00:00.000Z..2026-12-05T00:00:00.000Z incr-1796342400-1440',
    ]);
  });

  it('sends a failed export again under a new token, and keeps a later window that did not fail', () => {
    const known = [
      full('2026-12-01T00:00:00Z'),
      incremental('2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z', 'FAILED'),
      incremental('2026-12-02T00:00:00Z', '2026-12-03T00:00:00Z'),
    ];
    expect(chainEnd(known)).toEqual(at('2026-12-01T00:00:00Z'));
    expect(windows(known, '2026-12-03T02:15:00Z')).toEqual([
      'incr 2026-12-01T00:00:00.000Z..2026-12-02T00:00:00.000Z incr-1796083200-1440-r1',
    ]);
    expect(windows([full('2026-12-01T00:00:00Z', 'FAILED')], '2026-12-01T04:00:00Z')).toEqual([
      'full 2026-12-01T00:00:00.000Z daily-2026-12-01-AuditEvents-r1',
    ]);
  });

  it('ends a window short of 24 hours at the day’s 00:00 and leaves one under 15 minutes for tomorrow', () => {
    // A chain that ends mid-day (an export started by hand) is joined up to the next 00:00.
    const known = [full('2026-12-01T09:30:00Z')];
    expect(windows(known, '2026-12-02T02:15:00Z')).toEqual([
      'incr 2026-12-01T09:30:00.000Z..2026-12-02T00:00:00.000Z incr-1796117400-870',
    ]);
    expect(windows([full('2026-12-01T23:50:00Z')], '2026-12-02T02:15:00Z')).toEqual([]);
    expect(windows([full('2026-12-01T23:45:00Z')], '2026-12-02T02:15:00Z')).toHaveLength(1);
  });

  it('restarts with a full export when the chain ended beyond the 35 days an incremental can reach back', () => {
    const known = [full('2026-10-01T00:00:00Z'), incremental('2026-10-01T00:00:00Z', '2026-10-20T00:00:00Z')];
    expect(windows(known, '2026-12-01T02:15:00Z')).toEqual([
      'full 2026-12-01T00:00:00.000Z daily-2026-12-01-AuditEvents',
    ]);
    // 34 days back is still joined with incrementals.
    const recent = [full('2026-10-28T00:00:00Z')];
    expect(windows(recent, '2026-12-01T02:15:00Z')).toHaveLength(34);
  });

  it('follows a chain whose full export is older than the history listed from its earliest incremental', () => {
    const known = [
      incremental('2026-11-10T00:00:00Z', '2026-11-11T00:00:00Z'),
      incremental('2026-11-11T00:00:00Z', '2026-11-12T00:00:00Z'),
    ];
    expect(chainEnd(known)).toEqual(at('2026-11-12T00:00:00Z'));
    expect(windows(known, '2026-11-13T02:15:00Z')).toEqual([
      'incr 2026-11-12T00:00:00.000Z..2026-11-13T00:00:00.000Z incr-1794441600-1440',
    ]);
  });

  it('keeps client tokens short (36 characters at most, a UUID’s length), retries included', () => {
    const tokens = planExports(
      [full('2026-12-01T00:00:00Z', 'FAILED'), full('2026-12-01T00:00:00Z', 'FAILED')],
      at('2026-12-01T02:15:00Z'),
      'AuditEvents',
    ).map((planned) => planned.clientToken);
    expect(tokens).toEqual(['daily-2026-12-01-AuditEvents-r2']);
    for (const token of tokens) expect(token.length).toBeLessThanOrEqual(36);
  });
});
