// The pages' infrastructure, asserted for what protects them: a private bucket reachable only through
// CloudFront's origin access control, HTTPS only, the headers of web/pages.ts on every page response,
// the API on the same origin, and the console's sign-in configured for Cognito's hosted UI.
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { apiPathPatterns, pageRouterCode } from '../../cdk/constructs/web';
import { openApiDocument } from '../../lib/http/openapi';
import { contentSecurityPolicy, pages } from '../../web/pages';
import { sharedStack, synthesizeStack, type Resource } from './synth';

let template: Template;
let outdir: string;
let distribution: Record<string, any>;

beforeAll(() => {
  ({ template, outdir } = sharedStack());
  const distributions = Object.values(template.findResources('AWS::CloudFront::Distribution')) as Resource[];
  expect(distributions).toHaveLength(1);
  distribution = (distributions[0] as Resource).Properties.DistributionConfig;
}, 180000);

const behaviors = () => [distribution.DefaultCacheBehavior, ...distribution.CacheBehaviors];
const originOf = (behavior: Record<string, any>) =>
  distribution.Origins.find((origin: Record<string, any>) => origin.Id === behavior.TargetOriginId);

describe('the pages in AWS', () => {
  it('keeps the bucket private and encrypted, reachable only through CloudFront with origin access control', () => {
    const s3Origins = distribution.Origins.filter((origin: Record<string, any>) => origin.S3OriginConfig);
    expect(s3Origins).toHaveLength(1);
    expect(s3Origins[0].OriginAccessControlId).toBeDefined();
    expect(s3Origins[0].S3OriginConfig.OriginAccessIdentity ?? '').toBe('');
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
      }),
    });
    const bucketId = Object.entries(template.findResources('AWS::S3::Bucket')).find(([id]) =>
      id.startsWith('WebPages'),
    )?.[0];
    expect(bucketId).toBeDefined();
    const bucket = template.findResources('AWS::S3::Bucket')[bucketId as string] as Resource;
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(
      bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault,
    ).toEqual({
      SSEAlgorithm: 'AES256',
    });
    // The bucket policy lets CloudFront (this distribution only) read, and refuses plain HTTP.
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy')).find(
      (candidate) => (candidate as Resource).Properties.Bucket.Ref === bucketId,
    ) as Resource;
    const statements = policy.Properties.PolicyDocument.Statement as Record<string, any>[];
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Effect: 'Deny',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
        expect.objectContaining({
          Effect: 'Allow',
          Principal: { Service: 'cloudfront.amazonaws.com' },
          Action: 's3:GetObject',
        }),
      ]),
    );
  });

  it('answers only over HTTPS: pages redirect from HTTP, the API refuses it, origins speak TLS 1.2', () => {
    for (const behavior of behaviors()) {
      const origin = originOf(behavior);
      if (origin.S3OriginConfig) expect(behavior.ViewerProtocolPolicy).toBe('redirect-to-https');
      else {
        expect(behavior.ViewerProtocolPolicy).toBe('https-only');
        expect(origin.CustomOriginConfig).toMatchObject({
          OriginProtocolPolicy: 'https-only',
          OriginSSLProtocols: ['TLSv1.2'],
        });
      }
    }
  });

  it('sends the strict CSP, no-referrer and the other headers of web/pages.ts with every page', () => {
    const policies = template.findResources('AWS::CloudFront::ResponseHeadersPolicy');
    expect(Object.keys(policies)).toHaveLength(pages.length);
    for (const policy of Object.values(policies) as Resource[]) {
      const config = policy.Properties.ResponseHeadersPolicyConfig;
      expect(config.SecurityHeadersConfig.ContentSecurityPolicy).toEqual({
        ContentSecurityPolicy: contentSecurityPolicy,
        Override: true,
      });
      expect(config.SecurityHeadersConfig.ReferrerPolicy).toEqual({
        ReferrerPolicy: 'no-referrer',
        Override: true,
      });
      expect(config.SecurityHeadersConfig.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
      expect(config.SecurityHeadersConfig.ContentTypeOptions).toEqual({ Override: true });
      expect(config.SecurityHeadersConfig.StrictTransportSecurity).toMatchObject({
        AccessControlMaxAgeSec: 63072000,
        IncludeSubdomains: true,
      });
    }
    const enrollPolicy = Object.values(policies).find((policy) =>
      (policy as Resource).Properties.ResponseHeadersPolicyConfig.Comment.includes('enroll'),
    ) as Resource;
    expect(enrollPolicy.Properties.ResponseHeadersPolicyConfig.CustomHeadersConfig.Items).toEqual(
      expect.arrayContaining([{ Header: 'cache-control', Value: 'no-store', Override: true }]),
    );
    // Every behaviour that serves a page carries a page policy; /enroll/* carries the enrollment one.
    for (const behavior of behaviors()) {
      if (originOf(behavior).S3OriginConfig) expect(behavior.ResponseHeadersPolicyId).toBeDefined();
    }
    const enroll = distribution.CacheBehaviors.find(
      (behavior: Record<string, any>) => behavior.PathPattern === '/enroll/*',
    );
    const [enrollPolicyId] = Object.entries(policies).find(([, policy]) => policy === enrollPolicy) ?? [];
    expect(enroll.ResponseHeadersPolicyId).toEqual({ Ref: enrollPolicyId });
  });

  it('serves the API on the same origin (CSP connect-src self), uncached, before the page behaviours', () => {
    const patterns = distribution.CacheBehaviors.map((behavior: Record<string, any>) => behavior.PathPattern);
    expect(apiPathPatterns()).toEqual(
      expect.arrayContaining([
        '/admin/*',
        '/security/*',
        '/enroll/status',
        '/enroll/start',
        '/enroll/confirm',
        '/enroll/report',
        '/health',
      ]),
    );
    expect(apiPathPatterns().some((pattern) => pattern.startsWith('/internal'))).toBe(false);
    expect(apiPathPatterns().filter((pattern) => pattern.startsWith('/security'))).toEqual(['/security/*']);
    for (const pattern of [...apiPathPatterns(), '/oauth2/token']) {
      const behavior = distribution.CacheBehaviors.find(
        (candidate: Record<string, any>) => candidate.PathPattern === pattern,
      );
      expect(behavior).toBeDefined();
      expect(behavior.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // Managed-CachingDisabled
      expect(behavior.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac'); // AllViewerExceptHostHeader
      expect(behavior.AllowedMethods).toContain('POST');
    }
    // The first match wins: /enroll/start must come before /enroll/*.
    expect(patterns.indexOf('/enroll/start')).toBeLessThan(patterns.indexOf('/enroll/*'));
  });

  it('routes / to the console, serves index documents, and 404s anything that is not a page', () => {
    const code = pageRouterCode(pages.map((page) => page.name));
    // The CloudFront Function runs in its own JS runtime; here it is run as plain JavaScript.
    const handler = new Function(`${code}; return handler;`)() as (event: unknown) => any;
    const run = (uri: string) => handler({ request: { uri, headers: {} } });
    expect(run('/')).toMatchObject({ statusCode: 302, headers: { location: { value: '/console/' } } });
    expect(run('/enroll')).toMatchObject({ statusCode: 301, headers: { location: { value: '/enroll/' } } });
    expect(run('/enroll/')).toMatchObject({ uri: '/enroll/index.html' });
    expect(run('/console/app.js')).toMatchObject({ uri: '/console/app.js' });
    expect(run('/.env')).toMatchObject({ statusCode: 404 });
    template.hasResourceProperties('AWS::CloudFront::Function', {
      FunctionConfig: Match.objectLike({ Runtime: 'cloudfront-js-2.0' }),
    });
    // Custom error responses only set error caching to 0 s: none replaces the API's JSON 403/404
    // (TICKET_UNKNOWN…) with a page or another status.
    for (const response of distribution.CustomErrorResponses) {
      expect(response.ResponsePagePath).toBeUndefined();
      expect(response.ResponseCode).toBeUndefined();
    }
  });

  it('deploys the pages built at synth, with a console config for Cognito’s hosted UI (code + PKCE)', () => {
    template.hasResourceProperties('Custom::CDKBucketDeployment', { Prune: true });
    const assetDirs = readdirSync(outdir).filter((name) => name.startsWith('asset.'));
    // config.json is its own source, its deploy-time values filled in by the deployment (markers).
    const configAsset = assetDirs.find((dir) => existsSync(join(outdir, dir, 'console', 'config.json')));
    expect(configAsset).toBeDefined();
    const config = JSON.parse(
      readFileSync(join(outdir, configAsset as string, 'console', 'config.json'), 'utf8'),
    );
    expect(config.auth).toMatchObject({
      mode: 'cognito',
      tokenUrl: '/oauth2/token',
      scopes: ['openid', 'email'],
    });
    expect(config.auth.authorizeUrl).toMatch(/\/oauth2\/authorize$/);
    expect(config.auth.logoutUrl).toMatch(/\/logout$/);
    const deployment = Object.values(template.findResources('Custom::CDKBucketDeployment'))[0] as Resource;
    const markers = JSON.stringify(deployment.Properties.SourceMarkers);
    expect(markers).toContain('WebSignInDomain');
    expect(markers).toContain('ConsoleClient');
    // The stack name is in the account-unique prefix: two stacks in one account and region do not collide.
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'teststack-123456789012' });
    // The pages asset holds both built pages and no local-mode config.json.
    const pagesAsset = assetDirs.find((dir) => {
      return existsSync(join(outdir, dir, 'enroll', 'index.html'));
    });
    expect(pagesAsset).toBeDefined();
    for (const page of pages) {
      const files = readdirSync(join(outdir, pagesAsset as string, page.name));
      expect(files).toEqual(expect.arrayContaining(['index.html', 'app.js', 'shared.css']));
      expect(files).not.toContain('config.json');
    }
    const html = readFileSync(join(outdir, pagesAsset as string, 'enroll', 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script>|style=|\son[a-z]+=/i);
  });

  it('publishes the OpenAPI document generated at synth beside the console', () => {
    const assetDirs = readdirSync(outdir).filter((name) => name.startsWith('asset.'));
    const openApiAsset = assetDirs.find((dir) => existsSync(join(outdir, dir, 'console', 'openapi.json')));
    expect(openApiAsset).toBeDefined();
    const published = JSON.parse(
      readFileSync(join(outdir, openApiAsset as string, 'console', 'openapi.json'), 'utf8'),
    );
    expect(published).toEqual(JSON.parse(JSON.stringify(openApiDocument({ audience: 'public' }))));
    // The login service's routes are not advertised beside the console.
    expect(Object.keys(published.paths).filter((path) => path.startsWith('/internal'))).toEqual([]);
    expect(published.components.securitySchemes.loginServiceSigV4).toBeUndefined();
    expect(Object.keys(published.paths)).toContain('/admin/customers');
  });

  it('uses a custom domain with TLS 1.2 when a certificate is given', () => {
    const withDomain = synthesizeStack(
      'WebTest',
      {
        publicBaseUrl: 'https://recovery.example.com',
        webCertificateArn:
          'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000',
      },
      { bundle: false },
    ).template;
    withDomain.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['recovery.example.com'],
        ViewerCertificate: Match.objectLike({
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        }),
      }),
    });
  });
});

describe('logs that expire', () => {
  it('gives every function of the stack, CDK’s deploy-time handlers included, a log group with a retention', () => {
    const resources = template.toJSON().Resources as Record<string, Resource>;
    const unbounded = Object.entries(resources)
      .filter(([, resource]) => resource.Type === 'AWS::Lambda::Function')
      .filter(([, fn]) => {
        const groupId = fn.Properties.LoggingConfig?.LogGroup?.Ref;
        return !(groupId && resources[groupId]?.Properties.RetentionInDays > 0);
      })
      .map(([id, fn]) => `${id} ${fn.Properties.Handler ?? ''}`);
    expect(unbounded).toEqual([]);
  });
});
