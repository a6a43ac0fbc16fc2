// What an operator on call watches: alarms on the business metrics (a helpdesk being worked by
// attackers, reset emails failing), on the outbox, the API, DynamoDB and SES reputation; Contributor
// Insights rules ranking staff by disables and passed verifications; and one dashboard with all of it.
// Each alarm is explained in docs/operations.md (the runbook).
import { Duration, Stack } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { tables, type TableKey } from '../../lib/data/tables';
import {
  metricsNamespace,
  metricsService,
  rankedRecoveryActions,
  recoveryActionLog,
  type BusinessMetric,
} from '../../lib/observability/metric-names';
import { routes, type FunctionName, type TableRoute } from '../../lib/routes';
import type { AppFunction } from './app-function';
import { runbookAlarm, type RunbookAlarmOptions } from './runbook-alarm';

/** Alarm thresholds; the defaults suit one helpdesk team, a deployment may pass its own. */
export interface OperationsThresholds {
  /** Disables (direct and approved) in one hour across the helpdesk. */
  disablesPerHour: number;
  /** Helpdesk verifications that FAILED in one hour (callers who could not prove who they are). */
  failedVerificationsPerHour: number;
  /** Login lockouts started in 15 minutes (code guessing across customers). */
  lockoutsPer15Minutes: number;
  /** Disables by one staff member in one hour (Contributor Insights). */
  disablesPerStaffPerHour: number;
  /** Passed verifications by one staff member in one hour (Contributor Insights). */
  passedVerificationsPerStaffPerHour: number;
  /** 5xx answers of the API in 5 minutes. */
  api5xxPer5Minutes: number;
  /** p99 latency of the login verify route, in milliseconds. */
  loginVerifyP99Ms: number;
}

export const defaultOperationsThresholds: OperationsThresholds = {
  disablesPerHour: 10,
  failedVerificationsPerHour: 10,
  lockoutsPer15Minutes: 20,
  disablesPerStaffPerHour: 4,
  passedVerificationsPerStaffPerHour: 8,
  api5xxPer5Minutes: 5,
  loginVerifyP99Ms: 1000,
};

/** The notifier must catch up within this: a reset email later than that is an incident. */
const ITERATOR_AGE_LIMIT = Duration.minutes(15);
/** SES reviews an account at 5 % bounces and 0.1 % complaints; we want to hear well before. */
const SES_BOUNCE_RATE = 0.04;
/** The daily export's digest must appear within a day plus the two hours export and digest may take. */
const DIGEST_SILENCE_HOURS = 26;
const SES_COMPLAINT_RATE = 0.0008;

const business = (metric: BusinessMetric, period: Duration, statistic = 'Sum') =>
  new cloudwatch.Metric({
    namespace: metricsNamespace,
    metricName: metric,
    dimensionsMap: { service: metricsService },
    period,
    statistic,
  });

/**
 * Operations whose route latency an alarm reads. Only these routes get API Gateway's detailed metrics
 * (cdk/constructs/api.ts): each detailed route is six custom metrics billed every month, an alarm needs one.
 */
export const latencyAlarmedOperations = [
  'verifyTwoFactor',
] as const satisfies readonly TableRoute['operation'][];

const loginVerifyRoute = routes.find((route) => route.operation === latencyAlarmedOperations[0]);
/** The function every login calls: its throttles page as LoginThrottles (Monitoring skips them). */
export const loginFunction = 'loginServiceApi' satisfies FunctionName;

export class Operations extends Construct {
  readonly dashboard: cloudwatch.Dashboard;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(
    scope: Construct,
    id: string,
    props: {
      topic: sns.ITopic;
      functions: Record<FunctionName, AppFunction>;
      httpApi: apigw.HttpApi;
      tables: Record<TableKey, dynamodb.ITableV2>;
      thresholds?: Partial<OperationsThresholds>;
    },
  ) {
    super(scope, id);
    const limits = { ...defaultOperationsThresholds, ...props.thresholds };
    const alarm = (
      alarmId: string,
      description: string,
      metric: cloudwatch.IMetric,
      threshold: number,
      options: Omit<RunbookAlarmOptions, 'description' | 'metric' | 'threshold'> = {},
    ) => {
      const created = runbookAlarm(this, alarmId, props.topic, {
        description,
        metric,
        threshold,
        ...options,
      });
      this.alarms.push(created);
      return created;
    };

    // The helpdesk under attack.
    alarm(
      'UnauthorizedResetReported',
      'A customer reported a 2FA reset as "this wasn\'t me".',
      business('UnauthorizedResetReports', Duration.minutes(5)),
      1,
    );
    const disablesPerHour = new cloudwatch.MathExpression({
      expression: 'FILL(direct, 0) + FILL(approved, 0)',
      label: 'Disables',
      period: Duration.hours(1),
      usingMetrics: {
        direct: business('DisablesDirect', Duration.hours(1)),
        approved: business('DisablesApproved', Duration.hours(1)),
      },
    });
    alarm(
      'DisablesPerHour',
      `More than ${limits.disablesPerHour - 1} 2FA disables in one hour.`,
      disablesPerHour,
      limits.disablesPerHour,
    );
    alarm(
      'FailedVerificationsSpike',
      'Many helpdesk verifications failed in one hour: callers who cannot prove who they are.',
      business('VerificationsFailed', Duration.hours(1)),
      limits.failedVerificationsPerHour,
    );
    alarm(
      'LockoutsSpike',
      'Many login lockouts in 15 minutes: codes being guessed.',
      business('Lockouts', Duration.minutes(15)),
      limits.lockoutsPer15Minutes,
    );

    // Mail and the outbox.
    alarm(
      'ResetEmailsFailing',
      'A "2FA was reset" email failed for good.',
      business('ResetEmailsFailed', Duration.minutes(5)),
      1,
    );
    alarm(
      'ResetEmailBounced',
      'A "2FA was reset" email SES had accepted bounced: the customer has 2FA off and no link.',
      business('ResetEmailsBounced', Duration.minutes(5)),
      1,
    );
    alarm(
      'NotifierIteratorAge',
      'The notifier is more than 15 minutes behind the AuditEvents stream.',
      props.functions.notifier.metric('IteratorAge', { period: Duration.minutes(5), statistic: 'Maximum' }),
      ITERATOR_AGE_LIMIT.toMilliseconds(),
    );
    alarm(
      'OutboxBacklog',
      'Notifications stay unsettled across three reconciliation runs (15 minutes).',
      business('OutboxBacklog', Duration.minutes(5), 'Minimum'),
      1,
      { evaluationPeriods: 3 },
    );

    // The audit exports: the hourly digest run counts failed exports it notes and digests it writes.
    alarm(
      'AuditExportFailed',
      'A daily AuditEvents export FAILED (noted in exports/<day>/failures/ of the audit bucket).',
      business('AuditExportsFailed', Duration.hours(1)),
      1,
    );
    // 26 hourly counts of zero: one export a day, plus the hour its digest may take. The hourly run
    // reports its zeros; if the run itself fails, auditExportErrors and auditExportDeadLetters say so.
    alarm(
      'AuditDigestMissing',
      `No digest of an AuditEvents export was written in ${DIGEST_SILENCE_HOURS} hours.`,
      business('AuditDigestsWritten', Duration.hours(1)),
      1,
      {
        evaluationPeriods: DIGEST_SILENCE_HOURS,
        comparison: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      },
    );

    // The API and the data.
    alarm(
      'Api5xx',
      'The API answered with server errors.',
      props.httpApi.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
      limits.api5xxPer5Minutes,
    );
    if (!loginVerifyRoute) throw new Error('the route table has no verifyTwoFactor route');
    // Per-route metrics: detailed metrics are on for this route only (cdk/constructs/api.ts).
    const loginVerifyLatency = new cloudwatch.Metric({
      namespace: 'AWS/ApiGateway',
      metricName: 'Latency',
      dimensionsMap: {
        ApiId: props.httpApi.apiId,
        Stage: '$default',
        Resource: loginVerifyRoute.path,
        Method: loginVerifyRoute.method,
      },
      period: Duration.minutes(5),
      statistic: 'p99',
    });
    alarm(
      'LoginVerifyLatencyP99',
      `p99 latency of ${loginVerifyRoute.method} ${loginVerifyRoute.path} above ${limits.loginVerifyP99Ms} ms.`,
      loginVerifyLatency,
      limits.loginVerifyP99Ms,
      { evaluationPeriods: 3, comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD },
    );
    // A throttled login is a refused login: a page within minutes, with its own runbook (the quota, the
    // reserved concurrency), instead of the other functions' 5-minute throttles alarm.
    alarm(
      'LoginThrottles',
      'The login function was throttled: logins were refused (its reserved concurrency or the account quota).',
      props.functions[loginFunction].metricThrottles({ period: Duration.minutes(1), statistic: 'Sum' }),
      1,
    );
    const throttleMetrics: cloudwatch.IMetric[] = [];
    for (const key of Object.keys(tables) as TableKey[]) {
      // Ids unique across tables: the dashboard graphs all of them together.
      const metricOptions = { period: Duration.minutes(5), statistic: 'Sum' };
      const throttles = new cloudwatch.MathExpression({
        expression: `FILL(${key}Reads, 0) + FILL(${key}Writes, 0)`,
        label: `${tables[key].baseName} throttles`,
        period: Duration.minutes(5),
        usingMetrics: {
          [`${key}Reads`]: props.tables[key].metric('ReadThrottleEvents', metricOptions),
          [`${key}Writes`]: props.tables[key].metric('WriteThrottleEvents', metricOptions),
        },
      });
      throttleMetrics.push(throttles);
      alarm(`${tables[key].baseName}Throttles`, `DynamoDB throttled ${tables[key].baseName}.`, throttles, 1, {
        runbook: 'DynamoDbThrottles',
      });
    }

    // SES reputation, account-wide (the account's metrics, not a configuration set's).
    const sesRate = (metricName: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/SES',
        metricName,
        period: Duration.hours(1),
        statistic: 'Maximum',
      });
    alarm(
      'SesBounceRate',
      `SES bounce rate above ${SES_BOUNCE_RATE * 100} % (SES reviews the account at 5 %).`,
      sesRate('Reputation.BounceRate'),
      SES_BOUNCE_RATE,
      { comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD },
    );
    alarm(
      'SesComplaintRate',
      `SES complaint rate above ${SES_COMPLAINT_RATE * 100} % (SES reviews the account at 0.1 %).`,
      sesRate('Reputation.ComplaintRate'),
      SES_COMPLAINT_RATE,
      { comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD },
    );

    // One staff member doing many resets (the Scattered Spider pattern): ids are never metric
    // dimensions, so Contributor Insights ranks the "recovery action" log lines of the staff functions.
    const staffFunctions = [
      ...new Set(routes.filter((route) => route.auth.type === 'jwt').map((route) => route.function)),
    ];
    const logGroupNames = staffFunctions.map((name) => props.functions[name].logGroup.logGroupName);
    const rankings = [
      {
        id: 'StaffDisables',
        actions: rankedRecoveryActions.disables,
        threshold: limits.disablesPerStaffPerHour,
        what: '2FA disables (direct or approved)',
      },
      {
        id: 'StaffPassedVerifications',
        actions: rankedRecoveryActions.passedVerifications,
        threshold: limits.passedVerificationsPerStaffPerHour,
        what: 'passed verifications',
      },
    ] as const;
    const rankingMetrics: cloudwatch.IMetric[] = [];
    for (const ranking of rankings) {
      const ruleName = `${Stack.of(this).stackName}-${ranking.id}`;
      new cloudwatch.CfnInsightRule(this, `${ranking.id}Rule`, {
        ruleName,
        ruleState: 'ENABLED',
        ruleBody: Stack.of(this).toJsonString({
          Schema: { Name: 'CloudWatchLogRule', Version: 1 },
          LogGroupNames: logGroupNames,
          LogFormat: 'JSON',
          Contribution: {
            Keys: [`$.${recoveryActionLog.staffField}`],
            Filters: [
              { Match: '$.message', In: [recoveryActionLog.message] },
              { Match: `$.${recoveryActionLog.actionField}`, In: [...ranking.actions] },
            ],
          },
          AggregateOn: 'Count',
        }),
      });
      const topContributor = new cloudwatch.MathExpression({
        expression: `INSIGHT_RULE_METRIC('${ruleName}', 'MaxContributorValue')`,
        label: `Most ${ranking.what} by one staff member`,
        period: Duration.hours(1),
        usingMetrics: {},
      });
      rankingMetrics.push(topContributor);
      alarm(
        `${ranking.id}PerHour`,
        `One staff member did ${ranking.threshold} or more ${ranking.what} in one hour; the rule ${ruleName} names them.`,
        topContributor,
        ranking.threshold,
      );
    }

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `${Stack.of(this).stackName}-operations`,
      defaultInterval: Duration.hours(24),
    });
    const graph = (title: string, metrics: BusinessMetric[], period = Duration.minutes(5)) =>
      new cloudwatch.GraphWidget({
        title,
        width: 8,
        left: metrics.map((metric) => business(metric, period)),
      });
    this.dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24, height: 6 }),
    );
    this.dashboard.addWidgets(
      graph('Helpdesk verifications', [
        'VerificationsStarted',
        'VerificationsPassed',
        'VerificationsFailed',
        'EmailCodesSent',
      ]),
      graph('Disables and approvals', [
        'DisablesDirect',
        'DisablesApproved',
        'DisablesRejected',
        'ApprovalsPending',
      ]),
      new cloudwatch.GraphWidget({ title: 'Top staff member per hour', width: 8, left: rankingMetrics }),
    );
    this.dashboard.addWidgets(
      graph('Login verify', [
        'LoginVerifyOk',
        'LoginVerifyFailed',
        'LoginVerifyReplayed',
        'LoginVerifyLocked',
        'Lockouts',
      ]),
      graph('Customers', [
        'Enrollments',
        'SelfServiceReplacements',
        'BackupCodesRenewed',
        'BackupCodesUsed',
        'UnauthorizedResetReports',
        'LockReleases',
      ]),
      graph('Emails and outbox', [
        'ResetEmailsSent',
        'ResetEmailsFailed',
        'ResetEmailsBounced',
        'NotificationsSent',
        'NotificationsFailed',
        'NotificationsBounced',
        'EmailComplaints',
        'UntrackedMailFeedback',
        'NotificationsReconciled',
        'OutboxBacklog',
      ]),
    );
    this.dashboard.addWidgets(
      graph('Audit exports', ['AuditDigestsWritten', 'AuditExportsFailed'], Duration.hours(1)),
    );
    // Resets avoided against resets done: the triage's two outcomes next to the disables and the
    // self-service that follows (weekly numbers per customer path: `npm run audit -- recovery`).
    this.dashboard.addWidgets(
      graph('Triage: self-service vs reset', [
        'TriagesSelfService',
        'TriagesVerify',
        'SelfServiceReplacements',
        'DisablesDirect',
        'DisablesApproved',
      ]),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'API 5xx and login verify p99 (ms)',
        width: 8,
        left: [props.httpApi.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' })],
        right: [loginVerifyLatency],
      }),
      new cloudwatch.GraphWidget({
        title: 'Notifier iterator age (ms)',
        width: 8,
        left: [
          props.functions.notifier.metric('IteratorAge', {
            period: Duration.minutes(5),
            statistic: 'Maximum',
          }),
        ],
      }),
      new cloudwatch.GraphWidget({ title: 'DynamoDB throttles', width: 8, left: throttleMetrics }),
    );
  }
}
