// Synthesizes the stack as `npx cdk synth` does, with cdk-nag's packs: v3 fails the synth on any
// unacknowledged error, so synthesizing is the nag check. Shared by the infrastructure tests.
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MfaRecoveryStack, type MfaRecoveryStackProps } from '../../cdk/stack';

export type Resource = { Type: string; Properties: Record<string, any> };

/** `bundle: false` skips building the functions and pages, for tests that read only the template. */
export const synthesizeStack = (
  id: string,
  extra: Partial<MfaRecoveryStackProps> = {},
  options: { bundle?: boolean } = {},
) => {
  const outdir = mkdtempSync(join(tmpdir(), `cdk-${id}-`));
  const app = new App({
    outdir,
    ...(options.bundle === false ? { context: { 'aws:cdk:bundling-stacks': [] } } : {}),
  });
  const stack = new MfaRecoveryStack(app, id, {
    senderEmail: 'no-reply@example.com',
    securityAlertEmail: 'security@example.com',
    alarmEmail: 'ops@example.com',
    loginServicePrincipal: '210987654321',
    webAclArn:
      'arn:aws:wafv2:us-east-1:123456789012:global/webacl/mfa-recovery/0123abcd-0000-0000-0000-000000000000',
    env: { region: 'eu-west-1', account: '123456789012' },
    ...extra,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  const assembly = app.synth();
  const template = Template.fromStack(stack);
  const resources = template.toJSON().Resources as Record<string, Resource>;
  const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
  return { template, resources, ofType, outdir, assembly };
};

/** The project's functions (AppFunction), as opposed to helpers CDK adds, which are index.handler too. */
export const isOwnFunction = (fn: Resource) =>
  fn.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === 'mfa-recovery';
