// A monthly cost estimate read from the synthesized templates: what is billed while nothing happens
// (alarms, custom metrics, keys, the web ACL, the schedules) and what 10,000 recoveries add. Prices are
// list prices for eu-west-1 (USD, late 2025, no free tier); the usage of one recovery is an assumption
// written out below. `npx tsx ops/cost-estimate.ts --write` renders it into docs/deploy.md between its
// cost-estimate markers; test/infra/cost.test.ts fails while that block is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { EdgeWafStack } from '../cdk/constructs/edge';
import { MfaRecoveryStack } from '../cdk/stack';
import { businessMetrics } from '../lib/observability/metric-names';
import { functions } from '../lib/routes';
import { repoRoot } from '../tooling/repo-root';

export type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

export const prices = {
  alarmMetric: 0.1,
  customMetric: 0.3,
  dashboard: 3,
  insightRule: 0.5,
  kmsKey: 1,
  secret: 0.4,
  webAcl: 5,
  wafRule: 1,
  wafPerMillionRequests: 0.6,
  lambdaPerMillionRequests: 0.2,
  lambdaPerGbSecond: 0.0000166667,
  httpApiPerMillionRequests: 1.11,
  cloudFrontPer10kRequests: 0.012,
  dynamoDbPerMillionWrites: 0.7063,
  dynamoDbPerMillionReads: 0.1413,
  kmsPer10kRequests: 0.03,
  sesPer1000Emails: 0.1,
  logsPerGb: 0.57,
} as const;

/** Detailed metrics of one HTTP API route: Count, Latency, IntegrationLatency, 4xx, 5xx, DataProcessed. */
export const METRICS_PER_DETAILED_ROUTE = 6;

/** One recovery, triage to re-enrollment, as the procedure runs it (docs/procedure.md); an assumption. */
export const oneRecovery = {
  /** Console and enrollment page calls: triage, search, ~10 checks, email code, disable, 4 enrollment steps. */
  apiRequests: 40,
  /** Average function time and memory per request and per stream batch. */
  lambdaSeconds: 0.15,
  lambdaGb: 0.5,
  /** Stream and reconciliation invocations (the emails). */
  backgroundInvocations: 6,
  /** On-demand units: every change is a transaction (twice the units) with its audit event and outbox entry. */
  dynamoDbWrites: 120,
  dynamoDbReads: 200,
  /** Keyed hashes of answers and codes, data keys of the TOTP secret and of the audit texts. */
  kmsRequests: 15,
  /** The email code, the reset email, "2FA is back on". */
  emails: 3,
  /** Two log lines of ~1 KB per request and per background invocation. */
  logKilobytes: 2 * (40 + 6),
} as const;

const count = (resources: Resources, type: string) =>
  Object.values(resources).filter((resource) => resource.Type === type).length;

/** Metrics an alarm is billed for: each metric it reads, an expression without metrics as one. */
const alarmMetrics = (resources: Resources) =>
  Object.values(resources)
    .filter((resource) => resource.Type === 'AWS::CloudWatch::Alarm')
    .reduce((sum, alarm) => {
      const metrics = alarm.Properties?.Metrics as { MetricStat?: unknown }[] | undefined;
      if (!metrics) return sum + 1;
      return sum + Math.max(1, metrics.filter((metric) => metric.MetricStat).length);
    }, 0);

const detailedRoutes = (resources: Resources) =>
  Object.values(resources)
    .filter((resource) => resource.Type === 'AWS::ApiGatewayV2::Stage')
    .flatMap((stage) =>
      Object.values(
        (stage.Properties?.RouteSettings ?? {}) as Record<string, { DetailedMetricsEnabled?: boolean }>,
      ),
    )
    .filter((setting) => setting.DetailedMetricsEnabled === true).length;

/** What the schedules run while nobody calls: invocations and GB-seconds a month (30 days). */
const scheduledUse = () => {
  let invocations = 0;
  let gbSeconds = 0;
  for (const definition of Object.values(functions) as {
    memoryMb: number;
    schedules?: { expression: string }[];
  }[])
    for (const schedule of definition.schedules ?? []) {
      const minutes = /^rate\((\d+) minutes?\)$/.exec(schedule.expression)?.[1];
      const perMonth = minutes
        ? (30 * 24 * 60) / Number(minutes)
        : /^rate\(1 hour\)$/.test(schedule.expression)
          ? 30 * 24
          : 30;
      invocations += perMonth;
      // A run that finds nothing to do: about a second.
      gbSeconds += perMonth * (definition.memoryMb / 1024);
    }
  return { invocations, gbSeconds };
};

export interface CostLine {
  item: string;
  quantity: number;
  monthlyUsd: number;
}

export const atRest = (stack: Resources, edge: Resources): CostLine[] => {
  const routeMetrics = detailedRoutes(stack) * METRICS_PER_DETAILED_ROUTE;
  const scheduled = scheduledUse();
  const wafRules = Object.values(edge)
    .filter((resource) => resource.Type === 'AWS::WAFv2::WebACL')
    .reduce((sum, acl) => sum + ((acl.Properties?.Rules as unknown[] | undefined)?.length ?? 0), 0);
  const lines: CostLine[] = [
    {
      item: 'CloudWatch alarms (per metric read)',
      quantity: alarmMetrics(stack),
      monthlyUsd: prices.alarmMetric,
    },
    { item: 'Business metrics (EMF)', quantity: businessMetrics.length, monthlyUsd: prices.customMetric },
    { item: 'Detailed API route metrics', quantity: routeMetrics, monthlyUsd: prices.customMetric },
    {
      item: 'Contributor Insights rules',
      quantity: count(stack, 'AWS::CloudWatch::InsightRule'),
      monthlyUsd: prices.insightRule,
    },
    {
      item: 'Dashboards',
      quantity: count(stack, 'AWS::CloudWatch::Dashboard'),
      monthlyUsd: prices.dashboard,
    },
    {
      item: 'KMS keys',
      quantity: count(stack, 'AWS::KMS::Key') + count(edge, 'AWS::KMS::Key'),
      monthlyUsd: prices.kmsKey,
    },
    {
      item: 'Secrets Manager secrets',
      quantity: count(stack, 'AWS::SecretsManager::Secret'),
      monthlyUsd: prices.secret,
    },
    { item: 'WAF web ACLs', quantity: count(edge, 'AWS::WAFv2::WebACL'), monthlyUsd: prices.webAcl },
    { item: 'WAF rules', quantity: wafRules, monthlyUsd: prices.wafRule },
    {
      item: 'Scheduled invocations (Lambda)',
      quantity: Math.round(scheduled.invocations),
      monthlyUsd:
        (scheduled.invocations / 1e6) * prices.lambdaPerMillionRequests +
        scheduled.gbSeconds * prices.lambdaPerGbSecond,
    },
  ];
  // Per unit above; the scheduled line is already a total.
  return lines.map((line) =>
    line.item.startsWith('Scheduled') ? line : { ...line, monthlyUsd: line.quantity * line.monthlyUsd },
  );
};

export const per10kRecoveries = (): CostLine[] => {
  const n = 10_000;
  const requests = n * oneRecovery.apiRequests;
  const invocations = requests + n * oneRecovery.backgroundInvocations;
  return [
    {
      item: 'CloudFront, WAF and API Gateway requests',
      quantity: requests,
      monthlyUsd:
        (requests / 1e4) * prices.cloudFrontPer10kRequests +
        (requests / 1e6) * (prices.wafPerMillionRequests + prices.httpApiPerMillionRequests),
    },
    {
      item: 'Lambda invocations',
      quantity: invocations,
      monthlyUsd:
        (invocations / 1e6) * prices.lambdaPerMillionRequests +
        invocations * oneRecovery.lambdaSeconds * oneRecovery.lambdaGb * prices.lambdaPerGbSecond,
    },
    {
      item: 'DynamoDB on-demand units',
      quantity: n * (oneRecovery.dynamoDbWrites + oneRecovery.dynamoDbReads),
      monthlyUsd:
        ((n * oneRecovery.dynamoDbWrites) / 1e6) * prices.dynamoDbPerMillionWrites +
        ((n * oneRecovery.dynamoDbReads) / 1e6) * prices.dynamoDbPerMillionReads,
    },
    {
      item: 'KMS requests',
      quantity: n * oneRecovery.kmsRequests,
      monthlyUsd: ((n * oneRecovery.kmsRequests) / 1e4) * prices.kmsPer10kRequests,
    },
    {
      item: 'SES emails',
      quantity: n * oneRecovery.emails,
      monthlyUsd: ((n * oneRecovery.emails) / 1000) * prices.sesPer1000Emails,
    },
    {
      item: 'CloudWatch Logs ingestion (KB)',
      quantity: n * oneRecovery.logKilobytes,
      monthlyUsd: ((n * oneRecovery.logKilobytes) / 1024 / 1024) * prices.logsPerGb,
    },
  ];
};

/** The stack and the web ACL stack as `npx cdk synth` would make them, without building the code. */
export const synthesizedResources = () => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const edge = new EdgeWafStack(app, 'CostEdge', {
    env: { region: 'us-east-1', account: '123456789012' },
    protectedStack: 'Cost',
    protectedRegion: 'eu-west-1',
    alarmEmail: 'ops@example.com',
  });
  const stack = new MfaRecoveryStack(app, 'Cost', {
    senderEmail: 'no-reply@example.com',
    securityAlertEmail: 'security@example.com',
    alarmEmail: 'ops@example.com',
    loginServicePrincipal: '210987654321',
    env: { region: 'eu-west-1', account: '123456789012' },
  });
  const resourcesOf = (template: Template) => template.toJSON().Resources as Resources;
  return { stack: resourcesOf(Template.fromStack(stack)), edge: resourcesOf(Template.fromStack(edge)) };
};

const usd = (value: number) => `$${value.toFixed(2)}`;

export const costTable = (lines: CostLine[]) =>
  [
    '| item | quantity | USD a month |',
    '| --- | --- | --- |',
    ...lines.map(
      (line) => `| ${line.item} | ${line.quantity.toLocaleString('en-US')} | ${usd(line.monthlyUsd)} |`,
    ),
    `| **total** | | **${usd(lines.reduce((sum, line) => sum + line.monthlyUsd, 0))}** |`,
  ].join('\n');

/** The block in docs/deploy.md: at rest, then what 10,000 recoveries add. */
export const costEstimate = ({ stack, edge }: { stack: Resources; edge: Resources }) =>
  [
    '**At rest** (the stack and its web ACL, nobody calling):',
    '',
    costTable(atRest(stack, edge)),
    '',
    `**Per 10,000 recoveries** (one recovery: ${oneRecovery.apiRequests} API requests, ${oneRecovery.emails} emails, ${oneRecovery.dynamoDbWrites} write and ${oneRecovery.dynamoDbReads} read units, ${oneRecovery.kmsRequests} KMS calls; \`ops/cost-estimate.ts\`):`,
    '',
    costTable(per10kRecoveries()),
  ].join('\n');

export const COST_BLOCK = /(<!-- cost-estimate -->)([\s\S]*?)(<!-- \/cost-estimate -->)/;

if (process.argv[1] && /ops[\\/]cost-estimate\.ts$/.test(process.argv[1])) {
  const text = costEstimate(synthesizedResources());
  if (!process.argv.includes('--write')) console.log(text);
  else {
    const path = join(repoRoot(), 'docs', 'deploy.md');
    const page = readFileSync(path, 'utf8');
    if (!COST_BLOCK.test(page)) throw new Error('docs/deploy.md has no cost-estimate block');
    writeFileSync(
      path,
      page.replace(
        COST_BLOCK,
        (_all, open: string, _old: string, close: string) => `${open}\n\n${text}\n\n${close}`,
      ),
    );
  }
}
