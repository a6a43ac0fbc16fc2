// Running it in production, as synthesized: every alarm exists with its threshold and mails the
// operators' topic, the Contributor Insights rules rank staff from the JSON logs, the dashboard shows
// it all, and the outbox reconciliation runs every 5 minutes with only the grants it needs.
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { functions } from '../../lib/routes';
import { allowedOnTable, roleAccess, rolesOf } from './iam';
import { isOwnFunction, sharedStack, type Resource } from './synth';

let template: Template;
let resources: Record<string, Resource>;
let ofType: (type: string) => [string, Resource][];

beforeAll(() => {
  ({ template, resources, ofType } = sharedStack());
}, 180000);

const alarms = () => ofType('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
const topicId = () => {
  const topics = ofType('AWS::SNS::Topic');
  expect(topics).toHaveLength(1);
  return topics[0]![0];
};
const mailsTheOperators = (alarm: Record<string, any>) =>
  expect(alarm.AlarmActions).toEqual([{ Ref: topicId() }]);

/** The alarm on one MfaRecovery business metric. */
const businessAlarm = (metricName: string) => {
  const found = alarms().filter(
    (alarm) => alarm.Namespace === 'MfaRecovery' && alarm.MetricName === metricName,
  );
  expect(found).toHaveLength(1);
  const alarm = found[0]!;
  // Bounded dimensions: the service, never an id.
  expect(alarm.Dimensions).toEqual([{ Name: 'service', Value: 'mfa-recovery' }]);
  mailsTheOperators(alarm);
  return alarm;
};

/** The alarm whose metric math uses exactly these metrics or expression. */
const mathAlarm = (match: (metrics: Record<string, any>[]) => boolean) => {
  const found = alarms().filter((alarm) => alarm.Metrics && match(alarm.Metrics));
  expect(found).toHaveLength(1);
  mailsTheOperators(found[0]!);
  return found[0]!;
};

const usesMetric = (metrics: Record<string, any>[], metricName: string) =>
  metrics.some((metric) => metric.MetricStat?.Metric?.MetricName === metricName);

describe('alarms, mailed through the operators topic', () => {
  it('any "this wasn\'t me" report', () => {
    const alarm = businessAlarm('UnauthorizedResetReports');
    expect(alarm).toMatchObject({ Threshold: 1, Statistic: 'Sum', Period: 300 });
    expect(alarm.ComparisonOperator).toBe('GreaterThanOrEqualToThreshold');
  });

  it('more than 9 disables (direct and approved) in an hour', () => {
    const alarm = mathAlarm(
      (metrics) => usesMetric(metrics, 'DisablesDirect') && usesMetric(metrics, 'DisablesApproved'),
    );
    expect(alarm.Threshold).toBe(10);
    for (const metric of alarm.Metrics.filter((metric: any) => metric.MetricStat))
      expect(metric.MetricStat.Period).toBe(3600);
  });

  it('failed helpdesk verifications and login lockouts spiking', () => {
    expect(businessAlarm('VerificationsFailed')).toMatchObject({ Threshold: 10, Period: 3600 });
    expect(businessAlarm('Lockouts')).toMatchObject({ Threshold: 20, Period: 900 });
  });

  it('reset emails failing, and notifications left unsettled across three reconciliation runs', () => {
    expect(businessAlarm('ResetEmailsFailed')).toMatchObject({ Threshold: 1, Period: 300 });
    expect(businessAlarm('OutboxBacklog')).toMatchObject({
      Threshold: 1,
      Statistic: 'Minimum',
      EvaluationPeriods: 3,
      Period: 300,
    });
  });

  it("the notifier's iterator age over 15 minutes", () => {
    const found = alarms().filter((alarm) => alarm.MetricName === 'IteratorAge');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ Namespace: 'AWS/Lambda', Threshold: 900000, Statistic: 'Maximum' });
    const notifier = Object.entries(resources).find(
      ([, resource]) =>
        resource.Type === 'AWS::Lambda::Function' &&
        isOwnFunction(resource) &&
        String(resource.Properties.Description).startsWith('AuditEvents stream consumer'),
    );
    expect(found[0]!.Dimensions).toEqual([{ Name: 'FunctionName', Value: { Ref: notifier?.[0] } }]);
    mailsTheOperators(found[0]!);
  });

  it('API 5xx, and p99 latency of the login verify route with its detailed route metrics on', () => {
    const serverErrors = alarms().filter((alarm) => alarm.MetricName === '5xx');
    expect(serverErrors).toHaveLength(1);
    expect(serverErrors[0]).toMatchObject({ Namespace: 'AWS/ApiGateway', Threshold: 5, Statistic: 'Sum' });
    const latency = alarms().filter((alarm) => alarm.MetricName === 'Latency');
    expect(latency).toHaveLength(1);
    expect(latency[0]).toMatchObject({ ExtendedStatistic: 'p99', Threshold: 1000, EvaluationPeriods: 3 });
    expect(latency[0]!.Dimensions).toEqual(
      expect.arrayContaining([
        { Name: 'Resource', Value: '/internal/customers/{customerId}/2fa/verify' },
        { Name: 'Method', Value: 'POST' },
        { Name: 'Stage', Value: '$default' },
      ]),
    );
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      RouteSettings: {
        'POST /internal/customers/{customerId}/2fa/verify': Match.objectLike({
          DetailedMetricsEnabled: true,
        }),
      },
    });
  });

  it('DynamoDB throttles on every table', () => {
    const tablesDeployed = ofType('AWS::DynamoDB::GlobalTable').map(([id]) => id);
    for (const tableId of tablesDeployed) {
      const alarm = mathAlarm((metrics) =>
        metrics.some(
          (metric) =>
            metric.MetricStat?.Metric?.MetricName === 'ReadThrottleEvents' &&
            JSON.stringify(metric.MetricStat.Metric.Dimensions).includes(tableId),
        ),
      );
      expect(alarm.Threshold).toBe(1);
      expect(usesMetric(alarm.Metrics, 'WriteThrottleEvents')).toBe(true);
    }
  });

  it("SES bounce and complaint rates, from the account's reputation metrics", () => {
    const bounce = alarms().filter((alarm) => alarm.MetricName === 'Reputation.BounceRate');
    const complaint = alarms().filter((alarm) => alarm.MetricName === 'Reputation.ComplaintRate');
    expect(bounce).toHaveLength(1);
    expect(complaint).toHaveLength(1);
    expect(bounce[0]).toMatchObject({
      Namespace: 'AWS/SES',
      Threshold: 0.04,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    expect(complaint[0]).toMatchObject({ Namespace: 'AWS/SES', Threshold: 0.0008 });
    mailsTheOperators(bounce[0]!);
    mailsTheOperators(complaint[0]!);
  });
});

describe('one staff member doing many resets', () => {
  const rules = () => ofType('AWS::CloudWatch::InsightRule').map(([, rule]) => rule.Properties);
  const ruleBody = (rule: Record<string, any>) => {
    // The body is JSON with the log group names as references: render the references to compare.
    const body = rule.RuleBody['Fn::Join'] ? rule.RuleBody['Fn::Join'][1] : [rule.RuleBody];
    return body.map((part: unknown) => (typeof part === 'string' ? part : JSON.stringify(part))).join('');
  };

  it('ranks staff by disables and by passed verifications from the JSON logs of the staff functions', () => {
    expect(
      rules()
        .map((rule) => rule.RuleName)
        .sort(),
    ).toEqual(['TestStack-StaffDisables', 'TestStack-StaffPassedVerifications']);
    const disables = ruleBody(rules().find((rule) => rule.RuleName === 'TestStack-StaffDisables')!);
    expect(disables).toContain('"Keys":["$.staffId"]');
    expect(disables).toContain('{"Match":"$.recoveryAction","In":["DisablesDirect","DisablesApproved"]}');
    expect(disables).toContain('"LogFormat":"JSON"');
    const adminLogs = Object.entries(resources).find(
      ([id, resource]) => resource.Type === 'AWS::Logs::LogGroup' && id.startsWith('FunctionsadminApiLogs'),
    );
    expect(adminLogs).toBeDefined();
    expect(disables).toContain(adminLogs![0]);
    const passed = ruleBody(rules().find((rule) => rule.RuleName === 'TestStack-StaffPassedVerifications')!);
    expect(passed).toContain('{"Match":"$.recoveryAction","In":["VerificationsPassed"]}');
  });

  it('alarms when one staff member does 4 disables or 8 passed verifications in an hour', () => {
    const byRule = (name: string) =>
      mathAlarm((metrics) =>
        metrics.some(
          (metric) => metric.Expression === `INSIGHT_RULE_METRIC('${name}', 'MaxContributorValue')`,
        ),
      );
    expect(byRule('TestStack-StaffDisables')).toMatchObject({ Threshold: 4 });
    expect(byRule('TestStack-StaffPassedVerifications')).toMatchObject({ Threshold: 8 });
  });
});

describe('the dashboard and the outbox reconciliation', () => {
  it('has one dashboard with the business metrics, the rankings and every alarm', () => {
    const dashboards = ofType('AWS::CloudWatch::Dashboard');
    expect(dashboards).toHaveLength(1);
    const body = JSON.stringify(dashboards[0]![1].Properties.DashboardBody);
    for (const metric of [
      'VerificationsFailed',
      'DisablesApproved',
      'LoginVerifyLocked',
      'ResetEmailsFailed',
      'OutboxBacklog',
    ])
      expect(body).toContain(metric);
    expect(body).toContain('MfaRecovery');
    expect(body).toContain('INSIGHT_RULE_METRIC');
    // The alarms of the business and the data (Operations); each function's own are on its page.
    for (const [alarmId] of ofType('AWS::CloudWatch::Alarm').filter(([alarmId]) =>
      alarmId.startsWith('Operations'),
    ))
      expect(body).toContain(alarmId);
  });

  it('runs the reconciliation every 5 minutes through EventBridge Scheduler', () => {
    // Two outboxes are reconciled every 5 minutes: the notifications' and the recovery events'.
    const targets = ofType('AWS::Scheduler::Schedule')
      .filter(([, schedule]) => schedule.Properties.ScheduleExpression === 'rate(5 minutes)')
      .map(([, schedule]) => schedule.Properties.Target);
    expect(targets).toHaveLength(2);
    const ofNotifications = targets.filter((target) =>
      /^Scheduled: delivers notifications still unsettled/.test(
        resources[target.Arn['Fn::GetAtt'][0]]?.Properties.Description ?? '',
      ),
    );
    expect(ofNotifications).toHaveLength(1);
    expect(JSON.parse(ofNotifications[0].Input)).toEqual({ action: 'reconcile' });
  });

  it('reads the backlog from a sparse index of the ledger, and lets request functions only add to the ledger', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [{ AttributeName: 'eventId', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'pending',
          KeySchema: [
            { AttributeName: 'pendingFlag', KeyType: 'HASH' },
            { AttributeName: 'pendingSince', KeyType: 'RANGE' },
          ],
          Projection: {
            ProjectionType: 'INCLUDE',
            NonKeyAttributes: ['auditSubject', 'auditSeq', 'status', 'kind', 'updatedAt'],
          },
        },
      ],
    });
    const ledgerId = ofType('AWS::DynamoDB::GlobalTable').find(([, table]) =>
      JSON.stringify(table.Properties.KeySchema).includes('eventId'),
    )![0];
    // Over every kind of policy the admin function's role has (test/infra/iam.ts), not one policy by its id.
    const adminRole = rolesOf(resources).find(
      (role) => role.function && role.function.Properties.Description === functions.adminApi.description,
    );
    const ledgerActions = allowedOnTable(roleAccess(resources, adminRole!.roleId).statements, ledgerId);
    expect(ledgerActions).toContain('dynamodb:PutItem');
    expect(ledgerActions).not.toContain('dynamodb:UpdateItem');
    expect(ledgerActions).not.toContain('dynamodb:DeleteItem');
  });
});
