// CDK entry: the stack with its context, checked by cdk-nag's AwsSolutions and Serverless packs.
// A deploy needs real values: without `-c allowPlaceholders=true`, every missing one is an error that
// stops the synth and names the context key, instead of a stack that sends links to example.com.
import { Annotations, App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { EdgeWafStack, isCloudFrontWebAclArn } from './constructs/edge';
import { MfaRecoveryStack, recoveryDelaySettings, type RecoveryDelaySetting } from './stack';

/** Context keys a deployment must set, with the value tests and local synths use instead. */
export const requiredContext = {
  senderEmail: 'no-reply@example.com',
  securityAlertEmail: 'security@example.com',
  alarmEmail: 'operators@example.com',
  loginServicePrincipal: '123456789012',
  webAclArn: '',
} as const;

const hints: Partial<Record<keyof typeof requiredContext, string>> = {
  loginServicePrincipal: ' (the account id or role ARN of the login service)',
  webAclArn: ' (output WebAclArn of the <stackName>EdgeWaf-<region> stack, deployed first, in us-east-1)',
};

/**
 * `-c auditRetentionDays` and `-c auditLockMode`: a wrong value stops the synth even with placeholders
 * allowed, because the lock it would set can never be shortened in COMPLIANCE mode.
 */
export const auditRetentionOf = (days: string | undefined, mode: string | undefined) => {
  if (days !== undefined && !/^[1-9]\d{0,5}$/.test(days))
    throw new Error(`-c auditRetentionDays=<whole days, 1 or more> (not "${days}")`);
  if (mode !== undefined && mode !== 'GOVERNANCE' && mode !== 'COMPLIANCE')
    throw new Error(`-c auditLockMode=GOVERNANCE|COMPLIANCE (not "${mode}")`);
  const lockMode: 'GOVERNANCE' | 'COMPLIANCE' | undefined = mode;
  return {
    ...(days === undefined ? {} : { exportRetentionDays: Number(days) }),
    ...(lockMode === undefined ? {} : { exportLockMode: lockMode }),
  };
};

export const buildApp = (context: Record<string, unknown> = {}) => {
  const app = new App({ context });
  const given = (name: string) => {
    const value: unknown = app.node.tryGetContext(name);
    return typeof value === 'string' && value.length > 0 ? value : undefined;
  };
  const setting = (name: string, fallback: string) => given(name) ?? fallback;
  const allowPlaceholders = given('allowPlaceholders') === 'true';
  const missing: string[] = [];
  const required = (name: keyof typeof requiredContext) => {
    const value = given(name);
    if (value === undefined) missing.push(`-c ${name}=…${hints[name] ?? ''}`);
    return value ?? requiredContext[name];
  };
  const publicBaseUrl = given('publicBaseUrl');
  const webCertificateArn = given('webCertificateArn');
  // A custom host needs its certificate, and a certificate its host; with neither, the pages and the
  // links in emails use the distribution's own *.cloudfront.net name, known after the first deploy step.
  if (publicBaseUrl && !webCertificateArn)
    missing.push('-c webCertificateArn=… (the ACM certificate in us-east-1 for the host of publicBaseUrl)');
  if (webCertificateArn && !publicBaseUrl)
    missing.push('-c publicBaseUrl=https://… (the host webCertificateArn is for)');
  const webAclArn = required('webAclArn');
  if (webAclArn && !isCloudFrontWebAclArn(webAclArn))
    missing.push(
      `-c webAclArn=arn:aws:wafv2:us-east-1:<account>:global/webacl/… (a CloudFront web ACL, not "${webAclArn}")`,
    );
  const concurrency = given('loginServiceConcurrency');
  if (concurrency !== undefined && !/^\d+$/.test(concurrency))
    missing.push(`-c loginServiceConcurrency=<a whole number> (not "${concurrency}")`);
  const disablesPerHourTotal = given('disablesPerHourTotal');
  if (disablesPerHourTotal !== undefined && !/^\d+$/.test(disablesPerHourTotal))
    missing.push(`-c disablesPerHourTotal=<a whole number> (not "${disablesPerHourTotal}")`);
  const dataKeyCacheSeconds = given('dataKeyCacheSeconds');
  if (dataKeyCacheSeconds !== undefined && !/^\d+$/.test(dataKeyCacheSeconds))
    missing.push(`-c dataKeyCacheSeconds=<whole seconds, 0 for none> (not "${dataKeyCacheSeconds}")`);
  // -c recoveryDelayPrivilegedMinutes=…, …WithoutPossession…, …Standard…: whole minutes.
  const recoveryDelayMinutes: Partial<Record<RecoveryDelaySetting, number>> = {};
  for (const setting of recoveryDelaySettings) {
    const name = `recoveryDelay${setting[0]?.toUpperCase()}${setting.slice(1)}Minutes`;
    const value = given(name);
    if (value === undefined) continue;
    if (/^\d+$/.test(value)) recoveryDelayMinutes[setting] = Number(value);
    else missing.push(`-c ${name}=<whole minutes> (not "${value}")`);
  }
  const audit = auditRetentionOf(given('auditRetentionDays'), given('auditLockMode'));
  const enrollLinkMode = setting('enrollLinkMode', 'direct');
  // A typo must not quietly fall back to direct links.
  if (enrollLinkMode !== 'direct' && enrollLinkMode !== 'login')
    throw new Error(`-c enrollLinkMode=direct|login (not "${enrollLinkMode}")`);
  const auditorHeadsBucketArn = given('auditorHeadsBucketArn');
  if (
    auditorHeadsBucketArn !== undefined &&
    !/^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(auditorHeadsBucketArn)
  )
    throw new Error(
      `-c auditorHeadsBucketArn=arn:aws:s3:::<bucket in the auditors' account> (not "${auditorHeadsBucketArn}")`,
    );
  const stackName = setting('stackName', 'MfaRecovery');
  const alarmEmail = required('alarmEmail');
  const region = setting('region', process.env.CDK_DEFAULT_REGION ?? 'eu-west-1');
  // The web ACL for CloudFront can only live in us-east-1: its own stack, deployed first (README). Its
  // name carries the protected stack's region: one stack name in two regions has two web ACL stacks.
  const edge = new EdgeWafStack(app, `${stackName}EdgeWaf-${region}`, {
    env: { region: 'us-east-1', account: process.env.CDK_DEFAULT_ACCOUNT },
    description: `WAF web ACL for the CloudFront distribution of ${stackName} (${region})`,
    protectedStack: stackName,
    protectedRegion: region,
    alarmEmail,
  });
  const stack = new MfaRecoveryStack(app, stackName, {
    senderEmail: required('senderEmail'),
    securityAlertEmail: required('securityAlertEmail'),
    alarmEmail,
    loginServicePrincipal: required('loginServicePrincipal'),
    enrollLinkMode,
    ...(given('loginUrl') ? { loginUrl: given('loginUrl') } : {}),
    ...(given('passkeyRpId') ? { passkeyRpId: given('passkeyRpId') } : {}),
    ...(given('passkeyOrigins') ? { passkeyOrigins: (given('passkeyOrigins') ?? '').split(',') } : {}),
    ...(publicBaseUrl && webCertificateArn ? { publicBaseUrl, webCertificateArn } : {}),
    ...(webAclArn && isCloudFrontWebAclArn(webAclArn) ? { webAclArn } : {}),
    ...(given('mailFromDomain') ? { mailFromDomain: given('mailFromDomain') } : {}),
    ...(given('importSenderIdentity') === 'true' ? { importSenderIdentity: true } : {}),
    ...(given('originVerifyGeneration') ? { originVerifyGeneration: given('originVerifyGeneration') } : {}),
    ...(given('signInDomainPrefix') ? { signInDomainPrefix: given('signInDomainPrefix') } : {}),
    ...(given('siemEventBusArn') ? { siemEventBusArn: given('siemEventBusArn') } : {}),
    ...(given('staffMailThroughSes') === 'true' ? { staffMailThroughSes: true } : {}),
    ...(concurrency && /^\d+$/.test(concurrency) ? { loginServiceConcurrency: Number(concurrency) } : {}),
    ...(disablesPerHourTotal && /^\d+$/.test(disablesPerHourTotal)
      ? { disablesPerHourTotal: Number(disablesPerHourTotal) }
      : {}),
    ...(dataKeyCacheSeconds && /^\d+$/.test(dataKeyCacheSeconds)
      ? { dataKeyCacheSeconds: Number(dataKeyCacheSeconds) }
      : {}),
    ...(Object.keys(recoveryDelayMinutes).length ? { recoveryDelayMinutes } : {}),
    ...audit,
    ...(auditorHeadsBucketArn ? { auditorHeadsBucketArn } : {}),
    env: { region, account: process.env.CDK_DEFAULT_ACCOUNT },
  });
  if (missing.length > 0 && !allowPlaceholders)
    Annotations.of(stack).addError(
      `Not deployable with placeholder values; set ${missing.join(', ')} (or -c allowPlaceholders=true for a synth that is not deployed).`,
    );
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, stack, edge, missing };
};

if (process.argv[1] && /cdk[\\/]app\.ts$/.test(process.argv[1])) {
  buildApp().app.synth();
}
