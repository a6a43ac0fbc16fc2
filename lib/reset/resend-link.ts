// Re-sending the reset email to a customer whose link expired or got lost: only while 2FA is DISABLED
// after a helpdesk reset, at most RESET_LINKS_PER_DAY (config) a day. The request appends RESET_LINK_RESENT; its
// outbox entry makes the notifier issue a new ticket (voiding the older ones) and mail it, as after a reset.
import { tableName } from '../aws/dynamodb';
import { config } from '../config';
import { requireCustomer } from '../customers/store';
import type { CustomerItem } from '../customers/customer';
import { conflict, locked, tooManyRequests } from '../errors';
import { runStaffAction, type Deps } from '../staff-actions/staff-action';
import { getTicket } from '../tickets/store';

const DAY_MS = 86_400_000;

/**
 * The case of the reset the link belongs to, from the reset itself: the customer item names it since
 * the disable (or release) that set lastResetAt. A customer reset before that field existed has it on
 * the current ticket, which the disable's notifier issued with the case. Never the newest sessions:
 * an agent can start and cancel any number of those, and a "this wasn't me" on the link must still
 * accuse the reset's own verifier and admin.
 */
const resetCaseOf = async (customer: CustomerItem) => {
  if (customer.lastResetCaseId) return customer.lastResetCaseId;
  const ticket = customer.enrollmentTicketHash ? await getTicket(customer.enrollmentTicketHash) : undefined;
  return ticket?.caseId;
};

export const resendResetLink = (request: { customerId: string; adminId: string }, deps: Deps) =>
  runStaffAction(
    {
      customerId: request.customerId,
      reason: undefined,
      load: async () => {
        const customer = await requireCustomer(request.customerId, true);
        return { customer, caseId: await resetCaseOf(customer) };
      },
      rule: ({ customer }, now) => {
        // Each send is a working enrollment link in someone's mailbox: few, and never in bulk.
        const perDay = config().policy.resetLinksPerDay;
        if (customer.recoveryLockedAt)
          throw locked(
            'RECOVERY_LOCKED',
            'Recovery is locked for this customer after a "this wasn\'t me" report; involve the security team.',
          );
        if (customer.twoFactor !== 'DISABLED' || !customer.lastResetAt)
          throw conflict(
            'NOT_AWAITING_ENROLLMENT',
            'A reset link can only be re-sent while 2FA is off after a helpdesk reset.',
          );
        const recent = (customer.resetLinkSentAt ?? []).filter(
          (at) => now.getTime() - new Date(at).getTime() < DAY_MS,
        );
        if (recent.length >= perDay) {
          const oldest = [...recent].sort()[0] ?? now.toISOString();
          throw tooManyRequests(
            'RESET_LINK_DAILY_LIMIT',
            `At most ${perDay} reset links per customer in 24 hours.`,
            Math.max(1, Math.ceil((new Date(oldest).getTime() + DAY_MS - now.getTime()) / 1000)),
          );
        }
        return { perDay, recent, lastResetAt: customer.lastResetAt };
      },
      event: ({ loaded: { customer, caseId }, decision: { recent, lastResetAt } }) => ({
        type: 'RESET_LINK_RESENT',
        actorType: 'admin',
        actorId: request.adminId,
        customerId: customer.customerId,
        ...(caseId ? { caseId } : {}),
        details: { lastResetAt, sendsIn24h: recent.length + 1 },
      }),
      writes: ({ loaded: { customer }, decision: { recent }, now }) => [
        {
          Update: {
            TableName: tableName('customers'),
            Key: { customerId: customer.customerId },
            UpdateExpression: 'SET resetLinkSentAt = :sends, #version = #version + :one',
            ConditionExpression:
              '#version = :version AND twoFactor = :disabled AND attribute_not_exists(recoveryLockedAt)',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: {
              ':sends': [...recent, now.toISOString()],
              ':one': 1,
              ':version': customer.version,
              ':disabled': 'DISABLED',
            },
          },
        },
      ],
      result: ({ decision: { perDay, recent }, event }) => ({
        status: 'QUEUED' as const,
        auditEventId: event.eventId,
        sendsLeftToday: perDay - recent.length - 1,
      }),
      // Our write lost to a concurrent one (often the notifier naming the previous send's ticket): the
      // limit is read again on the retry, so parallel sends still never pass it.
      lostRace: {
        then: 'retry',
        attempts: 3,
        message: 'The customer changed while this request ran; reload and try again.',
      },
    },
    deps,
  );
