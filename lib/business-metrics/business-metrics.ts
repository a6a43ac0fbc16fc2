// Business metrics, counted in one place: from the audit events an invocation commits (every state
// change is audited, so no use case has to remember to count; the audit store tells its listener)
// and from the login verify outcome, flushed once per invocation as one EMF line in the MfaRecovery
// namespace.
import { auditEvents, facetFor, type AuditItem } from '../audit/events';
import { hearCommits } from '../audit/store';
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

// One tally per container, not per invocation. AsyncLocalStorage kept invocations apart, but its async
// hooks ran on every promise: 1 to 2 % of a cold start's instructions (docs/performance.md). Lambda runs
// one invocation at a time in a container, so the tally is that invocation's. Where invocations overlap
// (the local server; Lambda's multi-concurrency), the first to end writes what all have counted so far
// and the others the rest: each count is written once, which is all CloudWatch's sums read. Nothing is
// counted while no invocation runs (a script, a test's fixtures); in the local server, a commit made beside
// a running request (a test writing directly) counts with it.
let tally = new Map<BusinessMetric, number>();
let running = 0;

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

const count = (metric: BusinessMetric, value = 1) => {
  if (running > 0) tally.set(metric, (tally.get(metric) ?? 0) + value);
};

/** A ranked staff action, logged on a line of its own for Contributor Insights. */
const logStaffAction = (action: BusinessMetric, staffId: string) =>
  logger.info(recoveryActionLog.message, {
    [recoveryActionLog.actionField]: action,
    [recoveryActionLog.staffField]: staffId,
  });

/** Heard from the audit store once a transaction with these events has committed. */
const countCommittedEvents = (events: readonly CountedEvent[]) => {
  if (running === 0) return;
  for (const event of events) {
    const metric = metricOf(event);
    if (!metric) continue;
    count(metric);
    if (rankedActions.has(metric) && (event.actorType === 'agent' || event.actorType === 'admin'))
      logStaffAction(metric, event.actorId);
  }
};

hearCommits(countCommittedEvents);

/** What the login verify answers, as far as it is counted (lib/totp/verification.ts's VerifyOutcome). */
type LoginVerifyAnswer = { valid: true } | { valid: false; reason: string };

/** Counts a login verify answer (ok, wrong code, replayed code) or its refusal while locked. */
export const meterLoginVerify = async <Outcome extends LoginVerifyAnswer>(
  verify: Promise<Outcome>,
): Promise<Outcome> => {
  try {
    const outcome = await verify;
    count(
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
      count('LoginVerifyLocked');
    throw error;
  }
};

/** Counts a metric that no audit event stands for (e.g. a notification the reconciliation delivered). */
export const countMetric = (metric: BusinessMetric, value = 1) => count(metric, value);

const flush = (counts: ReadonlyMap<BusinessMetric, number>) => {
  if (counts.size === 0 || metricsDisabled(process.env)) return;
  for (const line of emfLines(counts, Date.now())) process.stdout.write(`${line}\n`);
};

/** Runs one invocation and flushes the counts afterwards, whether it answered or threw. */
export const withBusinessMetrics = async <T>(invocation: () => Promise<T>): Promise<T> => {
  running += 1;
  try {
    return await invocation();
  } finally {
    running -= 1;
    const counted = tally;
    tally = new Map();
    flush(counted);
  }
};
