// The event publisher: puts each committed change of a customer's authentication state on the recovery
// event bus as an OCSF Account Change event, once, through the EventPublications outbox. Runs from the
// AuditEvents stream and from the 5-minute reconciliation, never from a request handler.
import { accountChangeOf } from '../audit/events';
import type { AuditItem } from '../audit/events';
import { getAuditEvent } from '../audit/store';
import { putEvent } from '../aws/eventbridge';
import type { Clock } from '../clock';
import { logger } from '../observability/logger';
import { getVerification } from '../verification/reads';
import { accountChangeEvent, EVENT_DETAIL_TYPE, EVENT_SOURCE } from './account-change';
import {
  STALE_CLAIM_MINUTES,
  claimPublication,
  earlierUnpublished,
  getPublication,
  listUnpublished,
  releasePublication,
  settlePublication,
  type UnpublishedEntry,
} from './publications';

export interface PublisherDeps {
  clock: Clock;
  /** Tests: the bus adapter; the EventBridge one otherwise. */
  put?: typeof putEvent;
}

export type PublishResult = 'IGNORED' | 'PUBLISHED' | 'ALREADY_PUBLISHED' | 'IN_FLIGHT';

/** The case as staff name it: the event's case number, or its session's (the verification id before those). */
const caseNumberOf = async (event: AuditItem): Promise<string | undefined> => {
  if (typeof event.details.caseNumber === 'string') return event.details.caseNumber;
  if (!event.caseId) return undefined;
  return (await getVerification(event.caseId))?.caseNumber ?? event.caseId;
};

const errorCodeOf = (error: unknown) =>
  error instanceof Error
    ? ('code' in error && typeof error.code === 'string' && error.code) || error.name
    : 'unknown';

/** Claims, puts and settles one event; a failed put releases the claim and throws. */
const publishOne = async (event: AuditItem, deps: PublisherDeps): Promise<PublishResult> => {
  const detail = accountChangeEvent(event, await caseNumberOf(event));
  if (!detail) return 'IGNORED';
  const marker = await getPublication(event.eventId);
  if (marker?.status === 'PUBLISHED') return 'ALREADY_PUBLISHED';
  if (!(await claimPublication(event, (marker?.attempts ?? 0) + 1, deps.clock.now()))) {
    const now = await getPublication(event.eventId);
    return now?.status === 'PUBLISHED' ? 'ALREADY_PUBLISHED' : 'IN_FLIGHT';
  }
  let busEventId: string;
  try {
    busEventId = await (deps.put ?? putEvent)({
      source: EVENT_SOURCE,
      detailType: EVENT_DETAIL_TYPE,
      detail,
      time: new Date(event.at),
    });
  } catch (error) {
    await releasePublication(event.eventId, errorCodeOf(error), deps.clock.now());
    throw error;
  }
  await settlePublication(event.eventId, busEventId, deps.clock.now());
  logger.info('recovery event published', { eventId: event.eventId, type: event.type, busEventId });
  return 'PUBLISHED';
};

/**
 * Publishes the event, after the customer's earlier events still unpublished (a record the stream
 * dead-lettered, a bus outage): one customer's events reach the bus in the order of their audit chain.
 * EventBridge itself does not promise order to targets, so every event carries metadata.sequence too.
 * Safe to call again for the same event; transient failures throw, so the caller retries.
 */
export const publishAuditEvent = async (event: AuditItem, deps: PublisherDeps): Promise<PublishResult> => {
  if (!accountChangeOf(event.type)) return 'IGNORED';
  for (const earlier of await earlierUnpublished(event.customerId, event.seq)) {
    const before = await getAuditEvent(earlier.auditSubject, earlier.auditSeq);
    if (before?.eventId === earlier.eventId) await publishOne(before, deps);
  }
  return publishOne(event, deps);
};

export interface PublicationReconcileOptions {
  /** How long the stream consumer gets before an unpublished event counts as lost. */
  settleAfterMinutes: number;
  /** At most this many events per run, oldest first; the next run takes the rest. */
  limit: number;
  /** List what would be published, publish nothing. */
  dryRun: boolean;
}

export const defaultPublicationReconcileOptions: PublicationReconcileOptions = {
  settleAfterMinutes: 10,
  limit: 100,
  dryRun: false,
};

export type PublicationReconcileResult =
  PublishResult | 'AUDIT_EVENT_MISSING' | 'RETRY_LATER' | 'HELD_FOR_ORDER';

export interface PublicationReconcileReport {
  cutoff: string;
  dryRun: boolean;
  backlog: (UnpublishedEntry & { result?: PublicationReconcileResult })[];
}

/**
 * The reconciliation: publishes the events still unpublished some minutes after their commit (a fault
 * between commit and publish, a stream record never delivered), through the same markers, so a second
 * run, or a stream consumer racing it, publishes nothing twice.
 */
export const reconcilePublications = async (
  options: PublicationReconcileOptions,
  deps: PublisherDeps,
): Promise<PublicationReconcileReport> => {
  const cutoff = new Date(deps.clock.now().getTime() - options.settleAfterMinutes * 60_000);
  const backlog: PublicationReconcileReport['backlog'] = await listUnpublished(cutoff, options.limit);
  if (options.dryRun) return { cutoff: cutoff.toISOString(), dryRun: true, backlog };
  const staleBefore = new Date(deps.clock.now().getTime() - STALE_CLAIM_MINUTES * 60_000).toISOString();
  const failedCustomers = new Set<string>();
  for (const entry of backlog) {
    // A claim taken moments ago is a publish still running.
    if (entry.status === 'PUBLISHING' && entry.updatedAt > staleBefore) {
      entry.result = 'IN_FLIGHT';
      continue;
    }
    // A customer's later event waits for the earlier one that failed in this run.
    if (failedCustomers.has(entry.auditSubject)) {
      entry.result = 'HELD_FOR_ORDER';
      continue;
    }
    const event = await getAuditEvent(entry.auditSubject, entry.auditSeq);
    if (!event || event.eventId !== entry.eventId) {
      entry.result = 'AUDIT_EVENT_MISSING';
      logger.error('event outbox entry without its audit event', { eventId: entry.eventId });
      continue;
    }
    try {
      entry.result = await publishAuditEvent(event, deps);
    } catch (error) {
      failedCustomers.add(entry.auditSubject);
      entry.result = 'RETRY_LATER';
      logger.warn('event reconciliation could not publish; next run retries', {
        eventId: entry.eventId,
        error: errorCodeOf(error),
      });
    }
  }
  return { cutoff: cutoff.toISOString(), dryRun: false, backlog };
};
