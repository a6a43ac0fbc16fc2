// The audit export in AWS, as the template deploys it: a daily schedule that exports the AuditEvents table, a
// function that may export, read the bucket and sign with the digest key — and still no role that can
// rewrite or delete an audit item (test/infra/grants.test.ts).
import type { Template } from 'aws-cdk-lib/assertions';
import { sharedStack, synthesizeStack, type Resource } from './synth';

let template: Template;
let ofType: (type: string) => [string, Resource][];
let resources: Record<string, Resource>;

beforeAll(() => {
  ({ template, ofType, resources } = sharedStack());
}, 120000);

const exportFunctionId = () => {
  const found = ofType('AWS::Lambda::Function').find(([, fn]) =>
    String(fn.Properties.Description ?? '').startsWith('Scheduled: point-in-time export'),
  );
  if (!found) throw new Error('no audit export function in the template');
  return found[0];
};

/** Every statement of the policies attached to the role of the given function. */
const statementsOf = (functionId: string) => {
  const role = resources[functionId]?.Properties.Role['Fn::GetAtt'][0];
  return ofType('AWS::IAM::Policy')
    .filter(([, policy]) => policy.Properties.Roles.some((ref: { Ref: string }) => ref.Ref === role))
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as Record<string, any>[]);
};

const actionsOf = (statement: Record<string, any>) => [statement.Action].flat() as string[];

describe('the scheduled audit export', () => {
  it('runs the export daily and the digest hourly, with retries and a dead-letter queue', () => {
    const functionId = exportFunctionId();
    const schedules = ofType('AWS::Scheduler::Schedule').map(([, schedule]) => schedule.Properties);
    const daily = schedules.find((schedule) => schedule.ScheduleExpression === 'cron(15 2 * * ? *)');
    expect(daily).toMatchObject({
      State: 'ENABLED',
      ScheduleExpressionTimezone: 'Etc/UTC',
      Target: {
        Arn: { 'Fn::GetAtt': [functionId, 'Arn'] },
        Input: JSON.stringify({ action: 'startExports' }),
        RetryPolicy: { MaximumRetryAttempts: 3 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [expect.any(String), 'Arn'] } },
      },
    });
    const hourly = schedules.find((schedule) => schedule.ScheduleExpression === 'rate(1 hour)');
    expect(hourly?.Target.Input).toBe(JSON.stringify({ action: 'digestCompletedExports' }));
    // Failed runs end up in one queue, whichever way they fail, and the queue raises an alarm.
    const queueId = daily?.Target.DeadLetterConfig.Arn['Fn::GetAtt'][0];
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: functionId },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
    });
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, alarm]) => JSON.stringify(alarm.Properties));
    expect(alarms.some((alarm) => alarm.includes(queueId))).toBe(true);
  });

  it('lets the locked bucket receive AuditEvents exports only: the one table the function may export', () => {
    const auditTableId = ofType('AWS::DynamoDB::GlobalTable').find(
      ([, table]) => table.Properties.KeySchema[0].AttributeName === 'subject',
    )?.[0];
    expect(auditTableId).toBeDefined();
    // Every role in the stack: none but the export function's may export, and it only AuditEvents.
    const exportStatements = ofType('AWS::IAM::Policy')
      .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as Record<string, any>[])
      .filter((statement) =>
        actionsOf(statement).some(
          (action) => action === 'dynamodb:ExportTableToPointInTime' || action === 'dynamodb:*',
        ),
      );
    expect(exportStatements).toHaveLength(1);
    expect(exportStatements[0]?.Resource).toEqual({ 'Fn::GetAtt': [auditTableId, 'Arn'] });
    const functionEnv = resources[exportFunctionId()]?.Properties.Environment.Variables;
    expect(functionEnv.AUDIT_EVENTS_TABLE_ARN).toEqual({ 'Fn::GetAtt': [auditTableId, 'Arn'] });
    // The schedule names no table: the function reads its one table from the environment.
    const inputs = ofType('AWS::Scheduler::Schedule').map(([, schedule]) =>
      JSON.parse(schedule.Properties.Target.Input),
    );
    expect(inputs).toEqual(
      expect.arrayContaining([{ action: 'startExports' }, { action: 'digestCompletedExports' }]),
    );
    for (const input of inputs) expect(Object.keys(input)).toEqual(['action']);
  });

  it('lets the function write exports into the bucket and read them back', () => {
    const statements = statementsOf(exportFunctionId());
    const bucketId = ofType('AWS::S3::Bucket').find(([, bucket]) => bucket.Properties.ObjectLockEnabled)?.[0];
    const s3Statement = statements.find((statement) => actionsOf(statement).includes('s3:PutObject'));
    expect(actionsOf(s3Statement ?? {}).sort()).toEqual([
      's3:AbortMultipartUpload',
      's3:GetObject',
      's3:PutObject',
      's3:PutObjectAcl',
    ]);
    expect(s3Statement?.Resource).toEqual({
      'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/exports/*']],
    });
    const functionEnv = resources[exportFunctionId()]?.Properties.Environment.Variables;
    expect(functionEnv.AUDIT_EXPORT_BUCKET).toEqual({ Ref: bucketId });
  });

  it('signs digests with an asymmetric P-256 key the function may only sign with', () => {
    const keyId = ofType('AWS::KMS::Key').find(([, key]) => key.Properties.KeySpec === 'ECC_NIST_P256')?.[0];
    template.hasResourceProperties('AWS::KMS::Key', { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    const kmsStatements = statementsOf(exportFunctionId()).filter((statement) =>
      actionsOf(statement).some((action) => action.startsWith('kms:')),
    );
    expect(kmsStatements).toHaveLength(1);
    expect(actionsOf(kmsStatements[0] ?? {}).sort()).toEqual(['kms:GetPublicKey', 'kms:Sign']);
    expect(kmsStatements[0]?.Resource).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    const env = resources[exportFunctionId()]?.Properties.Environment.Variables;
    expect(env.AUDIT_DIGEST_KEY_ID).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
  });

  it('gives the export function no data-plane access to any table: it exports, it does not read or write', () => {
    const dataActions = statementsOf(exportFunctionId())
      .flatMap(actionsOf)
      .filter((action) => /^dynamodb:(Get|BatchGet|Query|Scan|Put|Update|Delete|BatchWrite)/.test(action));
    expect(dataActions).toEqual([]);
  });

  it('lets nobody but the export function put objects into the locked bucket, whatever their IAM grants', () => {
    const bucketId = ofType('AWS::S3::Bucket').find(([, bucket]) => bucket.Properties.ObjectLockEnabled)?.[0];
    const roleId = resources[exportFunctionId()]?.Properties.Role['Fn::GetAtt'][0];
    const policy = ofType('AWS::S3::BucketPolicy').find(
      ([, candidate]) => candidate.Properties.Bucket.Ref === bucketId,
    )?.[1];
    const statements = (policy?.Properties.PolicyDocument.Statement ?? []) as Record<string, any>[];
    const fence = statements.find((statement) => statement.Sid === 'OnlyTheExportFunctionWrites');
    expect(fence).toMatchObject({
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 's3:PutObject',
      Condition: { ArnNotEquals: { 'aws:PrincipalArn': [{ 'Fn::GetAtt': [roleId, 'Arn'] }] } },
    });
    expect(JSON.stringify(fence?.Resource)).toContain(String(bucketId));
  });

  it('lets nobody, the export function included, put a digest or failure note without If-None-Match', () => {
    const bucketId = ofType('AWS::S3::Bucket').find(([, bucket]) => bucket.Properties.ObjectLockEnabled)?.[0];
    const policy = ofType('AWS::S3::BucketPolicy').find(
      ([, candidate]) => candidate.Properties.Bucket.Ref === bucketId,
    )?.[1];
    const statements = (policy?.Properties.PolicyDocument.Statement ?? []) as Record<string, any>[];
    const fence = statements.find((statement) => statement.Sid === 'DigestsAreNeverReplaced');
    expect(fence).toMatchObject({
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 's3:PutObject',
      Condition: { Null: { 's3:if-none-match': 'true' } },
    });
    const resources = JSON.stringify(fence?.Resource);
    expect(resources).toContain('/exports/*/digests/*');
    expect(resources).toContain('/exports/*/failures/*');
  });

  it('lets nobody but the export function sign with the digest key, not even an account admin', () => {
    const key = ofType('AWS::KMS::Key').find(
      ([, candidate]) => candidate.Properties.KeySpec === 'ECC_NIST_P256',
    )?.[1];
    const roleId = resources[exportFunctionId()]?.Properties.Role['Fn::GetAtt'][0];
    const statements = key?.Properties.KeyPolicy.Statement as Record<string, any>[];
    expect(statements.find((statement) => statement.Sid === 'OnlyTheExportFunctionSigns')).toMatchObject({
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 'kms:Sign',
      Condition: { ArnNotEquals: { 'aws:PrincipalArn': [{ 'Fn::GetAtt': [roleId, 'Arn'] }] } },
    });
    // No statement of the key policy allows Sign to anyone else by name.
    const allowsSign = statements.filter(
      (statement) =>
        statement.Effect === 'Allow' && actionsOf(statement).some((action) => action === 'kms:Sign'),
    );
    expect(allowsSign).toEqual([]);
  });
});

describe('with -c auditorHeadsBucketArn', () => {
  const auditors = 'arn:aws:s3:::auditors-heads-example';
  let withHeads: ReturnType<typeof synthesizeStack>;
  beforeAll(() => {
    withHeads = synthesizeStack('AuditorHeadsStack', { auditorHeadsBucketArn: auditors }, { bundle: false });
  }, 120000);

  it('may put tree heads under heads/ of the auditors’ bucket, and do nothing else there', () => {
    const fn = withHeads
      .ofType('AWS::Lambda::Function')
      .find(([, candidate]) =>
        String(candidate.Properties.Description ?? '').startsWith('Scheduled: point-in-time export'),
      );
    expect(fn?.[1].Properties.Environment.Variables.AUDITOR_HEADS_BUCKET).toBe('auditors-heads-example');
    const role = fn?.[1].Properties.Role['Fn::GetAtt'][0];
    const onAuditorsBucket = withHeads
      .ofType('AWS::IAM::Policy')
      .filter(([, policy]) => policy.Properties.Roles.some((ref: { Ref: string }) => ref.Ref === role))
      .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as Record<string, any>[])
      .filter((statement) => JSON.stringify(statement.Resource).includes('auditors-heads-example'));
    expect(onAuditorsBucket).toEqual([
      expect.objectContaining({ Effect: 'Allow', Action: 's3:PutObject', Resource: `${auditors}/heads/*` }),
    ]);
  });

  it('is absent without the context value: no grant outside this account', () => {
    const env = resources[exportFunctionId()]?.Properties.Environment.Variables;
    expect(env.AUDITOR_HEADS_BUCKET).toBeUndefined();
  });
});
