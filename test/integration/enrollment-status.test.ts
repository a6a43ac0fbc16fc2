// POST /enroll/status: what the enrollment page learns about its link before the customer clicks
// anything. Each state of a link (valid, used, voided, expired), the unknown ticket, bad input, and
// that asking changes nothing. Through the local API; the expiry edge with an injected clock.
import { fixedClock, systemRandom } from '../../lib/clock';
import { enrollmentLinkStatus } from '../../lib/enrollment/status';
import { issueTicket } from '../../lib/tickets/store';
import { hashTicket } from '../../lib/tickets/ticket';
import { minutesAgo, setStored } from '../support/stored-items';
import { startTestStack, type Caller, type TestStack } from '../support/stack';
import { auditTrail, createCustomer, issuedTicket } from './enrollment-helpers';
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

const requestTicket = (customerId: string, body?: unknown) => issuedTicket(stack, service, customerId, body);
const status = (ticket: unknown) => stack.call('POST', '/enroll/status', { body: { ticket } });
const start = (ticket: string) => stack.call('POST', '/enroll/start', { body: { ticket } });
const confirm = (ticket: string, code: string) =>
  stack.call('POST', '/enroll/confirm', { body: { ticket, code } });

/** Start and confirm with a phone that read the QR code; returns that phone. */
const enroll = async (ticket: string, step: number) => {
  const phone = phoneApp(scanQr((await start(ticket)).body.qrPng));
  expect((await confirm(ticket, phone.codeForStep(step))).status).toBe(200);
  return phone;
};

describe('a link that works', () => {
  it('is VALID with its purpose, mode, expiry, the service and the account it was mailed for', async () => {
    await createCustomer(stack, 'st-valid');
    const { ticket, expiresAt } = await requestTicket('st-valid');
    const answer = await status(ticket);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      state: 'VALID',
      purpose: 'SELF_SERVICE',
      mode: 'ENROLL',
      expiresAt,
      serviceName: 'Cube',
      accountEmail: 'st-valid@example.nl',
      // Handed over after the password, never mailed: nothing to report (lib/reset/report.ts).
      reportable: false,
      recoveryLocked: false,
      locale: 'nl',
    });
    // The same service and account the authenticator app will show.
    expect(phoneApp(scanQr((await start(ticket)).body.qrPng)).label).toBe(
      `${answer.body.serviceName}:${answer.body.accountEmail}`,
    );
  });

  it('asking writes nothing and spends nothing: the trail is unchanged and the link still enrolls', async () => {
    await createCustomer(stack, 'st-read');
    const { ticket } = await requestTicket('st-read');
    const before = await auditTrail(stack, 'st-read');
    for (let asked = 0; asked < 3; asked += 1) expect((await status(ticket)).body.state).toBe('VALID');
    expect(await auditTrail(stack, 'st-read')).toEqual(before);
    const step = await awaitFreshStep();
    await enroll(ticket, step);
  });

  it('a replace ticket says REPLACE, so the page can say the old app keeps working', async () => {
    await createCustomer(stack, 'st-replace');
    const step = await awaitFreshStep();
    const phone = await enroll((await requestTicket('st-replace')).ticket, step - 1);
    const { ticket } = await requestTicket('st-replace', { stepUpCode: phone.codeForStep(step) });
    expect((await status(ticket)).body).toMatchObject({
      state: 'VALID',
      purpose: 'REPLACE',
      mode: 'REPLACE',
      accountEmail: 'st-replace@example.nl',
    });
  });
});

describe('a link that no longer works says why, and names nobody', () => {
  it('USED after its enrollment was confirmed', async () => {
    await createCustomer(stack, 'st-used');
    const { ticket } = await requestTicket('st-used');
    await enroll(ticket, await awaitFreshStep());
    const answer = await status(ticket);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ state: 'USED', purpose: 'SELF_SERVICE', reportable: false });
    expect(answer.body).not.toHaveProperty('accountEmail');
    expect(JSON.stringify(answer.body)).not.toContain('st-used@');
  });

  it('VOIDED once a newer link was issued; the newer one is VALID', async () => {
    await createCustomer(stack, 'st-voided');
    const older = await requestTicket('st-voided');
    // Started first: a pending enrollment does not keep an older link alive.
    expect((await start(older.ticket)).status).toBe(200);
    const newer = await requestTicket('st-voided');
    expect((await status(older.ticket)).body).toEqual({
      state: 'VOIDED',
      purpose: 'SELF_SERVICE',
      mode: 'ENROLL',
      expiresAt: older.expiresAt,
      serviceName: 'Cube',
      reportable: false,
      recoveryLocked: false,
      locale: 'nl',
    });
    expect((await status(newer.ticket)).body.state).toBe('VALID');
    // The page's answer and the routes' agree.
    expect((await start(older.ticket)).body.error.code).toBe('TICKET_VOIDED');
  });

  it('asked while its confirm commits (a second tab, a double click): VALID or USED, never "a newer link"', async () => {
    await createCustomer(stack, 'st-race');
    const { ticket } = await requestTicket('st-race');
    const step = await awaitFreshStep();
    const phone = phoneApp(scanQr((await start(ticket)).body.qrPng));
    const [confirmed, ...asked] = await Promise.all([
      confirm(ticket, phone.codeForStep(step)),
      ...Array.from({ length: 12 }, () => status(ticket)),
    ]);
    expect(confirmed.status).toBe(200);
    for (const answer of asked) expect(['VALID', 'USED']).toContain(answer.body.state);
    expect((await status(ticket)).body.state).toBe('USED');
  });

  it('EXPIRED once its time has passed', async () => {
    await createCustomer(stack, 'st-expired');
    const { ticket } = await requestTicket('st-expired');
    await setStored(stack, 'tickets', { ticketHash: hashTicket(ticket) }, { expiresAt: minutesAgo(1) });
    const answer = await status(ticket);
    expect(answer.body).toMatchObject({ state: 'EXPIRED', reportable: false });
    expect(answer.body).not.toHaveProperty('accountEmail');
    expect((await start(ticket)).body.error.code).toBe('TICKET_EXPIRED');
  });

  it('expires at its expiresAt to the millisecond', async () => {
    await createCustomer(stack, 'st-edge');
    const clock = fixedClock(new Date());
    const { ticket, expiresAt } = await issueTicket(
      { customerId: 'st-edge', purpose: 'SELF_SERVICE' },
      { clock, random: systemRandom },
    );
    clock.set(new Date(new Date(expiresAt).getTime() - 1));
    expect((await enrollmentLinkStatus(ticket, { clock })).state).toBe('VALID');
    clock.set(new Date(expiresAt));
    expect((await enrollmentLinkStatus(ticket, { clock })).state).toBe('EXPIRED');
  });

  it('a reset link voided by a newer one stays reportable ("this wasn\'t me") within its lifetime', async () => {
    await createCustomer(stack, 'st-reset');
    const clock = fixedClock(new Date());
    const reset = await issueTicket(
      { customerId: 'st-reset', purpose: 'RESET' },
      { clock, random: systemRandom },
    );
    expect((await status(reset.ticket)).body).toMatchObject({
      state: 'VALID',
      purpose: 'RESET',
      reportable: true,
    });
    // The attack the alarm is for: someone with the password takes a self-service link, voiding the reset's.
    await requestTicket('st-reset');
    const answer = await status(reset.ticket);
    expect(answer.body).toMatchObject({ state: 'VOIDED', purpose: 'RESET', reportable: true });
    expect(answer.body).not.toHaveProperty('accountEmail');
    expect((await stack.call('POST', '/enroll/report', { body: { ticket: reset.ticket } })).status).toBe(200);
    // After the report the link says recovery is locked, so the page never reads "used: you're done".
    expect((await status(reset.ticket)).body).toMatchObject({
      state: 'USED',
      reportable: false,
      recoveryLocked: true,
    });
  });
});

describe('an unknown ticket and bad input', () => {
  it('an unknown or malformed ticket is 404 TICKET_UNKNOWN, as start answers it', async () => {
    for (const ticket of ['bm90LWEtcmVhbC10aWNrZXQtYnV0LXRoZS1yaWdodC1sZW5ndGg', 'x', 'a'.repeat(128)]) {
      const answer = await status(ticket);
      expect({ ticket, status: answer.status, code: answer.body.error?.code }).toEqual({
        ticket,
        status: 404,
        code: 'TICKET_UNKNOWN',
      });
      expect((await start(ticket)).status).toBe(404);
    }
  });

  it('a body without a ticket, with another field, or a ticket that is not a string up to 128 is 400', async () => {
    await createCustomer(stack, 'st-bad');
    const { ticket } = await requestTicket('st-bad');
    for (const body of [
      {},
      { ticket: '' },
      { ticket: 'a'.repeat(129) },
      { ticket: 42 },
      { ticket: [ticket] },
      { ticket, email: 'someone@example.nl' },
    ]) {
      const answer = await stack.call('POST', '/enroll/status', { body });
      expect({ body, status: answer.status, code: answer.body.error?.code }).toEqual({
        body,
        status: 400,
        code: 'INVALID_REQUEST',
      });
    }
    // None of it touched the link.
    expect((await status(ticket)).body.state).toBe('VALID');
  });
});
