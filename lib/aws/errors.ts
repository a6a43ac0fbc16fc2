// Recognizes AWS SDK errors by name, without importing any SDK client (so small bundles stay small).

/** True for the error DynamoDB returns when a ConditionExpression did not hold. */
export const isConditionalCheckFailed = (error: unknown): boolean =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

/** Reasons of a cancelled TransactWriteItems, one per item in request order ('None' where it passed). */
export const transactionCancellationReasons = (error: unknown): string[] | undefined => {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as Error & { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
  return (reasons ?? []).map((reason) => reason.Code ?? 'None');
};

const unavailableNames = new Set([
  'TimeoutError',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'ThrottlingException',
  'InternalServerError',
  'ServiceUnavailable',
]);

/** Errors that mean a service could not be reached or is overloaded, rather than our request being wrong. */
export const isServiceUnavailable = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false;
  const code = (error as Error & { code?: string }).code ?? '';
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(code) ||
    unavailableNames.has(error.name) ||
    /ECONNREFUSED|ECONNRESET|socket hang up|connect ETIMEDOUT/.test(error.message)
  );
};
