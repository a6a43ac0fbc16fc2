// The recovery-lock suites' stack and calls: one local API per test file (streams polled, so mails go
// out; no velocity limits) with the staff of a reset and two security officers, a customer locked by
// "this wasn't me", and the officers' routes. Bindings are live: read them inside tests.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { passOwnMail, resetCustomer } from './fixtures';
import { noVelocityLimits, startTestStack, type TestStack } from './stack';
import { setStored as setStoredItem, storedItem } from './stored-items';

export let stack: TestStack;
export let agent: string;
export let admin: string;
export let officer: string;
export let secondOfficer: string;

/** Starts the stack before the file's tests (with `environment` over the defaults); stops it after. */
export const useSecurityStack = (environment: Record<string, string> = {}) => {
  beforeAll(async () => {
    stack = await startTestStack({ pollStreams: true, environment: { ...noVelocityLimits, ...environment } });
    agent = await stack.helpdeskToken('agent-bram');
    admin = await stack.adminToken('admin-anna');
    officer = await stack.token('sec-sara', ['security']);
    secondOfficer = await stack.token('sec-sem', ['security']);
  }, 120000);
  afterAll(async () => {
    await stack?.stop();
  });
};

export const pass = (customerId: string, token = agent) => passOwnMail(stack, customerId, token);
/** The call-back a release rests on, by an agent who had no part in the reported reset (agent-bram's). */
export const passForRelease = async (customerId: string) =>
  pass(customerId, await stack.helpdeskToken('agent-cas'));

/** Reset, then the customer answers "this wasn't me". */
export const lockedCustomer = async (customerId: string) => {
  const reset = await resetCustomer(stack, customerId, { agent, admin });
  const reported = await stack.call('POST', '/enroll/report', { body: { ticket: reset.ticket } });
  expect(reported.body.status).toBe('RECOVERY_LOCKED');
  return reset;
};

export const release = (customerId: string, body: Record<string, unknown>, token = officer) =>
  stack.call('POST', `/security/customers/${customerId}/recovery-lock/release`, { token, body });
export const keep = (customerId: string, body: Record<string, unknown>, token = officer) =>
  stack.call('POST', `/security/customers/${customerId}/recovery-lock/keep`, { token, body });
export const queue = (query = '', token = officer) =>
  stack.call('GET', `/security/recovery-locks${query}`, { token });
export const statusOf = async (customerId: string) =>
  (await stack.call('GET', `/internal/customers/${customerId}/2fa`, { token: await stack.serviceToken() }))
    .body.twoFactor;

export const itemOf = (table: 'customers' | 'verifications', key: Record<string, string>) =>
  storedItem(stack, table, key);

export const setStored = (
  table: 'customers' | 'verifications' | 'tickets',
  key: Record<string, string>,
  values: Record<string, AttributeValue>,
) => setStoredItem(stack, table, key, values);
