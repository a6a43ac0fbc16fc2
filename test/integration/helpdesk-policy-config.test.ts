// The helpdesk rules are configuration: a stack started with other numbers behaves by them. Four
// eyes switched off is allowed and said in the audit; the email code per tier; the cooldown steps;
// the velocity limit.
import { auditEventsOf } from '../support/audit';
import { createCustomer, genuineAnswers, markEnrolled, passVerification } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({
    pollStreams: false,
    environment: {
      SEPARATE_VERIFIER_AND_ADMIN: 'false',
      REQUIRE_EMAIL_CODE: 'privileged',
      VERIFICATION_COOLDOWN_STEPS_MINUTES: '5,30',
      VELOCITY_ADMIN_DISABLES_PER_HOUR: '1',
    },
  });
});
afterAll(async () => {
  await stack?.stop();
});

const knowledge = ['FULL_NAME', 'EMAIL', 'CHARGE_POINT_IDS', 'LAST_TRANSACTION'];

const answeredAndCompleted = async (customerId: string, token: string, email: string) => {
  const id = (
    await stack.call('POST', `/admin/customers/${customerId}/verifications`, {
      token,
      body: { channel: 'phone' },
    })
  ).body.verificationId;
  for (const type of knowledge)
    await stack.call('POST', `/admin/verifications/${id}/checks`, {
      token,
      body: { type, answer: type === 'EMAIL' ? email : genuineAnswers[type] },
    });
  return (await stack.call('POST', `/admin/verifications/${id}/complete`, { token })).body;
};

it('lets one person verify and disable when four eyes is switched off, and the audit says one person did both', async () => {
  await createCustomer(stack, 'c-one', { email: 'c-one@example.nl' });
  await markEnrolled(stack, 'c-one');
  const both = await stack.token('staff-solo', ['helpdesk', 'admin']);
  const id = await passVerification(stack, 'c-one', both, knowledge, { EMAIL: 'c-one@example.nl' });
  const disabled = await stack.call('POST', '/admin/customers/c-one/2fa/disable', {
    token: both,
    body: { verificationId: id, reason: 'caller lost phone' },
  });
  expect(disabled.status).toBe(200);
  const event = (await auditEventsOf(stack, 'c-one')).find((item) => item.type === 'TWO_FA_DISABLED');
  expect(event).toMatchObject({
    actorId: 'staff-solo',
    details: { verifiedBy: 'staff-solo', samePersonVerifiedAndDisabled: true },
  });
});

it('asks the emailed code only of privileged customers when so configured per tier', async () => {
  const agent = await stack.helpdeskToken('agent-tier');
  await createCustomer(stack, 'c-standard', { email: 'c-standard@example.nl' });
  await createCustomer(stack, 'c-privileged', { email: 'c-privileged@example.nl', privileged: true });
  expect(await answeredAndCompleted('c-standard', agent, 'c-standard@example.nl')).toEqual({
    outcome: 'PASSED',
    reasons: [],
  });
  expect(await answeredAndCompleted('c-privileged', agent, 'c-privileged@example.nl')).toEqual({
    outcome: 'FAILED',
    reasons: [expect.objectContaining({ code: 'EMAIL_CODE_REQUIRED' })],
  });
});

it('takes the cooldown steps from the configuration', async () => {
  const agent = await stack.helpdeskToken('agent-steps');
  await createCustomer(stack, 'c-steps');
  const id = (
    await stack.call('POST', '/admin/customers/c-steps/verifications', {
      token: agent,
      body: { channel: 'phone' },
    })
  ).body.verificationId;
  const before = Date.now();
  const wrongAnswer = (callerRepeated: boolean) =>
    stack.call('POST', `/admin/verifications/${id}/checks`, {
      token: agent,
      body: { type: 'FULL_NAME', answer: 'Piet Hein', ...(callerRepeated ? { callerRepeated } : {}) },
    });
  expect((await wrongAnswer(false)).body.result).toBe('MISMATCH_UNCONFIRMED');
  const wrong = await wrongAnswer(true);
  expect(Math.round((new Date(wrong.body.cooldownUntil).getTime() - before) / 60_000)).toBe(5);
});

it('takes the velocity limit from the configuration: the second disable of the hour needs a second admin', async () => {
  const admin = await stack.adminToken('admin-velo');
  const statuses: unknown[] = [];
  for (const index of [1, 2]) {
    const customerId = `c-velo-${index}`;
    await createCustomer(stack, customerId, { email: `${customerId}@example.nl` });
    await markEnrolled(stack, customerId);
    const agent = await stack.helpdeskToken(`agent-velo-${index}`);
    const id = await passVerification(stack, customerId, agent, knowledge, {
      EMAIL: `${customerId}@example.nl`,
    });
    const response = await stack.call('POST', `/admin/customers/${customerId}/2fa/disable`, {
      token: admin,
      body: { verificationId: id, reason: 'caller lost phone' },
    });
    statuses.push(response.status === 202 ? response.body.approvalReasons : response.status);
  }
  expect(statuses).toEqual([200, ['ADMIN_VELOCITY']]);
});
