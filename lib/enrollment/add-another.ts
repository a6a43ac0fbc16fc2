// A second authenticator (issue 28; NIST SP 800-63B-4 encourages two): the ADD ticket that every
// finished enrollment hands back to the page that finished it, so "add a second one" needs no step-up
// there (the session just proved the link), and the rules of adding: at most one app, at most
// MAX_PASSKEYS passkeys. From the profile page an ADD ticket needs a step-up (./self-service.ts).
import { tableName, type TransactItem } from '../aws/dynamodb';
import type { Random } from '../clock';
import type { CustomerItem } from '../customers/customer';
import { passkeysOf } from '../customers/passkeys';
import { conflict } from '../errors';
import type { EnrollmentMode } from '../tickets/store';
import { newTicket, ticketDeletionEpoch, type TicketItem } from '../tickets/ticket';

/** Long enough to save the backup codes and pick up a security key; short, since it needs no step-up. */
export const ADD_ANOTHER_MINUTES = 30;

/** A customer's passkeys at most: more is no one's real use, and each adds to the customer item. */
export const MAX_PASSKEYS = 10;

export interface AddAnother {
  /** Shown once, to the page that finished the enrollment; only its hash is stored. */
  ticket: string;
  expiresAt: string;
}

/**
 * The ADD ticket's item, written in the transaction that finishes the enrollment; that enrollment's
 * audit event names it (`addAnotherUntil`), so no event of its own is written.
 */
export const addAnotherTicket = (
  customer: Pick<CustomerItem, 'customerId'>,
  finished: TicketItem,
  now: Date,
  random: Random,
) => {
  const { ticket, ticketHash } = newTicket(random);
  const expiresAt = new Date(now.getTime() + ADD_ANOTHER_MINUTES * 60_000);
  const item: TicketItem = {
    ticketHash,
    customerId: customer.customerId,
    purpose: 'ADD',
    ...(finished.caseId ? { caseId: finished.caseId } : {}),
    createdAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
    expiresAtEpoch: ticketDeletionEpoch(expiresAt),
  };
  const put: TransactItem = {
    Put: {
      TableName: tableName('tickets'),
      Item: item,
      ConditionExpression: 'attribute_not_exists(ticketHash)',
    },
  };
  return { answer: { ticket, expiresAt: item.expiresAt } satisfies AddAnother, item, put };
};

/** What an ADD ticket may add to this customer now: refused before any prompt or QR code is shown. */
export const assertMayAdd = (customer: CustomerItem, mode: EnrollmentMode, method: 'totp' | 'passkey') => {
  if (mode !== 'ADD') return;
  if (method === 'totp' && customer.totpSecret)
    throw conflict(
      'TOTP_ALREADY_ENABLED',
      'This account has an authenticator app already. To move it to a new phone, choose "new phone" on your profile page.',
    );
  if (method === 'passkey' && passkeysOf(customer).length >= MAX_PASSKEYS)
    throw conflict(
      'PASSKEY_LIMIT_REACHED',
      `This account has ${MAX_PASSKEYS} passkeys, the most it can have. Remove one by setting up 2FA again, or use a backup code.`,
    );
};

/** assertMayAdd as a condition on the customer write, so two adds at once cannot pass it together. */
export const mayAddCondition = (mode: EnrollmentMode, method: 'totp' | 'passkey') => {
  if (mode !== 'ADD') return { expressions: [], values: {} };
  return method === 'totp'
    ? { expressions: ['attribute_not_exists(totpSecret)'], values: {} }
    : {
        expressions: ['(attribute_not_exists(passkeys) OR size(passkeys) < :maxPasskeys)'],
        values: { ':maxPasskeys': MAX_PASSKEYS },
      };
};
