// Step 3 starts with an email. Through the local stack with its stream poller: the disable transaction
// is the only trigger, the email arrives once in the customer's language, and it is the customer's way
// back in and their alarm bell. Faults: SES down then back, a crash between SES and the ledger, a bad address.
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { noVelocityLimits, startTestStack, type SentEmail, type TestStack } from '../support/stack';
import { auditEventsOf, expectIntactChain } from '../support/audit';
import {
  createCustomer,
  genuineAnswers,
  mailTo as mailToAddress,
  markEnrolled,
  passVerification,
} from '../support/fixtures';

let stack: TestStack;
let agent: string;
let admin: string;

beforeAll(async () => {
  // Its own SES server and DynamoDB: this file stops and restarts them.
  // The velocity limits have their own suite (helpdesk-attacks); here one admin resets many customers.
  stack = await startTestStack({
    ownServices: true,
    pollStreams: true,
    environment: noVelocityLimits,
  });
  agent = await stack.helpdeskToken('agent-bram');
  admin = await stack.adminToken('admin-anna');
}, 120000);
afterAll(async () => {
  await stack?.stop();
});

const resetCustomer = async (
  customerId: string,
  overrides: Record<string, unknown> = {},
  beforeDisable: () => Promise<void> = async () => undefined,
) => {
  await createCustomer(stack, customerId, overrides);
  await markEnrolled(stack, customerId);
  const email = typeof overrides.email === 'string' ? overrides.email : undefined;
  const verificationId = await passVerification(
    stack,
    customerId,
    agent,
    undefined,
    email ? { EMAIL: email } : {},
  );
  await beforeDisable();
  const response = await stack.call('POST', `/admin/customers/${customerId}/2fa/disable`, {
    token: admin,
    body: { verificationId, reason: 'lost phone' },
  });
  expect(response.status).toBe(200);
  return verificationId;
};

/** Mail the notifier sent to the address (the helpdesk's code mail during verification is not its own). */
const mailTo = (address: string) => mailToAddress(stack, address);
const ticketIn = (email: SentEmail | undefined) =>
  /#ticket=([A-Za-z0-9_-]+)/.exec(email?.body.text ?? '')?.[1];

describe('the "2FA was reset" email', () => {
  it('arrives once, in Dutch, with the enrollment link in the fragment and a "this wasn\'t me" link', async () => {
    const caseId = await resetCustomer('n-nl', { email: 'n-nl@example.nl', locale: 'nl' });
    await stack.poller?.drain();
    const mail = await mailTo('n-nl@example.nl');
    expect(mail).toHaveLength(1);
    const email = mail[0] as SentEmail;
    expect(email.from).toBe('no-reply@mfa-recovery.local');
    expect(email.subject).toBe('Uw tweestapsverificatie is uitgeschakeld');
    expect(email.body.text).toContain(`${stack.apiUrl}/enroll/#ticket=`);
    expect(email.body.text).toMatch(/#ticket=[A-Za-z0-9_-]{43}&report=1/);
    expect(email.body.html).toMatch(new RegExp(`href="${stack.apiUrl}/enroll/#ticket=[A-Za-z0-9_-]{43}"`));
    expect(email.body.html).toContain('Was u dit niet?');
    // The case as staff name it: the session's case number, not its internal id.
    const caseNumber = (await stack.call('GET', `/admin/verifications/${caseId}`, { token: agent })).body
      .caseNumber;
    expect(caseNumber).toMatch(/^HD-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(email.body.text).toContain(`Zaaknummer: ${caseNumber}`);
    expect(email.body.text).not.toMatch(/\?ticket=|\/enroll\/[A-Za-z0-9_-]{20,}/);

    const events = await expectIntactChain(stack, 'n-nl');
    const types = events.map((event) => event.type);
    expect(types.slice(-3)).toEqual(['TWO_FA_DISABLED', 'ENROLLMENT_TICKET_ISSUED', 'RESET_EMAIL_SENT']);
    const sent = events[events.length - 1];
    expect(sent?.details).toMatchObject({ messageId: email.messageId, confirmed: true, attempts: 1 });
    expect(sent?.caseId).toBe(caseId);
    expect(JSON.stringify(events)).not.toContain(ticketIn(email) as string);

    const ticket = ticketIn(email);
    const started = await stack.call('POST', '/enroll/start', { body: { ticket } });
    expect(started.status).toBe(200);
    expect(started.body.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
  });

  it('speaks English to an English-speaking customer', async () => {
    await resetCustomer('n-en', { email: 'n-en@example.co.uk', locale: 'en' });
    await stack.poller?.drain();
    const [email] = await mailTo('n-en@example.co.uk');
    expect(email?.subject).toBe('Your two-step verification was turned off');
    expect(email?.body.text).toContain("This wasn't you?");
  });

  it('sends nothing twice when the stream delivers the same record again', async () => {
    await resetCustomer('n-redeliver', { email: 'n-redeliver@example.nl' });
    await stack.poller?.drain();
    const events = await auditEventsOf(stack, 'n-redeliver');
    const disabled = events.find((event) => event.type === 'TWO_FA_DISABLED');
    const { loadHandler } = await import('../../local/api-server');
    const { marshall } = await import('@aws-sdk/util-dynamodb');
    const handler =
      await loadHandler<(event: unknown) => Promise<{ batchItemFailures: unknown[] }>>('notifier');
    const record = { eventName: 'INSERT', dynamodb: { NewImage: marshall(disabled), SequenceNumber: '1' } };
    expect(await handler({ Records: [record, record] })).toEqual({ batchItemFailures: [] });
    await stack.poller?.drain();
    expect(await mailTo('n-redeliver@example.nl')).toHaveLength(1);
    const after = await auditEventsOf(stack, 'n-redeliver');
    expect(after.filter((event) => event.type === 'RESET_EMAIL_SENT')).toHaveLength(1);
  });

  it('sends once when SES is down during the send and back later, and the audit says so', async () => {
    await resetCustomer('n-ses-down', { email: 'n-ses-down@example.nl' }, () => stack.stopSes());
    // Let the notifier fail at least once against the stopped server.
    for (let waited = 0; waited < 50; waited += 1) {
      const { GetItemCommand } = await import('@aws-sdk/client-dynamodb');
      const events = await auditEventsOf(stack, 'n-ses-down');
      const disabled = events.find((event) => event.type === 'TWO_FA_DISABLED');
      const ledger = await stack.dynamodb.send(
        new GetItemCommand({
          TableName: stack.tableNames.notifications,
          Key: { eventId: { S: disabled?.eventId } },
          ConsistentRead: true,
        }),
      );
      if (ledger.Item?.status?.S === 'FAILED_RETRYABLE') break;
      await new Promise((done) => setTimeout(done, 100));
    }
    await stack.restartSes();
    await stack.poller?.drain(60000);
    expect(await mailTo('n-ses-down@example.nl')).toHaveLength(1);
    const events = await expectIntactChain(stack, 'n-ses-down');
    const sent = events.filter((event) => event.type === 'RESET_EMAIL_SENT');
    expect(sent).toHaveLength(1);
    expect(Number(sent[0]?.details.attempts)).toBeGreaterThan(1);
    expect(events.filter((event) => event.type === 'ENROLLMENT_TICKET_ISSUED').length).toBeGreaterThan(1);
    // Only the ticket in the email that arrived works: earlier attempts' tickets were voided.
    const [email] = await mailTo('n-ses-down@example.nl');
    expect((await stack.call('POST', '/enroll/start', { body: { ticket: ticketIn(email) } })).status).toBe(
      200,
    );
  }, 90000);

  it('sends once when the notifier dies after SES accepted the mail but before it recorded that', async () => {
    const { dynamoDb } = await import('../../lib/aws/dynamodb');
    const client = dynamoDb();
    const originalSend = client.send.bind(client);
    let crashed = false;
    // A process kill between two calls cannot be produced by DynamoDB Local: this one fault is injected.
    (client as unknown as { send: unknown }).send = async (command: unknown, ...rest: unknown[]) => {
      const recordsSent =
        command instanceof TransactWriteCommand &&
        JSON.stringify(command.input).includes('"RESET_EMAIL_SENT"') &&
        JSON.stringify(command.input).includes('n-crash');
      if (recordsSent && !crashed) {
        crashed = true;
        throw new Error('simulated crash: Lambda timed out after SES accepted the message');
      }
      return (originalSend as (...args: unknown[]) => unknown)(command, ...rest);
    };
    try {
      await resetCustomer('n-crash', { email: 'n-crash@example.nl' });
      await stack.poller?.drain(30000);
    } finally {
      (client as unknown as { send: unknown }).send = originalSend;
    }
    expect(crashed).toBe(true);
    expect(await mailTo('n-crash@example.nl')).toHaveLength(1);
    const events = await expectIntactChain(stack, 'n-crash');
    const sent = events.filter((event) => event.type === 'RESET_EMAIL_SENT');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.details).toMatchObject({ confirmed: false });
  }, 60000);

  it('records a malformed address as failed, once, without a retry loop', async () => {
    await createCustomer(stack, 'n-bad-address', { email: 'n-bad@example.nl' });
    await markEnrolled(stack, 'n-bad-address');
    const first = await stack.call('POST', '/admin/customers/n-bad-address/verifications', {
      token: agent,
      body: { channel: 'phone' },
    });
    const firstId: string = first.body.verificationId;
    for (const type of ['FULL_NAME', 'CHARGE_POINT_IDS', 'LAST_TRANSACTION'])
      await stack.call('POST', `/admin/verifications/${firstId}/checks`, {
        token: agent,
        body: { type, answer: genuineAnswers[type] },
      });
    // EMAIL was never asked: no code goes out, and the session cannot pass.
    const code = await stack.call('POST', `/admin/verifications/${firstId}/email-code`, { token: agent });
    expect([code.status, code.body.error?.code]).toEqual([409, 'EMAIL_CODE_NEEDS_IDENTITY']);
    const completed = await stack.call('POST', `/admin/verifications/${firstId}/complete`, { token: agent });
    expect(completed.body.outcome).toBe('FAILED');
    const started = await stack.call('POST', '/admin/customers/n-bad-address/verifications', {
      token: agent,
      body: { channel: 'phone' },
    });
    // The session above failed without a wrong answer (EMAIL was never asked): no cooldown, a new one starts.
    expect(started.status).toBe(201);
    await createCustomer(stack, 'n-bad-2', { email: 'n-bad-2@example.nl' });
    await markEnrolled(stack, 'n-bad-2');
    const caseId = await passVerification(stack, 'n-bad-2', agent, undefined, {
      EMAIL: 'n-bad-2@example.nl',
    });
    // Legacy data the login service synced before it validated addresses.
    await stack.dynamodb.send(
      new UpdateItemCommand({
        TableName: stack.tableNames.customers,
        Key: { customerId: { S: 'n-bad-2' } },
        UpdateExpression: 'SET email = :bad',
        ExpressionAttributeValues: { ':bad': { S: 'n-bad-2@@example' } },
      }),
    );
    const response = await stack.call('POST', '/admin/customers/n-bad-2/2fa/disable', {
      token: admin,
      body: { verificationId: caseId, reason: 'lost phone' },
    });
    expect(response.status).toBe(200);
    await stack.poller?.drain();
    const events = await expectIntactChain(stack, 'n-bad-2');
    const failed = events.filter((event) => event.type === 'RESET_EMAIL_FAILED');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.details).toMatchObject({ reason: 'INVALID_ADDRESS', final: true, attempts: 1 });
    expect(events.some((event) => event.type === 'RESET_EMAIL_SENT')).toBe(false);
    expect(stack.poller?.deadLetters).toHaveLength(0);
  });

  it('mails a customer whose record holds a language outside the mail languages in none we pick: refused, once, said why', async () => {
    // The sync refuses such a value (400); a record written before that rule, or by hand, must not get
    // Dutch or English because a fallback picked one.
    const caseId = await resetCustomer('n-de', { email: 'n-de@example.nl' }, async () => {
      await stack.dynamodb.send(
        new UpdateItemCommand({
          TableName: stack.tableNames.customers,
          Key: { customerId: { S: 'n-de' } },
          UpdateExpression: 'SET #locale = :de',
          ExpressionAttributeNames: { '#locale': 'locale' },
          ExpressionAttributeValues: { ':de': { S: 'de' } },
        }),
      );
    });
    expect(caseId).toBeTruthy();
    await stack.poller?.drain();
    expect(await mailTo('n-de@example.nl')).toEqual([]);
    const events = await expectIntactChain(stack, 'n-de');
    const failed = events.filter((event) => event.type === 'RESET_EMAIL_FAILED');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.details).toMatchObject({ reason: 'UNSUPPORTED_LOCALE', final: true });
    expect(stack.poller?.deadLetters).toHaveLength(0);
  });
});

describe('"this wasn\'t me"', () => {
  it('spends the ticket, locks recovery, and alerts the security team', async () => {
    await resetCustomer('n-report', { email: 'n-report@example.nl' });
    await stack.poller?.drain();
    const ticket = ticketIn((await mailTo('n-report@example.nl'))[0]);
    const reported = await stack.call('POST', '/enroll/report', { body: { ticket } });
    expect(reported.status).toBe(200);
    expect(reported.body.status).toBe('RECOVERY_LOCKED');
    const again = await stack.call('POST', '/enroll/report', { body: { ticket } });
    expect(again.status).toBe(410);
    expect((await stack.call('POST', '/enroll/start', { body: { ticket } })).status).toBe(410);
    const status = await stack.call('GET', '/internal/customers/n-report/2fa', {
      token: await stack.serviceToken(),
    });
    expect(status.body).toEqual({ twoFactor: 'LOCKED', lockReason: 'REPORTED_BY_CUSTOMER', methods: [] });
    const newSession = await stack.call('POST', '/admin/customers/n-report/verifications', {
      token: agent,
      body: { channel: 'phone' },
    });
    // A session may start under the lock, but only the security team's release can use it.
    expect(newSession.status).toBe(201);
    const disable = await stack.call('POST', '/admin/customers/n-report/2fa/disable', {
      token: admin,
      body: { verificationId: newSession.body.verificationId, reason: 'lost phone' },
    });
    expect([disable.status, disable.body.error.code]).toEqual([423, 'RECOVERY_LOCKED']);
    await stack.poller?.drain();
    const alerts = await mailTo('security@mfa-recovery.local');
    const alert = alerts.find((email) => email.body.text?.includes('n-report'));
    expect(alert?.subject).toMatch(/Beveiliging/);
    const events = await expectIntactChain(stack, 'n-report');
    expect(events.map((event) => event.type)).toEqual(
      expect.arrayContaining(['UNAUTHORIZED_RESET_REPORTED', 'NOTIFICATION_SENT']),
    );
  });

  it('still rings after an attacker signed in with the password and enrolled their own authenticator', async () => {
    await resetCustomer('n-attack', { email: 'n-attack@example.nl' });
    await stack.poller?.drain();
    const emailedTicket = ticketIn((await mailTo('n-attack@example.nl'))[0]);
    // The attacker, with the password and 2FA now off, asks for a self-service ticket: it voids the emailed one.
    const service = await stack.serviceToken();
    const selfService = await stack.call('POST', '/internal/customers/n-attack/2fa/enrollment-ticket', {
      token: service,
    });
    const attackerTicket = new URLSearchParams(new URL(selfService.body.enrollUrl).hash.slice(1)).get(
      'ticket',
    );
    const started = await stack.call('POST', '/enroll/start', { body: { ticket: attackerTicket } });
    const { authenticatorFrom } = await import('./enrollment-helpers');
    const attackerApp = authenticatorFrom(started.body.otpauthUri);
    const now = Date.now();
    const enrolled = await stack.call('POST', '/enroll/confirm', {
      body: { ticket: attackerTicket, code: attackerApp.codeAt(now) },
    });
    expect(enrolled.body.twoFactor).toBe('ENABLED');
    expect(
      (await stack.call('POST', '/enroll/start', { body: { ticket: emailedTicket } })).body.error.code,
    ).toBe('TICKET_VOIDED');

    const reported = await stack.call('POST', '/enroll/report', { body: { ticket: emailedTicket } });
    expect(reported.status).toBe(200);
    expect(reported.body.status).toBe('RECOVERY_LOCKED');
    const login = await stack.call('POST', '/internal/customers/n-attack/2fa/verify', {
      token: service,
      body: { code: attackerApp.codeForStep(attackerApp.stepAt(now) + 1) },
    });
    expect([login.status, login.body.error?.code]).toEqual([423, 'RECOVERY_LOCKED']);
    const backup = await stack.call('POST', '/internal/customers/n-attack/2fa/verify', {
      token: service,
      body: { code: enrolled.body.backupCodes[0] },
    });
    expect(backup.status).toBe(423);
    expect((await stack.call('GET', '/internal/customers/n-attack/2fa', { token: service })).body).toEqual({
      twoFactor: 'LOCKED',
      lockReason: 'REPORTED_BY_CUSTOMER',
      // The attacker's authenticator stays on file (blocked) for the security team to look at.
      methods: [
        { method: 'totp', count: 1 },
        { method: 'backup_codes', count: 10 },
      ],
    });
    expect((await stack.call('POST', '/enroll/report', { body: { ticket: emailedTicket } })).status).toBe(
      410,
    );
    await stack.poller?.drain();
    const alert = (await mailTo('security@mfa-recovery.local')).find((email) =>
      email.body.text?.includes('n-attack'),
    );
    expect(alert).toBeDefined();
  });
});
