// The 2FA state as the login service and staff see it: the effective status and, while LOCKED, why.
// "Too many wrong codes" passes by itself (the lock's length is lib/totp/lockout.ts's policy); a
// "this wasn't me" report holds until security releases it.
import type { CustomerItem, TwoFactorStatus } from './customer';
import { credentialRef, passkeysOf } from './passkeys';

export interface ActiveLock {
  until: Date;
  retryAfterSeconds: number;
}

export const activeLock = (customer: CustomerItem, now: Date): ActiveLock | undefined => {
  if (!customer.lockedUntil) return undefined;
  const until = new Date(customer.lockedUntil);
  if (until.getTime() <= now.getTime()) return undefined;
  return { until, retryAfterSeconds: Math.ceil((until.getTime() - now.getTime()) / 1000) };
};

/**
 * LOCKED while a brute-force lock lasts (the stored status catches up at the next attempt), and for
 * as long as recovery is locked after a "this wasn't me" report: that lock only the security team lifts.
 */
export const effectiveTwoFactor = (customer: CustomerItem, now: Date): TwoFactorStatus => {
  if (customer.recoveryLockedAt) return 'LOCKED';
  return customer.twoFactor === 'LOCKED' && !activeLock(customer, now) ? 'ENABLED' : customer.twoFactor;
};

export type LockReason = 'TOO_MANY_ATTEMPTS' | 'REPORTED_BY_CUSTOMER';

export type TwoFactorStateView =
  { twoFactor: 'ENABLED' | 'DISABLED' } | { twoFactor: 'LOCKED'; lockReason: LockReason };

export const twoFactorState = (customer: CustomerItem, now: Date): TwoFactorStateView => {
  const twoFactor = effectiveTwoFactor(customer, now);
  if (twoFactor !== 'LOCKED') return { twoFactor };
  return {
    twoFactor,
    lockReason: customer.recoveryLockedAt ? 'REPORTED_BY_CUSTOMER' : 'TOO_MANY_ATTEMPTS',
  };
};

export type TwoFactorMethod = 'totp' | 'passkey' | 'backup_codes';

/** The ways the customer can sign in now, with how many of each (the login page offers these). */
export const twoFactorMethods = (customer: CustomerItem): { method: TwoFactorMethod; count: number }[] => {
  const counts: Record<TwoFactorMethod, number> = {
    totp: customer.totpSecret ? 1 : 0,
    passkey: passkeysOf(customer).length,
    backup_codes: customer.backupCodeHashes?.size ?? 0,
  };
  return (Object.keys(counts) as TwoFactorMethod[])
    .filter((method) => counts[method] > 0)
    .map((method) => ({ method, count: counts[method] }));
};

/** The passkeys as the profile page lists them, oldest first; none of WebAuthn's key material. */
export const passkeysOnFile = (customer: CustomerItem) => {
  const passkeys = passkeysOf(customer).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  if (passkeys.length === 0) return {};
  return {
    passkeys: passkeys.map((passkey) => ({
      credentialRef: credentialRef(passkey.credentialId),
      createdAt: passkey.createdAt,
      ...(passkey.lastUsedAt ? { lastUsedAt: passkey.lastUsedAt } : {}),
      synced: passkey.backupEligible,
      transports: passkey.transports,
    })),
  };
};
