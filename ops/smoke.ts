// `npm run smoke [-- --base-url URL …]`: the whole recovery procedure against one deployment; without
// --base-url against a fresh in-memory local stack. Prints one line per step; exit 1 on the first failure.
import './smoke/quiet';
import { parseArgs } from 'node:util';
import { MissingJavaError } from '../local/dynamodb-local';
import { startLocalStack, type LocalStack } from '../local/stack';
import { commandMailbox, sesLocalMailbox, type Mailbox } from './smoke/mailbox';
import { runSmoke, type SmokeTarget } from './smoke/procedure';

const { values } = parseArgs({
  options: {
    'base-url': { type: 'string' },
    region: { type: 'string' },
    'ses-url': { type: 'string' },
    'mail-command': { type: 'string' },
    email: { type: 'string' },
    'agent-token': { type: 'string' },
    'admin-token': { type: 'string' },
    'approver-token': { type: 'string' },
    'mail-timeout': { type: 'string', default: '60' },
  },
});
const say = (line: string) => process.stdout.write(`${line}\n`);

/** The local stack mints staff tokens (POST /local/token); a deployment in AWS needs Cognito test users. */
const localToken = async (baseUrl: string, sub: string, groups: string[]) => {
  const response = await fetch(`${baseUrl}/local/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub, groups }),
  });
  if (!response.ok)
    throw new Error(
      'no staff tokens: pass --agent-token and --admin-token (ID tokens of Cognito test users), or SMOKE_AGENT_TOKEN and SMOKE_ADMIN_TOKEN',
    );
  return ((await response.json()) as { token: string }).token;
};

const main = async () => {
  let stack: LocalStack | undefined;
  try {
    let baseUrl = values['base-url'];
    let mailbox: Mailbox | undefined;
    const target: Partial<SmokeTarget> = {};
    if (!baseUrl) {
      say('starting an in-memory local stack…');
      stack = await startLocalStack({ inMemory: true, demoData: false, pollStreams: true });
      baseUrl = stack.apiUrl;
      mailbox = sesLocalMailbox(stack.sesEndpoint);
      target.credentials = stack.loginServiceCredentials;
      target.region = stack.loginServiceCredentials.region;
    }
    if (values['mail-command']) mailbox = commandMailbox(values['mail-command']);
    else if (values['ses-url']) mailbox = sesLocalMailbox(values['ses-url']);
    else if (!mailbox && /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/?$/.test(baseUrl))
      mailbox = sesLocalMailbox(`http://127.0.0.1:${process.env.SES_PORT ?? '8005'}`);
    if (!mailbox)
      throw new Error('no mailbox: pass --ses-url URL or --mail-command CMD (see README "Smoke test")');

    const tokenOf = async (given: string | undefined, env: string, sub: string, groups: string[]) =>
      given ?? process.env[env] ?? localToken(baseUrl, sub, groups);
    const tokens = {
      agent: await tokenOf(values['agent-token'], 'SMOKE_AGENT_TOKEN', 'smoke-agent', ['helpdesk']),
      admin: await tokenOf(values['admin-token'], 'SMOKE_ADMIN_TOKEN', 'smoke-admin', ['admin']),
      approver: await tokenOf(values['approver-token'], 'SMOKE_APPROVER_TOKEN', 'smoke-approver', ['admin']),
    };
    say(`smoke test against ${baseUrl}`);
    const result = await runSmoke({
      ...target,
      baseUrl,
      ...(values.region ? { region: values.region } : {}),
      tokens,
      mailbox,
      emailPattern: values.email ?? '{id}@smoke.mfa-recovery.local',
      mailTimeoutMs: Number(values['mail-timeout']) * 1000,
      log: say,
    });
    say(`smoke test passed: customer ${result.customerId}, ${result.steps.length} steps`);
  } finally {
    await stack?.stop();
  }
};

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`smoke test failed: ${error instanceof MissingJavaError ? error.message : message}\n`);
  process.exit(1);
});
