// Red team: a second pass kept in the drawer. An agent passes the same caller twice (the second session
// can start as soon as the first is no longer open); one pass serves the disable, the other is left
// over. Once the customer has enrolled a new authenticator, the leftover must not disable that one too:
// it verified a caller before the reset, about an authenticator that no longer exists. The same after a
// "this wasn't me" report and its release, where the helpdesk was fooled once already.
import { expectIntactChain } from '../support/audit';
import { createCustomer, markEnrolled, emailOf, passOwnMail } from '../support/fixtures';
import { noVelocityLimits, startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
let agent: string;
let admin: string;
let secondAdmin: string;

beforeAll(async () => {
  stack = await startTestStack({
    pollStreams: false,
    // Without the cooling-off a leftover would disable at once; with it, a rubber stamp would.
    environment: { ...noVelocityLimits, RECENT_RESET_COOLING_OFF_HOURS: '0' },
  });
  agent = await stack.helpdeskToken('agent-bram');
  admin = await stack.adminToken('admin-anna');
  secondAdmin = await stack.adminToken('admin-bob');
}, 120000);
afterAll(async () => {
  await stack?.stop();
});

const pass = (customerId: string) => passOwnMail(stack, customerId, agent);
const disable = (customerId: string, verificationId: string, token = admin) =>
  stack.call('POST', `/admin/customers/${customerId}/2fa/disable`, {
    token,
    body: { verificationId, reason: 'lost phone' },
  });

describe('a pass left over from before a reset', () => {
  it('cannot disable the authenticator the customer enrolled after that reset', async () => {
    await createCustomer(stack, 'lo-direct', { email: emailOf('lo-direct') });
    await markEnrolled(stack, 'lo-direct');
    const used = await pass('lo-direct');
    const leftover = await pass('lo-direct');
    expect((await disable('lo-direct', used)).status).toBe(200);
    // The customer follows the link and enrolls a new authenticator.
    await markEnrolled(stack, 'lo-direct');
    const again = await disable('lo-direct', leftover);
    expect([again.status, again.body.error?.code]).toEqual([409, 'VERIFICATION_BEFORE_LAST_RESET']);
    const events = await expectIntactChain(stack, 'lo-direct');
    expect(events.filter((event) => event.type === 'TWO_FA_DISABLED')).toHaveLength(1);
  });

  it('cannot be approved into a disable after the reset either', async () => {
    await createCustomer(stack, 'lo-approve', { email: emailOf('lo-approve'), privileged: true });
    await markEnrolled(stack, 'lo-approve');
    const first = await pass('lo-approve');
    const second = await pass('lo-approve');
    const parkedFirst = await disable('lo-approve', first);
    const parkedSecond = await disable('lo-approve', second);
    expect([parkedFirst.status, parkedSecond.status]).toEqual([202, 202]);
    const approve = (approvalId: string) =>
      stack.call('POST', `/admin/approvals/${approvalId}/approve`, { token: secondAdmin });
    expect((await approve(parkedFirst.body.approvalId)).status).toBe(200);
    await markEnrolled(stack, 'lo-approve');
    const late = await approve(parkedSecond.body.approvalId);
    expect([late.status, late.body.error?.code]).toEqual([409, 'VERIFICATION_BEFORE_LAST_RESET']);
  });

  it('a pass started after the reset works as always', async () => {
    await createCustomer(stack, 'lo-fresh', { email: emailOf('lo-fresh') });
    await markEnrolled(stack, 'lo-fresh');
    expect((await disable('lo-fresh', await pass('lo-fresh'))).status).toBe(200);
    await markEnrolled(stack, 'lo-fresh');
    expect((await disable('lo-fresh', await pass('lo-fresh'))).status).toBe(200);
  });
});
