// `npm start`: the whole local stack in one process tree; Ctrl-C stops everything.
import { parseArgs } from 'node:util';
import { buildWeb } from '../tooling/build-web';
import { MissingJavaError } from './dynamodb-local';
import { startLocalStack } from './stack';
import { localStaff } from './staff';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const { values } = parseArgs({ options: { 'in-memory': { type: 'boolean', default: false } } });

const portFrom = (name: string, fallback: number) => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    process.stderr.write(`${name} must be a port number, got "${raw}"\n`);
    process.exit(2);
  }
  return port;
};

const main = async () => {
  const port = portFrom('PORT', 3000);
  const dynamodbPort = portFrom('DDB_PORT', 8000);
  const sesPort = portFrom('SES_PORT', 8005);
  const say = (line: string) => process.stdout.write(`${line}\n`);

  await buildWeb();
  const stack = await startLocalStack({
    port,
    dynamodbPort,
    sesPort,
    inMemory: values['in-memory'],
    log: (line) => say(`  ${line}`),
  });
  const adminToken = await stack.token('local-admin', ['admin', 'helpdesk'], { expiresInSeconds: 12 * 3600 });
  say('');
  say('mfa-recovery local stack is up');
  say(`  API           ${stack.apiUrl}            (try ${stack.apiUrl}/health)`);
  say(`  Console       ${stack.apiUrl}/console/   (sign in below)`);
  say(`  OpenID        ${stack.oidcIssuer}   (the console's sign-in; Cognito's hosted UI in AWS)`);
  say(`  Enrollment    ${stack.apiUrl}/enroll/   (opened from the email link)`);
  say(`  SES inbox     ${stack.sesEndpoint}/        (sent mail as JSON: ${stack.sesEndpoint}/store)`);
  say(`  Event bus     ${stack.apiUrl}/local/events   (recovery events as OCSF, newest last)`);
  say(
    `  SES events    POST ${stack.apiUrl}/local/ses-events   (stand-in: a bounce or complaint, as EventBridge delivers it)`,
  );
  say(`  DynamoDB      ${stack.dynamodbEndpoint}  (${values['in-memory'] ? 'in memory' : 'data in .data/'})`);
  say(
    `  Tokens        POST ${stack.apiUrl}/local/token {"sub":"…","groups":["helpdesk"|"admin"|"security"]}`,
  );
  if (stack.demoAuthenticatorsFile)
    say(
      `  Demo 2FA      ${stack.demoAuthenticatorsFile}  (the demo customers' authenticator URIs and backup codes)`,
    );
  say('');
  say('Console users (user name, groups, password; the passwords stay in .data/ unless --in-memory):');
  const width = Math.max(...localStaff.map((member) => member.username.length));
  for (const member of localStaff)
    say(
      `  ${member.username.padEnd(width)}  ${member.groups.join('+').padEnd(16)}  ${stack.staffPasswords[member.username]}`,
    );
  say('');
  say('Login service key pair for /internal/* (SigV4, service execute-api); paste into a shell:');
  const keys = stack.loginServiceCredentials;
  say(`AWS_ACCESS_KEY_ID=${keys.accessKeyId}`);
  say(`AWS_SECRET_ACCESS_KEY=${keys.secretAccessKey}`);
  say(`AWS_REGION=${keys.region}`);
  say('');
  say('Admin token (helpdesk + admin, 12 h):');
  say(adminToken);
  say('');
  say('Ctrl-C stops everything.');

  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    say('\nstopping…');
    stack
      .stop()
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
};

main().catch((error: unknown) => {
  if (error instanceof MissingJavaError) {
    process.stderr.write(`npm start: ${error.message}\n`);
  } else {
    process.stderr.write(`npm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
