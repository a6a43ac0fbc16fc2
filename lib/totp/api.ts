// The login service's check of a typed code at login (IAM): an app code or a backup code. Its answer is
// in responses.ts, which the login service's client reads too.
import { customerParams } from '../customers/schemas';
import { appendAudit, type RouteEntry } from '../route-entry';
import * as z from '../schema';
import { verifyOutcomeSchema } from './responses';
import { typedCodeSchema } from './schemas';

export const totpRoutes = [
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
] as const satisfies readonly RouteEntry[];
