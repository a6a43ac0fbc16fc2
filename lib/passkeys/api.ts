// The login service's passkey sign-in (IAM): the options to ask the browser for, then the assertion
// checked. Their answers are in responses.ts, which the login service's client and the enrollment page
// read too.
import { customerParams } from '../customers/schemas';
import { appendAudit, type RouteEntry } from '../route-entry';
import * as z from '../schema';
import { passkeyRequestOptionsSchema, passkeyVerifyOutcomeSchema } from './responses';
import { authenticationResponseSchema } from './schemas';

export const passkeyRoutes = [
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
] as const satisfies readonly RouteEntry[];
