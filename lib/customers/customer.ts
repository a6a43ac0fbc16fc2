// The customer as stored in the Customers table: the synced record plus our 2FA state.
import type { CustomerRecord } from './schemas';

export type TwoFactorStatus = 'ENABLED' | 'DISABLED' | 'LOCKED';

export interface CustomerItem extends CustomerRecord {
  customerId: string;
  emailKey: string;
  privileged: boolean;
  createdAt: string;
  updatedAt: string;
  /** When the login service last reported a different address; a disable is refused for a while after. */
  emailChangedAt?: string;
  twoFactor: TwoFactorStatus;
  /** Set by "this wasn't me": no helpdesk reset until the security team clears it. */
  recoveryLockedAt?: string;
  /** Increments on every write so conditional updates can detect a concurrent change. */
  version: number;
  [attribute: string]: unknown;
}

/** What staff may see: never secrets, backup codes, or the answers verification checks compare with. */
export const staffView = (customer: CustomerItem) => ({
  customerId: customer.customerId,
  fullName: customer.fullName,
  email: customer.email,
  companyName: customer.companyName ?? null,
  locale: customer.locale,
  privileged: customer.privileged,
  twoFactor: customer.twoFactor,
  recoveryLocked: customer.recoveryLockedAt !== undefined,
  createdAt: customer.createdAt,
  updatedAt: customer.updatedAt,
});
