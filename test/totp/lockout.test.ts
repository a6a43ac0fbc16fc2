// The brute-force policy: five consecutive failures lock, each further lock lasts twice as long,
// and the lock ends by itself.
import type { CustomerItem } from '../../lib/customers/customer';
import { activeLock, effectiveTwoFactor } from '../../lib/customers/two-factor-state';
import { afterFailure, lockSecondsFor, type LockoutPolicy } from '../../lib/totp/lockout';
import { parseLoginCode, parseTotpCode } from '../../lib/totp/typed-code';

const policy: LockoutPolicy = { maxFailures: 5, lockSeconds: 300, maxLockSeconds: 86400 };
const now = new Date('2026-11-25T10:00:00.000Z');
const customer = (fields: Partial<CustomerItem> = {}) =>
  ({ customerId: 'c-1', twoFactor: 'ENABLED', version: 3, ...fields }) as CustomerItem;

describe('counting failures', () => {
  it('counts the first four failures and tells how many attempts are left', () => {
    expect(afterFailure(customer(), now, policy)).toEqual({
      locked: false,
      verifyFailures: 1,
      attemptsLeft: 4,
    });
    expect(afterFailure(customer({ verifyFailures: 3 }), now, policy)).toEqual({
      locked: false,
      verifyFailures: 4,
      attemptsLeft: 1,
    });
  });

  it('locks on the fifth consecutive failure, for five minutes', () => {
    expect(afterFailure(customer({ verifyFailures: 4 }), now, policy)).toEqual({
      locked: true,
      lockNumber: 1,
      lockSeconds: 300,
      until: new Date('2026-11-25T10:05:00.000Z'),
    });
  });

  it('doubles each further lock without a success in between, up to a day', () => {
    expect([1, 2, 3, 4, 5, 9, 10, 30].map((n) => lockSecondsFor(n, policy))).toEqual([
      300, 600, 1200, 2400, 4800, 76800, 86400, 86400,
    ]);
    const third = afterFailure(customer({ verifyFailures: 4, verifyLockCount: 2 }), now, policy);
    expect(third).toMatchObject({ locked: true, lockNumber: 3, lockSeconds: 1200 });
  });
});

describe('a lock', () => {
  const lockedUntil = '2026-11-25T10:05:00.000Z';

  it('is active until the instant it ends, with Retry-After rounded up', () => {
    const locked = customer({ twoFactor: 'LOCKED', lockedUntil });
    expect(activeLock(locked, new Date('2026-11-25T10:04:59.001Z'))?.retryAfterSeconds).toBe(1);
    expect(activeLock(locked, now)?.retryAfterSeconds).toBe(300);
    expect(activeLock(locked, new Date(lockedUntil))).toBeUndefined();
  });

  it('shows as LOCKED to the login service only while it lasts', () => {
    const locked = customer({ twoFactor: 'LOCKED', lockedUntil });
    expect(effectiveTwoFactor(locked, now)).toBe('LOCKED');
    expect(effectiveTwoFactor(locked, new Date(lockedUntil))).toBe('ENABLED');
    expect(effectiveTwoFactor(customer({ twoFactor: 'DISABLED' }), now)).toBe('DISABLED');
  });
});

describe('what the customer typed', () => {
  it('reads 6 digits as a TOTP code, with or without the space apps show', () => {
    expect(parseLoginCode('123456')).toEqual({ kind: 'totp', digits: '123456' });
    expect(parseLoginCode(' 123 456 ')).toEqual({ kind: 'totp', digits: '123456' });
    expect(parseTotpCode('012345')).toBe('012345');
  });

  it('reads 13 Crockford characters as a backup code, and the 24 of a code issued before', () => {
    expect(parseLoginCode('7k3q m9xd 2hbpw')).toEqual({ kind: 'backupCode', canonical: '7K3QM9XD2HBPW' });
    expect(parseLoginCode('7k3q-m9xd-2hbp-w4tn-r8fj-6cyv')).toEqual({
      kind: 'backupCode',
      canonical: '7K3QM9XD2HBPW4TNR8FJ6CYV',
    });
  });

  it.each([
    '',
    '12345',
    '1234567',
    '12345a',
    '１２３４５６',
    'abcdef',
    '7K3Q-M9XD-2HBP',
    '7K3Q-M9XD-2HBP-W4TN-R8FJ-6CY',
  ])('refuses %j with INVALID_CODE_FORMAT', (typed) => {
    expect(() => parseLoginCode(typed)).toThrow(expect.objectContaining({ code: 'INVALID_CODE_FORMAT' }));
  });

  it('accepts only 6 digits when confirming an enrollment', () => {
    expect(() => parseTotpCode('7K3Q-M9XD-2HBP-W4TN-R8FJ-6CYV')).toThrow(
      expect.objectContaining({ code: 'INVALID_CODE_FORMAT' }),
    );
  });
});
