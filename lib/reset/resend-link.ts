// Re-sending the reset email to a customer whose link expired or got lost: only while 2FA is DISABLED
// after a helpdesk reset, at most RESET_LINKS_PER_DAY (config) a day. The request appends RESET_LINK_RESENT; its
// outbox entry makes the notifier issue a new ticket (voiding the older ones) and mail it, as after a reset.
// For a customer who cannot open the main mailbox the admin may pick a further address on file instead.
import { tableName } from '../aws/dynamodb';
import { config } from '../config';
import { requireCustomer } from '../customers/store';
import type { CustomerItem } from '../customers/customer';
import { normalizeEmail } from '../customers/normalize';
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

/**
 * Where the link goes: the main address, or the further address on file the admin picked (as stored,
 * matched without regard to case). An address that is not on file is refused: the link must never go
 * where the caller asks, only where the login service says the customer reads mail.
 */
const recipientOf = (customer: CustomerItem, sendTo: string | undefined) => {
  if (sendTo === undefined || normalizeEmail(sendTo) === normalizeEmail(customer.email)) return undefined;
  const onFile = (customer.notificationEmails ?? []).find(
    (address) => normalizeEmail(address) === normalizeEmail(sendTo),
  );
  if (!onFile)
    throw conflict(
      'ADDRESS_NOT_ON_FILE',
      "The reset link goes only to an address on the customer's record; this one is not on file.",
    );
  return onFile;
};

export const resendResetLink = (
  request: { customerId: string; adminId: string; sendTo?: string | undefined },
  deps: Deps,
) =>
  runStaffAction(
    {
      customerId: request.customerId,
      // The picked further address is personal data: the audit keeps it sealed with the customer's key
      // (in lower case: the record's own spelling is known only once the action has loaded it).
      reason: request.sendTo?.toLowerCase(),
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
        const furtherAddress = recipientOf(customer, request.sendTo);
        return { perDay, recent, lastResetAt: customer.lastResetAt, furtherAddress };
      },
      event: ({
        loaded: { customer, caseId },
        decision: { recent, lastResetAt, furtherAddress },
        reason: sealedAddress,
      }) => ({
        type: 'RESET_LINK_RESENT',
        actorType: 'admin',
        actorId: request.adminId,
        customerId: customer.customerId,
        ...(caseId ? { caseId } : {}),
        details: {
          lastResetAt,
          sendsIn24h: recent.length + 1,
          sentTo: furtherAddress ? 'FURTHER_ADDRESS' : 'EMAIL',
          ...(furtherAddress && sealedAddress ? { address: sealedAddress } : {}),
        },
      }),
      // The notifier reads the picked address from the customer item, for this event only; the version
      // condition makes sure it was still on file when the request committed.
      writes: ({ loaded: { customer }, decision: { recent, furtherAddress }, now, event }) => [
        {
          Update: {
            TableName: tableName('customers'),
            Key: { customerId: customer.customerId },
            UpdateExpression: furtherAddress
              ? 'SET resetLinkSentAt = :sends, resetLinkRecipient = :recipient, #version = #version + :one'
              : 'SET resetLinkSentAt = :sends, #version = #version + :one REMOVE resetLinkRecipient',
            ConditionExpression:
              '#version = :version AND twoFactor = :disabled AND attribute_not_exists(recoveryLockedAt)',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: {
              ':sends': [...recent, now.toISOString()],
              ':one': 1,
              ':version': customer.version,
              ':disabled': 'DISABLED',
              ...(furtherAddress
                ? { ':recipient': { eventId: event.eventId, address: furtherAddress } }
                : {}),
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
