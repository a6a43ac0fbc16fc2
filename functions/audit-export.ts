// Scheduled Lambda (EventBridge Scheduler): `startExports` once a day exports the AuditEvents table to the
// locked bucket; `digestCompletedExports` every hour notes failed exports and signs the chain heads of
// finished ones (KMS), counting both for the alarms (AuditExportsFailed, AuditDigestsWritten).
import middy from '@middy/core';
import { dynamoDbExports } from '../lib/aws/dynamodb-exports';
import { kmsDigestSigner } from '../lib/aws/kms-digest';
import { s3ExportBucket } from '../lib/aws/s3-export-bucket';
import { systemClock } from '../lib/clock';
import {
  parseScheduledExportSettings,
  runScheduledExport,
  scheduledExportEventSchema,
} from '../lib/audit/scheduled-export';
import { countMetric, withBusinessMetrics } from '../lib/business-metrics/business-metrics';
import { logger } from '../lib/observability/logger';

const settings = parseScheduledExportSettings(process.env);
const deps = {
  exports: dynamoDbExports(),
  bucket: s3ExportBucket(settings.bucket),
  signer: kmsDigestSigner(settings.digestKeyId),
  clock: systemClock,
  ...(settings.auditorHeadsBucket ? { auditorHeads: s3ExportBucket(settings.auditorHeadsBucket) } : {}),
};

export const handler = middy<unknown, unknown>().handler((event) =>
  withBusinessMetrics(async () => {
    const { action, rebuiltTreeState } = scheduledExportEventSchema.parse(event);
    const result = await runScheduledExport(action, settings, deps, rebuiltTreeState);
    logger.info('scheduled audit export', { ...result });
    // Zero is reported too: "no digest for 26 hours" is 26 hourly zeros, not silence.
    if (result.action === 'digestCompletedExports') {
      countMetric('AuditExportsFailed', result.failures.length);
      countMetric('AuditDigestsWritten', result.digests.length);
    }
    return result;
  }),
);
