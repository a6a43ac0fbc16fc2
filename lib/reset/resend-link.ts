// Re-sending the reset email to a customer whose link expired or got lost: only while 2FA is DISABLED
// after a helpdesk reset, at most RESET_LINKS_PER_DAY (config) a day. The request appends RESET_LINK_RESENT; its
// outbox entry makes the notifier issue a new ticket (voiding the older ones) and mail it, as after a reset.
import { commitWithAudit } from '../audit/store';
import { tableName } from '../aws/dynamodb';
import { config } from '../config';
import type { Clock, Random } from '../clock';
import { requireCustomer } from '../customers/store';
import { conflict, locked, tooManyRequests } from '../errors';
import { listCustomerVerifications } from '../verification/store';

export interface Deps {
  clock: Clock;
  random: Random;
}

const DAY_MS = 86_400_000;

/** Our write lost to a concurrent one (often the notifier naming the previous send's ticket): read again. */
class LostRace extends Error {}

export const resendResetLink = async (request: { customerId: string; adminId: string }, deps: Deps) => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await resendOnce(request, deps);
    } catch (error) {
      if (!(error instanceof LostRace)) throw error;
      if (attempt >= 3)
        throw conflict(
          'CONCURRENT_CHANGE',
          'The customer changed while this request ran; reload and try again.',
        );
    }
  }
};

const resendOnce = async (request: { customerId: string; adminId: string }, deps: Deps) => {
  const { result } = await commitWithAudit(request.customerId, deps, async (append) => {
    const now = deps.clock.now();
    // Each send is a working enrollment link in someone's mailbox: few, and never in bulk.
    const perDay = config().policy.resetLinksPerDay;
    const customer = await requireCustomer(request.customerId, true);
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
    // The case of the reset the link belongs to: the customer's newest session used for a disable.
    const sessions = await listCustomerVerifications(customer.customerId, { limit: 10 });
    const caseId = sessions.items.find((item) => item.status === 'USED')?.verificationId;
    const event = append({
      type: 'RESET_LINK_RESENT',
      actorType: 'admin',
      actorId: request.adminId,
      customerId: customer.customerId,
      ...(caseId ? { caseId } : {}),
      details: { lastResetAt: customer.lastResetAt, sendsIn24h: recent.length + 1 },
    });
    return {
      writes: [
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
      result: {
        status: 'QUEUED' as const,
        auditEventId: event.eventId,
        sendsLeftToday: perDay - recent.length - 1,
      },
      // The limit is read again on the retry, so parallel sends still never pass it.
      onConflict: () => new LostRace(),
    };
  });
  return result;
};
