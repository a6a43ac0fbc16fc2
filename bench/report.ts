// Turns the sections' measurements into the report's rows: every figure beside its same-run baseline.
import type { AuditVerifyMeasurement } from './audit-verify';
import type { ColdStartMeasurement } from './cold-start';
import type { LoadMeasurement } from './load';
import type { SearchMeasurement } from './search';
import { formatBytes, formatCount, formatMs, formatRatio, ratio, type Row } from './stats';
import type { TotpMeasurement } from './totp';
import type { RouteMeasurement } from './warm';

export const targets = {
  bundle: { limit: 1.3 },
  coldStart: { limit: 1.15 },
  warmP50: { limit: 1.25 },
  warmP99: { limit: 1.5 },
};

/** The fewest samples whose nearest-rank p99 is not simply the slowest one. */
export const MIN_SAMPLES_FOR_P99 = 100;

/** A cold row against one of the floors: the goal is the same, only the baseline differs. */
const coldRow = (
  result: ColdStartMeasurement,
  measure: string,
  row: Omit<Row, 'section' | 'name' | 'target'>,
) => ({
  section: 'cold start',
  name: `${result.function} ${measure}`,
  target: targets.coldStart,
  ...row,
});

const millions = (instructions: number) => `${(instructions / 1e6).toFixed(1)} M`;

export const coldStartRows = (results: ColdStartMeasurement[]): Row[] =>
  results.flatMap((result) => {
    const envFloor = result.envCredentialsBaseline;
    return [
      {
        section: 'cold start',
        name: `${result.function} bundle`,
        value: formatBytes(result.bundleBytes),
        baseline: formatBytes(result.baselineBundleBytes),
        ratio: ratio(result.bundleBytes, result.baselineBundleBytes),
        target: targets.bundle,
        note: `baseline ${result.baselineEntry.replace(/^bench\/baselines\//, '')}`,
      },
      coldRow(result, 'start→answer', {
        value: formatMs(result.totalMs),
        baseline: formatMs(result.baselineTotalMs),
        ratio: ratio(result.totalMs, result.baselineTotalMs),
        note:
          `CPU ${formatMs(result.cpuMs)} vs ${formatMs(result.baselineCpuMs)} (${formatRatio(ratio(result.cpuMs, result.baselineCpuMs))}); ` +
          `import ${formatMs(result.importMs)} vs ${formatMs(result.baselineImportMs)}, ` +
          `first event ${formatMs(result.firstEventMs)} vs ${formatMs(result.baselineFirstEventMs)}; ${result.firstEvent}`,
      }),
      // Our own layer over the same SDK: the floor bundled as the functions are (cdk/bundling.ts's aliases).
      ...(envFloor
        ? [
            coldRow(result, 'start→answer, floor with env credentials', {
              value: formatMs(result.totalMs),
              baseline: formatMs(envFloor.totalMs),
              ratio: ratio(result.totalMs, envFloor.totalMs),
              note:
                `the floor bundled as the functions are (the environment's credentials, no browser user-agent ` +
                `parser; ${formatBytes(envFloor.bundleBytes)}); CPU ${formatMs(result.cpuMs)} vs ` +
                `${formatMs(envFloor.cpuMs)} (${formatRatio(ratio(result.cpuMs, envFloor.cpuMs))})`,
            }),
          ]
        : []),
      ...(result.instructions !== undefined && result.baselineInstructions !== undefined
        ? [
            coldRow(result, 'start→answer, instructions', {
              value: millions(result.instructions),
              baseline: millions(result.baselineInstructions),
              ratio: ratio(result.instructions, result.baselineInstructions),
              note: `callgrind, whole process, median of ${result.runs}; the times above are valgrind's then`,
            }),
          ]
        : []),
      ...(result.instructions !== undefined && envFloor?.instructions !== undefined
        ? [
            coldRow(result, 'start→answer, instructions, floor with env credentials', {
              value: millions(result.instructions),
              baseline: millions(envFloor.instructions),
              ratio: ratio(result.instructions, envFloor.instructions),
              note: `callgrind, median of ${result.runs}: our layer over the same SDK`,
            }),
          ]
        : []),
    ];
  });

const routeLabel = (result: RouteMeasurement) =>
  `${result.route}${result.variant ? ` (${result.variant})` : ''}`;

export const warmRows = (results: RouteMeasurement[]): Row[] =>
  results.flatMap((result) => {
    const floorCalls = result.unavoidable.flat().length;
    const calls = `${result.calls.length} call${result.calls.length === 1 ? '' : 's'} in ${result.roundTrips} round trip${result.roundTrips === 1 ? '' : 's'}; floor ${floorCalls} in ${result.unavoidable.length}; CPU ${formatMs(result.cpuMs.handler)} vs ${formatMs(result.cpuMs.raw)}`;
    if (result.unavoidable.length === 0)
      return [
        {
          section: 'warm',
          name: `${routeLabel(result)} p50`,
          value: formatMs(result.handlerMs.p50),
          baseline: '-',
          ratio: Number.NaN,
          note: `p99 ${formatMs(result.handlerMs.p99)}; no DynamoDB call, no baseline`,
        },
      ];
    return [
      {
        section: 'warm',
        name: `${routeLabel(result)} p50`,
        value: formatMs(result.handlerMs.p50),
        baseline: formatMs(result.rawMs.p50),
        ratio: ratio(result.handlerMs.p50, result.rawMs.p50),
        target: targets.warmP50,
        note: calls,
      },
      {
        section: 'warm',
        name: `${routeLabel(result)} p99`,
        value: formatMs(result.handlerMs.p99),
        baseline: formatMs(result.rawMs.p99),
        ratio: ratio(result.handlerMs.p99, result.rawMs.p99),
        // Nearest rank: under 100 samples the p99 is the slowest sample, one pause of the machine's.
        ...(result.samples >= MIN_SAMPLES_FOR_P99
          ? { target: targets.warmP99, note: `${result.samples} samples` }
          : {
              note: `${result.samples} samples: under ${MIN_SAMPLES_FOR_P99}, the p99 is the slowest one; not judged`,
            }),
      },
    ];
  });

export const loadRows = (results: LoadMeasurement[]): Row[] =>
  results.flatMap((result) => [
    {
      section: 'load',
      name: `${result.route} req/s`,
      value: formatCount(result.api.requestsPerSecond),
      baseline: formatCount(result.baseline.requestsPerSecond),
      ratio: ratio(result.api.requestsPerSecond, result.baseline.requestsPerSecond),
      note: `${result.api.expected}/${result.api.total} as expected, ${result.api.non2xx} non-2xx, ${result.api.errors} errors, ${result.api.timeouts} timeouts; ${result.connections} connections`,
    },
    {
      section: 'load',
      name: `${result.route} p99`,
      value: `${result.api.latencyP99} ms`,
      baseline: `${result.baseline.latencyP99} ms`,
      ratio: ratio(result.api.latencyP99, result.baseline.latencyP99),
      note: `p50 ${result.api.latencyP50} ms vs ${result.baseline.latencyP50} ms`,
    },
  ]);

export const totpRows = (result: TotpMeasurement): Row[] => [
  {
    section: 'totp',
    name: 'verify (open secret + window) /s',
    value: formatCount(result.verifyPerSecond),
    baseline: formatCount(result.oneHmacPerSecond),
    ratio: ratio(result.verifyPerSecond, result.oneHmacPerSecond),
    note: 'baseline: one raw HMAC-SHA1',
  },
  {
    section: 'totp',
    name: 'verify vs the 3-step window',
    value: formatCount(result.verifyPerSecond),
    baseline: formatCount(result.threeHmacPerSecond),
    ratio: ratio(result.verifyPerSecond, result.threeHmacPerSecond),
    note: 'baseline: three raw HMAC-SHA1; data key kept by the warm container',
  },
  {
    section: 'totp',
    name: 'verify, data key unwrapped each time',
    value: formatCount(result.verifyUnwrappingPerSecond),
    baseline: formatCount(result.threeHmacPerSecond),
    ratio: ratio(result.verifyUnwrappingPerSecond, result.threeHmacPerSecond),
    note: 'baseline: three raw HMAC-SHA1; a first login in this container',
  },
];

export const searchRows = (result: SearchMeasurement | { skipped: string }): Row[] => {
  if ('skipped' in result)
    return [
      {
        section: 'search',
        name: 'customer search',
        value: 'skipped',
        baseline: '',
        ratio: Number.NaN,
        note: result.skipped,
      },
    ];
  return [
    {
      section: 'search',
      name: `load ${formatCount(result.customers)} customers`,
      value: `${result.loadSecondsWhenBuilt.toFixed(0)} s`,
      baseline: '-',
      ratio: Number.NaN,
      note: `${formatCount(result.searchItems)} search items, BatchWriteItem; ${result.loadSeconds === undefined ? `loaded ${result.loadedAt}, reused` : 'loaded in this run'}`,
    },
    ...result.queries.flatMap((query) => [
      {
        section: 'search',
        name: `"${query.query}" p50`,
        value: formatMs(query.handlerMs.p50),
        baseline: formatMs(query.rawQueryMs.p50),
        ratio: ratio(query.handlerMs.p50, query.rawQueryMs.p50),
        note: `${query.hits} hits; ${query.calls.length} calls: ${query.calls.join(', ')}`,
      },
      {
        section: 'search',
        name: `"${query.query}" p99`,
        value: formatMs(query.handlerMs.p99),
        baseline: formatMs(query.rawQueryMs.p99),
        ratio: ratio(query.handlerMs.p99, query.rawQueryMs.p99),
        note: `baseline: one raw Query on the same term prefix, the handler's first page`,
      },
    ]),
  ];
};

export const auditRows = (result: AuditVerifyMeasurement | { skipped: string }): Row[] => {
  if ('skipped' in result)
    return [
      {
        section: 'audit',
        name: 'audit verify',
        value: 'skipped',
        baseline: '',
        ratio: Number.NaN,
        note: result.skipped,
      },
    ];
  return [
    {
      section: 'audit',
      name: `verify ${formatCount(result.events)} events/s`,
      value: formatCount(result.verify.eventsPerSecond),
      baseline: formatCount(result.floor.eventsPerSecond),
      ratio: ratio(result.verify.eventsPerSecond, result.floor.eventsPerSecond),
      note: `${result.verify.ok ? 'OK' : 'PROBLEMS FOUND'} in ${(result.verify.elapsedMs / 1000).toFixed(1)} s; ${formatCount(result.subjects)} chains, ${formatBytes(result.exportBytes)} export; floor: gunzip + JSON.parse + one SHA-256 per event`,
    },
    {
      section: 'audit',
      name: 'verify peak RSS',
      value: formatBytes(result.verify.peakRssBytes),
      baseline: formatBytes(result.floor.peakRssBytes),
      ratio: ratio(result.verify.peakRssBytes, result.floor.peakRssBytes),
      note: 'whole process, as maxRSS',
    },
  ];
};
