// The audit-text key suites' stack and steps: one local API per test file, an agent and two admins,
// a customer enrolled without a key, and the verification steps whose note or reason gets sealed with
// it. Bindings are live: read them inside tests.
import {
  createCustomer,
  emailOf,
  genuineAnswers,
  knowledgeChecks,
  markEnrolled,
  readBackEmailCode,
} from './fixtures';
import { noVelocityLimits, startTestStack, type TestStack } from './stack';
import { storedItem } from './stored-items';

export let stack: TestStack;
export let agent: string;
export let admin: string;
export let secondAdmin: string;

/** Starts the stack and signs in `agent-<staff>`, `admin-<staff>` and `admin-<staff>-second`; stops it after. */
export const useTextKeyStack = (staff: string) => {
  beforeAll(async () => {
    stack = await startTestStack({ pollStreams: false, environment: noVelocityLimits });
    agent = await stack.helpdeskToken(`agent-${staff}`);
    admin = await stack.adminToken(`admin-${staff}`);
    secondAdmin = await stack.adminToken(`admin-${staff}-second`);
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });
};

/** The stored customer ({} when there is none). */
export const customerOf = async (customerId: string) =>
  (await storedItem(stack, 'customers', { customerId })) ?? {};
/** The stored verification session ({} when there is none). */
export const sessionItem = async (verificationId: string) =>
  (await storedItem(stack, 'verifications', { verificationId })) ?? {};

/** Enrolled, and nothing sealed about them yet: no key. */
export const newCustomer = async (customerId: string, overrides: Record<string, unknown> = {}) => {
  await createCustomer(stack, customerId, { email: emailOf(customerId), ...overrides });
  await markEnrolled(stack, customerId);
  expect((await customerOf(customerId)).textKey).toBeUndefined();
};

export const startSession = async (customerId: string) => {
  const started = await stack.call('POST', `/admin/customers/${customerId}/verifications`, {
    token: agent,
    body: { channel: 'phone' },
  });
  expect(started.status).toBe(201);
  return started.body.verificationId as string;
};

export const check = (verificationId: string, body: Record<string, unknown>) =>
  stack.call('POST', `/admin/verifications/${verificationId}/checks`, { token: agent, body });

/** A new customer's verification passed without a note: still no key. Its id. */
export const passedWithoutKey = async (customerId: string, overrides: Record<string, unknown> = {}) => {
  await newCustomer(customerId, overrides);
  const verificationId = await startSession(customerId);
  const answers: Record<string, string> = { ...genuineAnswers, EMAIL: emailOf(customerId) };
  for (const type of knowledgeChecks)
    expect((await check(verificationId, { type, answer: answers[type] })).body.result).toBe('MATCH');
  await readBackEmailCode(stack, verificationId, agent);
  const completed = await stack.call('POST', `/admin/verifications/${verificationId}/complete`, {
    token: agent,
  });
  expect(completed.body.outcome).toBe('PASSED');
  expect((await customerOf(customerId)).textKey).toBeUndefined();
  return verificationId;
};

export const disable = (customerId: string, verificationId: string, reason: string) =>
  stack.call('POST', `/admin/customers/${customerId}/2fa/disable`, {
    token: admin,
    body: { verificationId, reason },
  });

/** The reasons and notes of the customer's history as staff read them (opened, or the sealed placeholder). */
export const historyText = async (customerId: string) =>
  JSON.stringify(
    (await stack.call('GET', `/admin/customers/${customerId}/audit-events`, { token: admin })).body,
  );
