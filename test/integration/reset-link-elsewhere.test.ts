// A customer who cannot open the mailbox the reset link went to: an admin sends the link to a further
// address on file (never one the caller names), every other address gets a notice with its own "this
// wasn't me" link, and the choice is audited, sealed. A coached caller's own address gets nowhere.
import { auditEventsOf, expectIntactChain } from '../support/audit';
import { createCustomer, emailOf, mailTo, markEnrolled, passOwnMail, ticketIn } from '../support/fixtures';
import { noVelocityLimits, startTestStack, type TestStack } from '../support/stack';
import { mailOfKind } from '../support/mails';

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

const homeOf = (customerId: string) => `${customerId}-home@example.nl`;
const workOf = (customerId: string) => `${customerId}-work@example.com`;

/** A customer with two further addresses on file, reset by the helpdesk: the disable mailed the main address. */
const resetWithFurtherAddresses = async (customerId: string) => {
  await createCustomer(stack, customerId, {
    email: emailOf(customerId),
    notificationEmails: [homeOf(customerId), workOf(customerId)],
  });
  await markEnrolled(stack, customerId);
  const caseId = await passOwnMail(stack, customerId, agent);
  const disabled = await stack.call('POST', `/admin/customers/${customerId}/2fa/disable`, {
    token: admin,
    body: { verificationId: caseId, reason: 'caller cannot open the mailbox' },
  });
  expect(disabled.status).toBe(200);
  await stack.poller?.drain();
  return { caseId, firstTicket: ticketIn(await mailOfKind(stack, emailOf(customerId), 'RESET')) };
};

const resend = (customerId: string, body?: unknown, token = admin) =>
  stack.call('POST', `/admin/customers/${customerId}/2fa/reset-link`, {
    token,
    ...(body === undefined ? {} : { body }),
  });

const noticeToken = (text: string | undefined) => /#notice=([^&\s]+)/.exec(text ?? '')?.[1];

describe('the reset link to another address on file', () => {
  it('goes to the further address the admin picked; the main and the other address get a notice with their own report link', async () => {
    const { caseId, firstTicket } = await resetWithFurtherAddresses('re-1');
    // The admin picks the address as the record has it, whatever its case.
    const sent = await resend('re-1', { sendTo: 'RE-1-Home@Example.nl' });
    expect([sent.status, sent.body.sendsLeftToday]).toEqual([202, 2]);
    await stack.poller?.drain();

    const home = await mailOfKind(stack, homeOf('re-1'), 'RESET');
    expect(home?.destination.to).toEqual([homeOf('re-1')]);
    const ticket = ticketIn(home);
    expect(ticket).not.toBe('');
    expect(ticket).not.toBe(firstTicket);
    expect(home?.body.text).toContain('Dit bericht gaat over uw account met e-mailadres re-1@example.nl');

    for (const address of [emailOf('re-1'), workOf('re-1')]) {
      const notice = await mailOfKind(stack, address, 'RESET_NOTICE');
      expect(notice?.subject).toBe('De tweestapsverificatie van uw account is uitgeschakeld');
      expect(ticketIn(notice)).toBe('');
      expect(notice?.body.text).toContain('naar één ander adres gestuurd');
      expect(noticeToken(notice?.body.text)).toBeDefined();
    }
    // The main mailbox's link from the disable is void; the one at the further address works.
    const old = await stack.call('POST', '/enroll/start', { body: { ticket: firstTicket } });
    expect([old.status, old.body.error.code]).toEqual([410, 'TICKET_VOIDED']);
    expect((await stack.call('POST', '/enroll/start', { body: { ticket } })).status).toBe(200);

    // Audited with the admin and the case; the address sealed, opened only for staff.
    const events = await expectIntactChain(stack, 're-1');
    const resent = events.find((event) => event.type === 'RESET_LINK_RESENT');
    expect(resent).toMatchObject({ actorId: 'admin-anna', caseId, details: { sentTo: 'FURTHER_ADDRESS' } });
    expect(JSON.stringify(resent)).not.toContain('home@');
    const history = await stack.call('GET', '/admin/customers/re-1/audit-events', { token: admin });
    const shown = (history.body.events as { type: string; details: Record<string, unknown> }[]).find(
      (event) => event.type === 'RESET_LINK_RESENT',
    );
    expect(shown?.details.address).toBe(homeOf('re-1'));
    expect(
      events.find(
        (event) => event.type === 'RESET_EMAIL_SENT' && event.details.triggeredBy === resent?.eventId,
      ),
    ).toMatchObject({ details: { copiesTo: 2, copiesSent: true } });
  });

  it('"this wasn\'t me" from the main mailbox still stops it: the notice there locks recovery', async () => {
    await resetWithFurtherAddresses('re-2');
    expect((await resend('re-2', { sendTo: homeOf('re-2') })).status).toBe(202);
    await stack.poller?.drain();
    const token = noticeToken((await mailOfKind(stack, emailOf('re-2'), 'RESET_NOTICE'))?.body.text);
    const reported = await stack.call('POST', '/enroll/notice-report', {
      body: { notice: decodeURIComponent(token ?? '') },
    });
    expect([reported.status, reported.body.status]).toEqual([200, 'RECOVERY_LOCKED']);
    const ticket = ticketIn(await mailOfKind(stack, homeOf('re-2'), 'RESET'));
    const start = await stack.call('POST', '/enroll/start', { body: { ticket } });
    expect(start.status).toBeGreaterThanOrEqual(400);
  });

  it('refuses an address not on file, however it is written, and an agent; nothing is sent or counted', async () => {
    await resetWithFurtherAddresses('re-3');
    // The SES server is shared by the run's suites: count only mail to this customer or a lookalike.
    const mailsTouchingRe3 = async () =>
      (await stack.sentEmails()).filter((mail) =>
        [...mail.destination.to, ...mail.destination.cc, ...mail.destination.bcc].some(
          (address) => address.includes('re-3') || address.includes('evil.test'),
        ),
      ).length;
    const mailsBefore = await mailsTouchingRe3();
    const coached = [
      'caller@evil.test',
      're-3-home@example.nl.evil.test',
      'xre-3-home@example.nl',
      // The main address's lookalike.
      're-3@example.nI',
    ];
    for (const sendTo of coached) {
      const answer = await resend('re-3', { sendTo });
      expect({ sendTo, status: answer.status, code: answer.body.error?.code }).toEqual({
        sendTo,
        status: 409,
        code: 'ADDRESS_NOT_ON_FILE',
      });
    }
    const malformed = [
      { sendTo: 'not an address' },
      { sendTo: [homeOf('re-3')] },
      { sendTo: `${homeOf('re-3')}, caller@evil.test` },
      { to: 'caller@evil.test' },
      { sendTo: homeOf('re-3'), cc: 'caller@evil.test' },
    ];
    for (const body of malformed) expect((await resend('re-3', body)).status).toBe(400);
    // Only admins choose where the link goes, and only they see the further addresses whole.
    const asAdmin = await stack.call('GET', '/admin/customers/re-3', { token: admin });
    expect(asAdmin.body.customer.notificationEmails).toEqual([homeOf('re-3'), workOf('re-3')]);
    const asAgent = await stack.call('GET', '/admin/customers/re-3', { token: agent });
    expect(asAgent.body.customer.notificationEmails).toEqual([
      expect.stringMatching(/^r\*+@example\.nl$/),
      expect.stringMatching(/^r\*+@example\.com$/),
    ]);
    expect(JSON.stringify(asAgent.body)).not.toContain('-home@');
    expect((await resend('re-3', { sendTo: homeOf('re-3') }, agent)).status).toBe(403);
    await stack.poller?.drain();
    expect(await mailsTouchingRe3()).toBe(mailsBefore);
    expect(
      (await auditEventsOf(stack, 're-3')).filter((event) => event.type === 'RESET_LINK_RESENT'),
    ).toEqual([]);
    // The honest send afterwards still has the whole day's budget.
    const honest = await resend('re-3', { sendTo: workOf('re-3') });
    expect([honest.status, honest.body.sendsLeftToday]).toEqual([202, 2]);
  });

  it('an address synced away before the mail goes out gets nothing; the admin sends to the main address instead', async () => {
    await resetWithFurtherAddresses('re-4');
    expect((await resend('re-4', { sendTo: homeOf('re-4') })).status).toBe(202);
    // The login service drops the address before the notifier runs.
    await createCustomer(stack, 're-4', { email: emailOf('re-4'), notificationEmails: [workOf('re-4')] });
    await stack.poller?.drain();
    expect(await mailTo(stack, homeOf('re-4'))).toHaveLength(1);
    const failed = (await auditEventsOf(stack, 're-4')).find((event) => event.type === 'RESET_EMAIL_FAILED');
    expect(failed?.details).toMatchObject({ reason: 'RECIPIENT_NOT_ON_FILE', final: true });
    const again = await resend('re-4', {});
    expect(again.status).toBe(202);
    await stack.poller?.drain();
    const main = await mailOfKind(stack, emailOf('re-4'), 'RESET');
    expect(ticketIn(main)).not.toBe('');
    expect((await stack.call('POST', '/enroll/start', { body: { ticket: ticketIn(main) } })).status).toBe(
      200,
    );
  });
});
