// What staff see when they open a customer: the profile, 2FA status, recent verifications and audit events.
import type { AuditItem } from '../audit/events';
import { listAuditEvents } from '../audit/store';
import { listCustomerVerifications } from '../verification/store';
import { staffView } from './customer';
import { readTogether } from '../reads';
import { requireCustomer } from './store';

export const auditEventView = (event: AuditItem) => ({
  seq: event.seq,
  eventId: event.eventId,
  type: event.type,
  at: event.at,
  actorType: event.actorType,
  actorId: event.actorId,
  caseId: event.caseId ?? null,
  details: event.details,
});

export const customerProfile = async (customerId: string) => {
  // For an unknown id the two queries are simply empty; the answer is the customer's 404.
  const [customer, events, verifications] = await readTogether(
    requireCustomer(customerId),
    listAuditEvents(customerId, { limit: 25 }),
    listCustomerVerifications(customerId, 10),
  );
  return {
    customer: staffView(customer),
    recentVerifications: verifications.map((item) => ({
      verificationId: item.verificationId,
      agentId: item.agentId,
      channel: item.channel,
      status: item.status,
      outcome: item.outcome ?? null,
      startedAt: item.startedAt,
      completedAt: item.completedAt ?? null,
    })),
    recentEvents: events.map(auditEventView),
  };
};
