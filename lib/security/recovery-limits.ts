// The security officers' side of a customer's recovery limits in DynamoDB: the queue of customers a
// cooldown or a spent daily budget holds back (a sparse index whose sort key is when the last limit
// runs out, so only live ones are read), the sessions that caused each, and the reset: one
// transaction with RECOVERY_LIMITS_RESET, whose outbox entry tells the customer by email.
import { queryIndexPage } from '../aws/index-page';
import type { AuditItem } from '../audit/events';
import { listAuditEvents } from '../audit/store';
import { tableName } from '../aws/dynamodb';
import { config } from '../config';
import type { CustomerItem } from '../customers/customer';
import { recoveryLimitAttributes, recoveryLimitFlag } from '../customers/recovery-limit-item';
import { requireCustomer } from '../customers/store';
import type { Page } from '../pagination';
import { runStaffAction, type Deps } from '../staff-actions/staff-action';
import { listCustomerVerifications } from '../verification/reads';
import {
  assertCanResetLimits,
  causesOf,
  causesSince,
  recoveryLimitsOf,
  staffInvolved,
  type LimitsPolicy,
  type RecoveryLimits,
} from './recovery-limits-policy';

const limitsPolicy = (): LimitsPolicy => {
  const { policy } = config();
  return {
    emailCodeMaxSendsPerCustomerDay: policy.emailCodeMaxSendsPerCustomerDay,
    selfServiceGuidesPerCustomerDay: policy.selfServiceGuidesPerCustomerDay,
    verificationSessionMinutes: policy.verificationSessionMinutes,
  };
};

/** More sessions than a day of calls holds; the rest are in the customer's history. */
const CAUSING_SESSIONS_READ = 20;
/** The events read back to find who took part; a day of one customer's calls is far fewer. */
const PART_EVENTS_MAX = 500;
const PAGE = 100;

/** A session that limits the customer now, as the officer weighs it. */
export interface CausingSession {
  verificationId: string;
  caseNumber: string | null;
  agentId: string;
  channel: string;
  status: string;
  startedAt: string;
  causes: ('WRONG_ANSWER' | 'CODE_NOT_READ_BACK')[];
  codesSent: number;
}

/** The customer's sessions since `since` that hold a wrong answer or a code never read back, newest first. */
const causingSessions = async (customerId: string, since: string): Promise<CausingSession[]> => {
  const { items } = await listCustomerVerifications(customerId, { limit: CAUSING_SESSIONS_READ });
  return items
    .filter((item) => item.startedAt >= since)
    .flatMap((item) => {
      const causes = causesOf(item);
      return causes.length === 0
        ? []
        : [
            {
              verificationId: item.verificationId,
              caseNumber: item.caseNumber ?? null,
              agentId: item.agentId,
              channel: item.channel,
              status: item.status,
              startedAt: item.startedAt,
              causes: [...causes],
              codesSent: item.emailCode?.sentCount ?? 0,
            },
          ];
    });
};

/** The customer's audit events back to `since`, newest first, at most PART_EVENTS_MAX. */
const eventsSince = async (customerId: string, since: string): Promise<AuditItem[]> => {
  const collected: AuditItem[] = [];
  let beforeSeq: number | undefined;
  for (;;) {
    const page = await listAuditEvents(customerId, { limit: PAGE, ...(beforeSeq ? { beforeSeq } : {}) });
    for (const event of page) {
      if (event.at < since || collected.length >= PART_EVENTS_MAX) return collected;
      collected.push(event);
    }
    const last = page[page.length - 1];
    if (page.length < PAGE || !last) return collected;
    beforeSeq = last.seq;
  }
};

export interface RecoveryLimitsView extends RecoveryLimits {
  sessions: CausingSession[];
}

/** What limits the customer now and the sessions that caused it: the officer's view before a reset. */
export const recoveryLimitsView = async (customer: CustomerItem, now: Date): Promise<RecoveryLimitsView> => {
  const policy = limitsPolicy();
  return {
    ...recoveryLimitsOf(customer, now, policy),
    sessions: await causingSessions(customer.customerId, causesSince(customer, now, policy)),
  };
};

export interface RecoveryLimitEntry extends RecoveryLimitsView {
  customerId: string;
  fullName: string;
  email: string;
  companyName: string | null;
  limitedUntil: string;
}

/** Customers whose recovery a cooldown or a spent budget holds back now, the soonest to run out first. */
export const listRecoveryLimits = async (
  options: { limit: number; cursor?: string },
  now: Date,
): Promise<Page<RecoveryLimitEntry>> => {
  const { items, nextCursor } = await queryIndexPage<CustomerItem>({
    table: 'customers',
    index: 'recoveryLimits',
    tableKey: 'customerId',
    partition: { name: 'recoveryLimitFlag', value: recoveryLimitFlag },
    // A limit that ran out is no work for anyone: the key condition leaves it unread.
    sort: { name: 'recoveryLimitedUntil', after: now.toISOString() },
    newestFirst: false,
    ...options,
  });
  return {
    items: await Promise.all(
      items.map(async (item) => ({
        customerId: item.customerId,
        fullName: item.fullName,
        email: item.email,
        companyName: item.companyName ?? null,
        limitedUntil: item.recoveryLimitedUntil ?? '',
        ...(await recoveryLimitsView(item, now)),
      })),
    ),
    nextCursor,
  };
};

/**
 * Clears the cooldown and the day's email-code and guide-mail budgets, after the officer called the
 * customer back on contact details already on file. The failure streak stays: lifting a cooldown
 * gives the real customer their call, not an attacker fresh guesses (the next wrong answer earns the
 * step after the last). Of parallel resets one commits; the others find nothing left to reset.
 */
export const resetRecoveryLimits = (
  request: { customerId: string; reason: string; officerId: string },
  deps: Deps,
) =>
  runStaffAction(
    {
      customerId: request.customerId,
      // The officer's reason is free text about a person: sealed with the customer's key (erasure shreds it).
      reason: request.reason,
      load: async () => {
        const customer = await requireCustomer(request.customerId, true);
        const now = deps.clock.now();
        const policy = limitsPolicy();
        const since = causesSince(customer, now, policy);
        const [events, sessions] = await Promise.all([
          eventsSince(customer.customerId, since),
          causingSessions(customer.customerId, since),
        ]);
        return { customer, involved: staffInvolved(events, since), sessions };
      },
      rule: ({ customer, involved }, now) => {
        const limits = recoveryLimitsOf(customer, now, limitsPolicy());
        assertCanResetLimits({ limits, officerId: request.officerId, involvedStaff: involved });
        return limits;
      },
      event: ({ loaded: { customer, sessions }, decision: limits, reason }) => ({
        type: 'RECOVERY_LIMITS_RESET',
        actorType: 'admin',
        actorId: request.officerId,
        customerId: customer.customerId,
        details: {
          // The contract's actorType has no `security`; the role that acted is stated here.
          actorRole: 'security',
          reason,
          cooldownUntil: limits.cooldownUntil,
          failureStreakKept: limits.failureStreak,
          emailCodesIn24h: limits.emailCodes.sentIn24h,
          guideMailsIn24h: limits.guideMails.sentIn24h,
          causedBy: sessions.map((session) => session.verificationId),
        },
      }),
      writes: ({ loaded: { customer }, now }) => [
        {
          Update: {
            TableName: tableName('customers'),
            Key: { customerId: customer.customerId },
            UpdateExpression: `SET updatedAt = :now, #version = #version + :one REMOVE ${recoveryLimitAttributes
              .map((_, index) => `#removed${index}`)
              .join(', ')}`,
            ConditionExpression: '#version = :version',
            ExpressionAttributeNames: {
              '#version': 'version',
              ...Object.fromEntries(recoveryLimitAttributes.map((name, index) => [`#removed${index}`, name])),
            },
            ExpressionAttributeValues: { ':now': now.toISOString(), ':one': 1, ':version': customer.version },
          },
        },
      ],
      result: ({ decision: limits, event }) => ({
        status: 'RESET' as const,
        cleared: {
          cooldownUntil: limits.cooldownUntil,
          emailCodesIn24h: limits.emailCodes.sentIn24h,
          guideMailsIn24h: limits.guideMails.sentIn24h,
        },
        failureStreak: limits.failureStreak,
        auditEventId: event.eventId,
        notification: 'QUEUED' as const,
      }),
      // The loser reads again: with the limits gone, it is told NO_RECOVERY_LIMITS.
      lostRace: { then: 'explain', message: 'The customer changed meanwhile; reload and try again.' },
    },
    deps,
  );
