// Business metrics, counted in one place: from the audit events an invocation commits (every state
// change is audited, so no use case has to remember to count; the audit store tells its listener)
// and from the login verify outcome, flushed once per invocation as one EMF line in the MfaRecovery
// namespace.
import { AsyncLocalStorage } from 'node:async_hooks';
import { auditEvents, facetFor, type AuditItem } from '../audit/events';
import { hearingCommits } from '../audit/store';
import { DomainError } from '../errors';
import { logger } from '../observability/logger';
import {
  metricsNamespace,
  metricsService,
  rankedRecoveryActions,
  recoveryActionLog,
  type BusinessMetric,
} from '../observability/metric-names';

type CountedEvent = Pick<AuditItem, 'type' | 'details' | 'actorType' | 'actorId'>;

/** The metric an event counts towards, as its declaration says (lib/audit/events.ts); undefined: none. */
export const metricOf = (event: CountedEvent): BusinessMetric | undefined =>
  facetFor<BusinessMetric>(auditEvents[event.type].metric, event);

const rankedActions = new Set<BusinessMetric>(Object.values(rankedRecoveryActions).flat());

interface Tally {
  counts: Map<BusinessMetric, number>;
  /** Ranked staff actions, logged one line each for Contributor Insights. */
  staffActions: { action: BusinessMetric; staffId: string }[];
}

// Per invocation, not per module: the local server runs many requests of one function at once.
const current = new AsyncLocalStorage<Tally>();

/** CloudWatch takes at most 100 metrics per EMF line. */
const metricsPerLine = 100;

/** POWERTOOLS_METRICS_DISABLED as Powertools Metrics read it (it wins over POWERTOOLS_DEV, which disables). */
const metricsDisabled = (env: NodeJS.ProcessEnv) => {
  const truthy = (value: string | undefined) =>
    ['1', 'true', 'on', 'yes', 'y'].includes((value ?? '').trim().toLowerCase());
  return env.POWERTOOLS_METRICS_DISABLED !== undefined
    ? truthy(env.POWERTOOLS_METRICS_DISABLED)
    : truthy(env.POWERTOOLS_DEV);
};

/**
 * The counts as EMF lines on stdout, in the shape Powertools Metrics wrote them (one Count per metric,
 * the service as the only dimension); written here because Powertools' module cost more of a cold
 * start than the line it writes.
 */
export const emfLines = (counts: ReadonlyMap<BusinessMetric, number>, timestamp: number): string[] => {
  const entries = [...counts];
  const lines: string[] = [];
  for (let start = 0; start < entries.length; start += metricsPerLine) {
    const chunk = entries.slice(start, start + metricsPerLine);
    const line: Record<string, unknown> = {
      _aws: {
        Timestamp: timestamp,
        CloudWatchMetrics: [
          {
            Namespace: metricsNamespace,
            Dimensions: [['service']],
            Metrics: chunk.map(([name]) => ({ Name: name, Unit: 'Count' })),
          },
        ],
      },
      service: metricsService,
    };
    for (const [name, value] of chunk) line[name] = value;
    lines.push(JSON.stringify(line));
  }
  return lines;
};

const count = (tally: Tally | undefined, metric: BusinessMetric) => {
  if (tally) tally.counts.set(metric, (tally.counts.get(metric) ?? 0) + 1);
};

/** Heard from the audit store once a transaction with these events has committed. */
const countCommittedEvents = (tally: Tally, events: readonly CountedEvent[]) => {
  for (const event of events) {
    const metric = metricOf(event);
    if (!metric) continue;
    count(tally, metric);
    if (rankedActions.has(metric) && (event.actorType === 'agent' || event.actorType === 'admin'))
      tally.staffActions.push({ action: metric, staffId: event.actorId });
  }
};

/** What the login verify answers, as far as it is counted (lib/totp/verification.ts's VerifyOutcome). */
type LoginVerifyAnswer = { valid: true } | { valid: false; reason: string };

/** Counts a login verify answer (ok, wrong code, replayed code) or its refusal while locked. */
export const meterLoginVerify = async <Outcome extends LoginVerifyAnswer>(
  verify: Promise<Outcome>,
): Promise<Outcome> => {
  const tally = current.getStore();
  try {
    const outcome = await verify;
    count(
      tally,
      outcome.valid
        ? 'LoginVerifyOk'
        : outcome.reason === 'CODE_ALREADY_USED'
          ? 'LoginVerifyReplayed'
          : 'LoginVerifyFailed',
    );
    return outcome;
  } catch (error) {
    // 429 while the too-many-failures lock runs (including the failure that starts it), 423 under a recovery lock.
    if (error instanceof DomainError && (error.kind === 'TooManyRequests' || error.kind === 'Locked'))
      count(tally, 'LoginVerifyLocked');
    throw error;
  }
};

/** Counts a metric that no audit event stands for (e.g. a notification the reconciliation delivered). */
export const countMetric = (metric: BusinessMetric, value = 1) => {
  const tally = current.getStore();
  if (tally) tally.counts.set(metric, (tally.counts.get(metric) ?? 0) + value);
};

const flush = (tally: Tally) => {
  for (const { action, staffId } of tally.staffActions)
    logger.info(recoveryActionLog.message, {
      [recoveryActionLog.actionField]: action,
      [recoveryActionLog.staffField]: staffId,
    });
  if (tally.counts.size === 0 || metricsDisabled(process.env)) return;
  for (const line of emfLines(tally.counts, Date.now())) process.stdout.write(`${line}\n`);
};

/** Runs one invocation with its own tally and flushes it afterwards, whether it answered or threw. */
export const withBusinessMetrics = async <T>(invocation: () => Promise<T>): Promise<T> => {
  const tally: Tally = { counts: new Map(), staffActions: [] };
  try {
    return await current.run(tally, () =>
      hearingCommits((events) => countCommittedEvents(tally, events), invocation),
    );
  } finally {
    flush(tally);
  }
};
