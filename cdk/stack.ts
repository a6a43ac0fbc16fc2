// The one stack: data, functions and API, stream consumers, audit exports, mail identity, keys, alarms.
import { CfnOutput, Lazy, Stack, type StackProps } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { Api, AppFunctions } from './constructs/api';
import { AuditExports, DEFAULT_AUDIT_RETENTION_DAYS } from './constructs/audit-exports';
import { DataTables } from './constructs/data';
import { OriginVerify } from './constructs/edge';
import { LoginServiceRole } from './constructs/login-service-role';
import { Mail } from './constructs/mail';
import { MailFeedback } from './constructs/mail-feedback';
import { Monitoring } from './constructs/monitoring';
import { Operations } from './constructs/operations';
import { RecoveryEvents } from './constructs/recovery-events';
import { StreamConsumers } from './constructs/stream-consumers';
import { Web } from './constructs/web';
import { misconfigurationOf } from './deploy-checks';

/** The waiting periods a deployment may set (cdk context `recoveryDelay<Setting>Minutes`), and their variables. */
export const recoveryDelaySettings = ['privileged', 'withoutPossession', 'standard'] as const;
export type RecoveryDelaySetting = (typeof recoveryDelaySettings)[number];
const recoveryDelayVariables: Record<RecoveryDelaySetting, string> = {
  privileged: 'RECOVERY_DELAY_PRIVILEGED_MINUTES',
  withoutPossession: 'RECOVERY_DELAY_WITHOUT_POSSESSION_MINUTES',
  standard: 'RECOVERY_DELAY_STANDARD_MINUTES',
};

export interface MfaRecoveryStackProps extends StackProps {
  /** The address emails are sent from; its domain becomes the SES identity (Easy DKIM). */
  senderEmail: string;
  /** Custom MAIL FROM domain; default `mail.<sender domain>`. */
  mailFromDomain?: string;
  /** The sender's domain identity exists in this account and region already (e.g. another stack's). */
  importSenderIdentity?: boolean;
  /** Where the helpdesk's security team gets "this wasn't me" alerts. */
  securityAlertEmail: string;
  /**
   * Public URL of the pages on a custom domain (with webCertificateArn); links in emails are built from
   * it. Without it, the distribution's own https://<id>.cloudfront.net is used everywhere.
   */
  publicBaseUrl?: string;
  /** Operators who get the alarms. */
  alarmEmail: string;
  /** `login`: email links send the customer through the backend's login first (NIST 800-63B 6.1.2.3). */
  enrollLinkMode?: 'direct' | 'login';
  loginUrl?: string;
  /**
   * The passkeys' relying party ID and the origins they are used on (the login page's and these pages');
   * default: the pages' own domain (the CloudFront name or the custom domain). `-c passkeyRpId`, `-c passkeyOrigins`.
   */
  passkeyRpId?: string;
  passkeyOrigins?: string[];
  /** Days each export object is locked and kept (default 2557: seven years); `-c auditRetentionDays`. */
  exportRetentionDays?: number;
  /**
   * COMPLIANCE (default): nobody can shorten the lock. GOVERNANCE: a principal with
   * s3:BypassGovernanceRetention can, for trial stacks; `-c auditLockMode`.
   */
  exportLockMode?: 'GOVERNANCE' | 'COMPLIANCE';
  /** The auditors' bucket (another account) that receives every signed tree head; `-c auditorHeadsBucketArn`. */
  auditorHeadsBucketArn?: string;
  /** ACM certificate (us-east-1) for the host of publicBaseUrl; without it the pages use the CloudFront domain. */
  webCertificateArn?: string;
  /** Prefix of the staff sign-in domain (Cognito hosted UI); unique per region. */
  signInDomainPrefix?: string;
  /** Who may assume LoginServiceRole: an account id or the login service's role ARN. */
  loginServicePrincipal?: string;
  /**
   * Concurrency reserved for the login service's function (default and 0: none). Reserved is also a
   * ceiling on logins, and comes out of the account's quota, which must keep 100 unreserved
   * (docs/deploy.md); LoginThrottles pages when logins are refused.
   */
  loginServiceConcurrency?: number;
  /**
   * Direct 2FA disables all admins together may do in any 60 minutes; past it every disable needs a
   * second admin and security is mailed (VELOCITY_DISABLES_PER_HOUR_TOTAL; lib/config.ts has the default).
   */
  disablesPerHourTotal?: number;
  /**
   * How long a warm function keeps a data key it unwrapped or made, to open the same sealed value again
   * (DATA_KEY_CACHE_SECONDS, 0: never; lib/config.ts has the default). Set only on the functions that
   * seal or open secrets (`-c dataKeyCacheSeconds`).
   */
  dataKeyCacheSeconds?: number;
  /** The SIEM's event bus the recovery events are forwarded to (`-c siemEventBusArn`); without it the rule is disabled. */
  siemEventBusArn?: string;
  /**
   * The waiting periods after a reset, in minutes (RECOVERY_DELAY_*_MINUTES; lib/config.ts has the
   * defaults): an organisation that wants them longer or shorter sets them at deploy time.
   */
  recoveryDelayMinutes?: Partial<Record<RecoveryDelaySetting, number>>;
  /** The CloudFront web ACL (us-east-1, CLOUDFRONT scope): EdgeWafStack's output or an organisation's. */
  webAclArn?: string;
  /**
   * Staff mail from Cognito through the stack's SES identity (`-c staffMailThroughSes=true`), once SES
   * has verified the domain (Cognito refuses an unverified identity); until then Cognito's own sender.
   */
  staffMailThroughSes?: boolean;
  /** Changing it replaces the secret origin header's value (rotation). */
  originVerifyGeneration?: string;
}

export class MfaRecoveryStack extends Stack {
  constructor(scope: Construct, id: string, props: MfaRecoveryStackProps) {
    const misconfiguration = misconfigurationOf(props);
    if (misconfiguration) throw new Error(misconfiguration);
    super(scope, id, props);
    const data = new DataTables(this, 'Data');

    const secretsKey = new kms.Key(this, 'TotpSecretsKey', {
      enableKeyRotation: true,
      description: "Envelope key for customers' TOTP secrets (AES-256-GCM data keys)",
    });
    // Keyed hashes of what callers told the helpdesk: the key never leaves KMS.
    const answerHashKey = new kms.Key(this, 'AnswerHashKey', {
      keySpec: kms.KeySpec.HMAC_256,
      keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC,
      description: 'HMAC key for keyed hashes of verification answers and one-time codes',
    });
    const mail = new Mail(this, 'Mail', {
      senderEmail: props.senderEmail,
      ...(props.mailFromDomain ? { mailFromDomain: props.mailFromDomain } : {}),
      ...(props.importSenderIdentity ? { importIdentity: true } : {}),
    });

    // The pages' URL: the custom domain, or the distribution's name once Web below has made it.
    let pagesUrl: string | undefined = props.publicBaseUrl?.replace(/\/+$/, '');
    const pages = (path: string) => Lazy.string({ produce: () => `${pagesUrl}${path}` });
    const environment: Record<string, string> = {
      PUBLIC_BASE_URL: pages(''),
      SENDER_EMAIL: props.senderEmail,
      SES_CONFIGURATION_SET: mail.configurationSet.configurationSetName,
      SECURITY_ALERT_EMAIL: props.securityAlertEmail,
      SECRET_KEY_SOURCE: 'kms',
      KMS_KEY_ID: secretsKey.keyArn,
      ANSWER_HASH_KEY_ID: answerHashKey.keyArn,
      ENROLL_LINK_MODE: props.enrollLinkMode ?? 'direct',
      ...(props.loginUrl ? { LOGIN_URL: props.loginUrl } : {}),
      ...(props.passkeyRpId ? { PASSKEY_RP_ID: props.passkeyRpId } : {}),
      ...(props.passkeyOrigins?.length ? { PASSKEY_ORIGINS: props.passkeyOrigins.join(',') } : {}),
      ...(props.disablesPerHourTotal !== undefined
        ? { VELOCITY_DISABLES_PER_HOUR_TOTAL: String(props.disablesPerHourTotal) }
        : {}),
      ...Object.fromEntries(
        recoveryDelaySettings.flatMap((setting) => {
          const minutes = props.recoveryDelayMinutes?.[setting];
          return minutes === undefined ? [] : [[recoveryDelayVariables[setting], String(minutes)]];
        }),
      ),
    };

    const functions = new AppFunctions(this, 'Functions', {
      tables: data.tables,
      environment,
      secretsKey,
      answerHashKey,
      sendEmailResources: mail.sendResources,
      ...(props.dataKeyCacheSeconds !== undefined ? { dataKeyCacheSeconds: props.dataKeyCacheSeconds } : {}),
      ...(props.loginServiceConcurrency
        ? { reservedConcurrency: { loginServiceApi: props.loginServiceConcurrency } }
        : {}),
    });
    const api = new Api(this, 'Api', {
      tables: data.tables,
      environment,
      secretsKey,
      answerHashKey,
      sendEmailResources: mail.sendResources,
      functions,
      ...(props.staffMailThroughSes
        ? {
            staffMail: {
              fromEmail: props.senderEmail,
              verifiedDomain: mail.domain,
              configurationSetName: mail.configurationSet.configurationSetName,
            },
          }
        : {}),
      // The hosted UI returns to the console wherever it is served, custom domain or CloudFront's.
      consoleUrls: [pages('/console/')],
      // The pages call the API on their own origin (CloudFront); CORS is for a custom domain's callers.
      corsOrigins: props.publicBaseUrl ? [props.publicBaseUrl] : [],
    });
    const originVerify = new OriginVerify(this, 'OriginVerify', {
      functions,
      ...(props.originVerifyGeneration ? { generation: props.originVerifyGeneration } : {}),
    });
    new LoginServiceRole(this, 'LoginService', {
      httpApi: api.httpApi,
      trustedPrincipal: props.loginServicePrincipal,
      functions,
    });
    // The pages, and the API behind the same CloudFront origin (cdk/constructs/web.ts).
    const web = new Web(this, 'Web', {
      httpApi: api.httpApi,
      userPool: api.userPool,
      userPoolClient: api.userPoolClient,
      ...(props.webAclArn ? { webAclArn: props.webAclArn } : {}),
      apiOriginHeader: { name: originVerify.headerName, value: originVerify.value },
      // Unique per account and region, so it carries the stack name: two stacks must not collide.
      signInDomainPrefix: props.signInDomainPrefix ?? `${this.stackName.toLowerCase()}-${this.account}`,
      ...(props.webCertificateArn && props.publicBaseUrl
        ? {
            customDomain: {
              domainName: new URL(props.publicBaseUrl).hostname,
              certificateArn: props.webCertificateArn,
            },
          }
        : {}),
    });
    pagesUrl = web.url;
    const consumers = new StreamConsumers(this, 'StreamConsumers', { tables: data.tables, functions });
    const recoveryEvents = new RecoveryEvents(this, 'RecoveryEvents', {
      functions,
      ...(props.siemEventBusArn ? { siemEventBusArn: props.siemEventBusArn } : {}),
    });
    const mailFeedback = new MailFeedback(this, 'MailFeedback', { functions, mail });
    const exports = new AuditExports(this, 'AuditExports', {
      retentionDays: props.exportRetentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS,
      lockMode: props.exportLockMode ?? 'COMPLIANCE',
      tables: data.tables,
      functions,
      ...(props.auditorHeadsBucketArn ? { auditorHeadsBucketArn: props.auditorHeadsBucketArn } : {}),
    });
    const monitoring = new Monitoring(this, 'Monitoring', {
      alarmEmail: props.alarmEmail,
      functions: functions.byName,
      deadLetterQueues: [
        ...consumers.deadLetterQueues,
        ...exports.deadLetterQueues,
        ...recoveryEvents.deadLetterQueues,
        ...mailFeedback.deadLetterQueues,
      ],
    });
    const operations = new Operations(this, 'Operations', {
      topic: monitoring.topic,
      functions: functions.byName,
      httpApi: api.httpApi,
      tables: data.tables,
    });

    new CfnOutput(this, 'ApiUrl', { value: api.httpApi.apiEndpoint });
    new CfnOutput(this, 'PagesUrl', { value: web.url });
    new CfnOutput(this, 'StaffUserPoolId', { value: api.userPool.userPoolId });
    new CfnOutput(this, 'ConsoleClientId', { value: api.userPoolClient.userPoolClientId });
    new CfnOutput(this, 'AuditExportBucket', { value: exports.bucket.bucketName });
    new CfnOutput(this, 'AuditDigestKeyArn', { value: exports.digestKey.keyArn });
    new CfnOutput(this, 'RecoveryEventBusArn', { value: recoveryEvents.bus.eventBusArn });
    // The CNAMEs to publish before SES signs (and delivers) anything: `<name> CNAME <value>`.
    mail.dkimRecords.forEach(
      (record, index) =>
        new CfnOutput(this, `DkimRecord${index + 1}`, {
          value: `${record.name} CNAME ${record.value}`,
          description: 'Easy DKIM: publish in the sender domain DNS',
        }),
    );
    new CfnOutput(this, 'OperationsDashboard', { value: operations.dashboard.dashboardName });
    // `npm run notify:redrive -- --function-name <this>` runs the outbox reconciliation on demand.
    new CfnOutput(this, 'OutboxReconciliationFunction', {
      value: functions.byName.outboxReconciliation.functionName,
    });
  }
}
