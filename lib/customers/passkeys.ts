// The passkeys on the customer item (lib/passkeys runs the ceremonies): what WebAuthn needs to check
// the next assertion (public key, sign counter, transports, backup flags), and the single-use challenges.
import { createHash } from 'node:crypto';
import type { AuditEventInput } from '../audit/events';

export interface StoredPasskey {
  /** base64url credential id, as the authenticator returns it; also the key in `CustomerItem.passkeys`. */
  credentialId: string;
  /** base64url COSE public key: not a secret, but never copied into the audit trail. */
  publicKey: string;
  /** The authenticator's signature counter at the last accepted ceremony (0 for most synced passkeys). */
  signCount: number;
  transports: string[];
  /** Backup eligible: a synced (multi-device) passkey, whose counter is not a clone signal. */
  backupEligible: boolean;
  backupState: boolean;
  createdAt: string;
  lastUsedAt?: string;
}

/**
 * An outstanding challenge: issued by an options call, answered once by the matching verify. A
 * registration challenge belongs to the ticket that asked for it; a login challenge to the customer.
 */
export interface PasskeyChallenge {
  challenge: string;
  expiresAt: string;
  /** Registration only: the enrollment ticket the options were issued for. */
  ticketHash?: string;
}

/** What of a customer the passkey helpers read (a CustomerItem is one). */
type WithPasskeys = { passkeys?: Record<string, StoredPasskey> };

export const passkeysOf = (customer: WithPasskeys): StoredPasskey[] => Object.values(customer.passkeys ?? {});

/** The audit names a credential by a hash: enough to match two events, nothing to replay or look up. */
export const credentialRef = (credentialId: string) =>
  createHash('sha256').update(`passkey:${credentialId}`).digest('hex').slice(0, 32);

/** A WebAuthn user handle without personal data (WebAuthn §14.6.1): one per customer, stable across re-enrollments. */
export const userHandleOf = (customerId: string) =>
  new Uint8Array(createHash('sha256').update(`passkey-user:${customerId}`).digest());

export const isExpired = (challenge: PasskeyChallenge, now: Date) =>
  now.getTime() >= new Date(challenge.expiresAt).getTime();

export const hasPasskeys = (customer: WithPasskeys) => passkeysOf(customer).length > 0;

/** One PASSKEY_REMOVED per passkey a change removes (a reset, a replacement), the credential named by its hash. */
export const passkeyRemovals = (
  customer: WithPasskeys,
  audit: Omit<AuditEventInput, 'type' | 'details'>,
  reason: 'RESET' | 'REPLACED',
): AuditEventInput[] =>
  passkeysOf(customer).map((passkey) => ({
    ...audit,
    type: 'PASSKEY_REMOVED',
    details: { credentialRef: credentialRef(passkey.credentialId), reason },
  }));
