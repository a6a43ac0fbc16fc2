// The recovery events as the login service receives them from its EventBridge rule: the envelope
// and its OCSF Account Change detail, parsed with the service's own schema (lib/events/).
import { accountChangeActivities } from '../../../lib/audit/account-changes';
import { accountChangeEventSchema, type AccountChangeEvent } from '../../../lib/events/account-change';
import { EVENT_DETAIL_TYPE, EVENT_SOURCE } from '../../../lib/events/envelope';
import * as z from '../../../lib/schema';

export { EVENT_DETAIL_TYPE, EVENT_SOURCE };
export type { AccountChangeEvent };

/** An event as EventBridge hands it to a rule's target (Lambda, SQS, API destination). */
export const recoveryEventSchema = z.object({
  version: z.string(),
  id: z.string(),
  'detail-type': z.literal(EVENT_DETAIL_TYPE),
  source: z.literal(EVENT_SOURCE),
  account: z.string(),
  time: z.string(),
  region: z.string(),
  resources: z.array(z.string()),
  detail: accountChangeEventSchema,
});

export type RecoveryEvent = z.infer<typeof recoveryEventSchema>;

/** The event, or a thrown ZodError naming what does not fit (not ours, or a shape this client does not know). */
export const parseRecoveryEvent = (event: unknown): RecoveryEvent => recoveryEventSchema.parse(event);

/** OCSF "MFA Factor Disable": the event on which the login service ends every session of the customer. */
export const MFA_FACTOR_DISABLE = accountChangeActivities.MFA_FACTOR_DISABLE.id;

/**
 * What the login service needs to end a customer's sessions after a recovery (NIST SP 800-63B-4 §4.3:
 * what an attacker planted must not survive it), or undefined for any other change. `eventId` is the
 * audit event id: an event delivered twice (EventBridge delivers at least once) has the same one.
 */
export const sessionsToEnd = (event: unknown) => {
  const parsed = parseRecoveryEvent(event);
  if (parsed.detail.activity_id !== MFA_FACTOR_DISABLE) return undefined;
  return {
    customerId: parsed.detail.user.uid,
    eventId: parsed.detail.metadata.uid,
    at: new Date(parsed.detail.time).toISOString(),
    ...(parsed.detail.metadata.correlation_uid ? { caseNumber: parsed.detail.metadata.correlation_uid } : {}),
  };
};
