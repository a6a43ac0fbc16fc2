// A reset mail SES accepted and then bounced: the bounce event (EventBridge, played locally through
// POST /local/ses-events, the stand-in for SES's events) becomes an audit event on the customer and a
// notice on the console's customer page, with SES's classes only. A forged, stray or replayed event
// changes nothing.
import { expectIntactChain, auditEventsOf } from '../support/audit';
import { createCustomer, emailOf, mailTo, resetCustomer } from '../support/fixtures';
import { noVelocityLimits, startTestStack, type TestStack } from '../support/stack';
import { sesFeedbackEvent } from '../../local/ses-feedback';

const CONFIGURATION_SET = 'mfa-recovery-local';

let stack: TestStack;
let agent: string;
let admin: string;

beforeAll(async () => {
  stack = await startTestStack({
    pollStreams: true,
    environment: { ...noVelocityLimits, SES_CONFIGURATION_SET: CONFIGURATION_SET },
  });
  agent = await stack.helpdeskToken('agent-bram');
  admin = await stack.adminToken('admin-anna');
}, 120000);
afterAll(async () => {
  await stack?.stop();
});

/** SES delivers an event to the stack's rule; here the stand-in route hands it to the same function. */
const deliver = async (event: unknown) => {
  const response = await stack.call('POST', '/local/ses-events', { body: event });
  expect(response.status).toBe(200);
  return response.body.result as string;
};

/** A customer reset by the helpdesk, and the reset mail as SES took it: its message id and its tag. */
const resetMail = async (customerId: string) => {
  await resetCustomer(stack, customerId, { agent, admin });
  const [mail] = await mailTo(stack, emailOf(customerId));
  const sent = (await auditEventsOf(stack, customerId)).find((event) => event.type === 'RESET_EMAIL_SENT');
  expect(mail).toBeDefined();
  // The message id SES answered the send with is the one the audit event and the ledger keep.
  expect(sent?.details.messageId).toBe(mail?.messageId);
  return {
    messageId: String(mail?.messageId),
    notification: String(sent?.details.triggeredBy),
    configurationSet: CONFIGURATION_SET,
    recipient: emailOf(customerId),
  };
};

const typesOf = async (customerId: string) =>
  (await auditEventsOf(stack, customerId)).map((event) => event.type as string);
const feedbackEvents = async (customerId: string) =>
  (await auditEventsOf(stack, customerId)).filter((event) =>
    ['RESET_EMAIL_BOUNCED', 'NOTIFICATION_BOUNCED', 'EMAIL_COMPLAINT_RECEIVED'].includes(event.type),
  );
const profileOf = async (customerId: string, token = agent) =>
  (await stack.call('GET', `/admin/customers/${customerId}`, { token })).body;

describe('a reset mail that bounces', () => {
  it('reset → mail → bounce: RESET_EMAIL_BOUNCED on the customer, SES classes only, and the notice for the agent', async () => {
    const message = await resetMail('mf-bounce');
    expect(await deliver(sesFeedbackEvent(message))).toBe('RECORDED');

    const events = await expectIntactChain(stack, 'mf-bounce');
    const bounced = events.filter((event) => event.type === 'RESET_EMAIL_BOUNCED');
    expect(bounced).toHaveLength(1);
    expect(bounced[0]).toMatchObject({
      actorType: 'system',
      actorId: 'ses',
      details: {
        kind: 'RESET',
        triggeredBy: message.notification,
        messageId: message.messageId,
        bounceType: 'Permanent',
        bounceSubType: 'General',
      },
    });
    // The audit export is locked for years: no address, no SES diagnostic text.
    const stored = JSON.stringify(bounced[0]);
    expect(stored).not.toContain('@');
    // Hashes and ids are random hex or digits and may hold "550" by chance: SES's text would be in the rest.
    const { hash: _hash, prevHash: _prevHash, eventId: _eventId, ...described } = bounced[0] ?? {};
    const { messageId: _messageId, triggeredBy: _triggeredBy, ...detailText } = described.details ?? {};
    expect(JSON.stringify({ ...described, details: detailText })).not.toMatch(/550|user unknown|5\.1\.1/);

    const profile = await profileOf('mf-bounce');
    expect(profile.customer.mailFeedback).toMatchObject({
      kind: 'RESET',
      feedback: 'bounce',
      class: 'Permanent',
    });
    // The admin who did the reset sees it as well.
    expect((await profileOf('mf-bounce', admin)).customer.mailFeedback).toMatchObject({ kind: 'RESET' });
    expect(profile.recentEvents[0]).toMatchObject({ type: 'RESET_EMAIL_BOUNCED' });
  });

  it('the same event delivered again, or twice at once, records one bounce', async () => {
    const message = await resetMail('mf-replay');
    const event = sesFeedbackEvent(message);
    const results = await Promise.all([deliver(event), deliver(event), deliver(event)]);
    expect(results.filter((result) => result === 'RECORDED')).toHaveLength(1);
    expect(results.filter((result) => result !== 'RECORDED')).toEqual([
      'ALREADY_RECORDED',
      'ALREADY_RECORDED',
    ]);
    // EventBridge may also redeliver later, with another event id.
    expect(await deliver({ ...event, id: 'another-delivery' })).toBe('ALREADY_RECORDED');
    expect(await feedbackEvents('mf-replay')).toHaveLength(1);
    await expectIntactChain(stack, 'mf-replay');
  });

  it('a complaint about the same mail is recorded once beside the bounce', async () => {
    const message = await resetMail('mf-complaint');
    expect(await deliver(sesFeedbackEvent(message))).toBe('RECORDED');
    expect(await deliver(sesFeedbackEvent({ ...message, feedback: 'complaint' }))).toBe('RECORDED');
    expect(await deliver(sesFeedbackEvent({ ...message, feedback: 'complaint' }))).toBe('ALREADY_RECORDED');
    const events = await feedbackEvents('mf-complaint');
    expect(events.map((event) => event.type)).toEqual(['RESET_EMAIL_BOUNCED', 'EMAIL_COMPLAINT_RECEIVED']);
    expect(events[1]?.details).toMatchObject({ kind: 'RESET', complaintType: 'abuse' });
    expect(JSON.stringify(events)).not.toContain('@');
    expect((await profileOf('mf-complaint')).customer.mailFeedback).toMatchObject({
      feedback: 'complaint',
      class: 'abuse',
    });
  });
});

describe('events that are not SES reporting on a mail we sent change nothing', () => {
  it('refuses another source, another detail type, another or no configuration set', async () => {
    const message = await resetMail('mf-forged');
    const genuine = sesFeedbackEvent(message);
    const before = await typesOf('mf-forged');
    expect(await deliver({ ...genuine, source: 'my.forged.app' })).toBe('REFUSED');
    expect(await deliver({ ...genuine, 'detail-type': 'Email Delivered' })).toBe('REFUSED');
    expect(await deliver(sesFeedbackEvent({ ...message, configurationSet: 'someone-elses-set' }))).toBe(
      'REFUSED',
    );
    const { configurationSet: _left, ...untagged } = message;
    expect(await deliver(sesFeedbackEvent(untagged))).toBe('REFUSED');
    expect(await deliver({ ...genuine, detail: { ...genuine.detail, eventType: 'Delivery' } })).toBe(
      'REFUSED',
    );
    expect(await deliver({ source: 'aws.ses' })).toBe('REFUSED');
    expect(await deliver('not an event')).toBe('REFUSED');
    expect(await typesOf('mf-forged')).toEqual(before);
    expect((await profileOf('mf-forged')).customer.mailFeedback).toBeNull();
  });

  it('ignores a bounce of a message we never sent, or one that names another entry than its own', async () => {
    const message = await resetMail('mf-stray');
    const other = await resetMail('mf-stray-other');
    const before = await typesOf('mf-stray');
    const beforeOther = await typesOf('mf-stray-other');
    // Our tag with a message id SES never gave us.
    expect(await deliver(sesFeedbackEvent({ ...message, messageId: 'ses-999999999' }))).toBe(
      'UNKNOWN_MESSAGE',
    );
    // A real message id with another customer's entry: the entry's message id does not match.
    expect(await deliver(sesFeedbackEvent({ ...message, notification: other.notification }))).toBe(
      'UNKNOWN_MESSAGE',
    );
    // No tag at all (the verification code mail and Cognito's staff mail have none): counted, not marked
    // (test/integration/business-metrics.test.ts); or an entry that does not exist.
    const { notification: _none, ...untagged } = message;
    expect(await deliver(sesFeedbackEvent(untagged))).toBe('UNTRACKED');
    expect(await deliver(sesFeedbackEvent({ ...message, notification: '01JZZZZZZZZZZZZZZZZZZZZZZZ' }))).toBe(
      'UNKNOWN_MESSAGE',
    );
    expect(await typesOf('mf-stray')).toEqual(before);
    expect(await typesOf('mf-stray-other')).toEqual(beforeOther);
  });

  it('the stand-in route answers a body that is not JSON with 400 and records nothing', async () => {
    const response = await stack.call('POST', '/local/ses-events', { rawBody: '{not json' });
    expect(response.status).toBe(400);
  });
});

describe('the honest side', () => {
  it('a soft bounce is recorded as Transient; the notice goes once the login service syncs a new address', async () => {
    const message = await resetMail('mf-honest');
    expect(
      await deliver(sesFeedbackEvent({ ...message, bounceType: 'Transient', bounceSubType: 'MailboxFull' })),
    ).toBe('RECORDED');
    expect((await profileOf('mf-honest')).customer.mailFeedback).toMatchObject({ class: 'Transient' });
    // The customer has the address corrected; the old one is what refused the mail.
    await new Promise((done) => setTimeout(done, 5));
    await createCustomer(stack, 'mf-honest', { email: 'mf-honest.new@example.nl' });
    expect((await profileOf('mf-honest')).customer.mailFeedback).toBeNull();
    // The audit event stays.
    expect(await typesOf('mf-honest')).toContain('RESET_EMAIL_BOUNCED');
  });

  it('an unknown bounce class from SES is kept as Other, never as SES wrote it', async () => {
    const message = await resetMail('mf-odd');
    expect(
      await deliver(
        sesFeedbackEvent({ ...message, bounceType: 'Permanent', bounceSubType: 'user@example.nl said no' }),
      ),
    ).toBe('RECORDED');
    const [event] = await feedbackEvents('mf-odd');
    expect(event?.details).toMatchObject({ bounceType: 'Permanent', bounceSubType: 'Other' });
  });
});
