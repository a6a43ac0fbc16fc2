// Business metrics reach CloudWatch as EMF lines on stdout: each request through the local API prints
// the counts of what it did, in the MfaRecovery namespace, with the service as the only dimension
// (no customer or staff id), and the staff member behind a disable or a passed verification is logged
// on its own line for the Contributor Insights rules.
import { logger } from '../../lib/observability/logger';
import { startTestStack, type Caller, type TestStack } from '../support/stack';
import { createCustomer as createFullCustomer, markEnrolled, passVerification } from '../support/fixtures';
import { mailOfKind } from '../support/mails';
import { authenticatorFrom, createCustomer, ticketFromUrl } from './enrollment-helpers';
import { sesFeedbackEvent } from '../../local/ses-feedback';

let stack: TestStack;
let service: Caller;
const captured: string[] = [];
let restore: () => void;

const logLevel = process.env.POWERTOOLS_LOG_LEVEL;
const metricsDisabled = process.env.POWERTOOLS_METRICS_DISABLED;

beforeAll(async () => {
  // Info level: the recovery-action lines are info lines.
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
  // The logger may already exist (tests start quiet, test/support/quiet-logs.ts): raise it too.
  logger.setLogLevel('INFO');
  // Tests start with metrics off (test/support/quiet-logs.ts); this suite is about them.
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  stack = await startTestStack({ pollStreams: true, environment: { VERIFY_MAX_FAILURES: '3' } });
  service = await stack.serviceToken();
  const originalWrite = process.stdout.write.bind(process.stdout);
  // Captured, not printed: the JSON lines are what this suite reads, and noise in everyone's output.
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    captured.push(text);
    if (text.startsWith('{')) return true;
    return (originalWrite as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
  restore = () => {
    process.stdout.write = originalWrite;
  };
});
afterAll(async () => {
  restore?.();
  await stack?.stop();
  // The worker runs other test files next; they log at their own level.
  if (logLevel === undefined) delete process.env.POWERTOOLS_LOG_LEVEL;
  else process.env.POWERTOOLS_LOG_LEVEL = logLevel;
  if (metricsDisabled === undefined) delete process.env.POWERTOOLS_METRICS_DISABLED;
  else process.env.POWERTOOLS_METRICS_DISABLED = metricsDisabled;
});

const jsonLines = (from: number) =>
  captured
    .slice(from)
    .join('')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, any>);

/** Runs `action`, lets the notifier handle what it wrote, and returns the EMF and recovery-action lines. */
const printedBy = async (action: () => Promise<unknown>) => {
  const from = captured.length;
  await action();
  await stack.poller?.drain();
  const lines = jsonLines(from);
  const emf = lines.filter((line) => line._aws);
  for (const line of emf) {
    // The EMF contract CloudWatch reads: one namespace, the service as the only dimension, counts.
    expect(line._aws.CloudWatchMetrics).toHaveLength(1);
    expect(line._aws.CloudWatchMetrics[0].Namespace).toBe('MfaRecovery');
    expect(line._aws.CloudWatchMetrics[0].Dimensions).toEqual([['service']]);
    expect(line.service).toBe('mfa-recovery');
    for (const metric of line._aws.CloudWatchMetrics[0].Metrics) expect(metric.Unit).toBe('Count');
  }
  const counts: Record<string, number> = {};
  for (const line of emf)
    for (const { Name } of line._aws.CloudWatchMetrics[0].Metrics)
      counts[Name] = (counts[Name] ?? 0) + Number(line[Name]);
  const actions = lines
    .filter((line) => line.message === 'recovery action')
    .map((line) => ({ action: line.recoveryAction, staffId: line.staffId }));
  return { counts, actions, emf };
};

const verify = (customerId: string, code: string) =>
  stack.call('POST', `/internal/customers/${customerId}/2fa/verify`, { token: service, body: { code } });

it('counts an enrollment and every login verify outcome: ok, wrong, replayed, lockout, locked, backup code', async () => {
  await createCustomer(stack, 'metrics-login');
  const issued = await stack.call('POST', '/internal/customers/metrics-login/2fa/enrollment-ticket', {
    token: service,
  });
  const ticket = ticketFromUrl(issued.body.enrollUrl);
  const started = await stack.call('POST', '/enroll/start', { body: { ticket } });
  const app = authenticatorFrom(started.body.otpauthUri);
  let backupCodes: string[] = [];
  expect(
    (
      await printedBy(async () => {
        const confirmed = await stack.call('POST', '/enroll/confirm', {
          body: { ticket, code: app.codeAt(Date.now()) },
        });
        backupCodes = confirmed.body.backupCodes;
      })
    ).counts,
  ).toEqual({ Enrollments: 1, NotificationsSent: 1 });

  // A fresh step: the code the enrollment confirmed is spent.
  const step = app.stepAt(Date.now()) + 1;
  const code = app.codeForStep(step);
  const ok = await printedBy(async () => {
    const sameStepLater = await verify('metrics-login', code);
    expect(sameStepLater.body.valid).toBe(true);
  });
  expect(ok.counts).toEqual({ LoginVerifyOk: 1 });

  const replay = await printedBy(async () => {
    expect((await verify('metrics-login', code)).body).toMatchObject({
      valid: false,
      reason: 'CODE_ALREADY_USED',
    });
  });
  expect(replay.counts).toEqual({ LoginVerifyReplayed: 1 });

  const wrong = await printedBy(() => verify('metrics-login', app.wrongCodeAt(Date.now(), 1)));
  expect(wrong.counts).toEqual({ LoginVerifyFailed: 1 });
  await verify('metrics-login', app.wrongCodeAt(Date.now(), 2));
  const lockout = await printedBy(() => verify('metrics-login', app.wrongCodeAt(Date.now(), 3)));
  // The failure that starts the lock is already answered 429: it counts as locked, and the lock as a lockout.
  // The notifier mails the customer about the lock.
  expect(lockout.counts).toEqual({ LoginVerifyLocked: 1, Lockouts: 1, NotificationsSent: 1 });
  const refused = await printedBy(async () => {
    expect((await verify('metrics-login', app.codeAt(Date.now()))).status).toBe(429);
  });
  expect(refused.counts).toEqual({ LoginVerifyLocked: 1 });

  const backup = await printedBy(async () => {
    expect((await verify('metrics-login', backupCodes[0] as string)).body).toMatchObject({ valid: true });
  });
  expect(backup.counts).toEqual({ LoginVerifyOk: 1, BackupCodesUsed: 1, NotificationsSent: 1 });
  // Staff ranking lines are for staff actions only; a customer's login names nobody.
  for (const result of [ok, replay, wrong, lockout, refused, backup]) expect(result.actions).toEqual([]);
});

it('counts a helpdesk recovery, logs who passed and who disabled, and counts the reset email and the report', async () => {
  await createFullCustomer(stack, 'metrics-staff', { email: 'metrics-staff@example.nl' });
  await markEnrolled(stack, 'metrics-staff');
  const agent = await stack.helpdeskToken('agent-metrics');
  const admin = await stack.adminToken('admin-metrics');
  let verificationId = '';
  const verification = await printedBy(async () => {
    verificationId = await passVerification(stack, 'metrics-staff', agent, undefined, {
      EMAIL: 'metrics-staff@example.nl',
    });
  });
  // The default policy asks for the emailed code, so a passed verification sent one.
  expect(verification.counts).toEqual({ VerificationsStarted: 1, EmailCodesSent: 1, VerificationsPassed: 1 });
  expect(verification.actions).toEqual([{ action: 'VerificationsPassed', staffId: 'agent-metrics' }]);

  const disable = await printedBy(async () => {
    const disabled = await stack.call('POST', '/admin/customers/metrics-staff/2fa/disable', {
      token: admin,
      body: { verificationId, reason: 'phone lost' },
    });
    expect(disabled.body).toMatchObject({ twoFactor: 'DISABLED' });
  });
  // The disable request's count and, from the stream, the notifier's for the reset email. In Lambda the two
  // functions write a line each; here they share a process and one tally, so should the notifier finish
  // while the request is still answering, one line carries both (lib/business-metrics): the counts hold.
  expect(disable.counts).toEqual({ DisablesDirect: 1, ResetEmailsSent: 1 });
  expect(disable.emf.length).toBeGreaterThanOrEqual(1);
  expect(disable.actions).toEqual([{ action: 'DisablesDirect', staffId: 'admin-metrics' }]);

  const mail = await mailOfKind(stack, 'metrics-staff@example.nl', 'RESET');
  const link = /https?:\/\/\S+#ticket=[^\s"&]+/.exec(mail?.body.text ?? '')?.[0] ?? '';
  const report = await printedBy(async () => {
    expect(
      (await stack.call('POST', '/enroll/report', { body: { ticket: ticketFromUrl(link) } })).status,
    ).toBe(200);
  });
  // Two mails from the stream: the security team's alert, then the customer's confirmation after it.
  expect(report.counts).toEqual({ UnauthorizedResetReports: 1, NotificationsSent: 2 });

  // No id of a customer or a staff member in any metric line: dimensions are bounded.
  const allEmf = [...verification.emf, ...disable.emf, ...report.emf].map((line) => JSON.stringify(line));
  for (const line of allEmf) expect(line).not.toMatch(/metrics-staff|agent-metrics|admin-metrics/);
});

it('counts a refused request that changed nothing as nothing', async () => {
  const agent = await stack.helpdeskToken('agent-idle');
  const refused = await printedBy(async () => {
    const response = await stack.call('POST', '/admin/customers/nobody/verifications', {
      token: agent,
      body: { channel: 'phone' },
    });
    expect(response.status).toBe(404);
  });
  expect(refused.counts).toEqual({});
  expect(refused.emf).toEqual([]);
});

it('counts a bounce of mail no outbox entry sent (staff mail through SES, an emailed code) as UntrackedMailFeedback', async () => {
  const bounced = await printedBy(async () => {
    // Cognito's mail carries our configuration set but none of our tags.
    const response = await stack.call('POST', '/local/ses-events', {
      body: sesFeedbackEvent({ messageId: 'ses-staff-invite-1', recipient: 'new.agent@example.nl' }),
    });
    expect(response.body).toEqual({ result: 'UNTRACKED' });
  });
  expect(bounced.counts).toEqual({ UntrackedMailFeedback: 1 });
  // The address it bounced from is in no metric line.
  expect(JSON.stringify(bounced.emf)).not.toContain('new.agent');
  // A forged event (another source) is refused and counted as nothing.
  const forged = await printedBy(async () => {
    const event = { ...sesFeedbackEvent({ messageId: 'ses-staff-invite-2' }), source: 'my.app' };
    expect((await stack.call('POST', '/local/ses-events', { body: event })).body).toEqual({
      result: 'REFUSED',
    });
  });
  expect(forged.counts).toEqual({});
});
