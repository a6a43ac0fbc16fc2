// Response shapes of the HTTP contract: JSON bodies, one error shape, security headers on every answer.
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { type DomainError, type DomainErrorKind } from '../errors';

export const securityHeaders: Record<string, string> = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
};

export interface HttpResult {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

export const jsonResponse = (
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 => ({
  statusCode: status,
  headers: { ...securityHeaders, ...headers },
  body: JSON.stringify(body),
});

export const statusOfKind: Record<DomainErrorKind, number> = {
  Invalid: 400,
  Unauthorized: 401,
  Forbidden: 403,
  NotFound: 404,
  Conflict: 409,
  Gone: 410,
  PayloadTooLarge: 413,
  Locked: 423,
  TooManyRequests: 429,
  Unavailable: 503,
};

export const errorResponse = (error: DomainError, requestId: string): APIGatewayProxyStructuredResultV2 => {
  const headers: Record<string, string> = {};
  if (error.retryAfterSeconds !== undefined)
    headers['retry-after'] = String(Math.max(1, Math.ceil(error.retryAfterSeconds)));
  return jsonResponse(
    statusOfKind[error.kind],
    {
      error: {
        code: error.code,
        message: error.message,
        requestId,
        ...(error.details ? { details: error.details } : {}),
      },
    },
    headers,
  );
};

export const internalErrorResponse = (requestId: string) =>
  jsonResponse(500, {
    error: {
      code: 'INTERNAL_ERROR',
      message: 'An unexpected error occurred. Quote the request id when you report it.',
      requestId,
    },
  });
