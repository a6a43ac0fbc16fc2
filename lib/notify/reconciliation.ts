// The outbox reconciliation: finds notifications still unsettled some minutes after their audit event
// (a stream record the consumer never saw, a mapping that was off, an SES outage longer than the
// stream's retries) and delivers them through the same ledger, so each email still goes out once.
import { getAuditEvent } from '../audit/store';
import { countMetric } from '../business-metrics/business-metrics';
import { logger } from '../observability/logger';
import { listUnsettled, type UnsettledEntry } from './ledger';
import { deliverNotification, type DeliveryResult, type Deps } from './notifier';

export interface ReconcileOptions {
  /** How long the stream consumer gets before an unsettled entry counts as lost. */
  settleAfterMinutes: number;
  /** At most this many entries per run, oldest first; the next run takes the rest. */
  limit: number;
  /** List what would be delivered, deliver nothing. */
  dryRun: boolean;
}

export const defaultReconcileOptions: ReconcileOptions = {
  settleAfterMinutes: 10,
  limit: 100,
  dryRun: false,
};

export type ReconcileResult = DeliveryResult | 'IN_FLIGHT' | 'AUDIT_EVENT_MISSING' | 'RETRY_LATER';

export interface ReconcileReport {
  cutoff: string;
  dryRun: boolean;
  backlog: (UnsettledEntry & { result?: ReconcileResult })[];
}

export const reconcileOutbox = async (options: ReconcileOptions, deps: Deps): Promise<ReconcileReport> => {
  const cutoff = new Date(deps.clock.now().getTime() - options.settleAfterMinutes * 60_000);
  const backlog: ReconcileReport['backlog'] = await listUnsettled(cutoff, options.limit);
  countMetric('OutboxBacklog', backlog.length);
  if (options.dryRun) return { cutoff: cutoff.toISOString(), dryRun: true, backlog };

  // One at a time, oldest first: one customer's emails keep their order, and SES its send rate.
  for (const entry of backlog) {
    // A send the stream consumer claimed moments ago is still running: settling it now would record
    // "sent, unconfirmed" for a message that may yet fail.
    if (entry.status === 'SENDING' && entry.updatedAt > cutoff.toISOString()) {
      entry.result = 'IN_FLIGHT';
      continue;
    }
    const event = await getAuditEvent(entry.auditSubject, entry.auditSeq);
    if (!event || event.eventId !== entry.eventId) {
      entry.result = 'AUDIT_EVENT_MISSING';
      logger.error('outbox entry without its audit event', { eventId: entry.eventId, kind: entry.kind });
      continue;
    }
    try {
      entry.result = await deliverNotification(event, deps);
    } catch (error) {
      // Transient (SES or DynamoDB unavailable): the entry stays pending for the next run.
      entry.result = 'RETRY_LATER';
      logger.warn('outbox reconciliation could not deliver; next run retries', {
        eventId: entry.eventId,
        kind: entry.kind,
        error: error instanceof Error ? error.name : 'unknown',
      });
      continue;
    }
    if (entry.result !== 'ALREADY_HANDLED' && entry.result !== 'IGNORED')
      countMetric('NotificationsReconciled');
    logger.info('outbox entry reconciled', {
      eventId: entry.eventId,
      kind: entry.kind,
      result: entry.result,
    });
  }
  return { cutoff: cutoff.toISOString(), dryRun: false, backlog };
};
