// "This wasn't me": the customer answers the reset email. The ticket is spent, recovery is locked
// (2FA LOCKED: the login service refuses password-only logins and every code), every other ticket
// stops working, and UNAUTHORIZED_RESET_REPORTED goes to the audit — whose stream alerts security.
// Only a RESET ticket reports (see `reportsByTicket`).
import { commitWithAudit, readChainHead } from '../audit/store';
import { tableName, type TransactItem } from '../aws/dynamodb';
import type { Clock, Random } from '../clock';
import type { CustomerItem } from '../customers/customer';
import { getCustomer } from '../customers/store';
import { conflict } from '../errors';
import { recoveryLockFlag } from '../customers/recovery-lock-item';
import { getTicket, type UsableTicket } from '../tickets/store';
import {
  hashTicket,
  ticketRefusal,
  ticketState,
  ticketUnknown,
  type TicketItem,
  type TicketPurpose,
  type TicketState,
} from '../tickets/ticket';

/**
 * Which tickets can say "this wasn't me". A RESET ticket is mailed after someone else (the helpdesk)
 * turned 2FA off: its reader may well not have asked for it, and the mailbox is the customer's own
 * channel. SELF_SERVICE and REPLACE tickets are never mailed: the login service hands them to a
 * customer signed in with the password (REPLACE also after a step-up with the current code or a
 * backup code), straight into the page. Whoever holds such a page asked for it from that session, so
 * "I didn't ask for this" there is either a mistake (which locked an ENABLED customer out) or an
 * attacker locking the real customer out. An attacker with a stolen session and code is stopped by
 * the real customer through the AUTHENTICATOR_REPLACED notice (to every address on file: call the
 * helpdesk, change the password), deliberately advice and not a lock link (README, "This wasn't me"
 * after a replacement); the helpdesk then verifies and resets, which mails a reportable RESET link.
 */
export const reportsByTicket: Record<TicketPurpose, boolean> = {
  RESET: true,
  SELF_SERVICE: false,
  REPLACE: false,
  ADD: false,
};

const notReportable = () =>
  conflict(
    'TICKET_NOT_REPORTABLE',
    'This link was made for you after you signed in on your profile page; it was not emailed, so there is nothing to report with it. If you did not ask for it, change your password and call the helpdesk.',
  );

/**
 * Whether "this wasn't me" still works with a ticket in this state (as its customer item sees it): a
 * reset email's ticket, usable or voided by a newer one. The attack this alarm exists for
 * is exactly that: after a social-engineered reset the attacker signs in with the password, asks for a
 * self-service ticket (voiding the emailed one) and enrolls their own authenticator. The customer's
 * "this wasn't me" must still ring, but only within the ticket's own lifetime.
 */
export const mayReport = (item: TicketItem, state: TicketState, clock: Clock) =>
  reportsByTicket[item.purpose] &&
  (state === 'USABLE' || (state === 'VOIDED' && clock.now().getTime() < new Date(item.expiresAt).getTime()));

const requireReportableTicket = async (
  ticket: string,
  clock: Clock,
  options: { chainHead?: boolean } = {},
): Promise<UsableTicket> => {
  const item = await getTicket(hashTicket(ticket));
  if (!item) throw ticketUnknown();
  const stored = ticketState(item, clock);
  // The ticket names the customer: the lock's audit event needs its chain head, read beside the customer.
  const chainHead = options.chainHead ? readChainHead(item.customerId) : undefined;
  chainHead?.catch(() => undefined);
  const customer = await getCustomer(item.customerId, true);
  if (!customer) throw ticketUnknown();
  // Before the state: a profile-page link never reports, used or not, and the answer says why.
  if (!reportsByTicket[item.purpose]) throw notReportable();
  const state = stored === 'USABLE' && customer.enrollmentTicketHash !== item.ticketHash ? 'VOIDED' : stored;
  if (state === 'USABLE' || mayReport(item, state, clock))
    return { ticket: item, customer, ...(chainHead ? { chainHead } : {}) };
  // A voided reset ticket past its lifetime reports nothing: expired is what the customer needs to hear.
  throw ticketRefusal(state === 'VOIDED' ? 'EXPIRED' : state);
};

/**
 * The customer write of every "this wasn't me" (the emailed link, or a notice's own link): recovery
 * locked, 2FA LOCKED, the current ticket's name dropped (which voids every ticket) and the pending
 * recovery cancelled with its waiting period.
 */
export const lockWrite = (
  customer: CustomerItem,
  report: { ticketPurpose: string; caseId: string | undefined },
  now: Date,
): TransactItem => ({
  Update: {
    TableName: tableName('customers'),
    Key: { customerId: customer.customerId },
    UpdateExpression:
      'SET recoveryLockedAt = :now, recoveryLockFlag = :flag, recoveryLockReport = :report, recoveryLockCaseId = :caseId, twoFactor = :locked, updatedAt = :now, #version = #version + :one REMOVE enrollmentTicketHash, pendingEnrollment, recoveryLockReview, recoveryAvailableAt, recoveryDelayReason',
    ConditionExpression: '#version = :version',
    ExpressionAttributeNames: { '#version': 'version' },
    ExpressionAttributeValues: {
      ':now': now.toISOString(),
      ':locked': 'LOCKED',
      ':flag': recoveryLockFlag,
      ':report': {
        ticketPurpose: report.ticketPurpose,
        previousStatus: customer.twoFactor,
        reportedAt: now.toISOString(),
      },
      // The security queue shows the case the report answers; '-' where the ticket had none.
      ':caseId': report.caseId ?? '-',
      ':one': 1,
      ':version': customer.version,
    },
  },
});

const refusalNow = async (ticket: string, clock: Clock) => {
  try {
    await requireReportableTicket(ticket, clock);
    return undefined;
  } catch (error) {
    return error;
  }
};

export const reportUnauthorizedReset = async (ticket: string, deps: { clock: Clock; random: Random }) => {
  // Read once up front (its customer is the audit subject); that read serves the first attempt and a
  // retry after a lost race reads afresh.
  let fresh: UsableTicket | undefined = await requireReportableTicket(ticket, deps.clock, {
    chainHead: true,
  });
  const { result } = await commitWithAudit(
    fresh.ticket.customerId,
    deps,
    async (append) => {
      const { ticket: item, customer } = fresh ?? (await requireReportableTicket(ticket, deps.clock));
      fresh = undefined;
      const now = deps.clock.now();
      append({
        type: 'UNAUTHORIZED_RESET_REPORTED',
        actorType: 'customer',
        actorId: customer.customerId,
        customerId: customer.customerId,
        ...(item.caseId ? { caseId: item.caseId } : {}),
        details: { ticketPurpose: item.purpose, previousStatus: customer.twoFactor },
      });
      return {
        writes: [
          {
            Update: {
              TableName: tableName('tickets'),
              Key: { ticketHash: item.ticketHash },
              UpdateExpression: 'SET spentAt = :now',
              // Voided is fine here (see requireReportableTicket); spent or expired is not.
              ConditionExpression:
                'attribute_exists(ticketHash) AND attribute_not_exists(spentAt) AND expiresAt > :now',
              ExpressionAttributeValues: { ':now': now.toISOString() },
            },
          },
          lockWrite(customer, { ticketPurpose: item.purpose, caseId: item.caseId }, now),
        ],
        result: { status: 'RECOVERY_LOCKED' as const, reportedAt: now.toISOString() },
        onConflict: () => new Error('ticket changed'),
      };
    },
    fresh.chainHead,
  ).catch(async (error: unknown) => {
    throw (await refusalNow(ticket, deps.clock)) ?? error;
  });
  return result;
};
