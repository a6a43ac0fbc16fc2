// The outbox loses nothing: a notification whose stream record the consumer never saw is found by the
// reconciliation (its pending ledger entry was written in the audit event's own transaction) and sent
// once; a second run, a racing stream consumer, an SES outage or a send that died half-way never
// makes it twice. Against DynamoDB Local and the SES server; the local poller drops the records.
import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fixedClock, systemClock, systemRandom } from '../../lib/clock';
import type { AuditItem } from '../../lib/audit/events';
import { claimSend } from '../../lib/notify/ledger';
import type { Deps } from '../../lib/notify/notifier';
import { reconcileOutbox, type ReconcileOptions } from '../../lib/notify/reconciliation';
import { repoRoot } from '../../tooling/repo-root';
import { expectIntactChain } from '../support/audit';
import { createCustomer, markEnrolled, passVerification } from '../support/fixtures';
import { tsxNodeArgs } from '../support/child-scripts';
import { noVelocityLimits, startTestStack, type TestStack } from '../support/stack';
import { ticketFromUrl } from './enrollment-helpers';

let stack: TestStack;
/** Customers whose TWO_FA_DISABLED stream record the local poller loses. */
const lost = new Set<string>();

beforeAll(async () => {
  stack = await startTestStack({
    pollStreams: true,
    // One admin resets many customers here within a minute: the velocity rule is another suite's subject.
    environment: noVelocityLimits,
    dropStreamRecord: (record) => {
      const image = record.dynamodb?.NewImage;
      if (!image) return false;
      const event = unmarshall(image as Record<string, AttributeValue>);
      return event.type === 'TWO_FA_DISABLED' && lost.has(String(event.customerId));
    },
  });
});
afterAll(async () => {
  await stack?.stop();
});

const deps = { clock: systemClock, random: systemRandom };
const run = (options: Partial<ReconcileOptions> = {}, extra: Partial<Deps> = {}) =>
  reconcileOutbox({ settleAfterMinutes: 0, limit: 100, dryRun: false, ...options }, { ...deps, ...extra });

/** Notifications to the address: the helpdesk's emailed verification code (sent before the reset) is not one. */
const mailTo = async (address: string) =>
  (await stack.sentEmails()).filter(
    (email) => email.destination.to.includes(address) && !/verificatiecode/i.test(email.subject),
  );

const ledger = async (eventId: string) => {
  const result = await stack.dynamodb.send(
    new GetItemCommand({
      TableName: stack.tableNames.notifications,
      Key: { eventId: { S: eventId } },
      ConsistentRead: true,
    }),
  );
  return result.Item ? unmarshall(result.Item) : undefined;
};

/** A customer reset by the helpdesk; returns the TWO_FA_DISABLED event id. */
const resetCustomer = async (customerId: string, options: { lose: boolean }) => {
  if (options.lose) lost.add(customerId);
  await createCustomer(stack, customerId, { email: `${customerId}@example.nl` });
  await markEnrolled(stack, customerId);
  const agent = await stack.helpdeskToken('agent-outbox');
  const verificationId = await passVerification(stack, customerId, agent, undefined, {
    EMAIL: `${customerId}@example.nl`,
  });
  const disabled = await stack.call('POST', `/admin/customers/${customerId}/2fa/disable`, {
    token: await stack.adminToken('admin-outbox'),
    body: { verificationId, reason: 'phone lost' },
  });
  expect(disabled.body).toMatchObject({ twoFactor: 'DISABLED' });
  return disabled.body.auditEventId as string;
};

const resetEmailEvents = async (customerId: string) =>
  (await expectIntactChain(stack, customerId)).filter((event) => event.type === 'RESET_EMAIL_SENT');

it('sends the reset email of a stream record the consumer never saw, in one run, and a second run sends nothing', async () => {
  const eventId = await resetCustomer('outbox-lost', { lose: true });
  await stack.poller?.drain();
  expect(await mailTo('outbox-lost@example.nl')).toHaveLength(0);
  // The marker committed with the disable is what makes the lost record findable.
  expect(await ledger(eventId)).toMatchObject({ status: 'PENDING', kind: 'RESET', pendingFlag: 'PENDING' });

  const first = await run();
  expect(first.backlog.find((entry) => entry.eventId === eventId)?.result).toBe('SENT');
  const mail = await mailTo('outbox-lost@example.nl');
  expect(mail).toHaveLength(1);
  expect(mail[0]?.subject).toMatch(/tweestapsverificatie/i);
  const settled = await ledger(eventId);
  expect(settled).toMatchObject({ status: 'SENT' });
  expect(settled?.pendingFlag).toBeUndefined();
  expect(await resetEmailEvents('outbox-lost')).toHaveLength(1);

  // The emailed link works: the reconciliation issued the ticket the stream consumer would have.
  const link = /https?:\/\/\S+#ticket=[^\s"&]+/.exec(mail[0]?.body.text ?? '')?.[0] ?? '';
  expect((await stack.call('POST', '/enroll/start', { body: { ticket: ticketFromUrl(link) } })).status).toBe(
    200,
  );

  const second = await run();
  expect(second.backlog.find((entry) => entry.eventId === eventId)).toBeUndefined();
  expect(await mailTo('outbox-lost@example.nl')).toHaveLength(1);
  expect(await resetEmailEvents('outbox-lost')).toHaveLength(1);
});

it('gives the stream consumer 10 minutes before an unsettled entry counts as lost', async () => {
  const eventId = await resetCustomer('outbox-grace', { lose: true });
  const disabledAt = Date.now();
  const dryRunAt = (minutes: number) =>
    reconcileOutbox(
      { settleAfterMinutes: 10, limit: 100, dryRun: true },
      { ...deps, clock: fixedClock(new Date(disabledAt + minutes * 60_000)) },
    );
  expect((await dryRunAt(9)).backlog.map((entry) => entry.eventId)).not.toContain(eventId);
  const listed = await dryRunAt(11);
  expect(listed.backlog.find((entry) => entry.eventId === eventId)).toMatchObject({ kind: 'RESET' });
  // A dry run lists and sends nothing.
  expect(await mailTo('outbox-grace@example.nl')).toHaveLength(0);
  expect(await ledger(eventId)).toMatchObject({ status: 'PENDING' });
  await run();
  expect(await mailTo('outbox-grace@example.nl')).toHaveLength(1);
});

it('never mails twice when the reconciliation runs while the stream consumer delivers the same events', async () => {
  const customers = ['outbox-race-1', 'outbox-race-2', 'outbox-race-3', 'outbox-race-4'];
  for (const customerId of customers) await resetCustomer(customerId, { lose: false });
  // Both at once: the poller delivers from the stream while runs take the same entries from the index.
  await Promise.all([run(), run(), stack.poller?.drain()]);
  await run();
  for (const customerId of customers) {
    expect(await mailTo(`${customerId}@example.nl`)).toHaveLength(1);
    expect(await resetEmailEvents(customerId)).toHaveLength(1);
  }
});

it('keeps an entry pending through an SES outage and sends it once when SES is back', async () => {
  const eventId = await resetCustomer('outbox-ses-down', { lose: true });
  await stack.poller?.drain();
  const unavailable = async () => {
    throw Object.assign(new Error('Service Unavailable'), { name: 'ServiceUnavailable' });
  };
  const during = await run({}, { send: unavailable });
  expect(during.backlog.find((entry) => entry.eventId === eventId)?.result).toBe('RETRY_LATER');
  expect(await ledger(eventId)).toMatchObject({ status: 'FAILED_RETRYABLE', pendingFlag: 'PENDING' });
  expect(await mailTo('outbox-ses-down@example.nl')).toHaveLength(0);

  const after = await run();
  expect(after.backlog.find((entry) => entry.eventId === eventId)?.result).toBe('SENT');
  expect(await mailTo('outbox-ses-down@example.nl')).toHaveLength(1);
  expect(await ledger(eventId)).toMatchObject({ status: 'SENT', attempts: 2 });
});

it('does not resend a send that died after SES and leaves a send in flight alone', async () => {
  const deadId = await resetCustomer('outbox-dead-send', { lose: true });
  const flyingId = await resetCustomer('outbox-in-flight', { lose: true });
  await stack.poller?.drain();
  const age = (eventId: string, pendingMinutes: number, updatedMinutes: number) =>
    stack.dynamodb.send(
      new UpdateItemCommand({
        TableName: stack.tableNames.notifications,
        Key: { eventId: { S: eventId } },
        UpdateExpression: 'SET pendingSince = :since, updatedAt = :updated',
        ExpressionAttributeValues: {
          ':since': { S: new Date(Date.now() - pendingMinutes * 60_000).toISOString() },
          ':updated': { S: new Date(Date.now() - updatedMinutes * 60_000).toISOString() },
        },
      }),
    );
  for (const [eventId, customerId] of [
    [deadId, 'outbox-dead-send'],
    [flyingId, 'outbox-in-flight'],
  ] as const) {
    const event = (await expectIntactChain(stack, customerId)).find((item) => item.eventId === eventId) as
      AuditItem | undefined;
    if (!event) throw new Error('no disable event');
    expect(await claimSend({ ...event, kind: 'RESET', attempts: 1 }, new Date())).toBe(true);
  }
  // Claimed 20 minutes ago and never settled: SES may have sent it. Claimed a minute ago: still running.
  await age(deadId, 25, 20);
  await age(flyingId, 25, 1);

  const report = await run({ settleAfterMinutes: 10 });
  expect(report.backlog.find((entry) => entry.eventId === deadId)?.result).toBe('SENT_UNCONFIRMED');
  expect(report.backlog.find((entry) => entry.eventId === flyingId)?.result).toBe('IN_FLIGHT');
  expect(await mailTo('outbox-dead-send@example.nl')).toHaveLength(0);
  expect(await ledger(deadId)).toMatchObject({ status: 'SENT', messageId: 'unknown' });
  expect(await ledger(flyingId)).toMatchObject({ status: 'SENDING', pendingFlag: 'PENDING' });
});

/** `npm run notify:redrive` as an operator runs it, in a child process, against this file's stack. */
const redrive = (args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const root = repoRoot();
    const prefix = stack.tableNames.notifications.slice(0, -'Notifications'.length);
    execFile(
      process.execPath,
      [
        ...tsxNodeArgs({ textLoader: true }),
        join(root, 'ops', 'notify-redrive.ts'),
        '--endpoint',
        stack.dynamodbEndpoint,
        '--ses-endpoint',
        stack.sesEndpoint,
        '--table-prefix',
        prefix,
        '--in-memory',
        ...args,
      ],
      { cwd: root, env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'ERROR', DEBUG_REDRIVE: '1' } },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });

it('npm run notify:redrive lists the backlog in a dry run, then delivers it once', async () => {
  const eventId = await resetCustomer('outbox-redrive', { lose: true });
  await stack.poller?.drain();
  const listed = await redrive(['--dry-run', '--older-than-minutes', '0']);
  expect(listed).toMatchObject({ code: 0, stderr: '' });
  expect(listed.stdout).toMatch(/^dry run: \d+ unsettled notification/);
  expect(listed.stdout).toContain(`${eventId}  RESET  PENDING  would deliver`);
  expect(await mailTo('outbox-redrive@example.nl')).toHaveLength(0);

  const delivered = await redrive(['--older-than-minutes', '0']);
  expect(delivered.code).toBe(0);
  expect(delivered.stdout).toContain(`${eventId}  RESET  PENDING  SENT`);
  expect(await mailTo('outbox-redrive@example.nl')).toHaveLength(1);

  const again = await redrive(['--older-than-minutes', '0']);
  expect(again.stdout).not.toContain(eventId);
  expect(await mailTo('outbox-redrive@example.nl')).toHaveLength(1);

  expect((await redrive(['--limit', 'many'])).code).toBe(2);
});
