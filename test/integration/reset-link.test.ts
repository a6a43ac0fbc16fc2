// Re-sending the reset link: a new ticket and email for a customer whose 2FA is off after a reset, the
// old link dead, audited, at most three a day, and refused wherever it would be a back door.
import { expectIntactChain } from '../support/audit';
import { createCustomer, markEnrolled, emailOf, mailTo, ticketIn, resetCustomer } from '../support/fixtures';
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

const resend = (customerId: string, token = admin) =>
  stack.call('POST', `/admin/customers/${customerId}/2fa/reset-link`, { token });

describe('re-sending the reset link', () => {
  it('mails a new link for the same case; the old link no longer works, the new one does', async () => {
    const { caseId, ticket: oldTicket } = await resetCustomer(stack, 'r-resend', { agent, admin });
    const sent = await resend('r-resend');
    expect(sent.status).toBe(202);
    expect(sent.body).toMatchObject({ status: 'QUEUED', sendsLeftToday: 2 });
    await stack.poller?.drain();
    const mails = await mailTo(stack, emailOf('r-resend'));
    expect(mails).toHaveLength(2);
    const newest = await mailOfKind(stack, emailOf('r-resend'), 'RESET');
    const newTicket = ticketIn(newest);
    expect(newTicket).not.toBe(oldTicket);
    const caseNumber = (await stack.call('GET', `/admin/verifications/${caseId}`, { token: admin })).body
      .caseNumber;
    expect(newest?.body.text).toContain(`Zaaknummer: ${caseNumber}`);
    const old = await stack.call('POST', '/enroll/start', { body: { ticket: oldTicket } });
    expect([old.status, old.body.error.code]).toEqual([410, 'TICKET_VOIDED']);
    expect((await stack.call('POST', '/enroll/start', { body: { ticket: newTicket } })).status).toBe(200);
    const events = await expectIntactChain(stack, 'r-resend');
    expect(events.find((event) => event.type === 'RESET_LINK_RESENT')).toMatchObject({
      actorId: 'admin-anna',
      caseId,
      eventId: sent.body.auditEventId,
    });
    expect(events.map((event) => event.type).slice(-4)).toEqual([
      'RESET_LINK_RESENT',
      'ENROLLMENT_TICKET_ISSUED',
      'RESET_EMAIL_SENT',
      'ENROLLMENT_STARTED',
    ]);
  });

  it('at most three a day: the fourth is 429 with Retry-After and sends nothing', async () => {
    await resetCustomer(stack, 'r-limit', { agent, admin });
    const answers = [];
    for (let send = 0; send < 3; send += 1) answers.push((await resend('r-limit')).status);
    expect(answers).toEqual([202, 202, 202]);
    const fourth = await resend('r-limit');
    expect([fourth.status, fourth.body.error.code]).toEqual([429, 'RESET_LINK_DAILY_LIMIT']);
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(80_000);
    await stack.poller?.drain();
    expect(await mailTo(stack, emailOf('r-limit'))).toHaveLength(4);
  });

  it('three at once and then more: never more than three sends', async () => {
    await resetCustomer(stack, 'r-burst', { agent, admin });
    const answers = await Promise.all(Array.from({ length: 6 }, () => resend('r-burst')));
    expect(answers.filter((answer) => answer.status === 202).length).toBeLessThanOrEqual(3);
    for (let send = 0; send < 3; send += 1) await resend('r-burst');
    await stack.poller?.drain();
    const events = await expectIntactChain(stack, 'r-burst');
    expect(events.filter((event) => event.type === 'RESET_LINK_RESENT')).toHaveLength(3);
  });

  it('is refused for a customer with 2FA on, one who never had a reset, a recovery lock, and for non-admins', async () => {
    await createCustomer(stack, 'r-enabled', { email: emailOf('r-enabled') });
    await markEnrolled(stack, 'r-enabled');
    const enabled = await resend('r-enabled');
    expect([enabled.status, enabled.body.error.code]).toEqual([409, 'NOT_AWAITING_ENROLLMENT']);

    await createCustomer(stack, 'r-never', { email: emailOf('r-never') });
    const never = await resend('r-never');
    expect([never.status, never.body.error.code]).toEqual([409, 'NOT_AWAITING_ENROLLMENT']);

    const { ticket } = await resetCustomer(stack, 'r-locked', { agent, admin });
    expect((await stack.call('POST', '/enroll/report', { body: { ticket } })).status).toBe(200);
    const lockedOne = await resend('r-locked');
    expect([lockedOne.status, lockedOne.body.error.code]).toEqual([423, 'RECOVERY_LOCKED']);

    await resetCustomer(stack, 'r-agent', { agent, admin });
    expect((await resend('r-agent', agent)).status).toBe(403);
    expect((await resend('r-nobody-here')).status).toBe(404);
    await stack.poller?.drain();
    expect(await mailTo(stack, emailOf('r-agent'))).toHaveLength(1);
  });
});
