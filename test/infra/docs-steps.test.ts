// What the deploy guide and the runbook tell a person to do, held against the stack the app builds: a
// step that changes nothing (a setting already at its default), a group the guide forgets, or a sign-in
// flow the app client refuses, each leaves someone stuck at the moment they follow the text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../cdk/app';
import { environmentSchema } from '../../lib/config';
import { repoRoot } from '../../tooling/repo-root';

const complete = {
  senderEmail: 'no-reply@bank.example',
  securityAlertEmail: 'security@bank.example',
  alarmEmail: 'ops@bank.example',
  loginServicePrincipal: 'arn:aws:iam::210987654321:role/login-service',
  webAclArn:
    'arn:aws:wafv2:us-east-1:123456789012:global/webacl/mfa-recovery/0123abcd-0000-0000-0000-000000000000',
  // Only the app's reading of context is tested here: no function is bundled.
  'aws:cdk:bundling-stacks': [],
};

const templateWith = (context: Record<string, string> = {}) =>
  Template.fromStack(buildApp({ ...complete, ...context }).stack).toJSON() as {
    Resources: Record<string, { Type: string; Properties: Record<string, any> }>;
  };

const doc = (name: string) => readFileSync(join(repoRoot(), 'docs', name), 'utf8');
const runbook = doc('operations.md');
const deployGuide = doc('deploy.md');

let plain: ReturnType<typeof templateWith>;
beforeAll(() => {
  plain = templateWith();
}, 120000);

describe('the runbook’s steps change something', () => {
  it('every `-c key=value` it tells on-call to deploy with gives another template than without it', () => {
    const steps = [...runbook.matchAll(/`-c ([A-Za-z]+)=([^`\s]+)`/g)].map(([, key, value]) => ({
      key: key!,
      value: value!,
    }));
    expect(steps.map((step) => step.key)).toContain('disablesPerHourTotal');
    for (const step of steps)
      expect({
        step,
        changes: JSON.stringify(templateWith({ [step.key]: step.value })) !== JSON.stringify(plain),
      }).toEqual({
        step,
        changes: true,
      });
  });

  it('every setting `NAME=value` it names is one the functions read, and not its default', () => {
    const shape = environmentSchema.shape as Record<string, { parse: (value: unknown) => unknown }>;
    for (const [, name, value] of runbook.matchAll(/`([A-Z][A-Z0-9_]+)=([^`]+)`/g)) {
      const setting = shape[name!];
      expect({ name, known: setting !== undefined }).toEqual({ name, known: true });
      // A step that sets what is already set changes nothing while on-call thinks it did.
      expect({ name, value, isTheDefault: setting!.parse(value) === setting!.parse(undefined) }).toEqual({
        name,
        value,
        isTheDefault: false,
      });
    }
  });
});

describe('the deploy guide and the stack agree', () => {
  const ofType = (type: string) =>
    Object.values(plain.Resources).filter((resource) => resource.Type === type);

  it('step 7 names every group of the staff user pool', () => {
    const step = /\*\*7\. Staff\.\*\*([\s\S]*?)\n\n/.exec(deployGuide)?.[1] ?? '';
    const groups = ofType('AWS::Cognito::UserPoolGroup').map((group) => String(group.Properties.GroupName));
    expect(groups.sort()).toEqual(['admin', 'helpdesk', 'security']);
    expect(groups.filter((group) => !step.includes(`\`${group}\``))).toEqual([]);
  });

  it('asks for staff tokens only through a sign-in flow the console’s app client allows', () => {
    const [client] = ofType('AWS::Cognito::UserPoolClient');
    const allowed = (client!.Properties.ExplicitAuthFlows as string[]).map((flow) =>
      flow.replace(/^ALLOW_/, ''),
    );
    expect(allowed).toContain('USER_SRP_AUTH');
    expect(allowed).not.toContain('ADMIN_USER_PASSWORD_AUTH');
    const readme = readFileSync(join(repoRoot(), 'README.md'), 'utf8');
    for (const [source, text] of [
      ['docs/deploy.md', deployGuide],
      ['README.md', readme],
    ] as const) {
      const named = [
        ...text.matchAll(/\b((?:ADMIN_)?(?:USER_)?(?:PASSWORD|SRP|NO_SRP|CUSTOM)_AUTH|USER_AUTH)\b/g),
      ].map((match) => match[1]!);
      expect({ source, refused: named.filter((flow) => !allowed.includes(flow)) }).toEqual({
        source,
        refused: [],
      });
    }
    // The smoke test's own instructions say how the tokens are had in AWS.
    const smoke = /## Smoke test after a deploy([\s\S]*?)(?=\n## |$)/.exec(deployGuide)?.[1] ?? '';
    expect(smoke).toContain('SRP');
  });
});
