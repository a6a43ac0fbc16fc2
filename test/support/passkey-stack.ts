// The passkey suites' stack and calls: one local API per test file with the staff who reset a customer,
// the login service as a caller, and the page's and the login service's passkey steps. Bindings are
// live: read them inside tests.
import { auditEventsOf } from './audit';
import { resetCustomer } from './fixtures';
import { softPasskey, type SoftPasskey } from './soft-passkey';
import { noVelocityLimits, startTestStack, type Caller, type TestStack } from './stack';

export let stack: TestStack;
export let service: Caller;
export let agent: string;
export let admin: string;
/** The local stack serves its pages, and so its passkeys' origin, at localhost (local/stack.ts). */
export let origin: string;
export const rpId = 'localhost';

/** Starts the stack (with the streams polled, so mails go out) before the file's tests; stops it after. */
export const usePasskeyStack = () => {
  beforeAll(async () => {
    stack = await startTestStack({
      pollStreams: true,
      environment: { ...noVelocityLimits, RECENT_RESET_COOLING_OFF_HOURS: '0' },
    });
    service = await stack.serviceToken();
    agent = await stack.helpdeskToken('agent-bram');
    admin = await stack.adminToken('admin-anna');
    origin = stack.apiUrl;
  });
  afterAll(async () => {
    await stack?.stop();
  });
};

export const registrationOptions = (ticket: string) =>
  stack.call('POST', '/enroll/passkey/options', { body: { ticket } });
export const register = (ticket: string, response: unknown) =>
  stack.call('POST', '/enroll/passkey/register', { body: { ticket, response } });
export const loginOptions = (customerId: string) =>
  stack.call('POST', `/internal/customers/${customerId}/passkeys/authentication-options`, { token: service });
export const verify = (customerId: string, response: unknown) =>
  stack.call('POST', `/internal/customers/${customerId}/passkeys/verify`, {
    token: service,
    body: { response },
  });
export const profileTicket = (customerId: string, body: unknown) =>
  stack.call('POST', `/internal/customers/${customerId}/2fa/enrollment-ticket`, { token: service, body });

/** Options then the registration, as the page does it; the answer. */
export const addPasskey = async (ticket: string, passkey: SoftPasskey) => {
  const options = await registrationOptions(ticket);
  if (options.status !== 200) return options;
  return register(ticket, passkey.register({ challenge: options.body.challenge, origin, rpId }));
};

/** Reset by the helpdesk, then a passkey registered from the mailed link: its answer carries the ADD link. */
export const enrolledWithPasskey = async (customerId: string, passkey = softPasskey()) => {
  const { ticket } = await resetCustomer(stack, customerId, { agent, admin });
  const registered = await addPasskey(ticket, passkey);
  expect(registered.status).toBe(200);
  return { passkey, ticket, registered: registered.body };
};

/** A fresh login challenge, answered by `passkey` as the ceremony says. */
export const assertion = async (
  customerId: string,
  passkey: SoftPasskey,
  ceremony: Partial<Parameters<SoftPasskey['assert']>[0]> = {},
) => {
  const options = await loginOptions(customerId);
  expect(options.status).toBe(200);
  return passkey.assert({ challenge: options.body.challenge, origin, rpId, ...ceremony });
};

export const eventsOf = async (customerId: string, type: string) =>
  (await auditEventsOf(stack, customerId)).filter((event) => event.type === type);
