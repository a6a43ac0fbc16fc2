// The login service's role: the one caller the `/internal/*` routes accept. API Gateway lets it invoke
// those routes and no other; the handler accepts only this role's sessions (LOGIN_SERVICE_ROLE_ARN),
// since execute-api:Invoke alone is held by every administrator of the account.
import { CfnOutput, Stack, Token, Validations, type CfnElement } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { routes, type FunctionName } from '../../lib/routes';
import type { AppFunctions } from './api';

/** The env var a function serving `iam` routes compares the caller's assumed-role ARN with. */
export const LOGIN_SERVICE_ROLE_ENV = 'LOGIN_SERVICE_ROLE_ARN';

/**
 * Who may assume the role: a 12-digit account id (that account's administrators then delegate
 * sts:AssumeRole to their login service) or the ARN of the login service's own role.
 */
export const trustedPrincipalOf = (value: string): iam.IPrincipal => {
  if (/^\d{12}$/.test(value)) return new iam.AccountPrincipal(value);
  if (/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/.test(value)) return new iam.ArnPrincipal(value);
  throw new Error(
    `loginServicePrincipal must be a 12-digit account id or an IAM role ARN (arn:aws:iam::<account>:role/<name>), not "${value}"`,
  );
};

/** `arn:…:execute-api:…/$default/<METHOD>/<path>` for each IAM route; `{param}` becomes `*`. */
export const internalRouteResources = (httpApi: apigw.IHttpApi) =>
  routes
    .filter((route) => route.auth.type === 'iam')
    .map((route) =>
      httpApi.arnForExecuteApi(route.method, route.path.replace(/\{[^}]+\}/g, '*'), '$default'),
    );

export class LoginServiceRole extends Construct {
  readonly role: iam.Role;

  constructor(
    scope: Construct,
    id: string,
    /** Without a trusted principal (a placeholder synth), the stack's own account. */
    props: { httpApi: apigw.IHttpApi; trustedPrincipal?: string; functions: AppFunctions },
  ) {
    super(scope, id);
    this.role = new iam.Role(this, 'LoginServiceRole', {
      assumedBy: props.trustedPrincipal
        ? trustedPrincipalOf(props.trustedPrincipal)
        : new iam.AccountRootPrincipal(),
      description: 'mfa-recovery: the login service, caller of the /internal/* routes (SigV4)',
    });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['execute-api:Invoke'],
        resources: internalRouteResources(props.httpApi),
      }),
    );
    // cdk-nag sees each `*` of a path parameter as a wildcard; name each one with why it is one.
    const stack = Stack.of(this);
    const nagName = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<${pseudo}>` : value);
    const apiId = stack.getLogicalId(props.httpApi.node.defaultChild as CfnElement);
    for (const route of routes.filter(
      (candidate) => candidate.auth.type === 'iam' && candidate.path.includes('{'),
    )) {
      const path = route.path.replace(/\{[^}]+\}/g, '*');
      Validations.of(this.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:execute-api:${nagName(stack.region, 'AWS::Region')}:${nagName(stack.account, 'AWS::AccountId')}:<${apiId}>/$default/${route.method}${path}]`,
        reason: `Each * is a path parameter (${route.path.match(/\{[^}]+\}/g)?.join(', ')}) of ${route.method} ${route.path}: the login service may call this route for any value of it, and no route outside /internal/.`,
      });
    }
    const served = new Set<FunctionName>(
      routes.filter((route) => route.auth.type === 'iam').map((route) => route.function),
    );
    for (const name of served)
      props.functions.byName[name].addEnvironment(LOGIN_SERVICE_ROLE_ENV, this.role.roleArn);
    new CfnOutput(Stack.of(this), 'LoginServiceRoleArn', {
      value: this.role.roleArn,
      description: 'The role the login service assumes to sign its calls to /internal/* (SigV4)',
    });
  }
}
