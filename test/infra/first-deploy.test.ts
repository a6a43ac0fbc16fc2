// What a first `cdk deploy` needs to work and to stay locked down, asserted on the synthesized template:
// alarms that may be delivered, the login service's own role, the edge in front of the public routes,
// mail that can be authenticated, and names that let two stacks share an account.
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { EdgeWafStack, ENROLL_RATE_LIMIT, OVERALL_RATE_LIMIT } from '../../cdk/constructs/edge';
import { apiPathPatterns } from '../../cdk/constructs/web';
import { functions, routeKey, routes, type FunctionName } from '../../lib/routes';
import { roleAccess } from './iam';
import { sharedStack, sharedStacks, synthesizeStack, type Resource } from './synth';

let ofType: (type: string) => [string, Resource][];
let resources: Record<string, Resource>;
let outputs: Record<string, { Value: unknown }>;
const { webAclArn } = sharedStacks.default.props;
/** A second stack beside the shared one, which imports the sender's identity the first one created. */
let importing: ReturnType<typeof synthesizeStack> | undefined;
const importingStack = () =>
  (importing ??= synthesizeStack('RecoveryGreen', { importSenderIdentity: true }, { bundle: false }));
const protecting = {
  protectedStack: 'TestStack',
  protectedRegion: 'eu-west-1',
  alarmEmail: 'ops@example.com',
};

beforeAll(() => {
  let template;
  ({ ofType, resources, template } = sharedStack());
  outputs = template.toJSON().Outputs;
}, 180000);

const statementsOf = (document: { Statement: Record<string, any>[] }) => document.Statement;

describe('alarms that arrive', () => {
  it('lets CloudWatch (this account only) publish to the alarm topic, which still refuses plain HTTP', () => {
    const alarmTopicIds = ofType('AWS::SNS::Topic').map(([id]) => id);
    const [, policy] =
      ofType('AWS::SNS::TopicPolicy').find(([, candidate]) =>
        alarmTopicIds.some((id) => JSON.stringify(candidate.Properties.Topics).includes(id)),
      ) ?? [];
    expect(policy).toBeDefined();
    const statements = statementsOf(policy?.Properties.PolicyDocument);
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: 'sns:Publish',
          Condition: expect.objectContaining({ StringEquals: { 'aws:SourceAccount': '123456789012' } }),
        }),
        expect.objectContaining({
          Effect: 'Deny',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      ]),
    );
    // Every alarm action goes to a topic whose policy lets CloudWatch publish.
    for (const [, alarm] of ofType('AWS::CloudWatch::Alarm'))
      for (const action of alarm.Properties.AlarmActions ?? [])
        expect(JSON.stringify(policy?.Properties.Topics)).toContain(action.Ref);
  });

  it('lets CloudWatch use the topic key for what publishing needs, nothing more', () => {
    const key = ofType('AWS::KMS::Key').find(([, candidate]) =>
      String(candidate.Properties.Description).includes('alarm topic'),
    )?.[1];
    const forCloudWatch = statementsOf(key?.Properties.KeyPolicy).filter(
      (statement) => statement.Principal?.Service === 'cloudwatch.amazonaws.com',
    );
    expect(forCloudWatch).toHaveLength(1);
    expect([forCloudWatch[0]?.Action].flat().sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
    expect(forCloudWatch[0]?.Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': '123456789012' },
    });
  });
});

const functionNamed = (name: FunctionName) => {
  const found = ofType('AWS::Lambda::Function').find(
    ([, fn]) => fn.Properties.Description === functions[name].description,
  );
  if (!found) throw new Error(`no function ${name}`);
  return found;
};

describe('the login service, and only it, on /internal/*', () => {
  const loginRole = () => {
    const found = ofType('AWS::IAM::Role').find(([id]) => id.startsWith('LoginServiceLoginServiceRole'));
    if (!found) throw new Error('no LoginServiceRole');
    return found;
  };

  it('has a role the configured account may assume, its ARN a stack output', () => {
    const [roleId, role] = loginRole();
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Principal: {
          AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::210987654321:root']] },
        },
      }),
    ]);
    expect(outputs.LoginServiceRoleArn?.Value).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });
  });

  it('may invoke exactly the IAM routes of the route table, nothing else, in any policy', () => {
    const [roleId] = loginRole();
    const { statements, awsManaged } = roleAccess(resources, roleId);
    expect(awsManaged).toEqual([]);
    expect(statements).toHaveLength(1);
    expect(statements[0]?.Action).toBe('execute-api:Invoke');
    const granted = [statements[0]?.Resource]
      .flat()
      .map((resource: { 'Fn::Join': [string, unknown[]] }) =>
        resource['Fn::Join'][1].filter((part) => typeof part === 'string').join('|'),
      )
      .sort();
    const iamRoutes = routes.filter((route) => route.auth.type === 'iam');
    expect(granted).toEqual(
      iamRoutes
        .map(
          (route) =>
            `arn:|:execute-api:eu-west-1:123456789012:|/$default/${route.method}${route.path.replace(/\{[^}]+\}/g, '*')}`,
        )
        .sort(),
    );
    for (const resource of granted) expect(resource).toMatch(/\/\$default\/(GET|PUT|POST)\/internal\//);
  });

  it('tells the function serving those routes which role to accept (LOGIN_SERVICE_ROLE_ARN)', () => {
    const [roleId] = loginRole();
    const served = new Set(
      routes.filter((route) => route.auth.type === 'iam').map((route) => route.function),
    );
    // Erasure is the login service's too, in a function of its own.
    expect([...served].sort()).toEqual(['erasureApi', 'loginServiceApi']);
    for (const name of Object.keys(functions) as FunctionName[]) {
      const variables = functionNamed(name)[1].Properties.Environment.Variables;
      if (served.has(name))
        expect(variables.LOGIN_SERVICE_ROLE_ARN).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });
      else expect(variables.LOGIN_SERVICE_ROLE_ARN).toBeUndefined();
    }
  });

  it('reserves no concurrency unless told to: a new account with a quota of 10 can deploy', () => {
    for (const name of Object.keys(functions) as FunctionName[])
      expect(functionNamed(name)[1].Properties.ReservedConcurrentExecutions).toBeUndefined();
  });
});

describe('no placeholders in what users see', () => {
  it('returns the hosted UI to the console on the distribution, and builds email links from it', () => {
    const distributionId = ofType('AWS::CloudFront::Distribution')[0]?.[0];
    const pageUrl = (path: string) => ({
      'Fn::Join': [
        '',
        ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }, ...(path ? [path] : [])],
      ],
    });
    const client = ofType('AWS::Cognito::UserPoolClient')[0]?.[1];
    expect(client?.Properties.CallbackURLs).toEqual([pageUrl('/console/')]);
    expect(client?.Properties.LogoutURLs).toEqual([pageUrl('/console/')]);
    for (const name of Object.keys(functions) as FunctionName[])
      expect(functionNamed(name)[1].Properties.Environment.Variables.PUBLIC_BASE_URL).toEqual(pageUrl(''));
    expect(JSON.stringify(resources)).not.toContain('example.com/');
  });
});

describe('the public routes behind the edge', () => {
  const distribution = () => ofType('AWS::CloudFront::Distribution')[0]?.[1].Properties.DistributionConfig;

  it('attaches the web ACL given as context to the distribution', () => {
    expect(distribution().WebACLId).toBe(webAclArn);
  });

  it('has a us-east-1 web ACL with the common rule set and per-IP rate rules for /enroll/* and everything', () => {
    const app = new App();
    const edge = new EdgeWafStack(app, 'EdgeTest', {
      env: { region: 'us-east-1', account: '123456789012' },
      ...protecting,
    });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
    app.synth(); // cdk-nag fails this on any unacknowledged finding
    const acl = Template.fromStack(edge).findResources('AWS::WAFv2::WebACL');
    const [properties] = Object.values(acl).map((resource) => (resource as Resource).Properties);
    expect(properties?.Scope).toBe('CLOUDFRONT');
    const rules = properties?.Rules as Record<string, any>[];
    expect(rules.map((rule) => rule.Name)).toEqual([
      'AWSManagedRulesCommonRuleSet',
      'EnrollRateLimit',
      'OverallRateLimit',
    ]);
    expect(rules[0]?.Statement.ManagedRuleGroupStatement).toEqual({
      VendorName: 'AWS',
      Name: 'AWSManagedRulesCommonRuleSet',
    });
    expect(rules[1]).toMatchObject({
      Action: { Block: {} },
      Statement: {
        RateBasedStatement: {
          Limit: ENROLL_RATE_LIMIT,
          AggregateKeyType: 'IP',
          ScopeDownStatement: {
            ByteMatchStatement: { SearchString: '/enroll/', PositionalConstraint: 'STARTS_WITH' },
          },
        },
      },
    });
    expect(ENROLL_RATE_LIMIT).toBeLessThan(OVERALL_RATE_LIMIT);
    expect(
      () => new EdgeWafStack(new App(), 'Elsewhere', { env: { region: 'eu-west-1' }, ...protecting }),
    ).toThrow(/us-east-1/);
  });

  it('passes the viewer address to every API behaviour through a viewer-request function', () => {
    const api = (distribution().CacheBehaviors as Record<string, any>[]).filter((behavior) =>
      apiPathPatterns().includes(behavior.PathPattern),
    );
    expect(api).toHaveLength(apiPathPatterns().length);
    const [viewerAddressId] =
      ofType('AWS::CloudFront::Function').find(([id]) => id.includes('ViewerAddress')) ?? [];
    expect(viewerAddressId).toBeDefined();
    for (const behavior of api)
      expect(behavior.FunctionAssociations).toEqual([
        { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [viewerAddressId, 'FunctionARN'] } },
      ]);
  });

  it('sends the secret origin header to the API only, its value resolved from Secrets Manager at deploy', () => {
    const secretId = ofType('AWS::SecretsManager::Secret')[0]?.[0] as string;
    const reference = {
      'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretId }, ':SecretString:::}}']],
    };
    for (const origin of distribution().Origins as Record<string, any>[]) {
      const headers = origin.OriginCustomHeaders ?? [];
      if (JSON.stringify(origin.DomainName).includes('ApiEndpoint'))
        expect(headers).toEqual([{ HeaderName: 'x-origin-verify', HeaderValue: reference }]);
      else expect(headers).toEqual([]);
    }
    // The enrollment function refuses requests without it; every function behind CloudFront uses it to
    // trust the viewer address in its request log; the login service's and the background ones never see it.
    const behindCloudFront = new Set(
      routes.filter((route) => route.auth.type !== 'iam').map((route) => route.function as string),
    );
    expect([...behindCloudFront].sort()).toEqual(['adminApi', 'enrollmentApi', 'health']);
    for (const name of Object.keys(functions) as FunctionName[]) {
      const variables = functionNamed(name)[1].Properties.Environment.Variables;
      if (behindCloudFront.has(name)) {
        expect(variables.ORIGIN_VERIFY_HEADER).toBe('x-origin-verify');
        expect(variables.ORIGIN_VERIFY_VALUE).toEqual(reference);
      } else expect(variables.ORIGIN_VERIFY_VALUE).toBeUndefined();
    }
  });

  it('throttles each route on its own: the public ones least, the login service most', () => {
    const [stageId, stage] = ofType('AWS::ApiGatewayV2::Stage')[0] ?? [];
    const settings = stage?.Properties.RouteSettings as Record<string, Record<string, number>>;
    expect(Object.keys(settings).sort()).toEqual(routes.map((route) => routeKey(route)).sort());
    const rate = (key: string) => settings[key]?.ThrottlingRateLimit as number;
    const verify = 'POST /internal/customers/{customerId}/2fa/verify';
    for (const route of routes.filter((candidate) => candidate.path.startsWith('/enroll/'))) {
      expect(rate(routeKey(route))).toBeLessThanOrEqual(10);
      expect(rate(routeKey(route))).toBeLessThan(rate(verify));
    }
    expect(stage?.Properties.DefaultRouteSettings.ThrottlingRateLimit).toBeLessThanOrEqual(10);
    // Route settings name routes that must exist first.
    const routeIds = ofType('AWS::ApiGatewayV2::Route').map(([id]) => id);
    expect([...(resources[stageId as string] as any).DependsOn].sort()).toEqual(
      expect.arrayContaining(routeIds.sort()),
    );
  });

  it('caches no error response at the edge, and replaces none with a page', () => {
    const responses = distribution().CustomErrorResponses as Record<string, unknown>[];
    expect(responses.map((response) => response.ErrorCode)).toEqual(
      expect.arrayContaining([400, 403, 404, 500, 502, 503, 504]),
    );
    for (const response of responses)
      expect(Object.keys(response).sort()).toEqual(['ErrorCachingMinTTL', 'ErrorCode']);
    for (const response of responses) expect(response.ErrorCachingMinTTL).toBe(0);
  });
});

describe('mail that is delivered', () => {
  it('signs with Easy DKIM on a domain identity, with a custom MAIL FROM and the configuration set as default', () => {
    const identities = ofType('AWS::SES::EmailIdentity');
    expect(identities).toHaveLength(1);
    const [configurationSetId] = ofType('AWS::SES::ConfigurationSet')[0] ?? [];
    expect(identities[0]?.[1].Properties).toEqual(
      expect.objectContaining({
        EmailIdentity: 'example.com',
        DkimAttributes: { SigningEnabled: true },
        MailFromAttributes: { MailFromDomain: 'mail.example.com', BehaviorOnMxFailure: 'USE_DEFAULT_VALUE' },
        ConfigurationSetAttributes: { ConfigurationSetName: { Ref: configurationSetId } },
      }),
    );
    // Easy DKIM: no own key pair (BYODKIM) anywhere.
    expect(identities[0]?.[1].Properties.DkimSigningAttributes).toBeUndefined();
  });

  it('names the three DKIM CNAMEs to publish as stack outputs', () => {
    const [identityId] = ofType('AWS::SES::EmailIdentity')[0] ?? [];
    for (const n of [1, 2, 3]) {
      const value = JSON.stringify(outputs[`DkimRecord${n}`]?.Value);
      expect(value).toContain(`["${identityId}","DkimDNSTokenName${n}"]`);
      expect(value).toContain(' CNAME ');
      expect(value).toContain(`["${identityId}","DkimDNSTokenValue${n}"]`);
    }
  });

  it('records bounces and complaints: CloudWatch counts per configuration set, addresses suppressed', () => {
    const [configurationSetId, configurationSet] = ofType('AWS::SES::ConfigurationSet')[0] ?? [];
    expect(configurationSet?.Properties.SuppressionOptions).toEqual({
      SuppressedReasons: ['BOUNCE', 'COMPLAINT'],
    });
    const destination = ofType('AWS::SES::ConfigurationSetEventDestination')[0]?.[1].Properties;
    expect(destination?.ConfigurationSetName).toEqual({ Ref: configurationSetId });
    expect(destination?.EventDestination).toMatchObject({
      Enabled: true,
      MatchingEventTypes: expect.arrayContaining(['bounce', 'complaint']),
      CloudWatchDestination: {
        DimensionConfigurations: [
          {
            DimensionName: 'ses:configuration-set',
            DimensionValueSource: 'messageTag',
            DefaultDimensionValue: 'none',
          },
        ],
      },
    });
  });

  it('sends with the configuration set, granted on the identity and the set only, and SendEmail only', () => {
    const [configurationSetId] = ofType('AWS::SES::ConfigurationSet')[0] ?? [];
    for (const name of Object.keys(functions) as FunctionName[]) {
      const [, fn] = functionNamed(name);
      expect(fn.Properties.Environment.Variables.SES_CONFIGURATION_SET).toEqual({ Ref: configurationSetId });
    }
    const sesStatements = Object.values(resources)
      .filter((resource) => resource.Type === 'AWS::IAM::Policy')
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Record<string, any>[])
      .filter((statement) => JSON.stringify(statement.Action).includes('ses:'));
    expect(sesStatements.length).toBeGreaterThan(0);
    for (const statement of sesStatements) {
      expect(statement.Action).toBe('ses:SendEmail');
      const resourcesText = JSON.stringify(statement.Resource);
      expect(statement.Resource).toHaveLength(2);
      expect(resourcesText).toContain(':identity/example.com');
      expect(resourcesText).toContain(configurationSetId);
    }
  });

  it('sends bounces and complaints of the configuration set to the default event bus, nothing else', () => {
    const [configurationSetId] = ofType('AWS::SES::ConfigurationSet')[0] ?? [];
    const toEventBridge = ofType('AWS::SES::ConfigurationSetEventDestination')
      .map(([, destination]) => destination.Properties)
      .filter((properties) => properties.EventDestination.EventBridgeDestination);
    expect(toEventBridge).toHaveLength(1);
    expect(toEventBridge[0]?.ConfigurationSetName).toEqual({ Ref: configurationSetId });
    expect(toEventBridge[0]?.EventDestination.MatchingEventTypes.sort()).toEqual(['bounce', 'complaint']);
    expect(JSON.stringify(toEventBridge[0]?.EventDestination.EventBridgeDestination)).toContain(
      ':event-bus/default',
    );
  });

  it("a rule takes only SES's events of this stack's configuration set to mailFeedback, its only invoker", () => {
    const [configurationSetId] = ofType('AWS::SES::ConfigurationSet')[0] ?? [];
    const [feedbackId] = functionNamed('mailFeedback');
    const rules = ofType('AWS::Events::Rule').filter(([, rule]) =>
      JSON.stringify(rule.Properties.Targets ?? []).includes(feedbackId),
    );
    expect(rules).toHaveLength(1);
    const [ruleId, rule] = rules[0]!;
    // The default bus: SES delivers nowhere else.
    expect(rule.Properties.EventBusName).toBeUndefined();
    expect(rule.Properties.EventPattern).toEqual({
      source: ['aws.ses'],
      'detail-type': ['Email Bounced', 'Email Complaint Received'],
      detail: { mail: { tags: { 'ses:configuration-set': [{ Ref: configurationSetId }] } } },
    });
    const [target] = rule.Properties.Targets;
    expect(target).toMatchObject({
      Arn: { 'Fn::GetAtt': [feedbackId, 'Arn'] },
      DeadLetterConfig: { Arn: expect.anything() },
      RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 86400 },
    });
    const permissions = ofType('AWS::Lambda::Permission').filter(([, permission]) =>
      JSON.stringify(permission.Properties.FunctionName).includes(feedbackId),
    );
    expect(permissions.map(([, permission]) => permission.Properties)).toEqual([
      expect.objectContaining({
        Action: 'lambda:InvokeFunction',
        Principal: 'events.amazonaws.com',
        SourceArn: { 'Fn::GetAtt': [ruleId, 'Arn'] },
      }),
    ]);
  });

  it('mailFeedback sends no mail and opens no secret', () => {
    const [feedbackId, fn] = functionNamed('mailFeedback');
    const roleId = fn.Properties.Role['Fn::GetAtt'][0];
    const statements = Object.values(resources)
      .filter(
        (resource) =>
          resource.Type === 'AWS::IAM::Policy' && JSON.stringify(resource.Properties.Roles).includes(roleId),
      )
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Record<string, any>[]);
    const actions = statements.flatMap((statement) => [statement.Action].flat() as string[]);
    expect(actions.filter((action) => /^(ses|kms|s3|events):/.test(action))).toEqual([]);
    expect(feedbackId).toBeDefined();
  });

  it('imports an existing identity instead of creating a second one', () => {
    const imported = importingStack();
    expect(imported.ofType('AWS::SES::EmailIdentity')).toEqual([]);
    expect(imported.ofType('AWS::SES::ConfigurationSet')).toHaveLength(1);
    expect(JSON.stringify(imported.resources)).toContain(':identity/example.com');
  });
});

describe('two stacks in one account and region', () => {
  /** Names that must be unique per account (and region): every one the templates set explicitly. */
  // API Gateway lets APIs and authorizers share names; their ids are what is unique.
  const sharedNameTypes = ['AWS::ApiGatewayV2::Api', 'AWS::ApiGatewayV2::Authorizer'];
  const accountUniqueNames = (templateResources: Record<string, Resource>) =>
    Object.entries(templateResources).flatMap(([id, resource]) => {
      if (sharedNameTypes.includes(resource.Type)) return [];
      const p = resource.Properties ?? {};
      const names = [
        p.Domain, // Cognito hosted UI prefix
        p.EmailIdentity,
        p.Name, // CloudFront Function, WAF web ACL, Scheduler schedule, secret…
        p.FunctionName,
        p.TableName,
        p.BucketName,
        p.LogGroupName,
        p.TopicName,
        p.QueueName,
        p.RoleName,
        p.ResponseHeadersPolicyConfig?.Name,
        p.OriginAccessControlConfig?.Name,
        p.CachePolicyConfig?.Name,
        p.DistributionConfig?.Aliases,
      ].filter((name) => typeof name === 'string');
      return names.map((name) => ({ id, name: name as string }));
    });

  it('collide on no name: the stack name is in each, and the second imports the SES identity', () => {
    const first = sharedStack();
    const second = importingStack();
    const taken = new Set(accountUniqueNames(first.resources).map((entry) => entry.name));
    expect(taken.size).toBeGreaterThan(3);
    expect(accountUniqueNames(second.resources).filter((entry) => taken.has(entry.name))).toEqual([]);
    expect([...taken]).toContain('teststack-123456789012');
  });
});
