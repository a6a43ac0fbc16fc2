// Enrollment and login verification at their time edges, with an injected clock: the lib functions
// the handlers call, against the test stack's DynamoDB Local. (Through the API the clock is real.)
import { fixedClock, systemRandom } from '../../lib/clock';
import { resetConfigForTests } from '../../lib/config';
import { upsertCustomer } from '../../lib/customers/store';
import { confirmEnrollment, startEnrollment } from '../../lib/enrollment/enrollment';
import { issueTicket } from '../../lib/tickets/store';
import { hashTicket } from '../../lib/tickets/ticket';
import { base32Decode } from '../../lib/totp/base32';
import { hotp, stepStart, totpAt } from '../../lib/totp/totp';
import { verifyLoginCode } from '../../lib/totp/verification';
import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { startTestStack, type TestStack } from '../support/stack';
import { auditTrail, customerItem, customerRecord } from './enrollment-helpers';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ pollStreams: false });
});
afterAll(async () => {
  await stack?.stop();
});

// The current step: DynamoDB Local applies TTL at once, so stored items must not look decades old.
const STEP = Math.floor(Date.now() / 30_000);
const at = (step: number, plusMs = 0) => new Date(stepStart(step).getTime() + plusMs);

const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    const { code, retryAfterSeconds } = error as { code?: string; retryAfterSeconds?: number };
    return { code, retryAfterSeconds };
  }
  throw new Error('expected a refusal');
};

/** A customer enrolled at the start of STEP, with the code of STEP; returns the key and backup codes. */
const enrolledCustomer = async (customerId: string) => {
  const clock = fixedClock(at(STEP));
  const deps = { clock, random: systemRandom };
  await upsertCustomer(customerId, customerRecord(`${customerId}@example.nl`) as never, 'test', deps);
  const { ticket } = await issueTicket({ customerId, purpose: 'RESET', caseId: 'ver-123' }, deps);
  const started = await startEnrollment(ticket, deps);
  const key = base32Decode(started.secret);
  const { backupCodes } = await confirmEnrollment(ticket, hotp(key, STEP), deps);
  return { key, backupCodes, clock, deps, code: (step: number) => hotp(key, step) };
};

describe('drift at the step boundaries (RFC 6238 5.2)', () => {
  it('accepts exactly one step either side of the server time, at the first and last millisecond', async () => {
    const { code, clock, deps } = await enrolledCustomer('k-drift');
    const verify = (typed: string) => verifyLoginCode('k-drift', typed, 'test', deps);

    clock.set(at(STEP + 2)); // first millisecond of STEP+2: STEP+1 … STEP+3 are in
    expect((await verify(code(STEP + 4))).valid).toBe(false); // +2 ahead
    expect((await verify(code(STEP + 1))).valid).toBe(true); // -1 behind
    clock.set(at(STEP + 3, -1)); // last millisecond of STEP+2
    expect((await verify(code(STEP + 3))).valid).toBe(true); // +1 ahead
    clock.set(at(STEP + 6));
    expect((await verify(code(STEP + 4))).valid).toBe(false); // -2 behind, never used
    expect(await verify(code(STEP + 5))).toMatchObject({ valid: true, method: 'totp' });
    expect((await customerItem(stack, 'k-drift'))?.totpLastUsedStep).toBe(STEP + 5);
  });

  it('refuses, once a later step was used, every code of that step or before (and audits it)', async () => {
    const { code, clock, deps } = await enrolledCustomer('k-replay');
    clock.set(at(STEP + 10, 5000));
    expect((await verifyLoginCode('k-replay', code(STEP + 11), 'test', deps)).valid).toBe(true);
    expect(await verifyLoginCode('k-replay', code(STEP + 10), 'test', deps)).toMatchObject({
      valid: false,
      reason: 'CODE_ALREADY_USED',
    });
    expect(await verifyLoginCode('k-replay', code(STEP + 11), 'test', deps)).toMatchObject({
      reason: 'CODE_ALREADY_USED',
    });
    const replays = (await auditTrail(stack, 'k-replay')).filter(
      (event) => event.type === 'VERIFY_REPLAY_REFUSED',
    );
    expect(replays.map((event) => event.details.step)).toEqual([STEP + 10, STEP + 11]);
    expect((await customerItem(stack, 'k-replay'))?.verifyFailures).toBe(0);
  });
});

describe('the lock and its growing backoff', () => {
  it('locks for 5 minutes, then 10, and a success starts over at 5', async () => {
    const { code, clock, deps } = await enrolledCustomer('k-backoff');
    const verify = (typed: string) => verifyLoginCode('k-backoff', typed, 'test', deps);
    const fail = () => verify('000000' === code(STEP) ? '111111' : '000000');
    const wrongFive = async () => {
      for (let i = 0; i < 4; i += 1) expect((await fail()).valid).toBe(false);
      return refusal(fail());
    };

    clock.set(at(STEP + 1));
    expect(await wrongFive()).toEqual({ code: 'TWO_FA_LOCKED', retryAfterSeconds: 300 });
    clock.advance(299_000);
    const step = () => Math.floor(clock.now().getTime() / 30_000);
    expect(await refusal(verify(code(step())))).toEqual({ code: 'TWO_FA_LOCKED', retryAfterSeconds: 1 });
    clock.advance(1_000);
    // The lock has run out: attempts count again from zero, and the second lock lasts twice as long.
    expect(await wrongFive()).toEqual({ code: 'TWO_FA_LOCKED', retryAfterSeconds: 600 });
    expect(await customerItem(stack, 'k-backoff')).toMatchObject({ twoFactor: 'LOCKED', verifyLockCount: 2 });
    clock.advance(600_000);
    expect((await verify(code(step()))).valid).toBe(true);
    expect(await customerItem(stack, 'k-backoff')).toMatchObject({ twoFactor: 'ENABLED', verifyFailures: 0 });
    expect((await customerItem(stack, 'k-backoff'))?.verifyLockCount).toBeUndefined();
    expect(await wrongFive()).toEqual({ code: 'TWO_FA_LOCKED', retryAfterSeconds: 300 });

    const locks = (await auditTrail(stack, 'k-backoff')).filter((event) => event.type === 'TWO_FA_LOCKED');
    expect(locks.map((event) => event.details.lockSeconds)).toEqual([300, 600, 300]);
  });

  it('lets a backup code in during a lock, clearing it; a wrong one is refused without being counted', async () => {
    const { backupCodes, clock, deps } = await enrolledCustomer('k-backup-lock');
    const verify = (typed: string) => verifyLoginCode('k-backup-lock', typed, 'test', deps);
    clock.set(at(STEP + 1));
    for (let i = 0; i < 4; i += 1) await verify('000001');
    expect((await refusal(verify('000001'))).code).toBe('TWO_FA_LOCKED');
    const before = await auditTrail(stack, 'k-backup-lock');
    expect((await refusal(verify('ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ'))).code).toBe('TWO_FA_LOCKED');
    expect(await auditTrail(stack, 'k-backup-lock')).toHaveLength(before.length);
    expect(await verify(backupCodes[0] ?? '')).toEqual({
      valid: true,
      method: 'backup_code',
      backupCodesLeft: 9,
    });
    const item = await customerItem(stack, 'k-backup-lock');
    expect(item).toMatchObject({ twoFactor: 'ENABLED', verifyFailures: 0 });
    expect(item?.lockedUntil).toBeUndefined();
    const used = (await auditTrail(stack, 'k-backup-lock')).at(-1);
    expect(used).toMatchObject({
      type: 'BACKUP_CODE_USED',
      details: { backupCodesLeft: 9, lockCleared: true },
    });
  });
});

describe('tickets over time', () => {
  it('expires at the instant its TTL ends (72 hours), also through the API', async () => {
    const issuedAt = new Date(Date.now() - 72 * 3600_000 - 1000);
    const clock = fixedClock(issuedAt);
    const deps = { clock, random: systemRandom };
    await upsertCustomer('k-expire', customerRecord('k-expire@example.nl') as never, 'test', deps);
    const { ticket, expiresAt } = await issueTicket({ customerId: 'k-expire', purpose: 'RESET' }, deps);
    expect(new Date(expiresAt).getTime() - issuedAt.getTime()).toBe(72 * 3600_000);

    const stored = await stack.dynamodb.send(
      new GetItemCommand({
        TableName: stack.tableNames.tickets,
        Key: { ticketHash: { S: hashTicket(ticket) } },
      }),
    );
    const item = unmarshall(stored.Item ?? {});
    // Deleted by TTL 30 days after expiry: until then an old link is answered "expired", not "unknown".
    expect(item.expiresAtEpoch).toBe(Math.ceil(new Date(expiresAt).getTime() / 1000) + 30 * 86400);
    expect(JSON.stringify(stored.Item)).not.toContain(ticket);

    clock.set(new Date(new Date(expiresAt).getTime() - 1));
    expect((await startEnrollment(ticket, deps)).otpauthUri).toMatch(/^otpauth:/);
    clock.set(expiresAt);
    expect((await refusal(startEnrollment(ticket, deps))).code).toBe('TICKET_EXPIRED');
    const viaApi = await stack.call('POST', '/enroll/start', { body: { ticket } });
    expect(viaApi.status).toBe(410);
    expect(viaApi.body.error.code).toBe('TICKET_EXPIRED');
  });

  it('lets a pending enrollment expire after 15 minutes: start again', async () => {
    const clock = fixedClock(at(STEP));
    const deps = { clock, random: systemRandom };
    await upsertCustomer('k-pending', customerRecord('k-pending@example.nl') as never, 'test', deps);
    const { ticket } = await issueTicket({ customerId: 'k-pending', purpose: 'SELF_SERVICE' }, deps);
    const started = await startEnrollment(ticket, deps);
    expect(started.expiresAt).toBe(new Date(at(STEP).getTime() + 15 * 60_000).toISOString());
    const key = base32Decode(started.secret);
    // Until then the same link gets the same QR code back (a reloaded page); at the 15th minute a new one.
    clock.set(new Date(new Date(started.expiresAt).getTime() - 1));
    expect(await startEnrollment(ticket, deps)).toMatchObject({
      secret: started.secret,
      expiresAt: started.expiresAt,
      earlierQrReplaced: false,
    });
    clock.set(started.expiresAt);
    const now = Math.floor(clock.now().getTime() / 30_000);
    expect((await refusal(confirmEnrollment(ticket, hotp(key, now), deps))).code).toBe('ENROLLMENT_EXPIRED');
    const again = await startEnrollment(ticket, deps);
    expect(again.secret).not.toBe(started.secret);
    expect(again.earlierQrReplaced).toBe(true);
    const confirmed = await confirmEnrollment(ticket, hotp(base32Decode(again.secret), now), deps);
    expect(confirmed.twoFactor).toBe('ENABLED');
  });

  it('voids every older unspent ticket, marks them in the table, and ties the reset case to the audit', async () => {
    const deps = { clock: fixedClock(at(STEP)), random: systemRandom };
    await upsertCustomer('k-void', customerRecord('k-void@example.nl') as never, 'test', deps);
    const first = await issueTicket({ customerId: 'k-void', purpose: 'SELF_SERVICE' }, deps);
    const second = await issueTicket({ customerId: 'k-void', purpose: 'SELF_SERVICE' }, deps);
    const third = await issueTicket({ customerId: 'k-void', purpose: 'RESET', caseId: 'ver-42' }, deps);
    for (const old of [first, second]) {
      expect((await refusal(startEnrollment(old.ticket, deps))).code).toBe('TICKET_VOIDED');
      const stored = await stack.dynamodb.send(
        new GetItemCommand({
          TableName: stack.tableNames.tickets,
          Key: { ticketHash: { S: hashTicket(old.ticket) } },
          ConsistentRead: true,
        }),
      );
      expect(stored.Item?.voidedAt).toBeDefined();
    }
    const started = await startEnrollment(third.ticket, deps);
    await confirmEnrollment(third.ticket, hotp(base32Decode(started.secret), STEP), deps);
    const trail = await auditTrail(stack, 'k-void');
    const issued = trail.filter((event) => event.type === 'ENROLLMENT_TICKET_ISSUED');
    expect(issued.map((event) => [event.details.purpose, event.actorType])).toEqual([
      ['SELF_SERVICE', 'service'],
      ['SELF_SERVICE', 'service'],
      ['RESET', 'system'],
    ]);
    expect(issued[2]?.caseId).toBe('ver-42');
    expect(trail.find((event) => event.type === 'TWO_FA_ENABLED')).toMatchObject({
      caseId: 'ver-42',
      actorType: 'customer',
      details: { method: 'totp', purpose: 'RESET', backupCodes: 10 },
    });
  });

  it('is not issued while 2FA is on or recovery is locked', async () => {
    await enrolledCustomer('k-refuse');
    const deps = { clock: fixedClock(at(STEP)), random: systemRandom };
    expect((await refusal(issueTicket({ customerId: 'k-refuse', purpose: 'RESET' }, deps))).code).toBe(
      'TWO_FA_ALREADY_ENABLED',
    );
    await upsertCustomer('k-locked', customerRecord('k-locked@example.nl') as never, 'test', deps);
    const { ticket } = await issueTicket({ customerId: 'k-locked', purpose: 'RESET' }, deps);
    await stack.dynamodb.send(
      new UpdateItemCommand({
        TableName: stack.tableNames.customers,
        Key: { customerId: { S: 'k-locked' } },
        UpdateExpression: 'SET recoveryLockedAt = :at',
        ExpressionAttributeValues: { ':at': { S: at(STEP).toISOString() } },
      }),
    );
    expect((await refusal(issueTicket({ customerId: 'k-locked', purpose: 'RESET' }, deps))).code).toBe(
      'RECOVERY_LOCKED',
    );
    expect((await refusal(startEnrollment(ticket, deps))).code).toBe('RECOVERY_LOCKED');
  });
});

describe('login link mode', () => {
  const withLoginMode = async (run: () => Promise<void>) => {
    Object.assign(process.env, { ENROLL_LINK_MODE: 'login', LOGIN_URL: 'https://backend.example.com/login' });
    resetConfigForTests();
    try {
      await run();
    } finally {
      delete process.env.ENROLL_LINK_MODE;
      delete process.env.LOGIN_URL;
      resetConfigForTests();
    }
  };

  it('does not let a reset ticket open enrollment; the ticket the backend asks after the password does', async () => {
    // Now, not STEP: the API part below runs on the real clock.
    const deps = { clock: fixedClock(new Date()), random: systemRandom };
    await upsertCustomer('k-login-mode', customerRecord('k-login-mode@example.nl') as never, 'test', deps);
    await withLoginMode(async () => {
      const reset = await issueTicket(
        { customerId: 'k-login-mode', purpose: 'RESET', caseId: 'ver-7' },
        deps,
      );
      expect(await refusal(startEnrollment(reset.ticket, deps))).toMatchObject({ code: 'LOGIN_REQUIRED' });
      expect(await refusal(confirmEnrollment(reset.ticket, '123456', deps))).toMatchObject({
        code: 'LOGIN_REQUIRED',
      });
      const viaApi = await stack.call('POST', '/enroll/start', { body: { ticket: reset.ticket } });
      expect([viaApi.status, viaApi.body.error.code]).toEqual([403, 'LOGIN_REQUIRED']);

      const afterPassword = await issueTicket({ customerId: 'k-login-mode', purpose: 'SELF_SERVICE' }, deps);
      const started = await startEnrollment(afterPassword.ticket, deps);
      const confirmed = await confirmEnrollment(
        afterPassword.ticket,
        totpAt(base32Decode(started.secret), deps.clock.now()),
        deps,
      );
      expect(confirmed.twoFactor).toBe('ENABLED');
    });
  });
});
