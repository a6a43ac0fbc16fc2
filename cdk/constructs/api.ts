// The HTTP API: one function per route group, routes and authorizers taken from lib/routes/,
// grants derived from what each route says it touches.
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer, HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { tables, type TableDefinition, type TableKey } from '../../lib/data/tables';
import {
  functionPermissions,
  functions,
  routeKey,
  routes,
  type FunctionDefinition,
  type FunctionName,
  type HttpMethod,
  type RouteDefinition,
  type ServiceUse,
  type TableAccess,
} from '../../lib/routes';
import type { StaffGroup } from '../../lib/staff/groups';
import { AppFunction } from './app-function';
import { latencyAlarmedOperations } from './operations';

const alarmedOperations = new Set<string>(latencyAlarmedOperations);

export interface ApiProps {
  tables: Record<TableKey, dynamodb.ITableV2>;
  environment: Record<string, string>;
  secretsKey: kms.IKey;
  answerHashKey: kms.IKey;
  /** The SES identity and configuration set ARNs ses:SendEmail is granted on. */
  sendEmailResources: string[];
  consoleUrls: string[];
  corsOrigins: string[];
}

/**
 * Requests per second (steady, burst) per route, for all callers together: the login service's calls
 * happen at every login and get the most; the public enrollment routes, where nobody is authenticated,
 * the least, so a flood there cannot use up the account's Lambda concurrency or the stage's capacity.
 */
export const throttleFor = (route: RouteDefinition) => {
  if (route.auth.type === 'iam') return { rateLimit: 200, burstLimit: 400 };
  if (route.auth.type === 'jwt') return { rateLimit: 20, burstLimit: 40 };
  if (route.path === '/health') return { rateLimit: 2, burstLimit: 5 };
  return { rateLimit: 10, burstLimit: 20 };
};

const methods: Record<HttpMethod, apigw.HttpMethod> = {
  GET: apigw.HttpMethod.GET,
  POST: apigw.HttpMethod.POST,
  PUT: apigw.HttpMethod.PUT,
  DELETE: apigw.HttpMethod.DELETE,
};

/**
 * The secrets key for what the function does (a data key to seal, Decrypt to open), and only under the
 * encryption-context purposes lib/routes/functions.ts names for it: KMS refuses any other purpose.
 */
export const secretsKeyStatementFor = (name: FunctionName, services: ServiceUse[], key: kms.IKey) => {
  const definition: FunctionDefinition = functions[name];
  const purposes = definition.secretPurposes ?? [];
  const actions = [
    ...(services.includes('sealSecrets') ? ['kms:GenerateDataKey'] : []),
    ...(services.includes('openSecrets') ? ['kms:Decrypt'] : []),
  ];
  if (actions.length > 0 && purposes.length === 0)
    throw new Error(
      `${name} seals or opens secrets: name their purposes (secretPurposes in lib/routes/functions.ts)`,
    );
  if (actions.length === 0 && purposes.length > 0)
    throw new Error(`${name} names secretPurposes but none of its routes seals or opens a secret`);
  if (actions.length === 0) return undefined;
  return new iam.PolicyStatement({
    actions,
    resources: [key.keyArn],
    conditions: { StringEquals: { 'kms:EncryptionContext:purpose': [...purposes] } },
  });
};

/** Builds every function of lib/routes/ with its grants; HTTP routes are wired by Api below. */
export class AppFunctions extends Construct {
  readonly byName = {} as Record<FunctionName, AppFunction>;

  constructor(
    scope: Construct,
    id: string,
    props: Omit<ApiProps, 'consoleUrls' | 'corsOrigins'> & {
      reservedConcurrency?: Partial<Record<FunctionName, number>>;
      /** DATA_KEY_CACHE_SECONDS for the functions that seal or open secrets (unset: lib/config.ts's default). */
      dataKeyCacheSeconds?: number;
    },
  ) {
    super(scope, id);
    for (const name of Object.keys(functions) as FunctionName[]) {
      const fn = new AppFunction(this, name, {
        name,
        definition: functions[name],
        environment: props.environment,
        reservedConcurrency: props.reservedConcurrency?.[name],
      });
      const permissions = functionPermissions(name);
      // Every function learns every table's name (names are not secrets); it is granted only what it uses.
      for (const key of Object.keys(tables) as TableKey[])
        fn.addEnvironment(tables[key].envVar, props.tables[key].tableName);
      for (const [key, access] of Object.entries(permissions.tables) as [TableKey, TableAccess][]) {
        const definition: TableDefinition = tables[key];
        fn.bindTable(
          props.tables[key],
          definition.envVar,
          access,
          (definition.indexes ?? []).map((index) => index.indexName),
        );
      }
      const secretsKeyStatement = secretsKeyStatementFor(name, permissions.services, props.secretsKey);
      if (secretsKeyStatement) fn.addToRolePolicy(secretsKeyStatement);
      if (secretsKeyStatement && props.dataKeyCacheSeconds !== undefined)
        fn.addEnvironment('DATA_KEY_CACHE_SECONDS', String(props.dataKeyCacheSeconds));
      if (permissions.services.includes('answerHashKey')) {
        fn.addToRolePolicy(
          new iam.PolicyStatement({ actions: ['kms:GenerateMac'], resources: [props.answerHashKey.keyArn] }),
        );
      }
      if (permissions.services.includes('sendEmail')) {
        fn.addToRolePolicy(
          new iam.PolicyStatement({
            // lib/notify/mailer.ts sends with SendEmail only.
            actions: ['ses:SendEmail'],
            resources: props.sendEmailResources,
          }),
        );
      }
      this.byName[name] = fn;
    }
  }
}

export class Api extends Construct {
  readonly httpApi: apigw.HttpApi;
  readonly userPool: cognito.UserPool;
  readonly userPoolClient: cognito.UserPoolClient;

  constructor(
    scope: Construct,
    id: string,
    props: ApiProps & {
      functions: AppFunctions;
      /**
       * Staff mail (invitations, password resets) from our own SES identity and configuration set instead
       * of Cognito's default sender (50 mails a day, no-reply@verificationemail.com). Cognito refuses an
       * identity SES has not verified yet, so this waits for the DKIM records (-c staffMailThroughSes).
       */
      staffMail?: { fromEmail: string; verifiedDomain: string; configurationSetName: string };
    },
  ) {
    super(scope, id);

    this.userPool = new cognito.UserPool(this, 'StaffUserPool', {
      ...(props.staffMail
        ? {
            email: cognito.UserPoolEmail.withSES({
              fromEmail: props.staffMail.fromEmail,
              fromName: 'Helpdesk console',
              sesVerifiedDomain: props.staffMail.verifiedDomain,
              configurationSetName: props.staffMail.configurationSetName,
              sesRegion: Stack.of(this).region,
            }),
          }
        : {}),
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      // Staff sign in with a password and TOTP: helpdesk agents and admins can reset other people's 2FA.
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { sms: false, otp: true },
      passwordPolicy: {
        minLength: 14,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
    });
    const groupDescriptions: Record<StaffGroup, string> = {
      helpdesk: 'May verify callers',
      admin: 'May disable 2FA and approve disables',
      security: 'Reviews "this wasn\'t me" reports; may release or keep a recovery lock',
    };
    for (const [group, description] of Object.entries(groupDescriptions)) {
      new cognito.CfnUserPoolGroup(this, `Group-${group}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: group,
        description,
      });
    }
    this.userPoolClient = this.userPool.addClient('ConsoleClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
        callbackUrls: props.consoleUrls,
        logoutUrls: props.consoleUrls,
      },
      accessTokenValidity: Duration.minutes(60),
      idTokenValidity: Duration.minutes(60),
      refreshTokenValidity: Duration.hours(12),
      preventUserExistenceErrors: true,
    });

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: logs.RetentionDays.ONE_YEAR });
    this.httpApi = new apigw.HttpApi(this, 'HttpApi', {
      description: 'mfa-recovery: helpdesk verification, 2FA disable, enrollment, login verification',
      createDefaultStage: false,
      corsPreflight: props.corsOrigins.length
        ? {
            allowOrigins: props.corsOrigins,
            allowMethods: [apigw.CorsHttpMethod.GET, apigw.CorsHttpMethod.POST, apigw.CorsHttpMethod.PUT],
            allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
            maxAge: Duration.hours(1),
          }
        : undefined,
    });
    const stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      // Routes not in the table would get this; every route of the table has its own (below).
      throttle: { rateLimit: 10, burstLimit: 20 },
      // Per-route metrics cost per route and metric: on only where an alarm reads them (route settings below).
      detailedMetricsEnabled: false,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            routeKey: '$context.routeKey',
            status: '$context.status',
            // The TCP peer: CloudFront's edge for the pages' traffic (an HTTP API cannot log a header);
            // the functions' "request handled" line has the viewer's address (lib/observability/viewer-address.ts).
            sourceIp: '$context.identity.sourceIp',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });

    const jwtAuthorizer = new HttpUserPoolAuthorizer('StaffJwt', this.userPool, {
      userPoolClients: [this.userPoolClient],
      identitySource: ['$request.header.Authorization'],
    });
    const iamAuthorizer = new HttpIamAuthorizer();
    const integrations = new Map<FunctionName, HttpLambdaIntegration>();
    const createdRoutes: apigw.HttpRoute[] = [];
    for (const route of routes) {
      let integration = integrations.get(route.function);
      if (!integration) {
        integration = new HttpLambdaIntegration(
          `${route.function}Integration`,
          props.functions.byName[route.function],
        );
        integrations.set(route.function, integration);
      }
      const created = this.httpApi.addRoutes({
        path: route.path,
        methods: [methods[route.method]],
        integration,
        ...(route.auth.type === 'jwt' ? { authorizer: jwtAuthorizer } : {}),
        ...(route.auth.type === 'iam' ? { authorizer: iamAuthorizer } : {}),
      });
      createdRoutes.push(...created);
      if (route.auth.type === 'none') {
        for (const httpRoute of created) {
          Validations.of(httpRoute).acknowledge({
            id: 'AwsSolutions-APIG4',
            reason:
              route.path === '/health'
                ? 'The health check reveals nothing and must answer without credentials.'
                : 'Customer enrollment routes are authorized by the single-use ticket from the email, checked by the handler.',
          });
          Validations.of(httpRoute).acknowledge({
            id: 'AwsSolutions-COG4',
            reason: 'Not a staff route: no Cognito user exists for this caller (see APIG4 on this route).',
          });
        }
      }
      if (route.auth.type === 'iam') {
        for (const httpRoute of created) {
          Validations.of(httpRoute).acknowledge({
            id: 'AwsSolutions-COG4',
            reason:
              'Service-to-service route: the login service signs with its IAM role (SigV4), not a Cognito user.',
          });
        }
      }
    }
    const cfnStage = stage.node.defaultChild as apigw.CfnStage;
    // RouteSettings is untyped JSON in CloudFormation's schema: the keys are written as CloudFormation spells them.
    cfnStage.routeSettings = Object.fromEntries(
      routes.map((route) => {
        const { rateLimit, burstLimit } = throttleFor(route);
        return [
          routeKey(route),
          {
            ThrottlingRateLimit: rateLimit,
            ThrottlingBurstLimit: burstLimit,
            DetailedMetricsEnabled: alarmedOperations.has(route.operation),
          },
        ];
      }),
    );
    // Route settings name routes by key: the stage must be created after them.
    for (const httpRoute of createdRoutes) stage.node.addDependency(httpRoute);
  }
}
