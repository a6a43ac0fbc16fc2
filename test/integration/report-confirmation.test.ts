// After "this wasn't me" the customer hears back, and the reset mail names how they were verified.
// Through the local stack with its stream poller and SES server: the confirmation reaches every address
// on file once, in the customer's language, saying login is blocked, security calls back, and the case
// number with the helpdesk's phone number; the reset mail says "by phone" or "in a chat" as the session was.
import { helpdeskPhones } from '../../lib/locales';
import { noVelocityLimits, startTestStack, type SentEmail, type TestStack } from '../support/stack';
import { auditEventsOf, expectIntactChain } from '../support/audit';
import { createCustomer, knowledgeChecks, mailTo, markEnrolled, passVerification } from '../support/fixtures';

let stack: TestStack;
let agent: string;
let admin: string;

beforeAll(async () => {
  stack = await startTestStack({ pollStreams: true, environment: noVelocityLimits });
  agent = await stack.helpdeskToken('agent-bram');
  admin = await stack.adminToken('admin-anna');
}, 120000);
afterAll(async () => {
  await stack?.stop();
});

const resetCustomer = async (
  customerId: string,
  overrides: Record<string, unknown>,
  channel: 'phone' | 'chat' | 'email' = 'phone',
) => {
  await createCustomer(stack, customerId, { email: `${customerId}@example.nl`, ...overrides });
  await markEnrolled(stack, customerId);
  const verificationId = await passVerification(
    stack,
    customerId,
    agent,
    knowledgeChecks,
    { EMAIL: `${customerId}@example.nl` },
    channel,
  );
  const response = await stack.call('POST', `/admin/customers/${customerId}/2fa/disable`, {
    token: admin,
    body: { verificationId, reason: 'lost phone' },
  });
  expect(response.status).toBe(200);
  await stack.poller?.drain();
  const session = await stack.call('GET', `/admin/verifications/${verificationId}`, { token: admin });
  return { verificationId, caseNumber: session.body.caseNumber as string };
};

/** The confirmation follows the alert's own outcome event: two passes of the stream. */
const settled = async () => {
  await stack.poller?.drain();
  await stack.poller?.drain();
};

/** Mail the notifier sent to the address (not the verification's code mail). */
const inbox = (address: string) => mailTo(stack, address);
const ticketIn = (email: SentEmail | undefined) =>
  /#ticket=([A-Za-z0-9_-]+)/.exec(email?.body.text ?? '')?.[1] ?? '';
const confirmations = async (address: string) =>
  (await inbox(address)).filter((email) => /melding is ontvangen|received your report/.test(email.subject));

describe('the reset mail names the channel the caller was verified on', () => {
  it('says "telefonisch" to a Dutch caller verified by phone and "in a chat" to an English one verified in a chat', async () => {
    await resetCustomer('rc-phone', { locale: 'nl' }, 'phone');
    await resetCustomer('rc-chat', { locale: 'en' }, 'chat');
    const [dutch] = await inbox('rc-phone@example.nl');
    const [english] = await inbox('rc-chat@example.nl');
    expect(dutch?.body.text).toContain('nadat u telefonisch uw identiteit heeft bevestigd');
    expect(english?.body.text).toContain('after you confirmed your identity in a chat.');
    expect(english?.body.html).toContain('identity in a chat.');
    for (const mail of [dutch, english]) {
      expect(mail?.body.text).not.toMatch(/phone or chat|telefonisch of per chat/);
      expect(mail?.body.html).not.toMatch(/phone or chat|telefonisch of per chat/);
    }
  });

  it('a caller verified by email is told "per e-mail", never "by phone"', async () => {
    await resetCustomer('rc-email', { locale: 'nl' }, 'email');
    const [mail] = await inbox('rc-email@example.nl');
    expect(mail?.body.text).toContain('nadat u per e-mail uw identiteit heeft bevestigd');
    expect(mail?.body.text).not.toContain('telefonisch');
  });
});

describe('the confirmation after "this wasn\'t me"', () => {
  it("reaches every address on file once, in the customer's language: login blocked, security calls back, the case and the helpdesk number", async () => {
    const { caseNumber } = await resetCustomer('rc-report', {
      locale: 'en',
      notificationEmails: ['rc-home@example.com'],
    });
    expect(caseNumber).toMatch(/^HD-/);
    const ticket = ticketIn((await inbox('rc-report@example.nl'))[0]);
    expect((await stack.call('POST', '/enroll/report', { body: { ticket } })).status).toBe(200);
    // The reporter (or an attacker with the mail) presses again: refused, and no second confirmation.
    expect((await stack.call('POST', '/enroll/report', { body: { ticket } })).status).toBe(410);
    await settled();

    const [main, ...more] = await confirmations('rc-report@example.nl');
    expect(more).toHaveLength(0);
    expect(main?.subject).toBe('We received your report: signing in to your account is blocked');
    for (const part of [main?.body.text, main?.body.html]) {
      expect(part).toContain('Signing in to your account is blocked, with your password too');
      expect(part).toContain('Our security team has been alerted and will call you back');
      expect(part).toContain(caseNumber);
      expect(part).toContain(helpdeskPhones.en);
      // Blocked means blocked: no "change your password" as if they could still sign in.
      expect(part).not.toMatch(/to be safe, change your password/i);
    }
    // A further address on file hears it too (a notice carries no link: there is none in it).
    const copies = await confirmations('rc-home@example.com');
    expect(copies).toHaveLength(1);
    expect(copies[0]?.body.text).not.toContain('#ticket=');
    // The security team got its alert; the confirmation is recorded after it, once.
    const alert = (await inbox('security@mfa-recovery.local')).find((email) =>
      email.body.text?.includes(caseNumber),
    );
    expect(alert?.subject).toMatch(/Beveiliging/);
    const events = await expectIntactChain(stack, 'rc-report');
    const sent = events
      .filter((event) => event.type === 'NOTIFICATION_SENT')
      .map((event) => event.details.kind);
    expect(sent.filter((kind) => kind === 'REPORT_RECEIVED')).toHaveLength(1);
    expect(sent.filter((kind) => kind === 'SECURITY_ALERT')).toHaveLength(1);

    // The page's answer for the old link: locked, with the case number, in the customer's language.
    const status = await stack.call('POST', '/enroll/status', { body: { ticket } });
    expect(status.body).toMatchObject({ state: 'USED', recoveryLocked: true, caseNumber, locale: 'en' });
    expect(status.body).not.toHaveProperty('accountEmail');
  });

  it('a Dutch customer gets it in Dutch', async () => {
    const { caseNumber } = await resetCustomer('rc-nl', { locale: 'nl' });
    const ticket = ticketIn((await inbox('rc-nl@example.nl'))[0]);
    expect((await stack.call('POST', '/enroll/report', { body: { ticket } })).status).toBe(200);
    await settled();
    const [mail] = await confirmations('rc-nl@example.nl');
    expect(mail?.subject).toBe('Uw melding is ontvangen: inloggen op uw account is geblokkeerd');
    expect(mail?.body.text).toContain('Inloggen op uw account is geblokkeerd, ook met uw wachtwoord');
    expect(mail?.body.text).toContain(`Zaaknummer: ${caseNumber}`);
    expect(mail?.body.text).toContain(helpdeskPhones.nl);
  });

  it('a refused report (a profile-page link) sends no confirmation and locks nothing', async () => {
    await createCustomer(stack, 'rc-profile', { email: 'rc-profile@example.nl' });
    const issued = await stack.call('POST', '/internal/customers/rc-profile/2fa/enrollment-ticket', {
      token: await stack.serviceToken(),
    });
    const ticket = new URLSearchParams(new URL(issued.body.enrollUrl).hash.slice(1)).get('ticket');
    const refused = await stack.call('POST', '/enroll/report', { body: { ticket } });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'TICKET_NOT_REPORTABLE']);
    await stack.poller?.drain();
    expect(await confirmations('rc-profile@example.nl')).toHaveLength(0);
    expect((await auditEventsOf(stack, 'rc-profile')).map((event) => event.type)).not.toContain(
      'UNAUTHORIZED_RESET_REPORTED',
    );
  });
});
