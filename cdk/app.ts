// CDK entry: the stack with its context, checked by cdk-nag's AwsSolutions and Serverless packs.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { MfaRecoveryStack } from './stack';

export const buildApp = (context: Record<string, string> = {}) => {
  const app = new App({ context });
  const setting = (name: string, fallback: string) => {
    const value: unknown = app.node.tryGetContext(name);
    return typeof value === 'string' && value.length > 0 ? value : fallback;
  };
  const stack = new MfaRecoveryStack(app, setting('stackName', 'MfaRecovery'), {
    senderEmail: setting('senderEmail', 'no-reply@example.com'),
    securityAlertEmail: setting('securityAlertEmail', 'security@example.com'),
    publicBaseUrl: setting('publicBaseUrl', 'https://recovery.example.com'),
    alarmEmail: setting('alarmEmail', 'operators@example.com'),
    enrollLinkMode: setting('enrollLinkMode', 'direct') === 'login' ? 'login' : 'direct',
    ...(app.node.tryGetContext('loginUrl') ? { loginUrl: setting('loginUrl', '') } : {}),
    ...(app.node.tryGetContext('webCertificateArn')
      ? { webCertificateArn: setting('webCertificateArn', '') }
      : {}),
    ...(app.node.tryGetContext('signInDomainPrefix')
      ? { signInDomainPrefix: setting('signInDomainPrefix', '') }
      : {}),
    env: {
      region: setting('region', process.env.CDK_DEFAULT_REGION ?? 'eu-west-1'),
      account: process.env.CDK_DEFAULT_ACCOUNT,
    },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, stack };
};

if (process.argv[1] && /cdk[\\/]app\.ts$/.test(process.argv[1])) {
  buildApp().app.synth();
}
