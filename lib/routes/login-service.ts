// The login service's internal routes (IAM): customer sync, 2FA status, login verification, tickets,
// backup codes, removing a passkey (one function). Erasure, its own function, is in erasure.ts.
import * as z from '../schema';
import { customerIdSchema, customerRecordSchema } from '../customers/schemas';
import { typedCodeSchema } from '../totp/schemas';
import { customerSyncedSchema, twoFactorStateSchema } from '../customers/responses';
import { enrollmentTicketIssuedSchema, passkeyRemovedSchema } from '../enrollment/responses';
import { verifyOutcomeSchema } from '../totp/responses';
import { backupCodesRenewedSchema } from '../backup-codes/responses';
import { passkeyRequestOptionsSchema, passkeyVerifyOutcomeSchema } from '../passkeys/responses';
import { authenticationResponseSchema } from '../passkeys/schemas';
import { appendAudit, customerParams, type RouteDefinition } from './definition';

/** A passkey named as GET …/2fa lists it (lib/customers/passkeys.ts's credentialRef). */
const passkeyParams = z.strictObject({
  customerId: customerIdSchema,
  credentialRef: z.string().check(z.regex(/^[0-9a-f]{32}$/, 'a passkey reference is 32 hex digits')),
});

export const loginServiceRoutes = [
  {
    method: 'PUT',
    path: '/internal/customers/{customerId}',
    operation: 'upsertCustomer',
    responses: { 200: customerSyncedSchema, 201: customerSyncedSchema },
    function: 'loginServiceApi',
    auth: { type: 'iam' },
    params: customerParams,
    body: customerRecordSchema,
    // A changed name or email replaces its search terms: the old ones are deleted.
    tables: { customers: 'readWrite', customerSearch: 'readWriteDelete', ...appendAudit },
  },
  {
    method: 'GET',
    path: '/internal/customers/{customerId}/2fa',
    operation: 'twoFactorStatus',
    responses: { 200: twoFactorStateSchema },
    function: 'loginServiceApi',
    auth: { type: 'iam' },
    params: customerParams,
    tables: { customers: 'read' },
  },
  {
    method: 'POST',
    path: '/internal/customers/{customerId}/2fa/verify',
    operation: 'verifyTwoFactor',
    responses: { 200: verifyOutcomeSchema },
    function: 'loginServiceApi',
    auth: { type: 'iam' },
    params: customerParams,
    body: z.strictObject({ code: typedCodeSchema }),
    tables: { customers: 'readWrite', ...appendAudit },
    services: ['openSecrets', 'answerHashKey'],
  },
  {
    method: 'POST',
    path: '/internal/customers/{customerId}/passkeys/authentication-options',
    operation: 'passkeyAuthenticationOptions',
    responses: { 200: passkeyRequestOptionsSchema },
    function: 'loginServiceApi',
    auth: { type: 'iam' },
    params: customerParams,
    body: z.optional(z.strictObject({})),
    tables: { customers: 'readWrite' },
  },
  {
    method: 'POST',
    path: '/internal/customers/{customerId}/passkeys/verify',
    operation: 'verifyPasskey',
    responses: { 200: passkeyVerifyOutcomeSchema },
    function: 'loginServiceApi',
    auth: { type: 'iam' },
    params: customerParams,
    body: z.strictObject({ response: authenticationResponseSchema }),
    tables: { customers: 'readWrite', ...appendAudit },
  },
  {
    method: 'POST',
    path: '/internal/customers/{customerId}/2fa/enrollment-ticket',
    operation: 'issueEnrollmentTicket',
    responses: { 200: enrollmentTicketIssuedSchema },
    function: 'loginServiceApi',
    auth: { type: 'iam' },
    params: customerParams,
    // Without a step-up a first enrollment (an empty JSON object is accepted from clients that always
    // send one); with one (a code, or a passkey's assertion) a replacement of the authenticator in use,
    // or with purpose ADD a second one beside it (lib/enrollment/self-service.ts).
    body: z.optional(
      z.strictObject({
        stepUpCode: z.optional(typedCodeSchema),
        stepUpPasskey: z.optional(authenticationResponseSchema),
        purpose: z.optional(z.enum(['REPLACE', 'ADD'])),
      }),
    ),
    tables: { customers: 'readWrite', tickets: 'readWrite', ...appendAudit },
    services: ['openSecrets', 'answerHashKey'],
  },
  {
    method: 'POST',
    path: '/internal/customers/{customerId}/2fa/backup-codes',
    operation: 'renewBackupCodes',
    responses: { 200: backupCodesRenewedSchema },
    function: 'loginServiceApi',
    auth: { type: 'iam' },
    params: customerParams,
    // The step-up: a current app code, or a passkey's assertion (lib/enrollment/backup-code-renewal.ts).
    body: z.strictObject({
      stepUpCode: z.optional(typedCodeSchema),
      stepUpPasskey: z.optional(authenticationResponseSchema),
    }),
    tables: { customers: 'readWrite', ...appendAudit },
    services: ['openSecrets', 'answerHashKey'],
  },
  {
    method: 'POST',
    path: '/internal/customers/{customerId}/passkeys/{credentialRef}/remove',
    operation: 'removePasskey',
    responses: { 200: passkeyRemovedSchema },
    function: 'loginServiceApi',
    auth: { type: 'iam' },
    params: passkeyParams,
    // The step-up by another factor: an app code, a backup code, or another passkey's assertion
    // (lib/enrollment/passkey-removal.ts).
    body: z.strictObject({
      stepUpCode: z.optional(typedCodeSchema),
      stepUpPasskey: z.optional(authenticationResponseSchema),
    }),
    tables: { customers: 'readWrite', ...appendAudit },
    services: ['openSecrets', 'answerHashKey'],
  },
] as const satisfies readonly RouteDefinition[];
