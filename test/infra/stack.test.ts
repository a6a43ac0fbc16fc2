// The CDK stack, checked for the properties that matter rather than snapshotted: cdk-nag passes,
// every table is protected, every non-public route is authorized, no role can Scan.
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tables } from '../../lib/data/tables';
import { functions, routes } from '../../lib/routes';
import { lazyPackageFile } from '../../cdk/bundling';
import { actionMatches, roleAccess, rolesOf } from './iam';
import { isOwnFunction, sharedStack, type Resource } from './synth';

let template: Template;
let ofType: (type: string) => [string, Resource][];
let resources: Record<string, Resource>;
let outdir: string;

beforeAll(() => {
  ({ template, ofType, resources, outdir } = sharedStack());
}, 120000);

describe('the CDK stack', () => {
  it('synthesizes with cdk-nag AwsSolutions and Serverless packs and no unacknowledged error', () => {
    expect(ofType('AWS::Lambda::Function').length).toBeGreaterThan(0);
  });

  it('passes CDK’s own CloudFormation validation with no finding that is not acknowledged', () => {
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: { pluginName: string; conclusion: string; violations: unknown[] }[];
    };
    const cloudFormation = report.pluginReports.filter(
      ({ pluginName }) => pluginName === 'CloudFormation Validate',
    );
    expect(cloudFormation.map(({ conclusion, violations }) => ({ conclusion, violations }))).toEqual([
      { conclusion: 'success', violations: [] },
    ]);
  });

  it('deploys the passkey library beside the two functions that load it, as a file of its own', () => {
    const withPasskeyLibrary = ofType('AWS::Lambda::Function')
      .filter(([, fn]) => isOwnFunction(fn))
      .filter(([, fn]) => {
        // The code asset `<hash>.zip` is staged in the cloud assembly as `asset.<hash>/`.
        const key = String(fn.Properties.Code?.S3Key);
        expect(key).toMatch(/^[0-9a-f]{64}\.zip$/);
        const assetDir = join(outdir, `asset.${key.replace(/\.zip$/, '')}`);
        expect(existsSync(join(assetDir, 'index.js'))).toBe(true);
        return existsSync(join(assetDir, lazyPackageFile('@simplewebauthn/server')));
      })
      .map(([, fn]) => fn.Properties.Description);
    expect(withPasskeyLibrary.sort()).toEqual(
      [functions.enrollmentApi.description, functions.loginServiceApi.description].sort(),
    );
  });

  it("deploys every function with the environment's credentials, not the SDK's default chain", () => {
    const bundles = ofType('AWS::Lambda::Function')
      .filter(([, fn]) => isOwnFunction(fn))
      .map(([, fn]) => {
        const assetDir = join(outdir, `asset.${String(fn.Properties.Code?.S3Key).replace(/\.zip$/, '')}`);
        return readFileSync(join(assetDir, 'index.js'), 'utf8');
      });
    expect(bundles).toHaveLength(Object.keys(functions).length);
    // NodejsFunction ran esbuild with the alias (cdk/bundling.ts): the chain's links left no trace.
    for (const bundle of bundles) expect(bundle).not.toContain('defaultProvider::fromSSO');
    // Nor the browser user-agent parser (bowser) the SDK loads only in a browser.
    for (const bundle of bundles) expect(bundle).not.toContain('Yandex Browser');
    expect(
      bundles.filter((bundle) => bundle.includes('Unable to find environment variable credentials')),
    ).toHaveLength(
      Object.keys(functions).length - 1, // all but the health check, which has no AWS client
    );
  });

  it('leaves the policy defaults to lib/config.ts unless a context key sets one (no second copy)', () => {
    for (const [, fn] of ofType('AWS::Lambda::Function'))
      expect(fn.Properties.Environment?.Variables?.VELOCITY_DISABLES_PER_HOUR_TOTAL).toBeUndefined();
    for (const [, fn] of ofType('AWS::Lambda::Function'))
      expect(fn.Properties.Environment?.Variables?.DATA_KEY_CACHE_SECONDS).toBeUndefined();
  });

  it('creates every table of lib/data/tables.ts on demand, with PITR, encryption and deletion protection', () => {
    const deployed = ofType('AWS::DynamoDB::GlobalTable');
    expect(deployed).toHaveLength(Object.keys(tables).length);
    for (const [, table] of deployed) {
      expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
      expect(table.Properties.SSESpecification?.SSEEnabled).toBe(true);
      const replica = table.Properties.Replicas[0];
      expect(replica.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled).toBe(true);
      expect(replica.DeletionProtectionEnabled).toBe(true);
    }
  });

  it('streams AuditEvents (the notification outbox) and expires data that has a TTL', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: 'subject', KeyType: 'HASH' },
        { AttributeName: 'seq', KeyType: 'RANGE' },
      ],
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
    });
    const withTtl = Object.values(tables).filter((table) => 'timeToLiveAttribute' in table);
    for (const table of withTtl) {
      template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        TimeToLiveSpecification: {
          AttributeName: (table as { timeToLiveAttribute: string }).timeToLiveAttribute,
          Enabled: true,
        },
      });
    }
  });

  it('runs every function on nodejs22.x, ARM64, with tracing', () => {
    for (const [, fn] of ofType('AWS::Lambda::Function')) {
      if (!isOwnFunction(fn)) continue; // CDK's own helpers (log retention, the pages' BucketDeployment)
      expect(fn.Properties.Runtime).toBe('nodejs22.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    }
  });

  it('authorizes every route of the route table: JWT for staff, IAM for the login service', () => {
    const deployed = ofType('AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties);
    expect(deployed).toHaveLength(routes.length);
    for (const route of routes) {
      const match = deployed.find((candidate) => candidate.RouteKey === `${route.method} ${route.path}`);
      expect(match).toBeDefined();
      const expected = { none: 'NONE', jwt: 'JWT', iam: 'AWS_IAM' }[route.auth.type];
      expect(match?.AuthorizationType ?? 'NONE').toBe(expected);
      if (route.path.startsWith('/internal/')) expect(match?.AuthorizationType).toBe('AWS_IAM');
      if (route.path.startsWith('/admin/')) expect(match?.AuthorizationType).toBe('JWT');
    }
  });

  it('requires MFA in the staff user pool and has the helpdesk, admin and security groups', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON' });
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'helpdesk' });
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'admin' });
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'security' });
  });

  // Who may write AuditEvents, per role and over every kind of policy: test/infra/grants.test.ts.
  it('lets no role Scan or use dynamodb:* anywhere, whatever kind of policy grants it', () => {
    for (const { roleId } of rolesOf(resources)) {
      for (const statement of roleAccess(resources, roleId).statements) {
        const actions: string[] = [statement.Action ?? []].flat();
        expect(actions.filter((action) => actionMatches(action, 'dynamodb:Scan'))).toEqual([]);
      }
    }
  });

  it('keeps exports in a versioned, encrypted, locked bucket with no public access', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      ObjectLockEnabled: true,
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: Match.anyValue(),
    });
  });

  it('rotates the TOTP secrets key, and alarms on errors and throttles of every function', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      Description: Match.stringLikeRegexp('TOTP'),
    });
    const functions = ofType('AWS::Lambda::Function').filter(([, fn]) => isOwnFunction(fn));
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
    expect(alarms.filter((alarm) => alarm.MetricName === 'Errors')).toHaveLength(functions.length);
    expect(alarms.filter((alarm) => alarm.MetricName === 'Throttles')).toHaveLength(functions.length);
  });

  it('has an SES domain identity for the sender address', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'example.com' });
  });
});
