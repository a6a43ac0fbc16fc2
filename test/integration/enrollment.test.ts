// Step 3 of the manual through the local API, as the customer and the login service live it: a
// ticket opens the enrollment page, an authenticator app (written here from the RFCs, sharing no
// code with the service) scans the QR code, the login service verifies codes at every login.
import { verifySubjectChain } from '../../lib/audit/chain';
import { hashTicket } from '../../lib/tickets/ticket';
import { startTestStack, type Caller, type TestStack } from '../support/stack';
import {
  auditTrail,
  authenticatorFrom,
  createCustomer,
  customerItem,
  decodeQrPng,
  rawCustomerItem,
  ticketFromUrl,
} from './enrollment-helpers';

let stack: TestStack;
let service: Caller;

beforeAll(async () => {
  stack = await startTestStack({ pollStreams: false });
  service = await stack.serviceToken();
});
afterAll(async () => {
  await stack?.stop();
});

const requestTicket = (customerId: string) =>
  stack.call('POST', `/internal/customers/${customerId}/2fa/enrollment-ticket`, { token: service });
const start = (ticket: string) => stack.call('POST', '/enroll/start', { body: { ticket } });
const confirm = (ticket: string, code: string) =>
  stack.call('POST', '/enroll/confirm', { body: { ticket, code } });
const verify = (customerId: string, code: string) =>
  stack.call('POST', `/internal/customers/${customerId}/2fa/verify`, { token: service, body: { code } });
const status = async (customerId: string) =>
  (await stack.call('GET', `/internal/customers/${customerId}/2fa`, { token: service })).body.twoFactor;

const expectError = (response: { status: number; body: any }, status: number, code: string) => {
  expect({ status: response.status, code: response.body?.error?.code }).toEqual({ status, code });
};

/** Enrolls through the API; returns the app and what the customer saw. */
const enroll = async (customerId: string) => {
  await createCustomer(stack, customerId);
  const issued = await requestTicket(customerId);
  const ticket = ticketFromUrl(issued.body.enrollUrl);
  const started = await start(ticket);
  const app = authenticatorFrom(started.body.otpauthUri);
  const step = app.stepAt(Date.now());
  const confirmed = await confirm(ticket, app.codeForStep(step));
  expect(confirmed.status).toBe(200);
  return { app, ticket, step, backupCodes: confirmed.body.backupCodes as string[] };
};

describe('done when: enroll, log in, replay, lock, backup code', () => {
  it('walks the whole path through the local API', async () => {
    const customerId = 'c-done';
    await createCustomer(stack, customerId);
    expect(await status(customerId)).toBe('DISABLED');

    // The profile page's "2FA aanzetten": the login service asks for a ticket and a link.
    const issued = await requestTicket(customerId);
    expect(issued.status).toBe(200);
    expect(Object.keys(issued.body).sort()).toEqual(['enrollUrl', 'expiresAt', 'ticket']);
    const link = new URL(issued.body.enrollUrl);
    expect(`${link.origin}${link.pathname}`).toBe(`${stack.apiUrl}/enroll/`);
    expect(link.search).toBe('');
    const ticket = ticketFromUrl(issued.body.enrollUrl);
    expect(ticket).toBe(issued.body.ticket);
    expect(ticket).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // The enrollment page: the QR code holds exactly the URI, with the secret shown for manual entry.
    const started = await start(ticket);
    expect(started.status).toBe(200);
    expect(started.body.qrPng).toMatch(/^data:image\/png;base64,/);
    const scanned = decodeQrPng(started.body.qrPng);
    expect(scanned).toBe(started.body.otpauthUri);
    const app = authenticatorFrom(scanned ?? '');
    expect(app.label).toBe(`Cube:${customerId}@example.nl`);
    expect(app.issuer).toBe('Cube');
    expect(app.key).toHaveLength(20);
    expect(new URL(started.body.otpauthUri).searchParams.get('secret')).toBe(started.body.secret);
    expect(new Date(started.body.expiresAt).getTime()).toBeGreaterThan(Date.now());

    // Confirm with the code the app shows now: 2FA is on and ten backup codes are shown, once.
    const enrolledStep = app.stepAt(Date.now());
    const confirmed = await confirm(ticket, app.codeForStep(enrolledStep));
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.twoFactor).toBe('ENABLED');
    expect(confirmed.body.backupCodes).toHaveLength(10);
    expect(new Set(confirmed.body.backupCodes).size).toBe(10);
    expect(await status(customerId)).toBe('ENABLED');
    expectError(await confirm(ticket, app.codeForStep(enrolledStep)), 410, 'TICKET_SPENT');
    expectError(await start(ticket), 410, 'TICKET_SPENT');

    // The code that confirmed the enrollment cannot be used again to log in.
    const reuseOfEnrollCode = await verify(customerId, app.codeForStep(enrolledStep));
    expect(reuseOfEnrollCode.body).toMatchObject({ valid: false, reason: 'CODE_ALREADY_USED' });

    // Log in with the next code.
    const next = app.codeForStep(enrolledStep + 1);
    const login = await verify(customerId, next);
    expect(login.status).toBe(200);
    expect(login.body).toEqual({ valid: true, method: 'totp', backupCodesLeft: 10 });

    // The same code again is a replay: refused, and said so.
    const replay = await verify(customerId, next);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual({
      valid: false,
      method: 'totp',
      reason: 'CODE_ALREADY_USED',
      backupCodesLeft: 10,
      attemptsLeft: 5,
    });

    // Five wrong codes: four answers with the attempts left, the fifth locks (429 + Retry-After).
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      const wrong = await verify(customerId, app.wrongCodeAt(Date.now(), attempt));
      expect(wrong.status).toBe(200);
      expect(wrong.body).toEqual({
        valid: false,
        method: 'totp',
        reason: 'WRONG_CODE',
        backupCodesLeft: 10,
        attemptsLeft: 5 - attempt,
      });
    }
    const fifth = await verify(customerId, app.wrongCodeAt(Date.now(), 5));
    expectError(fifth, 429, 'TWO_FA_LOCKED');
    expect(fifth.headers.get('retry-after')).toBe('300');
    expect(await status(customerId)).toBe('LOCKED');

    // While locked even the right code is refused.
    const rightButLocked = await verify(customerId, app.codeForStep(app.stepAt(Date.now()) + 1));
    expectError(rightButLocked, 429, 'TWO_FA_LOCKED');
    expect(Number(rightButLocked.headers.get('retry-after'))).toBeGreaterThan(290);

    // A backup code gets the customer in, typed lower case without separators, once.
    const backupCode = confirmed.body.backupCodes[3] as string;
    const typed = backupCode.toLowerCase().replace(/-/g, '');
    const withBackup = await verify(customerId, typed);
    expect(withBackup.status).toBe(200);
    expect(withBackup.body).toEqual({ valid: true, method: 'backup_code', backupCodesLeft: 9 });
    expect(await status(customerId)).toBe('ENABLED');
    const again = await verify(customerId, backupCode);
    expect(again.body).toMatchObject({
      valid: false,
      method: 'backup_code',
      reason: 'WRONG_CODE',
      backupCodesLeft: 9,
    });

    // The audit tells it in order, as an intact chain, without a secret, code or ticket in it.
    const trail = await auditTrail(stack, customerId);
    expect(verifySubjectChain(`customer#${customerId}`, trail)).toEqual([]);
    expect(trail.map((event) => event.type)).toEqual([
      'CUSTOMER_CREATED',
      'ENROLLMENT_TICKET_ISSUED',
      'ENROLLMENT_STARTED',
      'TWO_FA_ENABLED',
      'VERIFY_REPLAY_REFUSED',
      'VERIFY_REPLAY_REFUSED',
      'VERIFY_FAILED',
      'VERIFY_FAILED',
      'VERIFY_FAILED',
      'VERIFY_FAILED',
      'VERIFY_FAILED',
      'TWO_FA_LOCKED',
      'BACKUP_CODE_USED',
      'VERIFY_FAILED',
    ]);
    expect(trail.find((event) => event.type === 'TWO_FA_LOCKED')?.details).toMatchObject({
      lockSeconds: 300,
      lockNumber: 1,
    });
    const details = JSON.stringify(trail.map((event) => event.details));
    const secrets = [ticket, started.body.secret, next, typed, ...confirmed.body.backupCodes];
    for (const secret of secrets) expect(JSON.stringify(trail)).not.toContain(secret);
    expect(details).not.toMatch(/"\d{6}"/);

    // DynamoDB holds the secret sealed and the backup codes hashed.
    const raw = await rawCustomerItem(stack, customerId);
    for (const secret of [started.body.secret, ...confirmed.body.backupCodes, backupCode.replace(/-/g, '')])
      expect(raw).not.toContain(secret);
    const item = await customerItem(stack, customerId);
    expect(item?.totpSecret).toMatchObject({ v: 1, keySource: 'local' });
    expect(item?.backupCodeHashes.size).toBe(9);
    expect(item?.pendingEnrollment).toBeUndefined();
    // The ticket is spent; the customer item names the ADD link the confirm handed back instead.
    expect(item?.enrollmentTicketHash).toBe(hashTicket(confirmed.body.addAnother.ticket));
  });
});

describe('enrollment tickets', () => {
  it('refuses a ticket nobody issued, and a malformed one, as unknown', async () => {
    expectError(await start('A'.repeat(43)), 404, 'TICKET_UNKNOWN');
    expectError(await confirm('not-a-ticket', '123456'), 404, 'TICKET_UNKNOWN');
  });

  it('voids the older ticket when a newer one is issued', async () => {
    await createCustomer(stack, 'c-voided');
    const first = (await requestTicket('c-voided')).body.ticket;
    const firstStart = await start(first);
    expect(firstStart.status).toBe(200);
    const second = (await requestTicket('c-voided')).body.ticket;
    expectError(await start(first), 410, 'TICKET_VOIDED');
    const app = authenticatorFrom(firstStart.body.otpauthUri);
    expectError(await confirm(first, app.codeAt(Date.now())), 410, 'TICKET_VOIDED');
    expect((await start(second)).status).toBe(200);
  });

  it('is refused while 2FA is on: 409 from the login service route', async () => {
    await enroll('c-on');
    expectError(await requestTicket('c-on'), 409, 'TWO_FA_ALREADY_ENABLED');
    expectError(await requestTicket('c-nobody'), 404, 'CUSTOMER_NOT_FOUND');
  });

  it('takes no input but the path (an empty object is fine, anything else is not)', async () => {
    await createCustomer(stack, 'c-body');
    const withEmpty = await stack.call('POST', '/internal/customers/c-body/2fa/enrollment-ticket', {
      token: service,
      body: {},
    });
    expect(withEmpty.status).toBe(200);
    const withField = await stack.call('POST', '/internal/customers/c-body/2fa/enrollment-ticket', {
      token: service,
      body: { purpose: 'RESET' },
    });
    expectError(withField, 400, 'INVALID_REQUEST');
  });

  it('is for the login service only', async () => {
    await createCustomer(stack, 'c-staff');
    const admin = await stack.adminToken();
    const asAdmin = await stack.call('POST', '/internal/customers/c-staff/2fa/enrollment-ticket', {
      token: admin,
    });
    expectError(asAdmin, 403, 'INCOMPLETE_SIGNATURE');
    const anonymous = await stack.call('POST', '/internal/customers/c-staff/2fa/enrollment-ticket');
    expectError(anonymous, 403, 'MISSING_AUTHENTICATION_TOKEN');
    const otherPrincipal = await stack.call('POST', '/internal/customers/c-staff/2fa/enrollment-ticket', {
      token: stack.otherIamCaller(),
    });
    expectError(otherPrincipal, 403, 'FORBIDDEN');
  });
});

describe('starting and confirming', () => {
  it('hands out the same pending secret when the same link starts again (a reloaded page): the entry the app added keeps working', async () => {
    await createCustomer(stack, 'c-restart');
    const ticket = (await requestTicket('c-restart')).body.ticket;
    const firstStart = (await start(ticket)).body;
    const secondStart = (await start(ticket)).body;
    expect(secondStart).toMatchObject({ secret: firstStart.secret, expiresAt: firstStart.expiresAt });
    expect([firstStart.earlierQrReplaced, secondStart.earlierQrReplaced]).toEqual([false, false]);
    const first = authenticatorFrom(firstStart.otpauthUri);
    expect((await confirm(ticket, first.codeAt(Date.now()))).status).toBe(200);
    const trail = await auditTrail(stack, 'c-restart');
    expect(
      trail
        .filter((event) => event.type === 'ENROLLMENT_STARTED')
        .map((event) => [event.details.restarted, event.details.resumed ?? false]),
    ).toEqual([
      [false, false],
      [true, true],
    ]);
  });

  it('gives a newer link its own secret: the old link cannot read it, and the old QR code no longer confirms', async () => {
    await createCustomer(stack, 'c-newlink');
    const oldTicket = (await requestTicket('c-newlink')).body.ticket;
    const oldStart = (await start(oldTicket)).body;
    const newTicket = (await requestTicket('c-newlink')).body.ticket;
    const newStart = (await start(newTicket)).body;
    expect(newStart.secret).not.toBe(oldStart.secret);
    // The voided link neither gets the pending secret back nor a fresh one.
    expectError(await start(oldTicket), 410, 'TICKET_VOIDED');
    const before = await customerItem(stack, 'c-newlink');
    expectError(
      await confirm(newTicket, authenticatorFrom(oldStart.otpauthUri).codeAt(Date.now())),
      400,
      'WRONG_CODE',
    );
    expect((await customerItem(stack, 'c-newlink'))?.pendingEnrollment).toEqual(before?.pendingEnrollment);
    expect((await confirm(newTicket, authenticatorFrom(newStart.otpauthUri).codeAt(Date.now()))).status).toBe(
      200,
    );
  });

  it('refuses to confirm before a start, and a code that is not 6 digits, changing nothing', async () => {
    await createCustomer(stack, 'c-nostart');
    const ticket = (await requestTicket('c-nostart')).body.ticket;
    const before = await customerItem(stack, 'c-nostart');
    const trailBefore = await auditTrail(stack, 'c-nostart');
    expectError(await confirm(ticket, '123456'), 409, 'NO_PENDING_ENROLLMENT');
    await start(ticket);
    const afterStart = await customerItem(stack, 'c-nostart');
    for (const code of ['12345', '1234567', 'abcdef', '', '7K3Q-M9XD-2HBP-W4TN-R8FJ-6CYV'])
      expectError(await confirm(ticket, code), 400, 'INVALID_CODE_FORMAT');
    expect(await customerItem(stack, 'c-nostart')).toEqual(afterStart);
    expect(before?.version).toBe((afterStart?.version ?? 0) - 1);
    expect((await auditTrail(stack, 'c-nostart')).length).toBe(trailBefore.length + 1);
  });

  it('the page asks for no PNG (it draws the QR code): the same enrollment, and a reload with the PNG scans to the same URI', async () => {
    const customerId = 'c-qr-none';
    await createCustomer(stack, customerId);
    const ticket = ticketFromUrl((await requestTicket(customerId)).body.enrollUrl);
    const bare = await stack.call('POST', '/enroll/start', { body: { ticket, qr: 'none' } });
    expect(bare.status).toBe(200);
    expect(bare.body.qrPng).toBeUndefined();
    expect(bare.body.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    // An API client (or the same link reloaded) gets the PNG of the very same pending secret.
    const withPng = await start(ticket);
    expect(withPng.body.otpauthUri).toBe(bare.body.otpauthUri);
    expect(decodeQrPng(withPng.body.qrPng)).toBe(bare.body.otpauthUri);
    const app = authenticatorFrom(bare.body.otpauthUri);
    expect((await confirm(ticket, app.codeForStep(app.stepAt(Date.now())))).status).toBe(200);
  });

  it('refuses an unknown qr value with 400 and starts nothing', async () => {
    const customerId = 'c-qr-odd';
    await createCustomer(stack, customerId);
    const ticket = ticketFromUrl((await requestTicket(customerId)).body.enrollUrl);
    const before = await customerItem(stack, customerId);
    for (const qr of ['svg', '', 'NONE', null, false])
      expectError(
        await stack.call('POST', '/enroll/start', { body: { ticket, qr } }),
        400,
        'INVALID_REQUEST',
      );
    expect(await customerItem(stack, customerId)).toEqual(before);
  });

  it('rejects unknown fields and non-string codes as INVALID_REQUEST', async () => {
    expectError(
      await stack.call('POST', '/enroll/start', { body: { ticket: 'x', customerId: 'c-1' } }),
      400,
      'INVALID_REQUEST',
    );
    expectError(
      await stack.call('POST', '/enroll/confirm', { body: { ticket: 'x', code: 123456 } }),
      400,
      'INVALID_REQUEST',
    );
    expectError(await stack.call('POST', '/enroll/start', { body: {} }), 400, 'INVALID_REQUEST');
  });
});

describe('login verification: bad input', () => {
  it('answers a code that is neither 6 digits nor a backup code with 400, without counting it', async () => {
    const { app } = await enroll('c-format');
    for (const code of ['12345', '1234567', '12a456', '', 'u'.repeat(24), '7K3Q-M9XD-2HBP-W4TN-R8FJ-6CY'])
      expectError(await verify('c-format', code), 400, 'INVALID_CODE_FORMAT');
    expectError(
      await stack.call('POST', '/internal/customers/c-format/2fa/verify', {
        token: service,
        body: { code: 123456 },
      }),
      400,
      'INVALID_REQUEST',
    );
    const item = await customerItem(stack, 'c-format');
    expect(item?.verifyFailures ?? 0).toBe(0);
    const trail = await auditTrail(stack, 'c-format');
    expect(trail.some((event) => event.type === 'VERIFY_FAILED')).toBe(false);
    // …and a real failure afterwards is counted exactly once.
    const wrong = await verify('c-format', app.wrongCodeAt(Date.now()));
    expect(wrong.body.attemptsLeft).toBe(4);
    expect((await customerItem(stack, 'c-format'))?.verifyFailures).toBe(1);
    expect(
      (await auditTrail(stack, 'c-format')).filter((event) => event.type === 'VERIFY_FAILED'),
    ).toHaveLength(1);
  });

  it('answers 409 for a customer without 2FA and 404 for an unknown one', async () => {
    await createCustomer(stack, 'c-off');
    expectError(await verify('c-off', '123456'), 409, 'TWO_FA_NOT_ENABLED');
    expectError(await verify('c-unknown', '123456'), 404, 'CUSTOMER_NOT_FOUND');
    expect((await customerItem(stack, 'c-off'))?.verifyFailures).toBeUndefined();
  });

  it('resets the count of failures after a success', async () => {
    const { app, step } = await enroll('c-reset-count');
    await verify('c-reset-count', app.wrongCodeAt(Date.now(), 1));
    await verify('c-reset-count', app.wrongCodeAt(Date.now(), 2));
    expect((await verify('c-reset-count', app.codeForStep(step + 1))).body.valid).toBe(true);
    expect((await verify('c-reset-count', app.wrongCodeAt(Date.now(), 3))).body.attemptsLeft).toBe(4);
  });
});

describe('login verification under concurrency', () => {
  it('counts 20 parallel wrong codes exactly: four failures, then one lock, the rest refused', async () => {
    const { app } = await enroll('c-storm');
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) => verify('c-storm', app.wrongCodeAt(Date.now(), index))),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([...Array(4).fill(200), ...Array(16).fill(429)]);
    expect(
      responses
        .filter((response) => response.status === 200)
        .map((response) => response.body.attemptsLeft)
        .sort(),
    ).toEqual([1, 2, 3, 4]);
    for (const refused of responses.filter((response) => response.status === 429)) {
      expect(refused.body.error.code).toBe('TWO_FA_LOCKED');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    const trail = await auditTrail(stack, 'c-storm');
    expect(trail.filter((event) => event.type === 'VERIFY_FAILED')).toHaveLength(5);
    expect(trail.filter((event) => event.type === 'TWO_FA_LOCKED')).toHaveLength(1);
    expect(verifySubjectChain('customer#c-storm', trail)).toEqual([]);
    expect(await customerItem(stack, 'c-storm')).toMatchObject({
      twoFactor: 'LOCKED',
      verifyLockCount: 1,
      verifyFailures: 0,
    });
  });

  it('accepts one code sent ten times at once exactly once', async () => {
    const { app, step } = await enroll('c-race');
    const code = app.codeForStep(step + 1);
    const responses = await Promise.all(Array.from({ length: 10 }, () => verify('c-race', code)));
    const bodies = responses.map((response) => response.body);
    expect(bodies.filter((body) => body.valid === true)).toHaveLength(1);
    expect(bodies.filter((body) => body.reason === 'CODE_ALREADY_USED')).toHaveLength(9);
  });

  it('accepts one backup code sent five times at once exactly once', async () => {
    const { backupCodes } = await enroll('c-race-backup');
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => verify('c-race-backup', backupCodes[0] ?? '')),
    );
    expect(responses.filter((response) => response.body.valid === true)).toHaveLength(1);
    expect((await customerItem(stack, 'c-race-backup'))?.backupCodeHashes.size).toBe(9);
    const trail = await auditTrail(stack, 'c-race-backup');
    expect(trail.filter((event) => event.type === 'BACKUP_CODE_USED')).toHaveLength(1);
    expect(trail.filter((event) => event.type === 'VERIFY_FAILED')).toHaveLength(4);
  });
});
