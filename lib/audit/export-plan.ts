// Which exports the daily run starts: one full export to begin a chain, then incremental exports, each
// starting where the last one ended, so the bucket holds every audit event once instead of once a day.
// Pure: the exports DynamoDB already knows (ListExports/DescribeExport) are the only state, so two runs at
// once plan the same requests with the same client tokens, and a missed or failed day is planned again.
import type { KnownExport } from '../aws/dynamodb-exports';

export type { KnownExport };

export type PlannedExport =
  | { type: 'FULL_EXPORT'; exportTime: Date; clientToken: string }
  | { type: 'INCREMENTAL_EXPORT'; from: Date; to: Date; clientToken: string };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** DynamoDB's limits on an incremental export's window: at least 15 minutes, at most 24 hours. */
export const INCREMENTAL_WINDOW = { min: 15 * MINUTE, max: DAY } as const;

/**
 * An incremental export reads the table's point-in-time recovery log, which reaches back 35 days; a
 * chain that ended earlier than that (exports stopped for over a month) restarts with a full export,
 * which holds every event anyway: the table is append-only. A day's margin keeps clear of the edge.
 */
export const INCREMENTAL_REACH = 34 * DAY;

/** How far back the run needs to know exports: the reach plus the run's own day. */
export const PLAN_HISTORY = INCREMENTAL_REACH + 2 * DAY;

/** The point in time a day's run exports up to: that day's 00:00 UTC, the same on every retry. */
export const dailyExportTime = (day: string) => new Date(`${day}T00:00:00.000Z`);

const dayOf = (at: Date) => at.toISOString().slice(0, 10);
const sameTime = (a: Date | undefined, b: Date) => a !== undefined && a.getTime() === b.getTime();

/**
 * The client token of a planned export: the same for the same request, so DynamoDB answers a second run
 * with the export already started; a request that failed before is sent again under a new token.
 */
const tokenOf = (base: string, failedBefore: number) =>
  failedBefore === 0 ? base : `${base}-r${failedBefore}`;

/**
 * Where the chain of exports ends: from the latest full export (or, when that is older than the history
 * listed, the earliest incremental listed, which was planned from its predecessor) along incrementals
 * that start where the previous one ended. Failed exports do not count; running ones do.
 */
export const chainEnd = (known: KnownExport[]): Date | undefined => {
  const live = known.filter((entry) => entry.status !== 'FAILED');
  const fulls = live.filter((entry) => entry.type === 'FULL_EXPORT').sort((a, b) => +b.to - +a.to);
  const incrementals = live.filter((entry) => entry.type === 'INCREMENTAL_EXPORT' && entry.from);
  let end = fulls[0]?.to ?? [...incrementals].sort((a, b) => Number(a.from) - Number(b.from))[0]?.from;
  if (!end) return undefined;
  for (;;) {
    const current: Date = end;
    const next = incrementals.find((entry) => sameTime(entry.from, current) && entry.to > current);
    if (!next) return end;
    end = next.to;
  }
};

/**
 * The exports a run at `now` starts: none when the chain reaches today's 00:00 UTC; otherwise a full
 * export at that time (no chain yet, or it ended beyond an incremental's reach), or the incremental windows
 * of at most 24 hours from the chain's end up to it — several after missed days, so no day is left out.
 * `earliest` is where the table's point-in-time recovery begins: a stack deployed between 00:00 and the
 * run has none at today's 00:00, so its first full export waits for tomorrow's (which holds every event).
 */
export const planExports = (
  known: KnownExport[],
  now: Date,
  table: string,
  earliest?: Date,
): PlannedExport[] => {
  const target = dailyExportTime(dayOf(now));
  const failed = known.filter((entry) => entry.status === 'FAILED');
  const end = chainEnd(known);
  if (!end || target.getTime() - end.getTime() > INCREMENTAL_REACH) {
    if (earliest && target < earliest) return [];
    const day = dayOf(target);
    const failedBefore = failed.filter(
      (entry) => entry.type === 'FULL_EXPORT' && sameTime(entry.to, target),
    ).length;
    return [
      {
        type: 'FULL_EXPORT',
        exportTime: target,
        clientToken: tokenOf(`daily-${day}-${table}`, failedBefore),
      },
    ];
  }
  const planned: PlannedExport[] = [];
  const live = known.filter((entry) => entry.status !== 'FAILED' && entry.type === 'INCREMENTAL_EXPORT');
  for (let from = end; target.getTime() - from.getTime() >= INCREMENTAL_WINDOW.min;) {
    // A later window that is in place already (its predecessor failed after it was started) stays.
    const existing = live.find((entry) => sameTime(entry.from, from) && entry.to > from);
    if (existing) {
      from = existing.to;
      continue;
    }
    const to = new Date(Math.min(from.getTime() + INCREMENTAL_WINDOW.max, target.getTime()));
    const failedBefore = failed.filter(
      (entry) => entry.type === 'INCREMENTAL_EXPORT' && sameTime(entry.from, from) && sameTime(entry.to, to),
    ).length;
    // Short like a UUID: `incr-<from, epoch s>-<minutes>`, with the retry suffix under 36 characters.
    const base = `incr-${from.getTime() / 1000}-${(to.getTime() - from.getTime()) / MINUTE}`;
    planned.push({ type: 'INCREMENTAL_EXPORT', from, to, clientToken: tokenOf(base, failedBefore) });
    from = to;
  }
  return planned;
};
