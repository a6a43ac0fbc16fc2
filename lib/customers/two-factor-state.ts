// The 2FA state as the login service and staff see it: the effective status and, while LOCKED, why.
// "Too many wrong codes" passes by itself; a "this wasn't me" report holds until security releases it.
import { effectiveTwoFactor } from '../totp/lockout';
import type { CustomerItem } from './customer';

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
