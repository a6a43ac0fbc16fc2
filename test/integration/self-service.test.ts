// Self-service recovery with the factor still in hand (the manual's NEW_PHONE, PHONE_LOST with backup
// codes, BACKUP_CODES_LOST): no helpdesk reset. Through the local API, with oathtool as the phone and
// zbarimg as its camera.
import { verifySubjectChain } from '../../lib/audit/chain';
import type { AuditItem } from '../../lib/audit/events';
import { systemClock, systemRandom } from '../../lib/clock';
import { createCustomer as createFixtureCustomer, passVerification } from '../support/fixtures';
import { startTestStack, type Caller, type TestStack } from '../support/stack';
import {
  auditTrail,
  createCustomer,
  customerItem,
  customerRecord,
  ticketFromUrl,
} from './enrollment-helpers';
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

type Response = { status: number; body: any; headers: Headers };

const requestTicket = (customerId: string, body?: unknown) =>
  stack.call('POST', `/internal/customers/${customerId}/2fa/enrollment-ticket`, {
    token: service,
    ...(body === undefined ? {} : { body }),
  });
const renew = (customerId: string, body: unknown) =>
  stack.call('POST', `/internal/customers/${customerId}/2fa/backup-codes`, { token: service, body });
const start = (ticket: string) => stack.call('POST', '/enroll/start', { body: { ticket } });
const confirm = (ticket: string, code: string) =>
  stack.call('POST', '/enroll/confirm', { body: { ticket, code } });
const verify = (customerId: string, code: string) =>
  stack.call('POST', `/internal/customers/${customerId}/2fa/verify`, { token: service, body: { code } });

const expectError = (response: Response, status: number, code: string) => {
  expect({ status: response.status, code: response.body?.error?.code }).toEqual({ status, code });
};

/**
 * A customer with 2FA on: enrolled with the code of the step before `step`, so the codes of `step` and
 * `step + 1` are still unused for the tests' step-ups and logins.
 */
const enrolled = async (customerId: string) => {
  const step = await awaitFreshStep();
  await createCustomer(stack, customerId);
  const ticket = ticketFromUrl((await requestTicket(customerId)).body.enrollUrl);
  const started = await start(ticket);
  const app = phoneApp(scanQr(started.body.qrPng));
  const confirmed = await confirm(ticket, app.codeForStep(step - 1));
  expect(confirmed.status).toBe(200);
  return { app, step, backupCodes: confirmed.body.backupCodes as string[] };
};

const ticketsIssued = async (customerId: string) =>
  (await auditTrail(stack, customerId)).filter((event) => event.type === 'ENROLLMENT_TICKET_ISSUED').length;

describe('replace the authenticator with a factor in hand', () => {
  it('a new phone with the old one in hand: the old app works until the new one is confirmed, then only the new one', async () => {
    const { app: oldPhone, step, backupCodes: oldCodes } = await enrolled('ss-new-phone');
    const before = await customerItem(stack, 'ss-new-phone');

    const issued = await requestTicket('ss-new-phone', { stepUpCode: oldPhone.codeForStep(step) });
    expect(issued.status).toBe(200);
    expect(Object.keys(issued.body).sort()).toEqual(['enrollUrl', 'expiresAt', 'ticket']);
    const ticket = ticketFromUrl(issued.body.enrollUrl);

    const started = await start(ticket);
    expect(started.status).toBe(200);
    const uri = scanQr(started.body.qrPng);
    expect(uri).toBe(started.body.otpauthUri);
    const newPhone = phoneApp(uri);
    expect(newPhone.key.equals(oldPhone.key)).toBe(false);

    // Between start and confirm the old phone still signs in, and 2FA stays ENABLED.
    expect((await verify('ss-new-phone', oldPhone.codeForStep(step + 1))).body).toMatchObject({
      valid: true,
      method: 'totp',
    });
    expect(await customerItem(stack, 'ss-new-phone')).toMatchObject({
      twoFactor: 'ENABLED',
      totpSecret: before?.totpSecret,
    });
    // A wrong code for the new phone changes nothing: the old one stays.
    expectError(await confirm(ticket, newPhone.wrongCodeAt(Date.now())), 400, 'WRONG_CODE');

    const confirmed = await confirm(ticket, newPhone.codeForStep(step));
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.twoFactor).toBe('ENABLED');
    const newCodes = confirmed.body.backupCodes as string[];
    expect(newCodes).toHaveLength(10);
    expect(newCodes.filter((code) => oldCodes.includes(code))).toEqual([]);

    // The old phone and the old backup codes are refused at once; the new ones work.
    expect((await verify('ss-new-phone', oldPhone.codeForStep(step + 1))).body).toMatchObject({
      valid: false,
    });
    expect((await verify('ss-new-phone', oldCodes[1] ?? '')).body).toMatchObject({
      valid: false,
      reason: 'WRONG_CODE',
    });
    expect((await verify('ss-new-phone', newPhone.codeForStep(step + 1))).body).toMatchObject({
      valid: true,
    });
    expect((await verify('ss-new-phone', newCodes[0] ?? '')).body).toMatchObject({
      valid: true,
      method: 'backup_code',
      backupCodesLeft: 9,
    });
    // The ticket is spent.
    expectError(await start(ticket), 410, 'TICKET_SPENT');

    const trail = await auditTrail(stack, 'ss-new-phone');
    expect(verifySubjectChain('customer#ss-new-phone', trail)).toEqual([]);
    const issuedEvent = trail.filter((event) => event.type === 'ENROLLMENT_TICKET_ISSUED').at(-1);
    expect(issuedEvent?.details).toMatchObject({ purpose: 'REPLACE', stepUpMethod: 'totp' });
    const replaced = trail.filter((event) => event.type === 'AUTHENTICATOR_REPLACED');
    expect(replaced).toHaveLength(1);
    expect(replaced[0]).toMatchObject({
      actorType: 'customer',
      details: { purpose: 'REPLACE', backupCodes: 10, backupCodesVoided: 10 },
    });
    expect(trail.filter((event) => event.type === 'TWO_FA_ENABLED')).toHaveLength(1);
    expect(trail.filter((event) => event.type === 'TWO_FA_DISABLED')).toHaveLength(0);
  });

  it('a lost phone with a backup code: the code steps up once (spent), the new phone replaces the lost one', async () => {
    const { app: lostPhone, step, backupCodes } = await enrolled('ss-lost-phone');
    const issued = await requestTicket('ss-lost-phone', { stepUpCode: backupCodes[3] });
    expect(issued.status).toBe(200);
    // Spent by the step-up, as at login.
    expect((await verify('ss-lost-phone', backupCodes[3] ?? '')).body).toMatchObject({ valid: false });
    const again = await requestTicket('ss-lost-phone', { stepUpCode: backupCodes[3] });
    expectError(again, 403, 'WRONG_CODE');

    const ticket = ticketFromUrl(issued.body.enrollUrl);
    const newPhone = phoneApp(scanQr((await start(ticket)).body.qrPng));
    expect((await confirm(ticket, newPhone.codeForStep(step))).status).toBe(200);
    expect((await verify('ss-lost-phone', lostPhone.codeForStep(step + 1))).body.valid).toBe(false);
    expect((await verify('ss-lost-phone', newPhone.codeForStep(step + 1))).body.valid).toBe(true);
    const trail = await auditTrail(stack, 'ss-lost-phone');
    expect(trail.find((event) => event.type === 'BACKUP_CODE_USED')?.details.backupCodesLeft).toBe(9);
    expect(
      trail.filter((event) => event.type === 'ENROLLMENT_TICKET_ISSUED').at(-1)?.details.stepUpMethod,
    ).toBe('backup_code');
    expect(trail.find((event) => event.type === 'AUTHENTICATOR_REPLACED')?.details.backupCodesVoided).toBe(9);
  });
});

describe('step-up refusals: the same answers as login verify, and no ticket', () => {
  it('a wrong code is 403 WRONG_CODE and counts as a login failure; the fifth failure locks (429) like login', async () => {
    const { app, step } = await enrolled('ss-wrong');
    const issuedBefore = await ticketsIssued('ss-wrong');
    const wrong = await requestTicket('ss-wrong', { stepUpCode: app.wrongCodeAt(Date.now(), 1) });
    expectError(wrong, 403, 'WRONG_CODE');
    expect(wrong.body.error.details).toEqual({ method: 'totp', attemptsLeft: 4, backupCodesLeft: 10 });
    // The same counter as login: two wrong logins, one more step-up, then login sees one attempt left.
    await verify('ss-wrong', app.wrongCodeAt(Date.now(), 2));
    await verify('ss-wrong', app.wrongCodeAt(Date.now(), 3));
    expectError(
      await requestTicket('ss-wrong', { stepUpCode: app.wrongCodeAt(Date.now(), 4) }),
      403,
      'WRONG_CODE',
    );
    const locking = await requestTicket('ss-wrong', { stepUpCode: app.wrongCodeAt(Date.now(), 5) });
    expectError(locking, 429, 'TWO_FA_LOCKED');
    expect(Number(locking.headers.get('retry-after'))).toBeGreaterThan(0);
    // Locked: even the right TOTP code gets no ticket (login would refuse it too).
    const rightButLocked = await requestTicket('ss-wrong', { stepUpCode: app.codeForStep(step) });
    expectError(rightButLocked, 429, 'TWO_FA_LOCKED');
    expect(await ticketsIssued('ss-wrong')).toBe(issuedBefore);
    const item = await customerItem(stack, 'ss-wrong');
    expect(item?.twoFactor).toBe('LOCKED');
    expect(item?.pendingEnrollment).toBeUndefined();
    const trail = await auditTrail(stack, 'ss-wrong');
    expect(trail.filter((event) => event.type === 'VERIFY_FAILED')).toHaveLength(5);
    expect(trail.filter((event) => event.type === 'TWO_FA_LOCKED')).toHaveLength(1);
  });

  it('a replayed code is 403 CODE_ALREADY_USED; a malformed one 400 and not counted', async () => {
    const { app, step } = await enrolled('ss-replay');
    const code = app.codeForStep(step);
    expect((await verify('ss-replay', code)).body.valid).toBe(true);
    const issuedBefore = await ticketsIssued('ss-replay');
    const replayed = await requestTicket('ss-replay', { stepUpCode: code });
    expectError(replayed, 403, 'CODE_ALREADY_USED');
    expectError(await requestTicket('ss-replay', { stepUpCode: '12345' }), 400, 'INVALID_CODE_FORMAT');
    expectError(await requestTicket('ss-replay', { stepUpCode: 42 }), 400, 'INVALID_REQUEST');
    expectError(await requestTicket('ss-replay', { stepUpCode: code, extra: 1 }), 400, 'INVALID_REQUEST');
    expect(await ticketsIssued('ss-replay')).toBe(issuedBefore);
    expect((await customerItem(stack, 'ss-replay'))?.verifyFailures).toBe(0);
  });

  it('2FA off: 409 (no authenticator to replace)', async () => {
    await createCustomer(stack, 'ss-off');
    expectError(await requestTicket('ss-off', { stepUpCode: '123456' }), 409, 'TWO_FA_NOT_ENABLED');
    expect(await ticketsIssued('ss-off')).toBe(0);

    // Recovery locked by a reset email's "this wasn't me": 423 for every step-up, in
    // security-recovery-locks.test.ts (a profile-page ticket cannot report: report-rules.test.ts).
  });

  it('without a step-up code an ENABLED customer still gets 409, as before', async () => {
    await enrolled('ss-no-code');
    expectError(await requestTicket('ss-no-code'), 409, 'TWO_FA_ALREADY_ENABLED');
    expectError(await requestTicket('ss-no-code', {}), 409, 'TWO_FA_ALREADY_ENABLED');
  });
});

describe('replace tickets under races', () => {
  it('a replace ticket used after a newer one is voided, even after its enrollment was started', async () => {
    const { app, step, backupCodes } = await enrolled('ss-void');
    const first = ticketFromUrl(
      (await requestTicket('ss-void', { stepUpCode: app.codeForStep(step) })).body.enrollUrl,
    );
    const firstPhone = phoneApp(scanQr((await start(first)).body.qrPng));
    const second = ticketFromUrl(
      (await requestTicket('ss-void', { stepUpCode: backupCodes[0] })).body.enrollUrl,
    );
    expectError(await confirm(first, firstPhone.codeForStep(step)), 410, 'TICKET_VOIDED');
    expectError(await start(first), 410, 'TICKET_VOIDED');
    const secondPhone = phoneApp(scanQr((await start(second)).body.qrPng));
    expect((await confirm(second, secondPhone.codeForStep(step))).status).toBe(200);
    expect((await verify('ss-void', firstPhone.codeForStep(step + 1))).body.valid).toBe(false);
    expect((await verify('ss-void', secondPhone.codeForStep(step + 1))).body.valid).toBe(true);
  });

  it('one step-up code sent five times at once gives exactly one ticket', async () => {
    const { app, step } = await enrolled('ss-race-ticket');
    const before = await ticketsIssued('ss-race-ticket');
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => requestTicket('ss-race-ticket', { stepUpCode: app.codeForStep(step) })),
    );
    expect(responses.filter((response) => response.status === 200)).toHaveLength(1);
    for (const refused of responses.filter((response) => response.status !== 200))
      expectError(refused, 403, 'CODE_ALREADY_USED');
    expect(await ticketsIssued('ss-race-ticket')).toBe(before + 1);
  });

  it('two replacements at once: exactly one wins, and its phone is the one that works', async () => {
    const { app, step, backupCodes } = await enrolled('ss-race');
    // Two devices ask at once with two different factors: both step up, the later ticket voids the other.
    const tickets = await Promise.all([
      requestTicket('ss-race', { stepUpCode: app.codeForStep(step) }),
      requestTicket('ss-race', { stepUpCode: backupCodes[0] }),
    ]);
    expect(tickets.map((response) => response.status)).toEqual([200, 200]);
    const ticketValues = tickets.map((response) => ticketFromUrl(response.body.enrollUrl));
    const starts = await Promise.all(ticketValues.map((ticket) => start(ticket)));
    const phones = starts.map((started) =>
      started.status === 200 ? phoneApp(scanQr(started.body.qrPng)) : undefined,
    );
    const confirms = await Promise.all(
      ticketValues.map((ticket, index) => {
        const phone = phones[index];
        return phone ? confirm(ticket, phone.codeForStep(step)) : Promise.resolve(starts[index] as Response);
      }),
    );
    const winners = confirms.flatMap((response, index) => (response.status === 200 ? [index] : []));
    expect(winners).toHaveLength(1);
    const loser = confirms[1 - (winners[0] ?? 0)] as Response;
    expect(loser.status).toBe(410);
    expect(loser.body.error.code).toBe('TICKET_VOIDED');
    const winnerPhone = phones[winners[0] ?? 0];
    expect((await verify('ss-race', winnerPhone?.codeForStep(step + 1) ?? '')).body.valid).toBe(true);
    const trail = await auditTrail(stack, 'ss-race');
    expect(trail.filter((event) => event.type === 'AUTHENTICATOR_REPLACED')).toHaveLength(1);
    expect(verifySubjectChain('customer#ss-race', trail)).toEqual([]);
  });

  it('one replace ticket confirmed twice at once (a double click): exactly one confirm, one set of codes', async () => {
    const { app, step } = await enrolled('ss-double');
    const ticket = ticketFromUrl(
      (await requestTicket('ss-double', { stepUpCode: app.codeForStep(step) })).body.enrollUrl,
    );
    const phone = phoneApp(scanQr((await start(ticket)).body.qrPng));
    const code = phone.codeForStep(step);
    const responses = await Promise.all(Array.from({ length: 4 }, () => confirm(ticket, code)));
    const ok = responses.filter((response) => response.status === 200);
    expect(ok).toHaveLength(1);
    for (const refused of responses.filter((response) => response.status !== 200))
      expect(['TICKET_SPENT', 'CONCURRENT_CHANGE']).toContain(refused.body.error.code);
    const codes = ok[0]?.body.backupCodes as string[];
    expect((await verify('ss-double', codes[0] ?? '')).body.valid).toBe(true);
    const trail = await auditTrail(stack, 'ss-double');
    expect(trail.filter((event) => event.type === 'AUTHENTICATOR_REPLACED')).toHaveLength(1);
  });
});

describe('a helpdesk reset while a replacement is under way', () => {
  it('the replacement can no longer confirm, and the new phone signs in nowhere', async () => {
    const email = 'ss-reset-mid@example.nl';
    const step = await awaitFreshStep();
    await createFixtureCustomer(stack, 'ss-reset-mid', { email });
    const first = ticketFromUrl((await requestTicket('ss-reset-mid')).body.enrollUrl);
    const oldPhone = phoneApp(scanQr((await start(first)).body.qrPng));
    expect((await confirm(first, oldPhone.codeForStep(step - 1))).status).toBe(200);
    const ticket = ticketFromUrl(
      (await requestTicket('ss-reset-mid', { stepUpCode: oldPhone.codeForStep(step) })).body.enrollUrl,
    );
    const newPhone = phoneApp(scanQr((await start(ticket)).body.qrPng));

    const verificationId = await passVerification(
      stack,
      'ss-reset-mid',
      await stack.helpdeskToken('agent-sanne'),
      undefined,
      { EMAIL: email },
    );
    const disabled = await stack.call('POST', '/admin/customers/ss-reset-mid/2fa/disable', {
      token: await stack.adminToken('admin-sem'),
      body: { verificationId, reason: 'lost phone' },
    });
    expect(disabled.status).toBe(200);

    expectError(await confirm(ticket, newPhone.codeForStep(step)), 409, 'TWO_FA_NOT_ENABLED');
    expectError(await verify('ss-reset-mid', newPhone.codeForStep(step)), 409, 'TWO_FA_NOT_ENABLED');
    expect(await customerItem(stack, 'ss-reset-mid')).toMatchObject({ twoFactor: 'DISABLED' });
    expect((await customerItem(stack, 'ss-reset-mid'))?.totpSecret).toBeUndefined();
    const trail = await auditTrail(stack, 'ss-reset-mid');
    expect(trail.filter((event) => event.type === 'AUTHENTICATOR_REPLACED')).toEqual([]);
  });
});

describe('renewing backup codes with the authenticator', () => {
  it('gives 10 new codes; every old one is refused at once', async () => {
    const { app, step, backupCodes: oldCodes } = await enrolled('ss-renew');
    expect((await verify('ss-renew', oldCodes[0] ?? '')).body.valid).toBe(true);
    const renewed = await renew('ss-renew', { stepUpCode: app.codeForStep(step) });
    expect(renewed.status).toBe(200);
    const codes = renewed.body.backupCodes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const old of oldCodes.slice(1, 4))
      expect((await verify('ss-renew', old)).body).toMatchObject({ valid: false, reason: 'WRONG_CODE' });
    expect((await verify('ss-renew', codes[0] ?? '')).body).toMatchObject({
      valid: true,
      method: 'backup_code',
      backupCodesLeft: 9,
    });
    // The authenticator is unchanged; the step-up code was spent like a login.
    expect((await verify('ss-renew', app.codeForStep(step + 1))).body.valid).toBe(true);
    const trail = await auditTrail(stack, 'ss-renew');
    const regenerated = trail.filter((event) => event.type === 'BACKUP_CODES_REGENERATED');
    expect(regenerated).toHaveLength(1);
    expect(regenerated[0]?.details).toEqual({ stepUpMethod: 'totp', backupCodes: 10, backupCodesVoided: 9 });
    expect(verifySubjectChain('customer#ss-renew', trail)).toEqual([]);
  });

  it('refuses a backup code as step-up without spending or counting it, and wrong or replayed TOTP codes as login does', async () => {
    const { app, step, backupCodes } = await enrolled('ss-renew-bad');
    expectError(await renew('ss-renew-bad', { stepUpCode: backupCodes[0] }), 400, 'STEP_UP_TOTP_REQUIRED');
    expect((await customerItem(stack, 'ss-renew-bad'))?.backupCodeHashes.size).toBe(10);
    const wrong = await renew('ss-renew-bad', { stepUpCode: app.wrongCodeAt(Date.now()) });
    expectError(wrong, 403, 'WRONG_CODE');
    expect(wrong.body.error.details.attemptsLeft).toBe(4);
    const code = app.codeForStep(step);
    expect((await verify('ss-renew-bad', code)).body.valid).toBe(true);
    expectError(await renew('ss-renew-bad', { stepUpCode: code }), 403, 'CODE_ALREADY_USED');
    // No step-up at all (neither a code nor a passkey's assertion): refused before anything is counted.
    expectError(await renew('ss-renew-bad', {}), 400, 'STEP_UP_REQUIRED');
    expectError(await renew('ss-renew-bad', { stepUpCode: code, backupCodes: [] }), 400, 'INVALID_REQUEST');
    // None of this touched the backup codes: still the original ten.
    expect((await customerItem(stack, 'ss-renew-bad'))?.backupCodeHashes.size).toBe(10);
    expect(
      (await auditTrail(stack, 'ss-renew-bad')).filter((event) => event.type === 'BACKUP_CODES_REGENERATED'),
    ).toEqual([]);
    await createCustomer(stack, 'ss-renew-off');
    expectError(await renew('ss-renew-off', { stepUpCode: '123456' }), 409, 'TWO_FA_NOT_ENABLED');
  });

  it('two renewals at once with the same code: exactly one set of codes, and it is the stored one', async () => {
    const { app, step } = await enrolled('ss-renew-race');
    const code = app.codeForStep(step);
    const responses = await Promise.all(
      Array.from({ length: 4 }, () => renew('ss-renew-race', { stepUpCode: code })),
    );
    const ok = responses.filter((response) => response.status === 200);
    expect(ok).toHaveLength(1);
    const codes = ok[0]?.body.backupCodes as string[];
    expect((await verify('ss-renew-race', codes[5] ?? '')).body.valid).toBe(true);
    expect(
      (await auditTrail(stack, 'ss-renew-race')).filter((event) => event.type === 'BACKUP_CODES_REGENERATED'),
    ).toHaveLength(1);
  });
});

describe('a copy to a further address that fails', () => {
  it('is recorded on the outcome and not retried; the main email is not sent twice', async () => {
    const { app, step } = await enrolled('ss-copy-fail');
    const synced = await stack.call('PUT', '/internal/customers/ss-copy-fail', {
      token: service,
      body: {
        ...customerRecord('ss-copy-fail@example.nl'),
        notificationEmails: ['ss-copy-home@example.nl', 'ss-copy-work@example.nl'],
      },
    });
    expect(synced.status).toBe(200);
    expect((await renew('ss-copy-fail', { stepUpCode: app.codeForStep(step) })).status).toBe(200);
    const event = (await auditTrail(stack, 'ss-copy-fail')).find(
      (item) => item.type === 'BACKUP_CODES_REGENERATED',
    ) as AuditItem;
    const { deliverNotification } = await import('../../lib/notify/notifier');
    const { sendEmail } = await import('../../lib/notify/mailer');
    const sentTo: string[] = [];
    // SES refusing one address is a fault the local SES server cannot produce: injected at the send.
    const send: typeof sendEmail = async (to, email) => {
      sentTo.push(to);
      if (to === 'ss-copy-home@example.nl')
        throw Object.assign(new Error('throttled'), { name: 'Throttling' });
      return sendEmail(to, email);
    };
    const deps = { clock: systemClock, random: systemRandom, send };
    expect(await deliverNotification(event, deps)).toBe('SENT');
    expect(await deliverNotification(event, deps)).toBe('ALREADY_HANDLED');
    expect(sentTo).toEqual(['ss-copy-fail@example.nl', 'ss-copy-home@example.nl', 'ss-copy-work@example.nl']);
    const outcome = (await auditTrail(stack, 'ss-copy-fail')).filter(
      (item) => item.type === 'NOTIFICATION_SENT',
    );
    expect(outcome).toHaveLength(1);
    expect(outcome[0]?.details).toMatchObject({
      kind: 'BACKUP_CODES_RENEWED',
      copiesTo: 2,
      copiesSent: false,
    });
  });
});
