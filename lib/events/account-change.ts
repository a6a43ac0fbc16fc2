// The OCSF Account Change event (class 3001, OCSF 1.1.0: the version AWS Security Lake ingests) an
// audit event that changes the authentication state is published as (which ones: each event's
// declaration in lib/audit/events.ts).
import { version as productVersion } from '../../package.json';
import { accountChangeActivities, severities, type Severity } from '../audit/account-changes';
import { accountChangeOf, type AuditItem } from '../audit/events';
import * as z from '../schema';

export const OCSF_VERSION = '1.1.0';
export const ACCOUNT_CHANGE_CLASS_UID = 3001;
export const IAM_CATEGORY_UID = 3;

export { EVENT_DETAIL_TYPE, EVENT_SOURCE } from './envelope';

const severityNames: Record<Severity, string> = {
  INFORMATIONAL: 'Informational',
  LOW: 'Low',
  MEDIUM: 'Medium',
  HIGH: 'High',
};

/**
 * The event as published: the customer by id only (no name, no address), the actor by its staff or
 * service id. The references: metadata.uid is the audit event id (OCSF: "the logging system-assigned
 * unique identifier of an event instance": consumers deduplicate on it), metadata.correlation_uid the
 * case number (OCSF: "used to correlate events": every event of one recovery case carries it), and
 * metadata.sequence the event's place in the customer's audit chain (orders one customer's events).
 */
export const accountChangeEventSchema = z.object({
  activity_id: z.number(),
  activity_name: z.string(),
  category_uid: z.literal(IAM_CATEGORY_UID),
  category_name: z.string(),
  class_uid: z.literal(ACCOUNT_CHANGE_CLASS_UID),
  class_name: z.string(),
  type_uid: z.number(),
  type_name: z.string(),
  severity_id: z.number(),
  severity: z.string(),
  status_id: z.literal(1),
  status: z.literal('Success'),
  time: z.number(),
  message: z.string(),
  metadata: z.object({
    version: z.string(),
    product: z.object({ name: z.string(), vendor_name: z.string(), version: z.string() }),
    uid: z.string(),
    event_code: z.string(),
    sequence: z.number(),
    correlation_uid: z.optional(z.string()),
  }),
  user: z.object({ uid: z.string(), type_id: z.literal(1), type: z.literal('User') }),
  actor: z.object({
    user: z.optional(z.object({ uid: z.string(), type: z.string() })),
    app_name: z.optional(z.string()),
  }),
});

export type AccountChangeEvent = z.infer<typeof accountChangeEventSchema>;

/** The product as it names itself in every event it publishes. */
export const product = { name: 'mfa-recovery', vendor_name: 'Cube', version: productVersion };

/** The OCSF event for an audit event that changes the authentication state; undefined for any other. */
export const accountChangeEvent = (
  event: Pick<AuditItem, 'eventId' | 'seq' | 'type' | 'at' | 'actorType' | 'actorId' | 'customerId'>,
  caseNumber: string | undefined,
): AccountChangeEvent | undefined => {
  const mapping = accountChangeOf(event.type);
  if (!mapping) return undefined;
  const activity = accountChangeActivities[mapping.activity];
  const activityName = mapping.activityName ?? activity.name;
  return {
    activity_id: activity.id,
    activity_name: activityName,
    category_uid: IAM_CATEGORY_UID,
    category_name: 'Identity & Access Management',
    class_uid: ACCOUNT_CHANGE_CLASS_UID,
    class_name: 'Account Change',
    type_uid: ACCOUNT_CHANGE_CLASS_UID * 100 + activity.id,
    type_name: `Account Change: ${activity.name}`,
    severity_id: severities[mapping.severity],
    severity: severityNames[mapping.severity],
    status_id: 1,
    status: 'Success',
    time: Date.parse(event.at),
    message: mapping.message,
    metadata: {
      version: OCSF_VERSION,
      product,
      uid: event.eventId,
      event_code: event.type,
      sequence: event.seq,
      ...(caseNumber ? { correlation_uid: caseNumber } : {}),
    },
    user: { uid: event.customerId, type_id: 1, type: 'User' },
    // Staff and the customer act as users; the login service and our own jobs as applications.
    actor:
      event.actorType === 'service' || event.actorType === 'system'
        ? { app_name: event.actorId }
        : { user: { uid: event.actorId, type: event.actorType } },
  };
};
