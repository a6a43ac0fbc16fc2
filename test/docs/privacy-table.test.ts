// The privacy table in docs/privacy.md is a statement a data-protection officer signs off: each row's
// "how long" is held against what the synthesized template and the code actually keep, so a changed
// TTL, log retention or bucket rule fails here until the table says it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as logs from 'aws-cdk-lib/aws-logs';
import { WAF_LOG_DAYS, WAF_REDACTED_HEADERS } from '../../cdk/constructs/edge';
import { CLOUDFRONT_LOG_DAYS } from '../../cdk/constructs/web';
import { LEDGER_RETENTION_DAYS } from '../../lib/audit/outbox';
import { tables } from '../../lib/data/tables';
import { IDEMPOTENCY_RETENTION_SECONDS } from '../../lib/idempotency/store';
import { APPROVAL_RETENTION_DAYS } from '../../lib/reset/store';
import { TICKET_RETENTION_DAYS } from '../../lib/tickets/ticket';
import { VERIFICATION_RETENTION_DAYS } from '../../lib/verification/store';
import { isOwnFunction, sharedStack, type Resource } from '../infra/synth';

interface Row {
  data: string;
  where: string;
  howLong: string;
}

const privacyRows = (): Row[] => {
  const text = readFileSync(join(__dirname, '../../docs/privacy.md'), 'utf8');
  const lines = text.split('\n').filter((line) => line.startsWith('| '));
  return lines.slice(1).map((line) => {
    const cells = line
      .slice(1, -1)
      .split(' | ')
      .map((cell) => cell.trim());
    return { data: cells[0] ?? '', where: cells[1] ?? '', howLong: cells[3] ?? '' };
  });
};

const rowsWhere = (where: string) => privacyRows().filter((row) => row.where.includes(where));
const oneRow = (where: string, data?: RegExp) => {
  const rows = rowsWhere(where).filter((row) => !data || data.test(row.data));
  expect(rows.map((row) => row.data)).toHaveLength(1);
  return rows[0] as Row;
};

let resources: Record<string, Resource>;
const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);

beforeAll(() => {
  ({ resources } = sharedStack());
}, 180_000);

describe('the privacy table holds what the template and the code keep', () => {
  it('names every DynamoDB table, and says TTL exactly where the table has one', () => {
    const deployed = ofType('AWS::DynamoDB::GlobalTable');
    expect(deployed).toHaveLength(Object.keys(tables).length);
    for (const definition of Object.values(tables)) {
      const [, table] = deployed.find(([id]) => id.includes(definition.baseName)) ?? [];
      expect(table).toBeDefined();
      const rows = rowsWhere(`\`${definition.baseName}\``);
      expect({ table: definition.baseName, rows: rows.length }).not.toEqual({
        table: definition.baseName,
        rows: 0,
      });
      const hasTtl = Boolean(table?.Properties.TimeToLiveSpecification?.Enabled);
      for (const row of rows)
        expect({
          table: definition.baseName,
          saysTtl: /\bTTL\b/.test(row.howLong) && !/no TTL/.test(row.howLong),
        }).toEqual({
          table: definition.baseName,
          saysTtl: hasTtl,
        });
    }
  });

  it('gives the periods the code writes into each TTL attribute', () => {
    expect(oneRow('`Verifications`').howLong).toContain(`${VERIFICATION_RETENTION_DAYS} days TTL`);
    expect(oneRow('`EnrollmentTickets`').howLong).toContain(`TTL ${TICKET_RETENTION_DAYS} days after`);
    expect(APPROVAL_RETENTION_DAYS).toBe(365);
    expect(oneRow('`Approvals`').howLong).toContain('TTL a year after expiry');
    expect(oneRow('`Notifications`').howLong).toContain(`${LEDGER_RETENTION_DAYS} days TTL`);
    expect(IDEMPOTENCY_RETENTION_SECONDS).toBe(24 * 3600);
    expect(oneRow('`IdempotencyKeys`').howLong).toContain('24 hours TTL');
  });

  it('gives the point-in-time recovery window every table has', () => {
    const windows = ofType('AWS::DynamoDB::GlobalTable').map(([, table]) => {
      const spec = table.Properties.Replicas[0].PointInTimeRecoverySpecification;
      return spec.PointInTimeRecoveryEnabled ? (spec.RecoveryPeriodInDays ?? 35) : 0;
    });
    expect(new Set(windows)).toEqual(new Set([35]));
    expect(oneRow('DynamoDB PITR').howLong).toBe('35 days');
  });

  it('says no table keeps DynamoDB Contributor Insights, and none does', () => {
    for (const [, table] of ofType('AWS::DynamoDB::GlobalTable'))
      expect(table.Properties.Replicas[0].ContributorInsightsSpecification?.Enabled ?? false).toBe(false);
    expect(oneRow('Contributor Insights').howLong).toContain('DynamoDB: not enabled on any table');
  });

  it('gives the log groups their retention: functions three months, API access logs a year', () => {
    const retentionOf = (id: string) => resources[id]?.Properties.RetentionInDays;
    const functionLogGroups = ofType('AWS::Lambda::Function')
      .filter(([, fn]) => isOwnFunction(fn))
      .map(([, fn]) => fn.Properties.LoggingConfig?.LogGroup?.Ref as string);
    expect(functionLogGroups.length).toBeGreaterThan(5);
    expect(new Set(functionLogGroups.map(retentionOf))).toEqual(new Set([90]));
    expect(oneRow('CloudWatch Logs', /^Lambda logs/).howLong).toBe('3 months');

    const accessLogGroup = ofType('AWS::ApiGatewayV2::Stage')[0]?.[1].Properties.AccessLogSettings
      .DestinationArn['Fn::GetAtt'][0] as string;
    expect(retentionOf(accessLogGroup)).toBe(365);
    expect(oneRow('CloudWatch Logs', /^API access logs/).howLong).toBe('1 year');
    // The web ACL's log, in its own stack: kept as long as the edge constant says, credentials redacted.
    expect(WAF_LOG_DAYS).toBe(logs.RetentionDays.THREE_MONTHS);
    const waf = oneRow('aws-waf-logs-');
    expect(waf.howLong).toBe('3 months');
    for (const redacted of ['query string', ...WAF_REDACTED_HEADERS]) expect(waf.data).toContain(redacted);
  });

  it('gives the access-log bucket its lifecycle, and the dead-letter queues their retention', () => {
    const distribution = ofType('AWS::CloudFront::Distribution')[0]?.[1];
    const logBucketId = distribution?.Properties.DistributionConfig.Logging.Bucket['Fn::GetAtt'][0] as string;
    const rules = resources[logBucketId]?.Properties.LifecycleConfiguration.Rules;
    expect(rules).toEqual([
      expect.objectContaining({ ExpirationInDays: CLOUDFRONT_LOG_DAYS, Status: 'Enabled' }),
    ]);
    expect(oneRow('logs bucket').howLong).toBe(`${CLOUDFRONT_LOG_DAYS} days (lifecycle rule)`);

    const queueDays = ofType('AWS::SQS::Queue').map(
      ([, queue]) => queue.Properties.MessageRetentionPeriod / 86400,
    );
    expect(new Set(queueDays)).toEqual(new Set([14]));
    expect(oneRow('dead-letter queues').howLong).toBe('14 days');
    // SES's own bounce events (the recipient's address) wait there when mailFeedback cannot record them.
    expect(ofType('AWS::SQS::Queue').some(([id]) => id.includes('mailFeedbackDeadLetters'))).toBe(true);
    expect(privacyRows().find((row) => row.where.includes('dead-letter queues'))).toBeDefined();
    expect(readFileSync(join(__dirname, '../../docs/privacy.md'), 'utf8')).toMatch(
      /`mailFeedbackDeadLetters`: SES's bounce or complaint events, which name the recipient's address/,
    );
    // A bounce marks the customer with SES's class only, and the table says so.
    expect(oneRow('`Customers`', /`lastMailFeedback`/).data).toContain('no address, no SES text');
  });

  it('gives the export bucket the retention from context', () => {
    const exportBuckets = ofType('AWS::S3::Bucket').filter(
      ([, bucket]) => bucket.Properties.ObjectLockEnabled === true,
    );
    expect(exportBuckets.length).toBeGreaterThan(0);
    const exportRow = oneRow('daily exports in the locked bucket');
    expect(exportRow.howLong).toContain('`auditRetentionDays`');
    expect(exportRow.howLong).toContain('table: no TTL');
  });
});
