// The public enrollment routes answer only requests that came through CloudFront. The execute-api
// endpoint stays reachable (the login service calls it directly, and an HTTP API cannot have WAF), so
// CloudFront adds a secret header to what it forwards and this middleware refuses requests without it:
// nobody skips the web ACL's rate rules by calling execute-api. Locally (no env vars) the check is off.
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createHash, timingSafeEqual } from 'node:crypto';
import { forbidden } from '../errors';
import type { RouteDefinition } from '../routes';

/** The header's name; CDK sets it with the value (ORIGIN_VERIFY_VALUE) on functions of public routes. */
export const ORIGIN_VERIFY_HEADER_ENV = 'ORIGIN_VERIFY_HEADER';
export const ORIGIN_VERIFY_VALUE_ENV = 'ORIGIN_VERIFY_VALUE';

/** The routes that must come through CloudFront: the customer's, authorized by nothing but a ticket. */
export const needsOriginVerification = (route: Pick<RouteDefinition, 'path' | 'auth'>) =>
  route.auth.type === 'none' && route.path.startsWith('/enroll/');

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Whether a request carries CloudFront's secret header; undefined where no secret is configured
 * (locally). Read once from the environment.
 */
export const originSecretCheck = (env: Record<string, string | undefined> = process.env) => {
  const header = env[ORIGIN_VERIFY_HEADER_ENV]?.toLowerCase();
  const expected = env[ORIGIN_VERIFY_VALUE_ENV];
  // Half a configuration would quietly turn the check off: refuse to start instead.
  if (Boolean(header) !== Boolean(expected))
    throw new Error(
      `${ORIGIN_VERIFY_HEADER_ENV} and ${ORIGIN_VERIFY_VALUE_ENV} are set together or not at all`,
    );
  const expectedDigest = expected ? digest(expected) : undefined;
  return (headers: Record<string, string | undefined> | undefined): boolean | undefined => {
    if (!header || !expectedDigest) return undefined;
    const given = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === header)?.[1];
    // Digests have one length, so the comparison takes the same time whatever was sent.
    return given !== undefined && timingSafeEqual(digest(given), expectedDigest);
  };
};

/** What the check reads of a routed request (lib/http/middlewares.ts makes it). */
interface OriginCheckedEvent {
  route: Pick<RouteDefinition, 'path' | 'auth'>;
  headers: Record<string, string | undefined>;
}

export const originVerification = (
  env: Record<string, string | undefined> = process.env,
): MiddlewareObj<OriginCheckedEvent, APIGatewayProxyStructuredResultV2> => {
  const throughCloudFront = originSecretCheck(env);
  return {
    before: (request) => {
      if (!needsOriginVerification(request.event.route)) return;
      if (throughCloudFront(request.event.headers) === false)
        throw forbidden(
          'ORIGIN_NOT_ALLOWED',
          'Open the link from your email: this address is not served here.',
        );
    },
  };
};
