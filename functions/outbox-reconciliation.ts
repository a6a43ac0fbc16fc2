// Scheduled Lambda (EventBridge Scheduler, every 5 minutes) and `npm run notify:redrive`: delivers the
// notifications the stream consumer did not settle, through the notifier's exactly-once ledger.
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { systemClock, systemRandom } from '../lib/clock';
import { config } from '../lib/config';
import { reconcileInputSchema } from '../lib/notify/reconcile-input';
import { defaultReconcileOptions, reconcileOutbox, type ReconcileReport } from '../lib/notify/reconciliation';
import { withBusinessMetrics } from '../lib/business-metrics/business-metrics';
import { logger } from '../lib/observability/logger';

config();
const deps = { clock: systemClock, random: systemRandom };

export const handler = middy<unknown, ReconcileReport>().handler((event: unknown, context: Context) =>
  withBusinessMetrics(async () => {
    logger.addContext(context);
    const input = reconcileInputSchema.parse(event);
    const report = await reconcileOutbox({ ...defaultReconcileOptions, ...input }, deps);
    logger.info('outbox reconciliation', {
      dryRun: report.dryRun,
      backlog: report.backlog.length,
      delivered: report.backlog.filter((entry) => entry.result === 'SENT').length,
      retryLater: report.backlog.filter((entry) => entry.result === 'RETRY_LATER').length,
    });
    return report;
  }),
);
