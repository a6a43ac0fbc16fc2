// "This wasn't me": the customer answers the reset email. The ticket is spent, recovery is locked
// (2FA LOCKED, so the login service refuses password-only logins), every other ticket stops working,
// and UNAUTHORIZED_RESET_REPORTED goes to the audit — whose stream alerts the security team.
import { commitWithAudit } from '../audit/store';
import { tableName } from '../aws/dynamodb';
import type { Clock, Random } from '../clock';
import { spendTicketItem, requireUsableTicket, ticketRefusalNow, type UsableTicket } from '../tickets/store';

export const reportUnauthorizedReset = async (ticket: string, deps: { clock: Clock; random: Random }) => {
  // Read once up front (its customer is the audit subject); that read serves the first attempt and a
  // retry after a lost race reads afresh.
  let fresh: UsableTicket | undefined = await requireUsableTicket(ticket, deps);
  const { result } = await commitWithAudit(fresh.ticket.customerId, deps, async (append) => {
    const { ticket: item, customer } = fresh ?? (await requireUsableTicket(ticket, deps));
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
        spendTicketItem(item, now),
        {
          Update: {
            TableName: tableName('customers'),
            Key: { customerId: customer.customerId },
            // Dropping the current ticket's name voids every other ticket of this customer too.
            UpdateExpression:
              'SET recoveryLockedAt = :now, twoFactor = :locked, updatedAt = :now, #version = #version + :one REMOVE enrollmentTicketHash, pendingEnrollment',
            ConditionExpression: 'enrollmentTicketHash = :ticketHash',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: {
              ':now': now.toISOString(),
              ':locked': 'LOCKED',
              ':one': 1,
              ':ticketHash': item.ticketHash,
            },
          },
        },
      ],
      result: { status: 'RECOVERY_LOCKED' as const, reportedAt: now.toISOString() },
      onConflict: () => new Error('ticket changed'),
    };
  }).catch(async (error: unknown) => {
    throw (await ticketRefusalNow(ticket, deps.clock)) ?? error;
  });
  return result;
};
