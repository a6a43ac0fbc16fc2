// What a failed SES call may be stored and logged as: a fixed code and class, read from the error's
// name and HTTP status and never from its message. SES messages name the recipient (`MessageRejected:
// Email address is not verified … <address>`, `AccessDenied … identity/<address>`), and what the
// notifier stores lands in the audit trail and its locked exports.

/**
 * throttled: SES's sending rate or quota, passes by itself. rejected: SES refused this message (a bad
 * or, in the sandbox, unverified recipient). configuration: our account, identity, role or
 * configuration set; every mail fails until an operator fixes it. unavailable: SES could not be
 * reached or failed on its side. unknown: anything else.
 * SES v1 reports a recipient on a suppression list as a bounce after it accepted the send (the
 * configuration set's event), not as an error of the call, so no class here stands for it.
 */
export type SesErrorClass = 'throttled' | 'rejected' | 'configuration' | 'unavailable' | 'unknown';

/** The error names SES (v1 SendEmail, AWS's common errors, the SDK) is known to return, and their class. */
const knownErrors = {
  MessageRejected: 'rejected',
  InvalidParameterValue: 'rejected',
  MailFromDomainNotVerifiedException: 'configuration',
  AccountSendingPausedException: 'configuration',
  ConfigurationSetSendingPausedException: 'configuration',
  ConfigurationSetDoesNotExistException: 'configuration',
  ProductionAccessNotGrantedException: 'configuration',
  AccessDenied: 'configuration',
  AccessDeniedException: 'configuration',
  InvalidClientTokenId: 'configuration',
  UnrecognizedClientException: 'configuration',
  SignatureDoesNotMatch: 'configuration',
  IncompleteSignature: 'configuration',
  MissingAuthenticationToken: 'configuration',
  ExpiredToken: 'configuration',
  ExpiredTokenException: 'configuration',
  CredentialsProviderError: 'configuration',
  Throttling: 'throttled',
  ThrottlingException: 'throttled',
  TooManyRequestsException: 'throttled',
  LimitExceededException: 'throttled',
  ServiceUnavailable: 'unavailable',
  ServiceUnavailableException: 'unavailable',
  InternalFailure: 'unavailable',
  InternalServerError: 'unavailable',
  TimeoutError: 'unavailable',
  RequestTimeout: 'unavailable',
  RequestTimeoutException: 'unavailable',
} as const satisfies Record<string, SesErrorClass>;

type KnownErrorName = keyof typeof knownErrors;

/** A known SES error name, a network failure, an HTTP status, or UNKNOWN: never text SES wrote. */
export type SesErrorCode = KnownErrorName | 'NETWORK_ERROR' | `HTTP_${number}` | 'UNKNOWN';

export interface SesFailure {
  code: SesErrorCode;
  errorClass: SesErrorClass;
}

/** Fields of a failed call that identify it to AWS support without repeating what it said. */
export interface SesFailureLog extends SesFailure {
  httpStatus?: number;
  awsRequestId?: string;
}

/** Node's socket errors: SES was not reached (the SDK raises these with their own `code`). */
const networkErrorCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

const isKnownName = (name: string): name is KnownErrorName => Object.hasOwn(knownErrors, name);

const metadataOf = (error: unknown): { httpStatusCode?: unknown; requestId?: unknown } | undefined => {
  const metadata = (error as { $metadata?: unknown } | null)?.$metadata;
  return typeof metadata === 'object' && metadata !== null ? metadata : undefined;
};

const statusOf = (error: unknown): number | undefined => {
  const status = metadataOf(error)?.httpStatusCode;
  return typeof status === 'number' && Number.isInteger(status) && status >= 100 && status < 600
    ? status
    : undefined;
};

const classOfStatus = (status: number): SesErrorClass =>
  status === 429
    ? 'throttled'
    : status === 401 || status === 403
      ? 'configuration'
      : status >= 500
        ? 'unavailable'
        : 'unknown';

export const sesFailure = (error: unknown): SesFailure => {
  const name = error instanceof Error ? error.name : undefined;
  if (name && isKnownName(name)) return { code: name, errorClass: knownErrors[name] };
  const status = statusOf(error);
  if (status !== undefined) return { code: `HTTP_${status}`, errorClass: classOfStatus(status) };
  if (networkErrorCodes.has(String((error as { code?: unknown } | null)?.code)))
    return { code: 'NETWORK_ERROR', errorClass: 'unavailable' };
  return { code: 'UNKNOWN', errorClass: 'unknown' };
};

/** The failure as a log line may carry it: the code, class, HTTP status and AWS's request id. */
export const sesFailureLog = (error: unknown): SesFailureLog => {
  const status = statusOf(error);
  const requestId = metadataOf(error)?.requestId;
  return {
    ...sesFailure(error),
    ...(status !== undefined ? { httpStatus: status } : {}),
    // AWS's request ids are UUIDs or hex tokens; anything else is not passed on.
    ...(typeof requestId === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(requestId)
      ? { awsRequestId: requestId }
      : {}),
  };
};
