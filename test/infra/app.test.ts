// `cdk deploy` refuses placeholder values: the app marks the stack with an error naming every missing
// context key (the CDK CLI then stops the synth), unless `-c allowPlaceholders=true` says it is a test.
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../cdk/app';
import { functions, type FunctionDefinition, type FunctionName } from '../../lib/routes';

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

describe('how long a warm function keeps a data key', () => {
  it('reaches exactly the functions that seal or open secrets as DATA_KEY_CACHE_SECONDS when set', () => {
    const deployed = Object.values(
      Template.fromStack(
        buildApp({ ...complete, dataKeyCacheSeconds: '0', ...noBundling }).stack,
      ).findResources('AWS::Lambda::Function'),
    );
    const byName = (Object.keys(functions) as FunctionName[]).map((name) => {
      const fn = deployed.find(
        (resource) => resource.Properties?.Description === functions[name].description,
      );
      return [name, fn?.Properties?.Environment?.Variables?.DATA_KEY_CACHE_SECONDS] as const;
    });
    const withSecrets = byName.filter(
      ([name]) => ((functions[name] as FunctionDefinition).secretPurposes ?? []).length > 0,
    );
    expect(withSecrets.map(([name]) => name)).toEqual(
      expect.arrayContaining(['loginServiceApi', 'enrollmentApi', 'adminApi']),
    );
    for (const [name, value] of byName)
      expect([name, value]).toEqual([name, withSecrets.some(([other]) => other === name) ? '0' : undefined]);
  });

  it('refuses a time that is not whole seconds, naming the setting', () => {
    for (const value of ['300s', '-1', '1.5'])
      expect(errorsOf({ ...complete, dataKeyCacheSeconds: value })[0]).toContain('-c dataKeyCacheSeconds=');
  });
});

describe('the waiting periods after a reset', () => {
  it('reach the functions as RECOVERY_DELAY_*_MINUTES when set (unset, lib/config.ts has the defaults)', () => {
    const variables = Object.values(
      Template.fromStack(
        buildApp({ ...complete, recoveryDelayPrivilegedMinutes: '2880', ...noBundling }).stack,
      ).findResources('AWS::Lambda::Function'),
    ).map((fn) => fn.Properties?.Environment?.Variables ?? {});
    expect(variables.map((set) => set.RECOVERY_DELAY_PRIVILEGED_MINUTES)).toContain('2880');
    expect(variables.some((set) => 'RECOVERY_DELAY_STANDARD_MINUTES' in set)).toBe(false);
  });

  it('refuses a wait that is not whole minutes, naming the setting', () => {
    expect(errorsOf({ ...complete, recoveryDelayStandardMinutes: '1.5' })[0]).toContain(
      '-c recoveryDelayStandardMinutes=',
    );
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

describe('capacity kept for logins', () => {
  const templateOf = (context: Record<string, string>) =>
    Template.fromStack(buildApp({ ...complete, ...context, ...noBundling }).stack).toJSON();
  const reservedBy = (template: Record<string, any>) =>
    Object.fromEntries(
      Object.values(template.Resources as Record<string, any>)
        .filter((resource) => resource.Type === 'AWS::Lambda::Function')
        .flatMap((fn) => {
          const name = (Object.keys(functions) as FunctionName[]).find(
            (candidate) => functions[candidate].description === fn.Properties.Description,
          );
          return name ? [[name, fn.Properties.ReservedConcurrentExecutions]] : [];
        })
        .filter(([, reserved]) => reserved !== undefined),
    );

  it('reserves executions for the login function only when -c loginServiceConcurrency asks (0: none)', () => {
    expect(reservedBy(templateOf({}))).toEqual({});
    expect(reservedBy(templateOf({ loginServiceConcurrency: '50' }))).toEqual({ loginServiceApi: 50 });
    expect(reservedBy(templateOf({ loginServiceConcurrency: '0' }))).toEqual({});
  });

  it('pages within a minute when the login function is throttled, with its runbook section, and once', () => {
    const template = templateOf({ loginServiceConcurrency: '50' });
    const resources = template.Resources as Record<string, any>;
    const loginId = Object.entries(resources).find(
      ([, resource]) =>
        resource.Type === 'AWS::Lambda::Function' &&
        resource.Properties.Description === functions.loginServiceApi.description,
    )?.[0];
    const onLoginThrottles = Object.values(resources).filter(
      (resource) =>
        resource.Type === 'AWS::CloudWatch::Alarm' &&
        resource.Properties.MetricName === 'Throttles' &&
        JSON.stringify(resource.Properties.Dimensions).includes(`"${loginId}"`),
    );
    expect(onLoginThrottles).toHaveLength(1);
    expect(onLoginThrottles[0].Properties).toMatchObject({
      Namespace: 'AWS/Lambda',
      Period: 60,
      Statistic: 'Sum',
      Threshold: 1,
      EvaluationPeriods: 1,
      AlarmDescription: expect.stringMatching(/Runbook: docs\/operations\.md#loginthrottles$/),
    });
    expect(onLoginThrottles[0].Properties.AlarmActions).toHaveLength(1);
  });
});

describe('settings that would synthesize and then fail at cold start or deploy', () => {
  const synth = (context: Record<string, string>) => () =>
    buildApp({ ...complete, ...context, ...noBundling });
  const custom = { publicBaseUrl: 'https://recovery.bank.example' };
  const certificate = (region: string) => `arn:aws:acm:${region}:123456789012:certificate/0123abcd-0000-0000`;

  it('stops on enrollLinkMode=login without a loginUrl, naming the key, even with placeholders allowed', () => {
    expect(synth({ enrollLinkMode: 'login' })).toThrow(
      /^-c enrollLinkMode=login needs -c loginUrl=https:\/\/…/,
    );
    expect(synth({ enrollLinkMode: 'login', allowPlaceholders: 'true' })).toThrow(/-c loginUrl=/);
    expect(synth({ enrollLinkMode: 'login', loginUrl: 'not a url' })).toThrow(
      /-c loginUrl=https:\/\/… must be a URL/,
    );
    // A typo is not taken for direct links.
    expect(synth({ enrollLinkMode: 'Login', loginUrl: 'https://login.bank.example' })).toThrow(
      '-c enrollLinkMode=direct|login (not "Login")',
    );
  });

  it('stops on a web certificate outside us-east-1, where CloudFront cannot use it', () => {
    expect(synth({ ...custom, webCertificateArn: certificate('eu-west-1') })).toThrow(
      /^-c webCertificateArn must be an ACM certificate in us-east-1.*\(not eu-west-1\)/,
    );
    expect(synth({ ...custom, webCertificateArn: 'arn:aws:iam::123456789012:server-certificate/x' })).toThrow(
      /-c webCertificateArn=arn:aws:acm:us-east-1:/,
    );
  });

  it('synthesizes the honest settings: login links with their URL, a us-east-1 certificate', () => {
    expect(
      errorsOf({ ...complete, enrollLinkMode: 'login', loginUrl: 'https://login.bank.example/' }),
    ).toEqual([]);
    expect(errorsOf({ ...complete, ...custom, webCertificateArn: certificate('us-east-1') })).toEqual([]);
    expect(errorsOf({ ...complete, enrollLinkMode: 'direct' })).toEqual([]);
  });
});

describe('names CloudFront and WAF keep for the whole account', () => {
  const inRegion = (region: string) => buildApp({ ...complete, region, ...noBundling });
  /** CloudFront's resources are global, and a CloudFront web ACL always lives in us-east-1. */
  const globalNames = (built: ReturnType<typeof buildApp>) =>
    [built.stack, built.edge].flatMap((stack) =>
      Object.values(Template.fromStack(stack).toJSON().Resources as Record<string, any>)
        .filter((resource) => /^AWS::(CloudFront|WAFv2|Logs)::/.test(resource.Type))
        .map((resource) => {
          const p = resource.Properties ?? {};
          return (
            p.Name ??
            p.LogGroupName ??
            p.ResponseHeadersPolicyConfig?.Name ??
            p.OriginAccessControlConfig?.Name ??
            p.CachePolicyConfig?.Name
          );
        })
        .filter((name): name is string => typeof name === 'string'),
    );

  it('one stack name in two regions: two web ACL stacks, and no CloudFront or WAF name shared', () => {
    const west = inRegion('eu-west-1');
    const central = inRegion('eu-central-1');
    expect(west.edge.stackName).not.toBe(central.edge.stackName);
    expect(west.edge.stackName).toContain('eu-west-1');
    const taken = new Set(globalNames(west));
    expect(taken.size).toBeGreaterThanOrEqual(6);
    expect(globalNames(central).filter((name) => taken.has(name))).toEqual([]);
    for (const name of globalNames(west)) expect(name).toContain('eu-west-1');
  });
});

describe('the web ACL logs and pages', () => {
  const edge = () => Template.fromStack(buildApp({ ...complete, ...noBundling }).edge).toJSON();
  const ofType = (template: Record<string, any>, type: string) =>
    Object.entries(template.Resources as Record<string, any>).filter(
      ([, resource]) => resource.Type === type,
    );

  it('logs to an aws-waf-logs-* group kept 90 days, with query strings and credentials redacted', () => {
    const template = edge();
    // One group and one logging configuration: without them WAF logs nothing.
    expect(ofType(template, 'AWS::Logs::LogGroup')).toHaveLength(1);
    expect(ofType(template, 'AWS::WAFv2::LoggingConfiguration')).toHaveLength(1);
    const [[groupId, group]] = ofType(template, 'AWS::Logs::LogGroup') as [[string, any]];
    expect(group.Properties.LogGroupName).toMatch(/^aws-waf-logs-MfaRecovery-eu-west-1$/);
    expect(group.Properties.RetentionInDays).toBe(90);
    const [[, logging]] = ofType(template, 'AWS::WAFv2::LoggingConfiguration') as [[string, any]];
    const [[aclId]] = ofType(template, 'AWS::WAFv2::WebACL') as [[string, any]];
    expect(logging.Properties.ResourceArn).toEqual({ 'Fn::GetAtt': [aclId, 'Arn'] });
    expect(logging.Properties.LogDestinationConfigs).toEqual([{ 'Fn::GetAtt': [groupId, 'Arn'] }]);
    expect(logging.Properties.RedactedFields).toEqual(
      expect.arrayContaining([
        { QueryString: {} },
        { SingleHeader: { Name: 'authorization' } },
        { SingleHeader: { Name: 'cookie' } },
      ]),
    );
  });

  it('pages on a block rate above 20 % of at least 100 requests, twice in 5 minutes, through its own topic', () => {
    const template = edge();
    const [[aclId, acl]] = ofType(template, 'AWS::WAFv2::WebACL') as [[string, any]];
    expect(aclId).toBeDefined();
    const alarms = ofType(template, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
    expect(alarms).toHaveLength(1);
    const [alarm] = alarms;
    expect(alarm).toMatchObject({
      Threshold: 20,
      EvaluationPeriods: 2,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmDescription: expect.stringMatching(/Runbook: docs\/operations\.md#wafblockrate$/),
    });
    const metrics = alarm.Metrics as Record<string, any>[];
    const expression = metrics.find((metric) => metric.Expression)?.Expression as string;
    expect(expression).toContain('>= 100');
    const stats = metrics.filter((metric) => metric.MetricStat).map((metric) => metric.MetricStat.Metric);
    expect(stats.map((metric) => metric.MetricName).sort()).toEqual(['AllowedRequests', 'BlockedRequests']);
    for (const metric of stats) {
      expect(metric.Namespace).toBe('AWS/WAFV2');
      expect(metric.Dimensions).toEqual(
        expect.arrayContaining([
          { Name: 'WebACL', Value: acl.Properties.Name },
          { Name: 'Rule', Value: 'ALL' },
        ]),
      );
    }
    const [[topicId]] = ofType(template, 'AWS::SNS::Topic') as [[string, any]];
    expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
    const [[, subscription]] = ofType(template, 'AWS::SNS::Subscription') as [[string, any]];
    expect(subscription.Properties).toMatchObject({ Protocol: 'email', Endpoint: complete.alarmEmail });
  });
});

describe('staff mail from Cognito', () => {
  const poolOf = (context: Record<string, string>) => {
    const pools = Template.fromStack(
      buildApp({ ...complete, ...context, ...noBundling }).stack,
    ).findResources('AWS::Cognito::UserPool');
    return (Object.values(pools)[0] as { Properties: Record<string, any> }).Properties;
  };

  it("is sent through the stack's SES identity and configuration set with -c staffMailThroughSes=true", () => {
    const pool = poolOf({ staffMailThroughSes: 'true' });
    expect(pool.EmailConfiguration).toMatchObject({
      EmailSendingAccount: 'DEVELOPER',
      From: expect.stringContaining(complete.senderEmail),
      ConfigurationSet: { Ref: expect.stringMatching(/^MailConfigurationSet/) },
    });
    expect(JSON.stringify(pool.EmailConfiguration.SourceArn)).toContain(':identity/bank.example');
  });

  it("keeps Cognito's sender until SES has verified the domain (Cognito refuses an unverified identity)", () => {
    expect(poolOf({}).EmailConfiguration?.EmailSendingAccount ?? 'COGNITO_DEFAULT').toBe('COGNITO_DEFAULT');
  });
});
