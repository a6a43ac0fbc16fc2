// What stands in front of the public routes. CloudFront: a WAF web ACL (rate rules for /enroll/*, AWS's
// common rule set). A CLOUDFRONT-scope web ACL can only be created in us-east-1, so it lives in its own
// small stack (EdgeWafStack) deployed there; the main stack takes its ARN from context (webAclArn), which
// also lets an organisation's existing web ACL be used instead. Its names carry the protected stack's
// name and region: CloudFront's web ACLs all live in us-east-1, so two stacks of one name in two regions
// would otherwise share them. It logs what it sees (query strings and credentials redacted) and pages
// on a high block rate. The execute-api endpoint cannot take WAF
// (HTTP API) and stays reachable for the login service: the public routes there are kept behind
// CloudFront by a secret origin header (OriginVerify), and every route has its own throttle (Api).
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import {
  ORIGIN_VERIFY_HEADER_ENV,
  ORIGIN_VERIFY_VALUE_ENV,
  needsOriginVerification,
} from '../../lib/http/origin-verify';
import { routes, type FunctionName } from '../../lib/routes';
import type { AppFunctions } from './api';
import { alarmTopic } from './monitoring';
import { runbookAlarm } from './runbook-alarm';

/** Requests per IP in 5 minutes: an enrollment is about ten (page, script, style, start, confirm). */
export const ENROLL_RATE_LIMIT = 100;
/** Requests per IP in 5 minutes to anything: a busy helpdesk office behind one NAT address stays below. */
export const OVERALL_RATE_LIMIT = 2000;

/** `arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>`: the only kind CloudFront accepts. */
export const isCloudFrontWebAclArn = (value: string) =>
  /^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global\/webacl\/[\w-]+\/[\w-]+$/.test(value);

const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  sampledRequestsEnabled: true,
  metricName,
});

/** Days WAF's request logs are kept: as long as CloudFront's own access logs (cdk/constructs/web.ts). */
export const WAF_LOG_DAYS = logs.RetentionDays.THREE_MONTHS;

/** The block rate (% of requests, per 5 minutes) that pages, once at least WAF_ALARM_MIN_REQUESTS came. */
export const WAF_BLOCK_RATE_PERCENT = 20;
export const WAF_ALARM_MIN_REQUESTS = 100;

/**
 * What WAF's log must not carry: the query string (a search or a ticket in a URL) and the headers
 * that hold credentials or session state. Each field is logged as `REDACTED`.
 */
export const WAF_REDACTED_HEADERS = ['authorization', 'cookie'] as const;

export interface EdgeWafStackProps extends StackProps {
  /** The stack this web ACL protects, and its region: both are in every name the web ACL sets. */
  protectedStack: string;
  protectedRegion: string;
  /** Operators who get the block-rate alarm (an alarm acts only in its own region: a topic here). */
  alarmEmail: string;
}

/** The web ACL for the distribution, in us-east-1 (CLOUDFRONT scope). */
export class EdgeWafStack extends Stack {
  readonly webAcl: wafv2.CfnWebACL;
  readonly webAclName: string;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: EdgeWafStackProps) {
    super(scope, id, props);
    if (props.env?.region !== 'us-east-1')
      throw new Error('a CloudFront web ACL must be created in us-east-1');
    // WAF names: letters, digits, `-` and `_`, at most 128 characters.
    this.webAclName = `${props.protectedStack.slice(0, 100)}-${props.protectedRegion}`;
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name: this.webAclName,
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      description: 'mfa-recovery pages and API behind CloudFront',
      visibilityConfig: visibility(`${id}WebAcl`),
      rules: [
        {
          name: 'AWSManagedRulesCommonRuleSet',
          priority: 0,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' },
          },
          visibilityConfig: visibility('CommonRuleSet'),
        },
        {
          name: 'EnrollRateLimit',
          priority: 1,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: ENROLL_RATE_LIMIT,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                byteMatchStatement: {
                  fieldToMatch: { uriPath: {} },
                  positionalConstraint: 'STARTS_WITH',
                  searchString: '/enroll/',
                  textTransformations: [{ priority: 0, type: 'LOWERCASE' }],
                },
              },
            },
          },
          visibilityConfig: visibility('EnrollRateLimit'),
        },
        {
          name: 'OverallRateLimit',
          priority: 2,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: OVERALL_RATE_LIMIT,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
            },
          },
          visibilityConfig: visibility('OverallRateLimit'),
        },
      ],
    });
    new CfnOutput(this, 'WebAclArn', {
      value: this.webAcl.attrArn,
      description: 'Pass to the main stack: -c webAclArn=<this>',
    });

    // WAF logs to CloudWatch only into a group whose name starts with aws-waf-logs-.
    this.logGroup = new logs.LogGroup(this, 'WafLogs', {
      logGroupName: `aws-waf-logs-${this.webAclName}`,
      retention: WAF_LOG_DAYS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new wafv2.CfnLoggingConfiguration(this, 'WafLogging', {
      resourceArn: this.webAcl.attrArn,
      logDestinationConfigs: [this.logGroup.logGroupArn],
      redactedFields: [
        { queryString: {} },
        ...WAF_REDACTED_HEADERS.map((name) => ({ singleHeader: { Name: name } })),
      ],
    });

    const requests = (metricName: 'BlockedRequests' | 'AllowedRequests') =>
      new cloudwatch.Metric({
        namespace: 'AWS/WAFV2',
        metricName,
        dimensionsMap: { WebACL: this.webAclName, Rule: 'ALL' },
        statistic: 'Sum',
        period: Duration.minutes(5),
      });
    runbookAlarm(this, 'WafBlockRate', alarmTopic(this, props.alarmEmail), {
      description: `The web ACL in front of ${props.protectedStack} (${props.protectedRegion}) blocked more than ${WAF_BLOCK_RATE_PERCENT} % of at least ${WAF_ALARM_MIN_REQUESTS} requests in 5 minutes, twice in a row.`,
      metric: new cloudwatch.MathExpression({
        expression: `IF((FILL(blocked, 0) + FILL(allowed, 0)) >= ${WAF_ALARM_MIN_REQUESTS}, 100 * FILL(blocked, 0) / (FILL(blocked, 0) + FILL(allowed, 0)), 0)`,
        usingMetrics: { blocked: requests('BlockedRequests'), allowed: requests('AllowedRequests') },
        period: Duration.minutes(5),
        label: 'Blocked requests (%)',
      }),
      threshold: WAF_BLOCK_RATE_PERCENT,
      evaluationPeriods: 2,
      comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    });
  }
}

/**
 * The secret header CloudFront adds to what it forwards to the API. Secrets Manager generates it, and
 * CloudFormation resolves it at deploy time into CloudFront's origin header and the functions'
 * environment: the value is in neither the template nor cdk.out.
 */
export class OriginVerify extends Construct {
  readonly headerName = 'x-origin-verify';
  readonly value: string;

  /** `generation`: a new value replaces the secret (a new secret, so every reference changes at once). */
  constructor(scope: Construct, id: string, props: { functions: AppFunctions; generation?: string }) {
    super(scope, id);
    const secret = new secretsmanager.Secret(this, `Value${props.generation ?? ''}`, {
      description:
        'mfa-recovery: the header CloudFront adds so the enrollment routes know a request came through it',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'CloudFormation resolves the value into CloudFront and the functions at deploy time, so a rotation Lambda would change it in neither; it is rotated by replacing the secret (-c originVerifyGeneration, README), which updates both in one deployment.',
    });
    this.value = secret.secretValue.unsafeUnwrap();
    // The enrollment routes refuse requests without it; every function behind CloudFront also uses it
    // to trust the viewer address CloudFront forwards (lib/observability/viewer-address.ts).
    const served = new Set<FunctionName>(
      routes
        .filter((route) => needsOriginVerification(route) || route.auth.type !== 'iam')
        .map((route) => route.function),
    );
    for (const name of served) {
      props.functions.byName[name].addEnvironment(ORIGIN_VERIFY_HEADER_ENV, this.headerName);
      props.functions.byName[name].addEnvironment(ORIGIN_VERIFY_VALUE_ENV, this.value);
    }
  }
}
