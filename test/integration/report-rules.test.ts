// "This wasn't me" only answers a mailed reset link. A SELF_SERVICE or REPLACE ticket is handed by the
// login service to a customer signed in with the password (and, for REPLACE, a step-up code): a report
// with it is refused with 409 TICKET_NOT_REPORTABLE and changes nothing — no lock, no audit event,
// the ticket still opens enrollment. A report with a RESET ticket still locks (enrollment-status,
// security-case and the e2e suites).
import { startTestStack, type Caller, type TestStack } from '../support/stack';
import { auditTrail, createCustomer, customerItem, issuedTicket } from './enrollment-helpers';
import { awaitFreshStep, phoneApp, scanQr } from './self-service-helpers';

let stack: TestStack;
let service: Caller;

beforeAll(async () => {
  stack = await startTestStack({ pollStreams: false });
  service = await stack.serviceToken();
});
afterAll(async () => {
  await stack?.stop();
});

const requestTicket = async (customerId: string, body?: unknown) =>
  (await issuedTicket(stack, service, customerId, body)).ticket;
const report = (ticket: string) => stack.call('POST', '/enroll/report', { body: { ticket } });
const status = (ticket: string) => stack.call('POST', '/enroll/status', { body: { ticket } });

/** A customer with 2FA on and their backup codes (a step-up that does not depend on the clock). */
const enrolled = async (customerId: string) => {
  const step = await awaitFreshStep();
  await createCustomer(stack, customerId);
  const ticket = await requestTicket(customerId);
  const started = await stack.call('POST', '/enroll/start', { body: { ticket } });
  const app = phoneApp(scanQr(started.body.qrPng));
  const confirmed = await stack.call('POST', '/enroll/confirm', {
    body: { ticket, code: app.codeForStep(step - 1) },
  });
  expect(confirmed.status).toBe(200);
  return confirmed.body.backupCodes as string[];
};

/** What a refused report must leave as it was: the customer item's state and the audit chain. */
const snapshot = async (customerId: string) => {
  const item = await customerItem(stack, customerId);
  return {
    twoFactor: item?.twoFactor,
    recoveryLockedAt: item?.recoveryLockedAt,
    version: item?.version,
    enrollmentTicketHash: item?.enrollmentTicketHash,
    events: (await auditTrail(stack, customerId)).map((event) => event.eventId),
  };
};

const expectRefused = (answer: { status: number; body: any }) =>
  expect({ status: answer.status, code: answer.body?.error?.code }).toEqual({
    status: 409,
    code: 'TICKET_NOT_REPORTABLE',
  });

describe('"this wasn\'t me" with a ticket from the profile page', () => {
  it('refuses a REPLACE ticket: the enabled customer stays ENABLED, the audit unchanged, the ticket still works', async () => {
    const backupCodes = await enrolled('rr-replace');
    const ticket = await requestTicket('rr-replace', { stepUpCode: backupCodes[0] });
    expect((await status(ticket)).body).toMatchObject({
      state: 'VALID',
      purpose: 'REPLACE',
      reportable: false,
    });
    const before = await snapshot('rr-replace');
    expect(before.twoFactor).toBe('ENABLED');

    const answer = await report(ticket);
    expectRefused(answer);
    expect(answer.body.error.message).toMatch(/profile page/);
    expect(await snapshot('rr-replace')).toEqual(before);
    // The login service still lets the customer in: no LOCKED, no lock reason.
    const twoFactor = await stack.call('GET', '/internal/customers/rr-replace/2fa', { token: service });
    expect(twoFactor.body).toEqual({
      twoFactor: 'ENABLED',
      methods: expect.arrayContaining([expect.objectContaining({ method: 'totp' })]),
    });
    // Nothing was spent: the ticket still opens enrollment.
    expect((await stack.call('POST', '/enroll/start', { body: { ticket } })).status).toBe(200);
  });

  it('refuses a SELF_SERVICE ticket: the customer stays DISABLED and unlocked, nothing appended', async () => {
    await createCustomer(stack, 'rr-self');
    const ticket = await requestTicket('rr-self');
    expect((await status(ticket)).body).toMatchObject({ purpose: 'SELF_SERVICE', reportable: false });
    const before = await snapshot('rr-self');
    expectRefused(await report(ticket));
    expect(await snapshot('rr-self')).toEqual(before);
    expect(before).toMatchObject({ twoFactor: 'DISABLED', recoveryLockedAt: undefined });
  });

  it('refuses the same report twice and in parallel, and a voided or spent profile ticket as well', async () => {
    await createCustomer(stack, 'rr-again');
    const first = await requestTicket('rr-again');
    const second = await requestTicket('rr-again'); // voids the first
    const before = await snapshot('rr-again');
    const answers = await Promise.all([report(first), report(second), report(second), report(first)]);
    for (const answer of answers) expectRefused(answer);
    expect(await snapshot('rr-again')).toEqual(before);
    expect((await status(first)).body).toMatchObject({ state: 'VOIDED', reportable: false });

    const backupCodes = await enrolled('rr-spent');
    const replace = await requestTicket('rr-spent', { stepUpCode: backupCodes[1] });
    const started = await stack.call('POST', '/enroll/start', { body: { ticket: replace } });
    const step = await awaitFreshStep();
    const app = phoneApp(scanQr(started.body.qrPng));
    expect(
      (
        await stack.call('POST', '/enroll/confirm', {
          body: { ticket: replace, code: app.codeForStep(step) },
        })
      ).status,
    ).toBe(200);
    const spent = await snapshot('rr-spent');
    // Spent or not, a profile-page link never reports: the answer says why instead of "already used".
    expectRefused(await report(replace));
    expect(await snapshot('rr-spent')).toEqual(spent);
  });
});
