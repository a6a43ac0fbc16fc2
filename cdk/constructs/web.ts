// The pages in AWS: a private S3 bucket behind CloudFront (origin access control, HTTPS only), the
// security headers of web/pages.ts as response headers policies, and the API on the same origin so
// the pages' CSP keeps connect-src 'self'. The pages are built by the project's esbuild at synth.
import { DefaultStackSynthesizer, Duration, Fn, Stack, Token, Validations } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as cloudwatchLogs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { AssetHashType, DockerImage } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { routes } from '../../lib/routes';
import { buildWebSync } from '../../tooling/build-web';
import { openApiDocument } from '../../lib/http/openapi';
import { VIEWER_ADDRESS_HEADER } from '../../lib/observability/viewer-address';
import { repoRoot } from '../../tooling/repo-root';
import type { ConsoleRuntimeConfig } from '../../web/console/runtime-config';
import { pageHeaders, pages, type PageDefinition } from '../../web/pages';

export interface WebProps {
  httpApi: apigw.IHttpApi;
  userPool: cognito.IUserPool;
  userPoolClient: cognito.IUserPoolClient;
  /** Prefix of the Cognito hosted UI domain (`<prefix>.auth.<region>.amazoncognito.com`), unique per region. */
  signInDomainPrefix: string;
  /** A custom domain for the pages, with its ACM certificate (which CloudFront needs in us-east-1). */
  customDomain?: { domainName: string; certificateArn: string };
  /** The WAF web ACL (CLOUDFRONT scope, us-east-1; cdk/constructs/edge.ts); absent only in placeholder synths. */
  webAclArn?: string;
  /** A header CloudFront adds to every request it forwards to the API (the secret origin header). */
  apiOriginHeader?: { name: string; value: string };
}

/** Error statuses CloudFront may cache; each is cached 0 s, so no caller is served another's error. */
/**
 * Days CloudFront's and the pages bucket's access logs are kept. They hold viewer IPs, user agents and
 * paths (customer ids; a GET search's text when a client uses it): kept as long as a security
 * investigation of a recovery usually reaches back, not a year.
 */
export const CLOUDFRONT_LOG_DAYS = 90;

export const uncachedErrorCodes = [400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504];

const referrerPolicies: Record<string, cloudfront.HeadersReferrerPolicy> = {
  'no-referrer': cloudfront.HeadersReferrerPolicy.NO_REFERRER,
  'same-origin': cloudfront.HeadersReferrerPolicy.SAME_ORIGIN,
  'strict-origin': cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN,
  'strict-origin-when-cross-origin': cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
};

const frameOptions: Record<string, cloudfront.HeadersFrameOption> = {
  DENY: cloudfront.HeadersFrameOption.DENY,
  SAMEORIGIN: cloudfront.HeadersFrameOption.SAMEORIGIN,
};

/**
 * The headers of web/pages.ts as CloudFront wants them: the security headers it knows by name in
 * their own fields, every other one as a custom header. A header it cannot place fails the synth
 * instead of silently going missing.
 */
export const responseHeadersFor = (page: PageDefinition): cloudfront.ResponseHeadersPolicyProps => {
  const headers = pageHeaders(page);
  const securityHeadersBehavior: {
    -readonly [
      K in keyof cloudfront.ResponseSecurityHeadersBehavior
    ]: cloudfront.ResponseSecurityHeadersBehavior[K];
  } = {};
  const customHeaders: cloudfront.ResponseCustomHeader[] = [];
  for (const [name, value] of Object.entries(headers)) {
    switch (name) {
      case 'content-security-policy':
        securityHeadersBehavior.contentSecurityPolicy = { contentSecurityPolicy: value, override: true };
        break;
      case 'referrer-policy': {
        const referrerPolicy = referrerPolicies[value];
        if (!referrerPolicy) throw new Error(`no CloudFront referrer policy for "${value}"`);
        securityHeadersBehavior.referrerPolicy = { referrerPolicy, override: true };
        break;
      }
      case 'x-content-type-options':
        if (value !== 'nosniff') throw new Error(`x-content-type-options must be nosniff, not "${value}"`);
        securityHeadersBehavior.contentTypeOptions = { override: true };
        break;
      case 'x-frame-options': {
        const frameOption = frameOptions[value];
        if (!frameOption) throw new Error(`no CloudFront frame option for "${value}"`);
        securityHeadersBehavior.frameOptions = { frameOption, override: true };
        break;
      }
      case 'strict-transport-security': {
        const maxAge = /max-age=(\d+)/.exec(value)?.[1];
        if (!maxAge) throw new Error(`strict-transport-security without max-age: "${value}"`);
        securityHeadersBehavior.strictTransportSecurity = {
          accessControlMaxAge: Duration.seconds(Number(maxAge)),
          includeSubdomains: /includeSubDomains/i.test(value),
          preload: /preload/i.test(value),
          override: true,
        };
        break;
      }
      default:
        customHeaders.push({ header: name, value, override: true });
    }
  }
  return {
    comment: `mfa-recovery ${page.name} page: the headers of web/pages.ts`,
    securityHeadersBehavior,
    customHeadersBehavior: { customHeaders },
  };
};

/**
 * A name for a CloudFront resource, which is global to the account: the stack's name and its region,
 * so two stacks of one name in two regions do not take each other's (letters, digits, `-`, `_`).
 */
const globalName = (scope: Construct, what: string, maxLength: number) => {
  const stack = Stack.of(scope);
  // The region is at most 14 characters (ap-southeast-3); a token region resolves at deploy time.
  const room = maxLength - what.length - 16;
  return `${stack.stackName.replace(/[^A-Za-z0-9_-]/g, '').slice(0, room)}-${stack.region}-${what}`;
};

/**
 * Viewer-request function of the page behaviours: S3 behind OAC has no index documents, so
 * `/console/` is served as `/console/index.html`; `/` goes to the console; anything that is not a
 * page gets a plain 404 here (custom error responses cannot be used: they would also replace the
 * API's own 403/404 answers, such as TICKET_UNKNOWN, which the pages show in words).
 */
export const pageRouterCode = (names: string[]) => `
var pages = ${JSON.stringify(names)};
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/') {
    return { statusCode: 302, statusDescription: 'Found', headers: { location: { value: '/console/' } } };
  }
  var page = uri.split('/')[1];
  if (pages.indexOf(page) === -1) {
    return { statusCode: 404, statusDescription: 'Not Found' };
  }
  if (uri === '/' + page) {
    return { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: uri + '/' } } };
  }
  if (uri.charAt(uri.length - 1) === '/') {
    request.uri = uri + 'index.html';
  }
  return request;
}
`;

/**
 * Viewer request of the API behaviours: the viewer's address in a header of our own, replacing whatever
 * the client sent under that name (API Gateway sees CloudFront's edge as the source). A function, not an
 * origin request policy: the API's policy must pass every viewer header but Host, and a policy that adds
 * CloudFront's own headers to all viewer headers would pass Host too.
 */
export const viewerAddressCode = () => `
function handler(event) {
  var request = event.request;
  request.headers[${JSON.stringify(VIEWER_ADDRESS_HEADER)}] = { value: event.viewer.ip };
  return request;
}
`;

/** API paths the pages call: every route of lib/routes/ except the login service's IAM routes. */
export const apiPathPatterns = () => {
  const patterns = new Set<string>();
  for (const route of routes) {
    if (route.auth.type === 'iam') continue;
    // CloudFront path patterns take * but no {param}; /admin/* and /security/* cover every staff route
    // (one behaviour each: a distribution has 25 by default).
    const staffPrefix = ['/admin/', '/security/'].find((prefix) => route.path.startsWith(prefix));
    patterns.add(staffPrefix ? `${staffPrefix}*` : route.path.replace(/\{[^}]+\}/g, '*'));
  }
  return [...patterns].sort();
};

export class Web extends Construct {
  readonly distribution: cloudfront.Distribution;
  readonly bucket: s3.Bucket;
  /** https://<custom domain or CloudFront domain>, where /console/ and /enroll/ are served. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    const stack = Stack.of(this);

    const logs = new s3.Bucket(this, 'Logs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // CloudFront's standard logs are delivered with an ACL; the bucket must accept ACLs.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(CLOUDFRONT_LOG_DAYS) }],
    });
    Validations.of(logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This bucket holds the access logs of the pages bucket and of CloudFront; logging it to itself would loop.',
    });

    this.bucket = new s3.Bucket(this, 'Pages', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // Build output, replaced whole by every deployment: the source of truth is the repository.
      versioned: false,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 's3/',
    });

    const signInDomain = new cognito.UserPoolDomain(this, 'SignInDomain', {
      userPool: props.userPool,
      cognitoDomain: { domainPrefix: props.signInDomainPrefix },
    });
    const cognitoHost = `${props.signInDomainPrefix}.auth.${stack.region}.amazoncognito.com`;

    const pageOrigin = origins.S3BucketOrigin.withOriginAccessControl(this.bucket, {
      originAccessControl: new cloudfront.S3OriginAccessControl(this, 'PagesAccessControl', {
        originAccessControlName: globalName(this, 'pages', 64),
        description: 'The distribution reads the pages bucket (SigV4)',
      }),
    });
    const router = new cloudfront.Function(this, 'PageRouter', {
      code: cloudfront.FunctionCode.fromInline(pageRouterCode(pages.map((page) => page.name))),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: 'Index documents for /console/ and /enroll/, / to the console, 404 elsewhere',
    });
    const headerPolicies = new Map(
      pages.map((page) => [
        page.name,
        new cloudfront.ResponseHeadersPolicy(this, `${page.name}Headers`, {
          ...responseHeadersFor(page),
          responseHeadersPolicyName: globalName(this, `${page.name}-headers`, 128),
        }),
      ]),
    );
    const pageBehavior = (name: PageDefinition['name']): cloudfront.BehaviorOptions => ({
      origin: pageOrigin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy: headerPolicies.get(name),
      functionAssociations: [{ function: router, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      compress: true,
    });

    // The API on the same origin: nothing cached, every viewer header but Host passed on (API
    // Gateway routes by Host; with caching off, Authorization is forwarded too).
    const apiHost = Fn.select(2, Fn.split('/', props.httpApi.apiEndpoint));
    const passThrough = (origin: cloudfront.IOrigin): cloudfront.BehaviorOptions => ({
      origin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    });
    const httpsOrigin = (host: string, customHeaders?: Record<string, string>) =>
      new origins.HttpOrigin(host, {
        protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
        originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
        ...(customHeaders ? { customHeaders } : {}),
      });
    const viewerAddress = new cloudfront.Function(this, 'ViewerAddress', {
      code: cloudfront.FunctionCode.fromInline(viewerAddressCode()),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: 'Passes the viewer address to the API, for its request log',
    });
    // CloudFront replaces a viewer's header of the same name with this one.
    const apiBehavior: cloudfront.BehaviorOptions = {
      ...passThrough(
        httpsOrigin(
          apiHost,
          props.apiOriginHeader ? { [props.apiOriginHeader.name]: props.apiOriginHeader.value } : undefined,
        ),
      ),
      functionAssociations: [
        { function: viewerAddress, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
      ],
    };
    const additionalBehaviors: Record<string, cloudfront.BehaviorOptions> = {};
    // Order matters: CloudFront takes the first match, so /enroll/start precedes /enroll/*.
    for (const pattern of apiPathPatterns()) additionalBehaviors[pattern] = apiBehavior;
    // The console redeems its sign-in code here, so its CSP can stay connect-src 'self'.
    additionalBehaviors['/oauth2/token'] = passThrough(httpsOrigin(cognitoHost));
    for (const page of pages) additionalBehaviors[`/${page.name}/*`] = pageBehavior(page.name);

    const certificate = props.customDomain
      ? acm.Certificate.fromCertificateArn(this, 'Certificate', props.customDomain.certificateArn)
      : undefined;
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'mfa-recovery: helpdesk console and customer enrollment',
      defaultBehavior: pageBehavior('console'),
      additionalBehaviors,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      // Error responses are cached 0 s instead of CloudFront's default 10 s; no page or status is
      // replaced (no ResponsePagePath), so the API's JSON errors reach the caller as sent.
      errorResponses: uncachedErrorCodes.map((httpStatus) => ({ httpStatus, ttl: Duration.seconds(0) })),
      ...(props.customDomain && certificate
        ? {
            domainNames: [props.customDomain.domainName],
            certificate,
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });
    this.url = `https://${props.customDomain?.domainName ?? this.distribution.distributionDomainName}`;

    if (!props.customDomain)
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a custom domain the distribution serves its *.cloudfront.net name with the default certificate, whose policy CloudFront fixes; with -c webCertificateArn the policy is TLSv1.2_2021.',
      });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'Customers travel and helpdesk staff may work abroad; blocking countries would lock them out of recovery. Abuse is limited per ticket and per route instead.',
    });
    if (!props.webAclArn)
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason:
          'Only in a synth with -c allowPlaceholders=true: a deployable synth needs -c webAclArn (the EdgeWaf stack in us-east-1, or an organisation web ACL).',
      });

    const consoleConfig: ConsoleRuntimeConfig = {
      auth: {
        mode: 'cognito',
        authorizeUrl: `${signInDomain.baseUrl()}/oauth2/authorize`,
        tokenUrl: '/oauth2/token',
        logoutUrl: `${signInDomain.baseUrl()}/logout`,
        clientId: props.userPoolClient.userPoolClientId,
        scopes: ['openid', 'email'],
      },
    };
    const deployment = new s3deploy.BucketDeployment(this, 'Deploy', {
      sources: [
        s3deploy.Source.asset(join(repoRoot(), 'web'), {
          assetHashType: AssetHashType.OUTPUT,
          bundling: {
            // Never used: the local build below always succeeds, so synth needs no Docker.
            image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22-alpine'),
            local: {
              tryBundle: (outputDir) => {
                buildWebSync({ outDir: outputDir, consoleConfig: null });
                return true;
              },
            },
          },
        }),
        s3deploy.Source.jsonData('console/config.json', consoleConfig),
        // The contract, generated from the route table at synth, published beside the console.
        s3deploy.Source.jsonData('console/openapi.json', openApiDocument({ audience: 'public' })),
      ],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      prune: true,
      memoryLimit: 256,
      // Its own log group, which expires: Lambda's default one would keep every deploy's log forever.
      logGroup: new cloudwatchLogs.LogGroup(this, 'DeployLogs', {
        retention: cloudwatchLogs.RetentionDays.THREE_MONTHS,
      }),
    });
    acknowledgeDeploymentHandler(stack, deployment, this.bucket);
  }
}

/** How cdk-nag writes a value in a finding's id: a deploy-time token as <AWS::Name>. */
const nagName = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<${pseudo}>` : value);

/**
 * cdk-nag's findings on BucketDeployment's handler: CDK's own singleton Lambda, which runs only while
 * CloudFormation deploys. Its code and policy are CDK's; each finding is acknowledged with why it holds.
 */
const acknowledgeDeploymentHandler = (
  stack: Stack,
  deployment: s3deploy.BucketDeployment,
  pagesBucket: s3.Bucket,
) => {
  const handler = stack.node
    .findAll()
    .find((construct) => construct.node.id.startsWith('Custom::CDKBucketDeployment'));
  const target = handler ?? deployment;
  const findings: [string, string][] = [
    [
      'AwsSolutions-L1',
      'CDK pins the runtime of its BucketDeployment handler; it runs only during deployments.',
    ],
    ['Serverless-LambdaLatestVersion', 'CDK pins the runtime of its BucketDeployment handler.'],
    [
      'Serverless-LambdaDLQ',
      'A custom resource handler reports failure to CloudFormation, which rolls the deployment back; there is nothing to redrive.',
    ],
    ['Serverless-LambdaTracing', 'A deploy-time copy job; a trace of it would serve no operator question.'],
    [
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'CDK gives its BucketDeployment handler this managed policy, which lets it write to any log group of the account (logs on *), not only its own; CDK offers no way to scope it. The handler runs only during deployments.',
    ],
    [
      'AwsSolutions-IAM5[Action::s3:GetObject*]',
      'CDK grants read on the deployment’s asset objects with this action group.',
    ],
    [
      'AwsSolutions-IAM5[Action::s3:GetBucket*]',
      'CDK grants read on the asset and pages buckets with this action group.',
    ],
    [
      'AwsSolutions-IAM5[Action::s3:List*]',
      'Pruning lists the pages bucket to find files of an earlier build.',
    ],
    [
      'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
      'Pruning deletes files of an earlier build from the pages bucket.',
    ],
    [
      'AwsSolutions-IAM5[Action::s3:Abort*]',
      'Uploads may be multipart; an interrupted one must be cleaned up.',
    ],
    [
      `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(pagesBucket.node.defaultChild as s3.CfnBucket)}.Arn>/*]`,
      'The handler writes every object of the pages bucket, and only of that bucket.',
    ],
    [
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-${nagName(stack.account, 'AWS::AccountId')}-${nagName(stack.region, 'AWS::Region')}/*]`,
      'The CDK bootstrap asset bucket, from which the handler copies the built pages.',
    ],
    [
      'AwsSolutions-IAM5[Resource::*]',
      'cloudfront:CreateInvalidation/GetInvalidation as CDK grants them, so a deployment is visible at once.',
    ],
  ];
  for (const [id, reason] of findings) Validations.of(target).acknowledge({ id, reason });
};
