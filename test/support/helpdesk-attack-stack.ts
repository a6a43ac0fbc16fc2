// The helpdesk attack suites' stack and calls: one local API per test file, the staff who take part, and
// the steps an attacker or a coached insider would call. Bindings are live: read them inside tests.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { genuineAnswers, readBackEmailCode } from './fixtures';
import { startTestStack, type TestStack } from './stack';
import { minutesAgo, setStored as setStoredItem, storedItem } from './stored-items';

export let stack: TestStack;
export let agent: string;
export let otherAgent: string;
export let admin: string;
export let secondAdmin: string;
export let thirdAdmin: string;

/**
 * Starts the stack and signs the staff in before the file's tests, and stops it after them. The suites
 * try each rule on its own, many disables in one file: the limit for all admins together is raised
 * unless a suite sets it (helpdesk-attacks-velocity*.test.ts hold it at its edges).
 */
export const useHelpdeskAttackStack = (environment: Record<string, string> = {}) => {
  beforeAll(async () => {
    stack = await startTestStack({
      environment: { VELOCITY_DISABLES_PER_HOUR_TOTAL: '1000', ...environment },
    });
    agent = await stack.helpdeskToken('agent-bram');
    otherAgent = await stack.helpdeskToken('agent-carla');
    admin = await stack.adminToken('admin-anna');
    secondAdmin = await stack.adminToken('admin-dirk');
    thirdAdmin = await stack.adminToken('admin-eva');
  });
  afterAll(async () => {
    await stack?.stop();
  });
};

export const start = (
  customerId: string,
  token = agent,
  body: Record<string, unknown> = { channel: 'phone' },
) => stack.call('POST', `/admin/customers/${customerId}/verifications`, { token, body });
export const check = (id: string, type: string, answer: string, token = agent) =>
  stack.call('POST', `/admin/verifications/${id}/checks`, { token, body: { type, answer } });
/** The caller, asked again after MISMATCH_UNCONFIRMED, said this: a wrong answer now counts. */
export const repeated = (id: string, type: string, answer: string, token = agent) =>
  stack.call('POST', `/admin/verifications/${id}/checks`, {
    token,
    body: { type, answer, callerRepeated: true },
  });
/** A wrong answer that counts: said, then repeated. Returns the repeat's response. */
export const wrongTwice = async (id: string, type: string, answer: string, token = agent) => {
  const first = await check(id, type, answer, token);
  expect(first.body).toMatchObject({ result: 'MISMATCH_UNCONFIRMED', status: 'OPEN' });
  return repeated(id, type, answer, token);
};
export const unknown = (id: string, type: string, token = agent) =>
  stack.call('POST', `/admin/verifications/${id}/checks`, { token, body: { type, unknown: true } });
export const complete = (id: string, token = agent, body?: unknown) =>
  stack.call('POST', `/admin/verifications/${id}/complete`, { token, ...(body ? { body } : {}) });
export const sendCode = (id: string, token = agent) =>
  stack.call('POST', `/admin/verifications/${id}/email-code`, { token });
/** The caller named the customer and the address on file: what a session needs before a code is mailed. */
export const identify = async (id: string, email: string, token = agent) => {
  for (const [type, answer] of [
    ['FULL_NAME', genuineAnswers.FULL_NAME ?? ''],
    ['EMAIL', email],
  ])
    expect((await check(id, type as string, answer as string, token)).body.result).toBe('MATCH');
};
export const disable = (customerId: string, verificationId: string, token = admin) =>
  stack.call('POST', `/admin/customers/${customerId}/2fa/disable`, {
    token,
    body: { verificationId, reason: 'caller lost phone' },
  });
export const approve = (approvalId: string, token = secondAdmin) =>
  stack.call('POST', `/admin/approvals/${approvalId}/approve`, { token });
export const twoFactorOf = async (customerId: string) =>
  (
    await stack.call('GET', `/internal/customers/${customerId}/2fa`, {
      token: await stack.serviceToken(),
    })
  ).body.twoFactor;

export const itemOf = (table: 'customers' | 'verifications', key: Record<string, string>) =>
  storedItem(stack, table, key);

export const setStored = (
  table: 'customers' | 'verifications',
  key: Record<string, string>,
  values: Record<string, AttributeValue>,
) => setStoredItem(stack, table, key, values);

/** The cooldown runs out (the stored end moves into the past), as it would after waiting. */
export const waitOutCooldown = (customerId: string) =>
  setStored('customers', { customerId }, { verificationCooldownUntil: minutesAgo(1) });

/** The last code of a session was sent long enough ago to send the next one. */
export const resendAllowed = async (verificationId: string) => {
  const session = await itemOf('verifications', { verificationId });
  await setStored(
    'verifications',
    { verificationId },
    { emailCode: { M: { ...marshallCode(session?.emailCode), lastSentAt: minutesAgo(2) } } },
  );
};
export const marshallCode = (code: Record<string, unknown> | undefined): Record<string, AttributeValue> =>
  Object.fromEntries(
    Object.entries(code ?? {}).map(([name, value]) => [
      name,
      typeof value === 'number'
        ? { N: String(value) }
        : typeof value === 'boolean'
          ? { BOOL: value }
          : { S: String(value) },
    ]),
  );

export const knowledge = ['FULL_NAME', 'EMAIL', 'CHARGE_POINT_IDS', 'LAST_TRANSACTION'];

/** Knowledge answers and the read-back code recorded, not yet completed. */
export const answeredSession = async (customerId: string, email: string, token = agent) => {
  const started = await start(customerId, token);
  expect(started.status).toBe(201);
  const id: string = started.body.verificationId;
  for (const type of knowledge)
    expect(
      (await check(id, type, type === 'EMAIL' ? email : (genuineAnswers[type] ?? ''), token)).body.result,
    ).toBe('MATCH');
  await readBackEmailCode(stack, id, token);
  return id;
};

export const mailsTo = async (address: string) =>
  (await stack.sentEmails()).filter((email) => email.destination.to.includes(address));

/** The security team's mail about this customer, once the notifier has sent it (other suites mail security too). */
export const securityMailAbout = async (customerId: string) => {
  for (let attempt = 0; attempt < 150; attempt += 1) {
    const mail = (await mailsTo(SECURITY)).find((email) =>
      (email.body.text ?? '').includes(`${customerId})`),
    );
    if (mail) return mail;
    await new Promise((done) => setTimeout(done, 100));
  }
  return undefined;
};
export const SECURITY = 'security@mfa-recovery.local';
