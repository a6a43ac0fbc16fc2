// Enrollment tickets: 256 random bits handed to the customer once, kept only as SHA-256, used once.
import { createHash } from 'node:crypto';
import type { Clock, Random } from '../clock';
import { config } from '../config';
import { gone, notFound } from '../errors';

/**
 * RESET: after a helpdesk disable; SELF_SERVICE: "2FA aanzetten" while 2FA is off; REPLACE: a new
 * authenticator for a customer whose 2FA is on, after a step-up with the factor still in hand; ADD: a
 * second authenticator beside the ones in use, after such a step-up or right after an enrollment
 * (lib/enrollment/add-another.ts).
 */
export type TicketPurpose = 'RESET' | 'SELF_SERVICE' | 'REPLACE' | 'ADD';

export const TICKET_BYTES = 32;

/**
 * Expiry is enforced by expiresAt, not by DynamoDB TTL (which deletes "within a few days", and at
 * once in DynamoDB Local). Keeping the item a while longer means an old link is answered "expired"
 * rather than "unknown", and spent or voided tickets stay visible to an investigation.
 */
export const TICKET_RETENTION_DAYS = 30;

export const ticketDeletionEpoch = (expiresAt: Date) =>
  Math.ceil(expiresAt.getTime() / 1000) + TICKET_RETENTION_DAYS * 86400;

export interface TicketItem {
  /** Lowercase hex SHA-256 of the ticket: the table never holds the ticket itself. */
  ticketHash: string;
  customerId: string;
  purpose: TicketPurpose;
  /** The verification id of the reset that led to the ticket, if any. */
  caseId?: string;
  createdAt: string;
  expiresAt: string;
  /** DynamoDB TTL (epoch seconds): when the item may be deleted, TICKET_RETENTION_DAYS after expiresAt. */
  expiresAtEpoch: number;
  spentAt?: string;
  voidedAt?: string;
}

export const hashTicket = (ticket: string) => createHash('sha256').update(ticket, 'utf8').digest('hex');

/** base64url of 32 random bytes: 43 characters that need no escaping in a URL fragment. */
export const newTicket = (random: Random) => {
  const ticket = random.bytes(TICKET_BYTES).toString('base64url');
  return { ticket, ticketHash: hashTicket(ticket) };
};

export type TicketState = 'USABLE' | 'EXPIRED' | 'SPENT' | 'VOIDED';

/** Spent and voided come before expired: they say what happened, expiry only that time passed. */
export const ticketState = (item: TicketItem, clock: Clock): TicketState => {
  if (item.spentAt) return 'SPENT';
  if (item.voidedAt) return 'VOIDED';
  if (clock.now().getTime() >= new Date(item.expiresAt).getTime()) return 'EXPIRED';
  return 'USABLE';
};

export const ticketUnknown = () =>
  notFound(
    'TICKET_UNKNOWN',
    'This link is not valid. Use the newest link we emailed you, or ask the helpdesk.',
  );

export const ticketRefusal = (state: Exclude<TicketState, 'USABLE'>) => {
  switch (state) {
    case 'EXPIRED':
      return gone(
        'TICKET_EXPIRED',
        'This link has expired. Ask the helpdesk or your profile page for a new one.',
      );
    case 'SPENT':
      return gone('TICKET_SPENT', 'This link has already been used.');
    case 'VOIDED':
      return gone('TICKET_VOIDED', 'A newer link was sent; this one no longer works. Use the newest link.');
  }
};

/** The enrollment page with the ticket in the fragment: browsers never send a fragment to a server or a log. */
export const enrollmentUrl = (ticket: string, publicBaseUrl = config().publicBaseUrl) =>
  `${publicBaseUrl}/enroll/#ticket=${encodeURIComponent(ticket)}`;

/**
 * The link an email carries. `direct`: the enrollment page itself, the ticket alone opens it.
 * `login`: the backend's login page, no ticket at all; after the password the backend asks
 * `POST /internal/customers/{id}/2fa/enrollment-ticket` for a fresh ticket (NIST 800-63B 6.1.2.3:
 * re-binding after a lost factor also proves the factor still held).
 */
export const enrollmentEmailLink = (ticket: string) => {
  const { enrollLink } = config();
  return enrollLink.mode === 'login' ? enrollLink.loginUrl : enrollmentUrl(ticket);
};

declare module '../data/tables' {
  /** The EnrollmentTickets table's indexes key on these fields (checked in lib/data/tables.ts). */
  interface IndexedItems {
    tickets: TicketItem;
  }
}
