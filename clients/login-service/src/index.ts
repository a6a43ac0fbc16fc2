// A typed client for the login service's routes (/internal/*): SigV4-signed with the AWS SDK's default
// credential chain, request and response types from the service's own zod schemas, retries on 503.
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { CustomerRecord } from '../../../lib/customers/schemas';
import {
  customerSyncedSchema,
  twoFactorStateSchema,
  type CustomerSynced,
  type TwoFactorState,
} from '../../../lib/customers/responses';
import { backupCodesRenewedSchema, type BackupCodesRenewed } from '../../../lib/backup-codes/responses';
import {
  enrollmentTicketIssuedSchema,
  passkeyRemovedSchema,
  type EnrollmentTicketIssued,
  type PasskeyRemoved,
} from '../../../lib/enrollment/responses';
import { customerErasedSchema, type CustomerErased } from '../../../lib/erasure/responses';
import { errorBodySchema } from '../../../lib/http/schemas';
import type * as z from '../../../lib/schema';
import { verifyOutcomeSchema, type VerifyOutcomeBody } from '../../../lib/totp/responses';
import {
  passkeyRequestOptionsSchema,
  passkeyVerifyOutcomeSchema,
  type PasskeyRequestOptions,
  type PasskeyVerifyOutcome,
} from '../../../lib/passkeys/responses';
import type { AuthenticationResponseBody } from '../../../lib/passkeys/schemas';
import { createSigner } from './sigv4';

export type {
  CustomerErased,
  BackupCodesRenewed,
  CustomerRecord,
  CustomerSynced,
  EnrollmentTicketIssued,
  PasskeyRemoved,
  TwoFactorState,
  VerifyOutcomeBody,
  PasskeyRequestOptions,
  PasskeyVerifyOutcome,
  AuthenticationResponseBody,
};

/**
 * A step-up: the code the customer typed, or a passkey's assertion answering the challenge of
 * passkeyAuthenticationOptions (judged as a login: replay, failure count and lock alike).
 */
export type StepUp = string | { stepUpPasskey: AuthenticationResponseBody };

const stepUpBody = (stepUp: StepUp) => (typeof stepUp === 'string' ? { stepUpCode: stepUp } : stepUp);

export interface LoginServiceClientOptions {
  /** The API's base URL, e.g. https://api.example.com or http://127.0.0.1:3000. */
  baseUrl: string;
  /** The API's region; default AWS_REGION, then eu-west-1. */
  region?: string;
  /** Default: the AWS SDK's chain (environment, SSO, shared files, container and instance roles). */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Retries of a 503 after the first attempt (default 3), each after the server's Retry-After. */
  maxRetries?: number;
  /** The longest wait honoured from a Retry-After (default 30 s); a longer one is not waited for. */
  maxRetryAfterSeconds?: number;
  /** Tests and callers with their own timers. */
  sleep?: (milliseconds: number) => Promise<void>;
}

/** A refusal or fault of the service, in the contract's error shape. */
export class LoginServiceError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
    readonly requestId?: string,
  ) {
    super(`${status} ${code}: ${message}`);
    this.name = 'LoginServiceError';
  }
}

/** Retry-After is seconds or an HTTP date (RFC 9110 10.2.3). */
export const retryAfterSeconds = (header: string | null, now = Date.now()): number | undefined => {
  if (header === null || header.trim() === '') return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
};

const segment = (customerId: string) => encodeURIComponent(customerId);

export const createLoginServiceClient = (options: LoginServiceClientOptions) => {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const sign = createSigner({
    region: options.region ?? process.env.AWS_REGION ?? 'eu-west-1',
    credentials: options.credentials ?? defaultProvider(),
  });
  const maxRetries = options.maxRetries ?? 3;
  const maxWait = options.maxRetryAfterSeconds ?? 30;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));

  const send = async <T>(
    method: string,
    path: string,
    schema: z.ZodMiniType<T>,
    body?: unknown,
  ): Promise<T> => {
    const url = `${baseUrl}${path}`;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    for (let attempt = 0; ; attempt += 1) {
      // Signed again for every attempt: a signature is good for five minutes only.
      const { host: _host, ...headers } = await sign({
        method,
        url,
        headers: payload === undefined ? {} : { 'content-type': 'application/json' },
        ...(payload === undefined ? {} : { body: payload }),
      });
      const response = await fetch(url, {
        method,
        headers,
        ...(payload === undefined ? {} : { body: payload }),
      });
      const text = await response.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      if (response.ok) return schema.parse(json);
      const wait = retryAfterSeconds(response.headers.get('retry-after'));
      if (response.status === 503 && attempt < maxRetries && (wait ?? 1) <= maxWait) {
        await sleep((wait ?? 1) * 1000);
        continue;
      }
      const error = errorBodySchema.safeParse(json);
      if (!error.success)
        throw new LoginServiceError(response.status, 'UNEXPECTED_RESPONSE', text.slice(0, 200), wait);
      throw new LoginServiceError(
        response.status,
        error.data.error.code,
        error.data.error.message,
        wait,
        error.data.error.requestId,
      );
    }
  };

  // One method per IAM route of lib/routes/, named after the route's operation.
  return {
    /** PUT /internal/customers/{customerId}: create or update the record the helpdesk verifies against. */
    upsertCustomer: (customerId: string, record: CustomerRecord): Promise<CustomerSynced> =>
      send('PUT', `/internal/customers/${segment(customerId)}`, customerSyncedSchema, record),
    /** GET /internal/customers/{customerId}/2fa: is 2FA on? */
    twoFactorStatus: (customerId: string): Promise<TwoFactorState> =>
      send('GET', `/internal/customers/${segment(customerId)}/2fa`, twoFactorStateSchema),
    /** POST /internal/customers/{customerId}/2fa/verify: a 6-digit TOTP code or a backup code at login. */
    verifyTwoFactor: (customerId: string, code: string): Promise<VerifyOutcomeBody> =>
      send('POST', `/internal/customers/${segment(customerId)}/2fa/verify`, verifyOutcomeSchema, { code }),
    /**
     * POST /internal/customers/{customerId}/passkeys/authentication-options: the options the login page
     * hands to navigator.credentials.get() (or @simplewebauthn/browser's startAuthentication).
     */
    passkeyAuthenticationOptions: (customerId: string): Promise<PasskeyRequestOptions> =>
      send(
        'POST',
        `/internal/customers/${segment(customerId)}/passkeys/authentication-options`,
        passkeyRequestOptionsSchema,
      ),
    /** POST /internal/customers/{customerId}/passkeys/verify: the assertion the login page got back. */
    verifyPasskey: (
      customerId: string,
      response: AuthenticationResponseBody,
    ): Promise<PasskeyVerifyOutcome> =>
      send('POST', `/internal/customers/${segment(customerId)}/passkeys/verify`, passkeyVerifyOutcomeSchema, {
        response,
      }),
    /**
     * POST /internal/customers/{customerId}/2fa/enrollment-ticket: the "2FA aanzetten" link; with a
     * step-up (a current TOTP code, a backup code, or a passkey's assertion) the link that replaces the
     * authenticator, or with `purpose` ADD the link that adds a second one beside it.
     */
    issueEnrollmentTicket: (
      customerId: string,
      stepUp?: StepUp,
      purpose?: 'REPLACE' | 'ADD',
    ): Promise<EnrollmentTicketIssued> =>
      send(
        'POST',
        `/internal/customers/${segment(customerId)}/2fa/enrollment-ticket`,
        enrollmentTicketIssuedSchema,
        stepUp === undefined ? undefined : { ...stepUpBody(stepUp), ...(purpose ? { purpose } : {}) },
      ),
    /**
     * POST /internal/customers/{customerId}/erase: account closed or a data-subject request. Safe to
     * repeat (a retry finishes an interrupted erasure); afterwards every call for the id is 404 ERASED.
     */
    eraseCustomer: (customerId: string): Promise<CustomerErased> =>
      send('POST', `/internal/customers/${segment(customerId)}/erase`, customerErasedSchema),
    /**
     * POST /internal/customers/{customerId}/passkeys/{credentialRef}/remove: one passkey (as
     * twoFactorStatus lists it) no longer signs in, after a step-up by another factor; never the last one.
     */
    removePasskey: (customerId: string, credentialRef: string, stepUp: StepUp): Promise<PasskeyRemoved> =>
      send(
        'POST',
        `/internal/customers/${segment(customerId)}/passkeys/${segment(credentialRef)}/remove`,
        passkeyRemovedSchema,
        stepUpBody(stepUp),
      ),
    /** POST /internal/customers/{customerId}/2fa/backup-codes: ten new backup codes after a TOTP or passkey step-up. */
    renewBackupCodes: (customerId: string, stepUp: StepUp): Promise<BackupCodesRenewed> =>
      send(
        'POST',
        `/internal/customers/${segment(customerId)}/2fa/backup-codes`,
        backupCodesRenewedSchema,
        stepUpBody(stepUp),
      ),
  };
};

export type LoginServiceClient = ReturnType<typeof createLoginServiceClient>;

export {
  EVENT_DETAIL_TYPE,
  EVENT_SOURCE,
  MFA_FACTOR_DISABLE,
  parseRecoveryEvent,
  recoveryEventSchema,
  sessionsToEnd,
  type AccountChangeEvent,
  type RecoveryEvent,
} from './recovery-events';
