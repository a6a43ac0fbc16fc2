// Logs are JSON lines with the request id and route, and nothing secret reaches them: a whole
// recovery runs with logging at DEBUG while stdout is captured, then the captured text is searched
// for every answer, code, ticket, secret and backup code the flow handled, and for the personal data
// around it: names, addresses, company details, staff notes and reasons, also through an erasure.
import { logger } from '../../lib/observability/logger';
import { startTestStack, type TestStack } from '../support/stack';
import { createCustomer, customerRecord, genuineAnswers, markEnrolled } from '../support/fixtures';
import { authenticatorFrom } from './enrollment-helpers';

let stack: TestStack;
const captured: string[] = [];
let restore: () => void;

beforeAll(async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
  // The logger may already exist (tests start quiet, test/support/quiet-logs.ts): raise it too.
  logger.setLogLevel('DEBUG');
  // The suite follows a privileged customer's whole recovery at once; the wait has its own suite
  // (recovery-delay.test.ts).
  stack = await startTestStack({
    pollStreams: true,
    environment: { RECOVERY_DELAY_PRIVILEGED_MINUTES: '0' },
  });
  // Powertools writes warn and error lines to stderr, the rest to stdout: both are searched.
  const restores = [process.stdout, process.stderr].map((stream) => {
    const originalWrite = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return (originalWrite as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    return () => {
      stream.write = originalWrite;
    };
  });
  restore = () => restores.forEach((undo) => undo());
});
afterAll(async () => {
  restore?.();
  await stack?.stop();
});

it('keeps answers, codes, tickets, secrets, backup codes, names, emails and staff text out of the logs of a whole recovery and an erasure', async () => {
  const agent = await stack.helpdeskToken('agent-log');
  const admin = await stack.adminToken('admin-log');
  const service = await stack.serviceToken();
  await createCustomer(stack, 'log-1', { email: 'log-1@example.nl', privileged: true });
  await markEnrolled(stack, 'log-1');
  const secrets: string[] = [];

  const started = await stack.call('POST', '/admin/customers/log-1/verifications', {
    token: agent,
    body: { channel: 'phone' },
  });
  const verificationId = started.body.verificationId;
  const note = 'beller klonk gehaast, belde vanaf onbekend nummer';
  // The code goes out only once the caller's name and address matched.
  const identity: [string, string][] = [
    ['FULL_NAME', genuineAnswers.FULL_NAME as string],
    ['EMAIL', 'log-1@example.nl'],
  ];
  for (const [type, answer] of identity) {
    const check = await stack.call('POST', `/admin/verifications/${verificationId}/checks`, {
      token: agent,
      body: { type, answer, ...(type === 'FULL_NAME' ? { note } : {}) },
    });
    expect(check.body.result).toBe('MATCH');
  }
  await stack.call('POST', `/admin/verifications/${verificationId}/email-code`, { token: agent });
  const codeMail = (await stack.sentEmails())
    .filter((email) => email.destination.to.includes('log-1@example.nl'))
    .pop();
  const emailCode = /\b(\d{6})\b/.exec(codeMail?.body.text ?? '')?.[1] as string;
  secrets.push(emailCode);
  const answers: [string, string][] = [
    ['CHARGE_POINT_IDS', genuineAnswers.CHARGE_POINT_IDS as string],
    ['LAST_TRANSACTION', genuineAnswers.LAST_TRANSACTION as string],
    ['COMPANY_INFO', 'KvK nummer 81234567'],
    ['EMAIL_CODE', emailCode],
  ];
  for (const [type, answer] of answers) {
    const check = await stack.call('POST', `/admin/verifications/${verificationId}/checks`, {
      token: agent,
      body: { type, answer },
    });
    expect(check.body.result).toBe('MATCH');
  }
  secrets.push('jan de vries', 'log-1@example.nl', 'NL-VPK-00017', '81234567', '18,45');
  // Personal data that is not an answer: the record's other fields and what staff typed.
  secrets.push('VoltPark B.V.', 'Utrecht', note, 'lost phone, card in the drawer');
  expect(
    (await stack.call('POST', `/admin/verifications/${verificationId}/complete`, { token: agent })).body
      .outcome,
  ).toBe('PASSED');
  const pending = await stack.call('POST', '/admin/customers/log-1/2fa/disable', {
    token: admin,
    body: { verificationId, reason: 'lost phone, card in the drawer' },
  });
  const approved = await stack.call('POST', `/admin/approvals/${pending.body.approvalId}/approve`, {
    token: await stack.adminToken('admin-two'),
  });
  expect(approved.status).toBe(200);
  await stack.poller?.drain();

  const resetMail = (await stack.sentEmails())
    .filter((email) => email.destination.to.includes('log-1@example.nl'))
    .pop();
  const ticket = /#ticket=([A-Za-z0-9_-]+)/.exec(resetMail?.body.text ?? '')?.[1] as string;
  secrets.push(ticket);
  const enrollment = await stack.call('POST', '/enroll/start', { body: { ticket } });
  secrets.push(enrollment.body.secret);
  const app = authenticatorFrom(enrollment.body.otpauthUri);
  const now = Date.now();
  const confirmCode = app.codeAt(now);
  const confirmed = await stack.call('POST', '/enroll/confirm', { body: { ticket, code: confirmCode } });
  expect(confirmed.body.twoFactor).toBe('ENABLED');
  secrets.push(confirmCode, ...confirmed.body.backupCodes);
  const loginCode = app.codeForStep(app.stepAt(now) + 1);
  secrets.push(loginCode);
  await stack.call('POST', '/internal/customers/log-1/2fa/verify', {
    token: service,
    body: { code: loginCode },
  });
  await stack.call('POST', '/internal/customers/log-1/2fa/verify', {
    token: service,
    body: { code: confirmed.body.backupCodes[0] },
  });
  await stack.poller?.drain();
  // The account is closed: erasure, then a sync and a search that must not bring anything back.
  expect((await stack.call('POST', '/internal/customers/log-1/erase', { token: service })).status).toBe(200);
  expect(
    (
      await stack.call('PUT', '/internal/customers/log-1', {
        token: service,
        body: { ...customerRecord({ email: 'log-1@example.nl' }) },
      })
    ).body.error.code,
  ).toBe('ERASED');
  // A search is typed by staff from what the caller says: the query text is personal data too.
  await stack.call('GET', '/admin/customers?query=vriesmans', { token: agent });
  secrets.push('vriesmans');
  await stack.poller?.drain();

  const logText = captured.join('');
  // Log lines are JSON; anything else on stderr is the test runner's own output.
  const lines = logText.split('\n').filter((line) => line.startsWith('{'));
  expect(lines.length).toBeGreaterThan(10);
  for (const secret of secrets) {
    expect(secret.length).toBeGreaterThan(3);
    expect({ secret, found: logText.toLowerCase().includes(secret.toLowerCase()) }).toEqual({
      secret,
      found: false,
    });
  }
  // Backup codes are also refused in their unformatted shape.
  for (const code of confirmed.body.backupCodes as string[])
    expect(logText).not.toContain(code.replace(/[-\s]/g, ''));
  const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  const requestLines = parsed.filter((line) => line.message === 'request handled');
  expect(requestLines.length).toBeGreaterThan(8);
  for (const line of requestLines) {
    expect(line).toEqual(
      expect.objectContaining({
        requestId: expect.any(String),
        route: expect.stringMatching(/^(GET|POST|PUT) \//),
        level: 'INFO',
      }),
    );
  }
}, 60000);
