// Enrollment tickets in DynamoDB: issue one (voiding the customer's older ones), check one, and the
// transaction items that spend one. The customer item names the one current ticket
// (enrollmentTicketHash), so "a newer ticket voids every older one" holds even where the byCustomer
// index (eventually consistent) has not seen a ticket issued a moment ago.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ActorType } from '../audit/events';
import type { ChainHead } from '../audit/chain';
import { commitWithAudit, readChainHead } from '../audit/store';
import { dynamoDb, tableName, type TransactItem } from '../aws/dynamodb';
import type { Clock, Random } from '../clock';
import { config } from '../config';
import type { CustomerItem } from '../customers/customer';
import { getCustomer, requireCustomer } from '../customers/store';
import { conflict, locked } from '../errors';
import { readTogether } from '../reads';
import {
  hashTicket,
  newTicket,
  ticketDeletionEpoch,
  ticketRefusal,
  ticketState,
  ticketUnknown,
  type TicketItem,
  type TicketPurpose,
  type TicketState,
} from './ticket';

export interface IssueTicketInput {
  customerId: string;
  /** The verification id of the reset, so the audit ties the ticket to its case. */
  caseId?: string;
  purpose: TicketPurpose;
  /** Who asks; defaults to the notifier (system) for RESET and the login service for SELF_SERVICE. */
  actor?: { type: ActorType; id: string };
  /** REPLACE, ADD: how the customer proved the factor in hand (`totp`, `backup_code`, `passkey`), for the audit. */
  stepUpMethod?: string;
}

/** Transactions of a few dozen items are fine; a customer never has more than a handful of live tickets. */
const MAX_VOIDED_PER_ISSUE = 25;

const defaultActor = (purpose: TicketPurpose) =>
  purpose === 'RESET'
    ? { type: 'system' as const, id: 'notifier' }
    : { type: 'service' as const, id: 'login-service' };

/**
 * What a ticket of this purpose does: enroll a first authenticator, replace the ones in use, or add one
 * beside them.
 */
export type EnrollmentMode = 'ENROLL' | 'REPLACE' | 'ADD';
export const enrollmentModeOf = (purpose: TicketPurpose): EnrollmentMode =>
  purpose === 'REPLACE' || purpose === 'ADD' ? purpose : 'ENROLL';

/** An authenticator in use: an app's secret or a passkey (backup codes alone are a way back, not one). */
const hasAuthenticator = (customer: CustomerItem) =>
  customer.totpSecret !== undefined || Object.keys(customer.passkeys ?? {}).length > 0;

/**
 * A ticket is for enrolling: a customer whose 2FA is on gets none (unless it replaces the authenticator
 * in use or adds one beside it, which needs one), and a customer whose recovery is locked gets none at all.
 */
export const assertMayEnroll = (customer: CustomerItem, mode: EnrollmentMode = 'ENROLL') => {
  if (customer.recoveryLockedAt)
    throw locked(
      'RECOVERY_LOCKED',
      'Recovery is locked for this account after a report that a reset was not requested; contact the helpdesk.',
    );
  if (mode !== 'ENROLL') {
    if (customer.twoFactor === 'DISABLED' || !hasAuthenticator(customer))
      throw conflict(
        'TWO_FA_NOT_ENABLED',
        mode === 'REPLACE'
          ? 'Two-factor authentication is not on for this account: there is no authenticator to replace.'
          : 'Two-factor authentication is not on for this account: set it up first.',
      );
    return;
  }
  if (customer.twoFactor !== 'DISABLED')
    throw conflict('TWO_FA_ALREADY_ENABLED', 'Two-factor authentication is already on for this account.');
};

/** Same rule as assertMayEnroll, as a condition on the customer item, so a race cannot slip past it. */
export const mayEnrollCondition = {
  expression: 'twoFactor = :disabled AND attribute_not_exists(recoveryLockedAt)',
  values: { ':disabled': 'DISABLED' },
} as const;

/**
 * The replace and add modes' rule as a condition: an authenticator in use (a brute-force lock allowed),
 * no recovery lock.
 */
export const mayReplaceCondition = {
  expression:
    'twoFactor <> :disabled AND (attribute_exists(totpSecret) OR attribute_exists(passkeys)) AND attribute_not_exists(recoveryLockedAt)',
  values: { ':disabled': 'DISABLED' },
} as const;

export const enrollConditionFor = (mode: EnrollmentMode) =>
  mode === 'ENROLL' ? mayEnrollCondition : mayReplaceCondition;

const liveTicketsOf = async (customerId: string, now: Date): Promise<TicketItem[]> => {
  const result = await dynamoDb().send(
    new QueryCommand({
      TableName: tableName('tickets'),
      IndexName: 'byCustomer',
      KeyConditionExpression: 'customerId = :customerId',
      FilterExpression:
        'attribute_not_exists(spentAt) AND attribute_not_exists(voidedAt) AND expiresAt > :now',
      ExpressionAttributeValues: { ':customerId': customerId, ':now': now.toISOString() },
    }),
  );
  return (result.Items ?? []) as TicketItem[];
};

/**
 * Issues a ticket for the customer and voids every older unspent one, in one transaction with the
 * ENROLLMENT_TICKET_ISSUED audit event. Returns the ticket (shown once, never stored) and its expiry.
 * Throws TWO_FA_ALREADY_ENABLED (409; TWO_FA_NOT_ENABLED for REPLACE), RECOVERY_LOCKED (423) or
 * CUSTOMER_NOT_FOUND (404).
 */
export const issueTicket = async (
  input: IssueTicketInput,
  deps: { clock: Clock; random: Random },
): Promise<{ ticket: string; expiresAt: string }> => {
  const actor = input.actor ?? defaultActor(input.purpose);
  const { result } = await commitWithAudit(input.customerId, deps, async (append) => {
    const now = deps.clock.now();
    const [customer, live] = await readTogether(
      requireCustomer(input.customerId, true),
      liveTicketsOf(input.customerId, now),
    );
    const mode = enrollmentModeOf(input.purpose);
    assertMayEnroll(customer, mode);
    const condition = enrollConditionFor(mode);
    // A link that waits out a recovery delay (lib/reset/waiting-period.ts) lives its full time after it opens.
    const opensAt = Math.max(now.getTime(), new Date(customer.recoveryAvailableAt ?? 0).getTime() || 0);
    const expiresAt = new Date(opensAt + config().policy.ticketTtlHours * 3600_000);
    const { ticket, ticketHash } = newTicket(deps.random);
    const older = live.slice(0, MAX_VOIDED_PER_ISSUE);
    const item: TicketItem = {
      ticketHash,
      customerId: input.customerId,
      purpose: input.purpose,
      ...(input.caseId ? { caseId: input.caseId } : {}),
      createdAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
      expiresAtEpoch: ticketDeletionEpoch(expiresAt),
    };
    const writes: TransactItem[] = [
      {
        Put: {
          TableName: tableName('tickets'),
          Item: item,
          ConditionExpression: 'attribute_not_exists(ticketHash)',
        },
      },
      {
        Update: {
          TableName: tableName('customers'),
          Key: { customerId: input.customerId },
          // A pending enrollment belongs to the ticket that started it; the new ticket starts afresh.
          UpdateExpression:
            'SET enrollmentTicketHash = :ticketHash, version = version + :one REMOVE pendingEnrollment',
          ConditionExpression: `attribute_exists(customerId) AND ${condition.expression}`,
          ExpressionAttributeValues: { ':ticketHash': ticketHash, ':one': 1, ...condition.values },
        },
      },
      ...older.map((old): TransactItem => ({
        Update: {
          TableName: tableName('tickets'),
          Key: { ticketHash: old.ticketHash },
          UpdateExpression: 'SET voidedAt = :now',
          ConditionExpression: 'attribute_not_exists(spentAt) AND attribute_not_exists(voidedAt)',
          ExpressionAttributeValues: { ':now': now.toISOString() },
        },
      })),
    ];
    append({
      type: 'ENROLLMENT_TICKET_ISSUED',
      actorType: actor.type,
      actorId: actor.id,
      customerId: input.customerId,
      ...(input.caseId ? { caseId: input.caseId } : {}),
      details: {
        purpose: input.purpose,
        expiresAt: item.expiresAt,
        voidedTickets: older.length,
        ...(input.stepUpMethod ? { stepUpMethod: input.stepUpMethod } : {}),
      },
    });
    return {
      writes,
      result: { ticket, expiresAt: item.expiresAt },
      onConflict: () =>
        conflict('CONCURRENT_CHANGE', 'The customer changed while the ticket was issued; try again.'),
    };
  });
  return result;
};

export const getTicket = async (ticketHash: string): Promise<TicketItem | undefined> => {
  const result = await dynamoDb().send(
    new GetCommand({ TableName: tableName('tickets'), Key: { ticketHash }, ConsistentRead: true }),
  );
  return result.Item as TicketItem | undefined;
};

export interface UsableTicket {
  ticket: TicketItem;
  /** Read consistently after the ticket; its enrollmentTicketHash is this ticket's hash. */
  customer: CustomerItem;
  /** With `chainHead`: the customer's audit chain head, read alongside the customer (for commitWithAudit). */
  chainHead?: Promise<ChainHead | undefined>;
}

/**
 * The ticket and its customer when the ticket may be used now. Throws TICKET_UNKNOWN (404; also for a
 * ticket deleted after its retention), TICKET_SPENT, TICKET_VOIDED or TICKET_EXPIRED (410).
 * A transaction that acts on it must still condition on it: include spendTicketItem (or
 * ticketUsableCheck) and condition the customer write on `enrollmentTicketHash = :ticketHash`.
 */
export const requireUsableTicket = async (
  ticket: string,
  deps: { clock: Clock },
  options: { chainHead?: boolean } = {},
): Promise<UsableTicket> => {
  const item = await getTicket(hashTicket(ticket));
  if (!item) throw ticketUnknown();
  const stored = ticketState(item, deps.clock);
  if (stored !== 'USABLE') throw ticketRefusal(stored);
  // The ticket names the customer: a change to follow needs its chain head, read in the same round trip.
  const chainHead = options.chainHead ? readChainHead(item.customerId) : undefined;
  chainHead?.catch(() => undefined);
  const customer = await getCustomer(item.customerId, true);
  if (!customer) throw ticketUnknown();
  const state = await ticketStateFor(item, customer, deps.clock);
  if (state !== 'USABLE') throw ticketRefusal(state);
  return { ticket: item, customer, ...(chainHead ? { chainHead } : {}) };
};

/**
 * The ticket's state with its customer read after it: a ticket the customer item no longer names is
 * voided (a newer ticket, a recovery lock), unless a confirm that committed between the two reads spent
 * it (a double click must not be told that a newer link was sent).
 */
export const ticketStateFor = async (
  item: TicketItem,
  customer: Pick<CustomerItem, 'enrollmentTicketHash'>,
  clock: Clock,
): Promise<TicketState> => {
  const state = ticketState(item, clock);
  if (state !== 'USABLE' || customer.enrollmentTicketHash === item.ticketHash) return state;
  const again = await getTicket(item.ticketHash);
  const stateAgain = again ? ticketState(again, clock) : 'VOIDED';
  return stateAgain === 'USABLE' ? 'VOIDED' : stateAgain;
};

const usableCondition = (at: Date) => ({
  ConditionExpression:
    'attribute_exists(ticketHash) AND attribute_not_exists(spentAt) AND attribute_not_exists(voidedAt) AND expiresAt > :at',
  ExpressionAttributeValues: { ':at': at.toISOString() },
});

/** Marks the ticket spent, only if it is still unspent, not voided and not expired at `at`. */
export const spendTicketItem = (ticket: Pick<TicketItem, 'ticketHash'>, at: Date): TransactItem => {
  const condition = usableCondition(at);
  return {
    Update: {
      TableName: tableName('tickets'),
      Key: { ticketHash: ticket.ticketHash },
      UpdateExpression: 'SET spentAt = :at',
      ...condition,
    },
  };
};

/** Asserts, inside a transaction, that the ticket is still usable without spending it. */
export const ticketUsableCheck = (ticket: Pick<TicketItem, 'ticketHash'>, at: Date): TransactItem => ({
  ConditionCheck: {
    TableName: tableName('tickets'),
    Key: { ticketHash: ticket.ticketHash },
    ...usableCondition(at),
  },
});

/** After a transaction with a ticket item was cancelled: the ticket's refusal if that was the cause. */
export const ticketRefusalNow = async (ticket: string, clock: Clock) => {
  try {
    await requireUsableTicket(ticket, { clock });
    return undefined;
  } catch (error) {
    return error;
  }
};
