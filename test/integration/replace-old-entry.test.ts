// Replace mode's answer to a code typed from the old app entry (issue 24): named, not blamed on the
// clock, and no help to a guesser: the hit's time step is spent, nothing is counted or changed beside
// it, and during a brute-force lock the old app's codes are not judged here either.
import type { SealedSecret } from '../../lib/secrets/sealed-secret';
import { spendTotpStep } from '../../lib/totp/spend-step';
import { startTestStack, type Caller, type TestStack } from '../support/stack';
import { createCustomer, customerItem, ticketFromUrl } from './enrollment-helpers';
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

const requestTicket = (customerId: string, body?: unknown) =>
  stack.call('POST', `/internal/customers/${customerId}/2fa/enrollment-ticket`, {
    token: service,
    ...(body === undefined ? {} : { body }),
  });
const start = (ticket: string) => stack.call('POST', '/enroll/start', { body: { ticket } });
const confirm = (ticket: string, code: string) =>
  stack.call('POST', '/enroll/confirm', { body: { ticket, code } });
const verify = (customerId: string, code: string) =>
  stack.call('POST', `/internal/customers/${customerId}/2fa/verify`, { token: service, body: { code } });
const errorOf = (response: { status: number; body: any }) => [response.status, response.body?.error?.code];

/** Enrolled with the code of the step before `step`, stepped up with `step`'s; a REPLACE ticket started, the new phone scanned. */
const replacing = async (customerId: string) => {
  const step = await awaitFreshStep(25);
  await createCustomer(stack, customerId);
  const first = ticketFromUrl((await requestTicket(customerId)).body.enrollUrl);
  const oldPhone = phoneApp(scanQr((await start(first)).body.qrPng));
  const enrolled = await confirm(first, oldPhone.codeForStep(step - 1));
  expect(enrolled.status).toBe(200);
  const issued = await requestTicket(customerId, { stepUpCode: oldPhone.codeForStep(step) });
  expect(issued.status).toBe(200);
  const ticket = ticketFromUrl(issued.body.enrollUrl);
  const started = await start(ticket);
  return { step, oldPhone, ticket, newPhone: phoneApp(scanQr(started.body.qrPng)), started: started.body };
};

describe('a code from the old app entry in replace mode', () => {
  it('is named (400 OLD_AUTHENTICATOR_CODE) and its step spent; no failure counted, the pending enrollment kept; a code of neither stays WRONG_CODE', async () => {
    const { step, oldPhone, ticket, newPhone, started } = await replacing('oe-named');
    expect(started.accountName).toMatch(/^oe-named@example\.nl, \d{4}-\d{2}-\d{2} /);
    const before = await customerItem(stack, 'oe-named');

    expect(errorOf(await confirm(ticket, oldPhone.codeForStep(step + 1)))).toEqual([
      400,
      'OLD_AUTHENTICATOR_CODE',
    ]);
    const after = await customerItem(stack, 'oe-named');
    expect(after?.totpLastUsedStep).toBe(step + 1);
    expect(after?.pendingEnrollment).toEqual(before?.pendingEnrollment);
    expect(after?.totpSecret).toEqual(before?.totpSecret);
    expect(after?.verifyFailures ?? 0).toBe(before?.verifyFailures ?? 0);
    // The hit logs in nowhere now; the old app's next code still does until the new one is confirmed.
    expect((await verify('oe-named', oldPhone.codeForStep(step + 1))).body).toMatchObject({
      valid: false,
      reason: 'CODE_ALREADY_USED',
    });
    // The step-up's own code (still on the old phone's screen): the same answer, nothing written.
    expect(errorOf(await confirm(ticket, oldPhone.codeForStep(step)))).toEqual([
      400,
      'OLD_AUTHENTICATOR_CODE',
    ]);
    expect(errorOf(await confirm(ticket, newPhone.wrongCodeAt(Date.now())))).toEqual([400, 'WRONG_CODE']);
    expect((await confirm(ticket, newPhone.codeAt(Date.now()))).status).toBe(200);
  });

  it('during a brute-force lock is not judged: WRONG_CODE, and the lock stays', async () => {
    const { step, oldPhone, ticket } = await replacing('oe-locked');
    // Five wrong logins while the new phone is being set up lock the old app's codes.
    for (let attempt = 1; attempt <= 5; attempt += 1)
      await verify('oe-locked', oldPhone.wrongCodeAt(Date.now(), attempt));
    const before = await customerItem(stack, 'oe-locked');
    expect(before).toHaveProperty('lockedUntil');
    expect(errorOf(await confirm(ticket, oldPhone.codeForStep(step + 1)))).toEqual([400, 'WRONG_CODE']);
    const after = await customerItem(stack, 'oe-locked');
    expect(after?.totpLastUsedStep).toBe(before?.totpLastUsedStep);
    expect(after?.lockedUntil).toBe(before?.lockedUntil);
  });
});

describe('spending a time step (lib/totp/spend-step.ts: the one write the login and this refusal share)', () => {
  const enrolled = async (customerId: string) => {
    await createCustomer(stack, customerId);
    const ticket = ticketFromUrl((await requestTicket(customerId)).body.enrollUrl);
    const phone = phoneApp(scanQr((await start(ticket)).body.qrPng));
    expect((await confirm(ticket, phone.codeAt(Date.now()))).status).toBe(200);
    const item = await customerItem(stack, customerId);
    return { secret: item?.totpSecret as SealedSecret, step: Number(item?.totpLastUsedStep) };
  };

  it('refuses a step already spent or older, and one judged against another secret; nothing changes', async () => {
    const { secret, step } = await enrolled('oe-spend-refused');
    const before = await customerItem(stack, 'oe-spend-refused');
    expect(await spendTotpStep('oe-spend-refused', secret, step)).toBe(false);
    expect(await spendTotpStep('oe-spend-refused', secret, step - 1)).toBe(false);
    // A confirm that replaced the secret between the judging and the write: the old secret's step is not spent.
    const replaced = { ...secret, iv: Buffer.alloc(12, 7).toString('base64') };
    expect(await spendTotpStep('oe-spend-refused', replaced, step + 1)).toBe(false);
    expect(await customerItem(stack, 'oe-spend-refused')).toEqual(before);
    // The honest next step still goes through, and moves the step and the version on.
    expect(await spendTotpStep('oe-spend-refused', secret, step + 1)).toBe(true);
    const after = await customerItem(stack, 'oe-spend-refused');
    expect(after?.totpLastUsedStep).toBe(step + 1);
    expect(after?.version).toBe(Number(before?.version) + 1);
  });

  it('spends one step sent ten times at once exactly once', async () => {
    const { secret, step } = await enrolled('oe-spend-race');
    const spent = await Promise.all(
      Array.from({ length: 10 }, () => spendTotpStep('oe-spend-race', secret, step + 2)),
    );
    expect(spent.filter(Boolean)).toHaveLength(1);
    expect((await customerItem(stack, 'oe-spend-race'))?.totpLastUsedStep).toBe(step + 2);
  });
});
