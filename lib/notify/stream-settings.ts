// How Lambda feeds the notifier from the AuditEvents stream. Plain data: the route table's notifier
// entry (read by CDK and the local poller) and the notifier itself (its final-attempt rule) share it,
// without the notifier loading the whole route table and its schemas at cold start.
export const notifierStreamSource = {
  table: 'auditEvents',
  batchSize: 10,
  maximumRetryAttempts: 10,
  bisectBatchOnFunctionError: true,
} as const;
