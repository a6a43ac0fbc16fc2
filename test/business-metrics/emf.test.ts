// The EMF lines a function writes after an invocation: the shape Powertools Metrics wrote and CloudWatch
// reads, written only when metrics are on (POWERTOOLS_METRICS_DISABLED, then POWERTOOLS_DEV).
import { countMetric, emfLines, withBusinessMetrics } from '../../lib/business-metrics/business-metrics';
import { businessMetrics, type BusinessMetric } from '../../lib/observability/metric-names';

const envKeys = ['POWERTOOLS_METRICS_DISABLED', 'POWERTOOLS_DEV'] as const;
const saved = Object.fromEntries(envKeys.map((key) => [key, process.env[key]]));
afterEach(() => {
  jest.restoreAllMocks();
  for (const key of envKeys)
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
});

it('writes the counts as one EMF line: namespace, the service as the only dimension, a Count per metric', () => {
  const lines = emfLines(
    new Map<BusinessMetric, number>([
      ['LoginVerifyOk', 1],
      ['NotificationsSent', 3],
    ]),
    1796653371472,
  );
  // Byte for byte what Powertools Metrics 2.36 printed for the same counts and time.
  expect(lines).toEqual([
    '{"_aws":{"Timestamp":1796653371472,"CloudWatchMetrics":[{"Namespace":"MfaRecovery","Dimensions":[["service"]],' +
      '"Metrics":[{"Name":"LoginVerifyOk","Unit":"Count"},{"Name":"NotificationsSent","Unit":"Count"}]}]},' +
      '"service":"mfa-recovery","LoginVerifyOk":1,"NotificationsSent":3}',
  ]);
});

it('splits more than 100 metrics over lines, as CloudWatch takes at most 100 per line', () => {
  const names = Array.from({ length: 150 }, (_, index) => `${businessMetrics[0]}${index}` as BusinessMetric);
  const lines = emfLines(new Map(names.map((name) => [name, 1])), 0).map(
    (line) => JSON.parse(line) as { _aws: { CloudWatchMetrics: { Metrics: unknown[] }[] } },
  );
  expect(lines.map((line) => line._aws.CloudWatchMetrics[0]!.Metrics.length)).toEqual([100, 50]);
});

const printed = async (
  env: Partial<Record<(typeof envKeys)[number], string>>,
  invocation: () => Promise<void> = async () => countMetric('NotificationsSent', 2),
) => {
  for (const key of envKeys) delete process.env[key];
  Object.assign(process.env, env);
  const out: string[] = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
  await withBusinessMetrics(invocation);
  jest.restoreAllMocks();
  return out;
};

it('flushes an invocation’s counts once, unless metrics are disabled', async () => {
  const [line, ...rest] = await printed({ POWERTOOLS_METRICS_DISABLED: 'false', POWERTOOLS_DEV: 'true' });
  expect(rest).toEqual([]);
  expect(JSON.parse(line!)).toMatchObject({ service: 'mfa-recovery', NotificationsSent: 2 });
  expect(await printed({ POWERTOOLS_METRICS_DISABLED: 'true' })).toEqual([]);
  expect(await printed({ POWERTOOLS_DEV: '1' })).toEqual([]);
  expect(await printed({})).toHaveLength(1);
});

it('writes nothing for an invocation that counted nothing', async () => {
  expect(await printed({ POWERTOOLS_METRICS_DISABLED: 'false' }, async () => undefined)).toEqual([]);
});

const sentCounts = (lines: string[]) =>
  lines.map((line) => (JSON.parse(line) as { NotificationsSent?: number }).NotificationsSent ?? 0);

it('writes every count once when invocations overlap (the local server runs several at once)', async () => {
  let releaseFirst = () => {};
  const firstWaits = new Promise<void>((resolve) => (releaseFirst = resolve));
  const lines = await printed({ POWERTOOLS_METRICS_DISABLED: 'false' }, async () => {
    const first = withBusinessMetrics(async () => {
      countMetric('NotificationsSent', 1);
      await firstWaits;
      countMetric('NotificationsSent', 10);
    });
    await withBusinessMetrics(async () => countMetric('NotificationsSent', 100));
    releaseFirst();
    await first;
    countMetric('NotificationsSent', 1000);
  });
  // The second invocation ends first and writes what both had counted; the first writes its later count;
  // the outer invocation (the test's wrapper) the last. No count is lost or written twice.
  expect(sentCounts(lines)).toEqual([101, 10, 1000]);
});

it('counts nothing while no invocation runs (a script, a test fixture) and flushes an invocation that threw', async () => {
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  countMetric('NotificationsSent', 7);
  const out: string[] = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
  await expect(
    withBusinessMetrics(async () => {
      countMetric('NotificationsSent', 2);
      throw new Error('the handler failed after counting');
    }),
  ).rejects.toThrow('the handler failed');
  jest.restoreAllMocks();
  expect(sentCounts(out)).toEqual([2]);
});
