// `cdk deploy` refuses placeholder values: the app marks the stack with an error naming every missing
// context key (the CDK CLI then stops the synth), unless `-c allowPlaceholders=true` says it is a test.
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../cdk/app';

const complete = {
  senderEmail: 'no-reply@bank.example',
  securityAlertEmail: 'security@bank.example',
  alarmEmail: 'ops@bank.example',
  loginServicePrincipal: 'arn:aws:iam::210987654321:role/login-service',
  webAclArn:
    'arn:aws:wafv2:us-east-1:123456789012:global/webacl/mfa-recovery/0123abcd-0000-0000-0000-000000000000',
};

// The context the CDK CLI sets to bundle only the stacks it deploys; empty: none. Only the app's reading
// of context is tested here.
const noBundling = { 'aws:cdk:bundling-stacks': [] };

/** The errors CDK's CLI would print for the stack (Annotations.addError is node metadata). */
const errorsOf = (context: Record<string, string>) =>
  buildApp({ ...context, ...noBundling })
    .stack.node.metadata.filter((entry) => entry.type === 'aws:cdk:error')
    .map((entry) => String(entry.data));

describe('deploying with placeholders', () => {
  it('stops with a message naming every missing context key', () => {
    const [error, ...others] = errorsOf({});
    expect(others).toEqual([]);
    for (const key of Object.keys(complete)) expect(error).toContain(`-c ${key}=`);
    expect(error).toContain('allowPlaceholders=true');
  });

  it('names the one key left out', () => {
    for (const key of Object.keys(complete) as (keyof typeof complete)[]) {
      const { [key]: _left, ...rest } = complete;
      const errors = errorsOf(rest);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain(`-c ${key}=`);
      for (const other of Object.keys(rest)) expect(errors[0]).not.toContain(`-c ${other}=`);
    }
  });

  it('wants a custom host and its certificate together, and a whole number of reserved executions', () => {
    expect(errorsOf({ ...complete, publicBaseUrl: 'https://recovery.bank.example' })[0]).toContain(
      '-c webCertificateArn=',
    );
    expect(
      errorsOf({ ...complete, webCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/x' })[0],
    ).toContain('-c publicBaseUrl=');
    expect(errorsOf({ ...complete, loginServiceConcurrency: '20; DROP' })[0]).toContain(
      'loginServiceConcurrency',
    );
    expect(errorsOf({ ...complete, disablesPerHourTotal: 'ten' })[0]).toContain('-c disablesPerHourTotal=');
    // A regional web ACL cannot be attached to CloudFront.
    expect(
      errorsOf({ ...complete, webAclArn: 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/x/y' })[0],
    ).toContain('-c webAclArn=');
  });

  it('accepts complete values, and placeholders only when told they are placeholders', () => {
    expect(errorsOf(complete)).toEqual([]);
    expect(errorsOf({ allowPlaceholders: 'true' })).toEqual([]);
    expect(errorsOf({ allowPlaceholders: 'yes' })).toHaveLength(1);
  });

  it('refuses a login service principal that is neither an account id nor a role ARN', () => {
    for (const value of ['*', 'arn:aws:iam::210987654321:user/alice', '21098765432', 'arn:aws:iam::*:role/x'])
      expect(() => buildApp({ ...complete, loginServicePrincipal: value, ...noBundling })).toThrow(
        /loginServicePrincipal/,
      );
  });
});

describe('the limit for all admins together', () => {
  it('reaches the functions as VELOCITY_DISABLES_PER_HOUR_TOTAL when set (unset, lib/config.ts has the default)', () => {
    const template = Template.fromStack(
      buildApp({ ...complete, disablesPerHourTotal: '12', ...noBundling }).stack,
    );
    const totals = Object.values(template.findResources('AWS::Lambda::Function')).map(
      (fn) => fn.Properties?.Environment?.Variables?.VELOCITY_DISABLES_PER_HOUR_TOTAL,
    );
    expect(totals).toContain('12');
  });
});

describe('how long the audit exports are locked and kept', () => {
  const bucketOf = (context: Record<string, string>) => {
    const buckets = Template.fromStack(
      buildApp({ ...complete, ...context, ...noBundling }).stack,
    ).findResources('AWS::S3::Bucket', { Properties: { ObjectLockEnabled: true } });
    const [bucket, ...others] = Object.values(buckets);
    expect(others).toEqual([]);
    return bucket?.Properties as Record<string, any>;
  };
  const expiries = (bucket: Record<string, any>) =>
    (bucket.LifecycleConfiguration.Rules as Record<string, any>[]).filter(
      (rule) => rule.Status === 'Enabled',
    );

  it('locks in COMPLIANCE mode for seven years by default, and expires every version after the lock', () => {
    const bucket = bucketOf({});
    expect(bucket.ObjectLockConfiguration.Rule.DefaultRetention).toEqual({ Mode: 'COMPLIANCE', Days: 2557 });
    expect(expiries(bucket)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          ExpirationInDays: 2587,
          NoncurrentVersionExpiration: { NoncurrentDays: 2587 },
        }),
        expect.objectContaining({ ExpiredObjectDeleteMarker: true }),
      ]),
    );
  });

  it('takes a trial stack’s short GOVERNANCE retention from context', () => {
    const bucket = bucketOf({ auditRetentionDays: '7', auditLockMode: 'GOVERNANCE' });
    expect(bucket.ObjectLockConfiguration.Rule.DefaultRetention).toEqual({ Mode: 'GOVERNANCE', Days: 7 });
    expect(expiries(bucket)).toEqual(
      expect.arrayContaining([expect.objectContaining({ ExpirationInDays: 37 })]),
    );
    expect(bucketOf({ auditRetentionDays: '3650' }).ObjectLockConfiguration.Rule.DefaultRetention).toEqual({
      Mode: 'COMPLIANCE',
      Days: 3650,
    });
  });

  it('stops the synth on a retention or lock mode it cannot honour, even with placeholders allowed', () => {
    for (const days of ['0', '-1', '7.5', 'seven', '1e3', ' 30', '0030'])
      expect(() => buildApp({ allowPlaceholders: 'true', auditRetentionDays: days, ...noBundling })).toThrow(
        `-c auditRetentionDays=<whole days, 1 or more> (not "${days}")`,
      );
    for (const mode of ['compliance', 'GOVERNANCE ', 'LEGAL_HOLD', 'NONE'])
      expect(() => buildApp({ allowPlaceholders: 'true', auditLockMode: mode, ...noBundling })).toThrow(
        `-c auditLockMode=GOVERNANCE|COMPLIANCE (not "${mode}")`,
      );
  });

  it('stops the synth on an auditors’ heads bucket that is not an S3 bucket ARN', () => {
    for (const arn of [
      'auditors-heads',
      'arn:aws:s3:::auditors-heads/heads',
      'arn:aws:s3:eu-west-1::x',
      ' arn:aws:s3:::a-b',
    ])
      expect(() =>
        buildApp({ allowPlaceholders: 'true', auditorHeadsBucketArn: arn, ...noBundling }),
      ).toThrow(`-c auditorHeadsBucketArn=arn:aws:s3:::<bucket in the auditors' account> (not "${arn}")`);
  });
});
