// The login service's self-service routes (IAM), for a customer signed in on the profile page: an
// enrollment link, new backup codes, a passkey removed, each with a step-up by a factor the customer
// holds. Their answers are in responses.ts (and lib/backup-codes), which the login service's client
// reads too. The enrollment page's own routes are api.ts: another function.
import { backupCodesRenewedSchema } from '../backup-codes/responses';
import { customerIdSchema, customerParams } from '../customers/schemas';
import { authenticationResponseSchema } from '../passkeys/schemas';
import { appendAudit, type RouteEntry } from '../route-entry';
import * as z from '../schema';
import { typedCodeSchema } from '../totp/schemas';
import { enrollmentTicketIssuedSchema, passkeyRemovedSchema } from './responses';

/** A passkey named as GET …/2fa lists it (lib/customers/passkeys.ts's credentialRef). */
const passkeyParams = z.strictObject({
  customerId: customerIdSchema,
  credentialRef: z.string().check(z.regex(/^[0-9a-f]{32}$/, 'a passkey reference is 32 hex digits')),
});

export const selfServiceRoutes = [
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
] as const satisfies readonly RouteEntry[];
