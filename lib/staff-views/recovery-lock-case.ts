// What a security officer reads before deciding on a recovery lock: the lock and its report, the
// case's timeline (the customer's audit events from the reported reset on) and the sessions started
// under the lock, the only ones a release can rest on; and what limits recovery now (a cooldown, a
// spent budget), with the sessions that caused it, which the officer can reset.
import type { AuditItem } from '../audit/events';
import { openOrPlaceholder, openTextKey, type SealedText } from '../audit/sealed-text';
import { listAuditEvents } from '../audit/store';
import type { CustomerItem } from '../customers/customer';
import { auditEventView } from './audit-history';
import { requireCustomer } from '../customers/store';
import { twoFactorState } from '../customers/two-factor-state';
import { getVerification, listCustomerVerifications } from '../verification/reads';
import { emailCodeMatched } from '../verification/usable';
import type { VerificationItem } from '../verification/verification';
import { recoveryDelayView } from '../security/recovery-delay';
import { recoveryLimitsView } from '../security/recovery-limits';
import { entryOf, reportedCaseId } from '../security/store';
import type { RecoveryLockCase } from '../security/api';

/** Enough for a reported reset and the calls after it; an older story is in the customer's history. */
export const CASE_TIMELINE_MAX_EVENTS = 200;
const PAGE = 50;
/** Without a reported case (a ticket that named none) the timeline starts this long before the lock. */
const UNANCHORED_HOURS = 24;
/** Without a lock (released meanwhile, or never locked) the officer sees the latest events only. */
const UNLOCKED_EVENTS = 25;
const RELEASE_CANDIDATES = 20;

/** Where the case begins: the reported reset's session start, else a day before the lock. */
const timelineStart = (customer: CustomerItem, reported: VerificationItem | undefined) => {
  if (!customer.recoveryLockedAt) return undefined;
  if (reported && reported.startedAt <= customer.recoveryLockedAt) return reported.startedAt;
  return new Date(new Date(customer.recoveryLockedAt).getTime() - UNANCHORED_HOURS * 3_600_000).toISOString();
};

/** Newest first from the end of the chain, back to `since` (or a fixed count), then oldest first. */
const timelineEvents = async (customerId: string, since: string | undefined): Promise<AuditItem[]> => {
  if (!since) return (await listAuditEvents(customerId, { limit: UNLOCKED_EVENTS })).reverse();
  const collected: AuditItem[] = [];
  let beforeSeq: number | undefined;
  for (;;) {
    const page = await listAuditEvents(customerId, { limit: PAGE, ...(beforeSeq ? { beforeSeq } : {}) });
    for (const event of page) {
      if (event.at < since || collected.length >= CASE_TIMELINE_MAX_EVENTS) return collected.reverse();
      collected.push(event);
    }
    const last = page[page.length - 1];
    if (page.length < PAGE || !last) return collected.reverse();
    beforeSeq = last.seq;
  }
};

/** A session as the officer weighs it: who verified, when, and whether the emailed code was read back. */
export const releaseCandidateView = (item: VerificationItem) => ({
  verificationId: item.verificationId,
  caseNumber: item.caseNumber ?? null,
  agentId: item.agentId,
  channel: item.channel,
  status: item.status,
  outcome: item.outcome ?? null,
  startedAt: item.startedAt,
  completedAt: item.completedAt ?? null,
  emailCodeMatched: emailCodeMatched(item),
  withoutPossessionProof: item.withoutPossessionProof?.reason ?? null,
});

export const recoveryLockCase = async (customerId: string, now: Date): Promise<RecoveryLockCase> => {
  const customer = await requireCustomer(customerId, true);
  const reportedId = customer.recoveryLockedAt ? reportedCaseId(customer) : undefined;
  const reported = reportedId ? await getVerification(reportedId) : undefined;
  const since = timelineStart(customer, reported);
  const [events, sessions, limits] = await Promise.all([
    timelineEvents(customerId, since),
    customer.recoveryLockedAt
      ? listCustomerVerifications(customerId, { limit: RELEASE_CANDIDATES })
      : Promise.resolve({ items: [], nextCursor: null }),
    recoveryLimitsView(customer, now),
  ]);
  // Officers read the notes their colleagues kept: the key is unwrapped only when the timeline holds one.
  const sealed = events.some((event) => JSON.stringify(event.details).includes('"sealed"'));
  const key = sealed && customer.textKey ? await openTextKey(customer.textKey, customerId) : undefined;
  const lockedAt = customer.recoveryLockedAt;
  return {
    customer: {
      customerId: customer.customerId,
      fullName: customer.fullName,
      email: customer.email,
      companyName: customer.companyName ?? null,
      // In full: the officer calls back on these before a release or a limits reset, never on one the caller gives.
      phoneNumbers: customer.phoneNumbers ?? [],
      locale: customer.locale,
      lockReason: null,
      ...twoFactorState(customer, now),
    },
    lock: lockedAt ? entryOf(customer, reported?.caseNumber ?? null) : null,
    limits,
    recoveryDelay: await recoveryDelayView(customer, now),
    timeline: events.map((event) =>
      auditEventView(event, (text: SealedText) => openOrPlaceholder(text, key, customerId)),
    ),
    // Only sessions started under this lock can serve its release (VERIFICATION_NOT_FOR_RELEASE).
    verifications: lockedAt
      ? sessions.items.filter((item) => item.startedAt >= lockedAt).map(releaseCandidateView)
      : [],
  };
};
