// What staff see when they open a customer: the profile, 2FA status, and the history (sessions and
// audit events), newest first, each paged with a cursor so no evidence is ever out of reach.
import { checksSummaryOf } from '../verification/checks-summary';
import { listAuditEvents } from '../audit/store';
import { decodeCursor, encodeCursor, invalidCursor, isChainPosition } from '../pagination';
import type { CustomerProfileQuery } from './api';
import { listCustomerVerifications } from '../verification/reads';
import { staffView } from '../customers/customer';
import { twoFactorMethods, twoFactorState } from '../customers/two-factor-state';
import { readTogether } from '../reads';
import { requireCustomer } from '../customers/store';
import { staffRevealer } from '../audit/sealed-text';
import { auditEventView } from './audit-history';
import { recoveryDelayView } from '../security/recovery-delay';
import type { StaffGroup } from '../staff/groups';
import { maskEmail } from '../verification/decisions';
import { mailFeedbackNotice } from '../bounces/notice';
import type { CustomerProfile } from './api';

export const PROFILE_PAGE_SIZE = { events: 25, verifications: 10 } as const;

const eventsPage = async (customerId: string, cursor: string | undefined) => {
  const before = cursor ? decodeCursor(cursor, { seq: 'number' }).seq : undefined;
  if (before !== undefined && !isChainPosition(before)) throw invalidCursor();
  const limit = PROFILE_PAGE_SIZE.events;
  // One more than the page: whether older events exist is known without a second read.
  const events = await listAuditEvents(customerId, {
    limit: limit + 1,
    ...(before ? { beforeSeq: before } : {}),
  });
  const page = events.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page, nextCursor: events.length > limit && last ? encodeCursor({ seq: last.seq }) : null };
};

/**
 * The further addresses on file: in full for admins (they pick one for the reset link of a caller who
 * cannot open the main mailbox) and officers; masked for the helpdesk, who needs only how many there are
 * and never reads one out (the caller does not say them, so they are not shown in full).
 */
const furtherAddressesFor = (addresses: readonly string[], viewer: readonly StaffGroup[]) =>
  viewer.includes('admin') || viewer.includes('security') ? [...addresses] : addresses.map(maskEmail);

export const customerProfile = async (
  customerId: string,
  query: CustomerProfileQuery,
  now: Date,
  viewer: readonly StaffGroup[],
): Promise<CustomerProfile> => {
  // For an unknown id the two queries are simply empty; the answer is the customer's 404.
  const [customer, events, verifications] = await readTogether(
    requireCustomer(customerId),
    eventsPage(customerId, query.eventsCursor),
    listCustomerVerifications(customerId, {
      limit: PROFILE_PAGE_SIZE.verifications,
      ...(query.verificationsCursor ? { cursor: query.verificationsCursor } : {}),
    }),
  );
  // Once the customer is erased there is no profile and no key.
  const reveal = await staffRevealer(events.items, customer.textKey, customerId);
  return {
    // The effective status and, while LOCKED, why: the console's badge tells a report from wrong codes.
    customer: {
      ...staffView(customer),
      notificationEmails: furtherAddressesFor(customer.notificationEmails ?? [], viewer),
      lockReason: null,
      ...twoFactorState(customer, now),
      recoveryDelay: await recoveryDelayView(customer, now),
      // Which ways in the customer has (app, passkeys, backup codes): how many, never which.
      methods: twoFactorMethods(customer),
      // A reset mail that bounced leaves the customer without a link: the agent calls back.
      mailFeedback: mailFeedbackNotice(customer),
    },
    recentVerifications: verifications.items.map((item) => ({
      verificationId: item.verificationId,
      caseNumber: item.caseNumber ?? null,
      agentId: item.agentId,
      channel: item.channel,
      reportedProblem: item.reportedProblem ?? null,
      status: item.status,
      outcome: item.outcome ?? null,
      withoutPossessionProof: item.withoutPossessionProof?.reason ?? null,
      checksSummary: checksSummaryOf(item),
      startedAt: item.startedAt,
      completedAt: item.completedAt ?? null,
      // Started under a recovery lock: it serves only the security officer's release.
      forRecoveryLockRelease: item.purpose === 'RECOVERY_LOCK_RELEASE',
    })),
    nextVerificationsCursor: verifications.nextCursor,
    recentEvents: events.items.map((event) => auditEventView(event, reveal)),
    nextEventsCursor: events.nextCursor,
  };
};
