// `audit recovery`: resets avoided by self-service against resets done, per ISO week, computed from a
// verified AuditEvents export (auditors' tooling: it reads exports, never the live tables). Read
// through `queryExports`, so a folder that does not verify gives no numbers.
import type { AuditEventType } from '../lib/audit/events';
import { completesSelfService, selfServiceCompletionTypes } from '../lib/triage/advice';
import { queryExports, type AuditQuery, type QueryOptions } from './query';

/** The events the weekly table is made of: the triage, the customer's own recovery, the helpdesk reset. */
export const recoveryEventTypes: readonly AuditEventType[] = [
  'HELPDESK_TRIAGE_RECORDED',
  // The events that complete a self-service path (lib/triage/advice.ts): each one is a reset avoided.
  ...selfServiceCompletionTypes,
  'TWO_FA_DISABLED',
];

/** A replacement or renewal this long after a self-service triage is the advice followed. */
export const SELF_SERVICE_FOLLOW_UP_DAYS = 7;

export interface RecoveryWeek {
  /** ISO 8601 week of the event's UTC date, e.g. `2026-W48`. */
  week: string;
  triages: number;
  selfServiceAdvised: number;
  verifyAdvised: number;
  /** Self-service triages of this week the customer followed (replaced or renewed) within the follow-up days. */
  resetsAvoided: number;
  /** Replacements and renewals of this week with no self-service triage before them: customers who never called. */
  selfServiceWithoutCall: number;
  /** Helpdesk resets (TWO_FA_DISABLED) of this week. */
  resetsDone: number;
  /** resetsAvoided / (resetsAvoided + resetsDone); null without either. */
  avoidedShare: number | null;
}

export interface RecoveryEvent {
  type: string;
  at: string;
  customerId: string;
  details: Record<string, unknown>;
}

/** ISO 8601 week (weeks start on Monday; week 1 holds the year's first Thursday), of the UTC date. */
export const isoWeekOf = (at: Date): string => {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  // The Thursday of this week decides the week's year.
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
};

const emptyWeek = (week: string): RecoveryWeek => ({
  week,
  triages: 0,
  selfServiceAdvised: 0,
  verifyAdvised: 0,
  resetsAvoided: 0,
  selfServiceWithoutCall: 0,
  resetsDone: 0,
  avoidedShare: null,
});

/**
 * The weekly table, oldest week first. A completion (the event of a self-service path)
 * counts for the newest earlier self-service triage of the same customer within the follow-up days,
 * once per triage and in the triage's week (the call is what avoided the reset); one with no such
 * triage counts as self-service without a call.
 */
export const recoveryWeeks = (events: Iterable<RecoveryEvent>): RecoveryWeek[] => {
  const weeks = new Map<string, RecoveryWeek>();
  const weekOf = (at: string) => {
    const week = isoWeekOf(new Date(at));
    let row = weeks.get(week);
    if (!row) weeks.set(week, (row = emptyWeek(week)));
    return row;
  };
  const byCustomer = new Map<string, RecoveryEvent[]>();
  for (const event of events) {
    if (Number.isNaN(Date.parse(event.at))) continue;
    const list = byCustomer.get(event.customerId) ?? [];
    list.push(event);
    byCustomer.set(event.customerId, list);
  }
  const followUpMs = SELF_SERVICE_FOLLOW_UP_DAYS * 86_400_000;
  for (const list of byCustomer.values()) {
    list.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    /** The newest self-service triage not yet followed, if any. */
    let open: RecoveryEvent | undefined;
    for (const event of list) {
      if (completesSelfService(event)) {
        if (open && Date.parse(event.at) - Date.parse(open.at) <= followUpMs) {
          weekOf(open.at).resetsAvoided += 1;
          open = undefined;
        } else weekOf(event.at).selfServiceWithoutCall += 1;
        continue;
      }
      switch (event.type) {
        case 'HELPDESK_TRIAGE_RECORDED': {
          const row = weekOf(event.at);
          row.triages += 1;
          if (event.details.advice === 'SELF_SERVICE') {
            row.selfServiceAdvised += 1;
            open = event;
          } else {
            row.verifyAdvised += 1;
            open = undefined;
          }
          break;
        }
        case 'TWO_FA_DISABLED':
          weekOf(event.at).resetsDone += 1;
          // The advice was not followed: the reset, not the triage, is what happened.
          open = undefined;
          break;
      }
    }
  }
  return [...weeks.values()]
    .sort((a, b) => a.week.localeCompare(b.week))
    .map((row) => {
      const decided = row.resetsAvoided + row.resetsDone;
      return {
        ...row,
        avoidedShare: decided === 0 ? null : Math.round((row.resetsAvoided / decided) * 1000) / 1000,
      };
    });
};

export const recoveryColumns = [
  'week',
  'triages',
  'selfServiceAdvised',
  'verifyAdvised',
  'resetsAvoided',
  'selfServiceWithoutCall',
  'resetsDone',
  'avoidedShare',
] as const satisfies readonly (keyof RecoveryWeek)[];

export type RecoveryFormat = 'table' | 'csv' | 'json';

const shareText = (share: number | null) => (share === null ? '-' : `${Math.round(share * 100)}%`);

export const formatRecoveryWeeks = (weeks: RecoveryWeek[], format: RecoveryFormat): string => {
  if (format === 'json')
    return `${JSON.stringify({ followUpDays: SELF_SERVICE_FOLLOW_UP_DAYS, weeks }, null, 2)}\n`;
  if (format === 'csv')
    return [
      recoveryColumns.join(','),
      ...weeks.map((row) => recoveryColumns.map((column) => String(row[column] ?? '')).join(',')),
    ]
      .map((line) => `${line}\n`)
      .join('');
  const header = ['week', 'triages', 'self-service', 'verify', 'avoided', 'no call', 'resets', 'avoided %'];
  const rows = weeks.map((row) => [
    row.week,
    ...[
      row.triages,
      row.selfServiceAdvised,
      row.verifyAdvised,
      row.resetsAvoided,
      row.selfServiceWithoutCall,
      row.resetsDone,
    ].map(String),
    shareText(row.avoidedShare),
  ]);
  const widths = header.map((title, index) =>
    Math.max(title.length, ...rows.map((row) => row[index]?.length ?? 0)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, index) => (index === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[index] ?? 0)))
      .join('  ');
  return [line(header), ...rows.map(line)].map((text) => `${text}\n`).join('');
};

/** Reads the recovery events of a verified export (as `audit query` does) and computes the weekly table. */
export const recoveryReport = async (
  root: string,
  filters: Pick<AuditQuery, 'from' | 'to'>,
  options: Omit<QueryOptions, 'format' | 'write' | 'limit' | 'textKeyOf'>,
) => {
  const events: RecoveryEvent[] = [];
  let pending = '';
  const result = await queryExports(
    root,
    { ...filters, types: [...recoveryEventTypes] },
    {
      ...options,
      format: 'json',
      // JSON lines, read back as they come; only four small fields of each event are kept.
      write: (chunk) => {
        const lines = (pending + chunk).split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) {
          if (!line) continue;
          const item = JSON.parse(line) as Record<string, unknown>;
          events.push({
            type: String(item.type),
            at: String(item.at),
            customerId: String(item.customerId),
            details: (item.details ?? {}) as Record<string, unknown>,
          });
        }
      },
    },
  );
  return {
    weeks: recoveryWeeks(events),
    events: result.events,
    matched: result.matched,
    findings: result.findings,
  };
};
