// Synthesizes the stack as `npx cdk synth` does, with cdk-nag's packs: v3 fails the synth on any
// unacknowledged error, so synthesizing is the nag check. Shared by the infrastructure tests.
//
// Most suites read the same stack: sharedStack() synthesizes each configuration once and keeps the
// template and cloud assembly under a key of every source file (test/support/content-key.ts), so the
// suites of one run, and the next run while nothing changed, read it instead of synthesizing again.
import { App, CloudFormationValidatePlugin, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MfaRecoveryStack, type MfaRecoveryStackProps } from '../../cdk/stack';
import { repoRoot } from '../../tooling/repo-root';
import { contentKey, testCacheDir } from '../support/content-key';

export type Resource = { Type: string; Properties: Record<string, any> };

const baseProps = {
  senderEmail: 'no-reply@example.com',
  securityAlertEmail: 'security@example.com',
  alarmEmail: 'ops@example.com',
  loginServicePrincipal: '210987654321',
  webAclArn:
    'arn:aws:wafv2:us-east-1:123456789012:global/webacl/mfa-recovery/0123abcd-0000-0000-0000-000000000000',
  env: { region: 'eu-west-1', account: '123456789012' },
} satisfies MfaRecoveryStackProps;

const synthesizeInto = (
  outdir: string,
  id: string,
  extra: Partial<MfaRecoveryStackProps>,
  options: { bundle?: boolean; validate?: boolean },
) => {
  const app = new App({
    outdir,
    ...(options.bundle === false ? { context: { 'aws:cdk:bundling-stacks': [] } } : {}),
  });
  const stack = new MfaRecoveryStack(app, id, { ...baseProps, ...extra });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  // CDK's own CloudFormation validation, which the tests' setup turns off (test/support/cdk-context.ts)
  // for the other stacks they build: the stacks `cdk deploy` would deploy are checked, and
  // test/infra/stack.test.ts holds its report to no finding.
  if (options.validate) Validations.of(app).addPlugins(new CloudFormationValidatePlugin());
  const assembly = app.synth();
  return { template: Template.fromStack(stack), assembly };
};

const reading = (template: Template, outdir: string) => {
  const resources = template.toJSON().Resources as Record<string, Resource>;
  const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
  return { template, resources, ofType, outdir };
};

/** `bundle: false` skips building the functions and pages, for tests that read only the template. */
export const synthesizeStack = (
  id: string,
  extra: Partial<MfaRecoveryStackProps> = {},
  options: { bundle?: boolean } = {},
) => {
  const outdir = mkdtempSync(join(tmpdir(), `cdk-${id}-`));
  const { template, assembly } = synthesizeInto(outdir, id, extra, options);
  return { ...reading(template, outdir), assembly };
};

/**
 * The configurations most suites read. `default` is bundled (every function and the pages built, as
 * `cdk deploy` builds them); `siem` adds the SIEM bus, so what exists only then (its rule, its alarm) is there.
 */
export const sharedStacks = {
  default: { id: 'TestStack', props: { ...baseProps }, bundle: true },
  siem: {
    id: 'SiemStack',
    props: { ...baseProps, siemEventBusArn: 'arn:aws:events:eu-west-1:444455556666:event-bus/siem' },
    bundle: false,
  },
} as const;
export type SharedStackName = keyof typeof sharedStacks;

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

const processAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The lock's process is gone, or it never wrote its pid within a minute. */
const abandoned = (lock: string) => {
  try {
    const owner = Number(readFileSync(join(lock, 'pid'), 'utf8'));
    return owner > 0 && !processAlive(owner);
  } catch {
    try {
      return Date.now() - statSync(lock).mtimeMs > 60_000;
    } catch {
      return false; // released meanwhile
    }
  }
};

/**
 * One lock directory per key: whoever creates it synthesizes, the others (other jest workers) wait for
 * the result. A lock whose process is gone is taken over. A failed synth leaves nothing behind, so each
 * waiting suite then synthesizes itself and reports the error as it would without the cache.
 */
const buildOnce = (dir: string, build: (into: string) => void) => {
  const lock = `${dir}.lock`;
  const done = () => existsSync(join(dir, 'template.json'));
  const deadline = Date.now() + 15 * 60_000;
  while (!done()) {
    try {
      mkdirSync(lock, { recursive: false });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (abandoned(lock)) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`waited 15 minutes for the synth in ${lock}`);
      else sleep(200);
      continue;
    }
    try {
      writeFileSync(join(lock, 'pid'), String(process.pid));
      if (done()) return;
      const temporary = `${dir}.tmp-${process.pid}`;
      rmSync(temporary, { recursive: true, force: true });
      build(temporary);
      try {
        renameSync(temporary, dir);
      } catch (error) {
        // Another process finished the same key first (after taking over a lock it thought abandoned).
        rmSync(temporary, { recursive: true, force: true });
        if (!done()) throw error;
      }
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
};

const memo = new Map<SharedStackName, ReturnType<typeof reading> & { id: string }>();

/** A shared configuration's template and cloud assembly (`outdir`), synthesized at most once per content. */
export const sharedStack = (name: SharedStackName = 'default') => {
  const cached = memo.get(name);
  if (cached) return cached;
  const { id, props, bundle } = sharedStacks[name];
  const synthSource = readFileSync(join(repoRoot(), 'test', 'infra', 'synth.ts'), 'utf8');
  const dir = join(testCacheDir('synth'), contentKey({ synthSource, id, props, bundle }));
  mkdirSync(join(dir, '..'), { recursive: true });
  buildOnce(dir, (into) => {
    const { template } = synthesizeInto(join(into, 'assembly'), id, props, { bundle, validate: true });
    writeFileSync(join(into, 'template.json'), JSON.stringify(template.toJSON()));
  });
  const template = Template.fromJSON(JSON.parse(readFileSync(join(dir, 'template.json'), 'utf8')));
  const result = { ...reading(template, join(dir, 'assembly')), id };
  memo.set(name, result);
  return result;
};

/** The project's functions (AppFunction), as opposed to helpers CDK adds, which are index.handler too. */
export const isOwnFunction = (fn: Resource) =>
  fn.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === 'mfa-recovery';
