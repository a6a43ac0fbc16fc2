// The login service's erasure route (IAM), a function of its own, and so a group of its own: that function
// builds only this route's schemas at a cold start, not the passkey and enrollment schemas of the login
// function's routes (lib/http/http-function.ts builds the group an entry passes). Its answer is in
// responses.ts, which the login service's client reads too.
import { customerParams } from '../customers/schemas';
import type { RouteEntry } from '../route-entry';
import * as z from '../schema';
import { customerErasedSchema } from './responses';

export const erasureRoutes = [
  {
    method: 'POST',
    path: '/internal/customers/{customerId}/erase',
    operation: 'eraseCustomer',
    responses: { 200: customerErasedSchema },
    // Its own function, so the function called at every login holds none of these deletes.
    function: 'erasureApi',
    auth: { type: 'iam' },
    params: customerParams,
    body: z.optional(z.strictObject({})),
    // The record becomes a tombstone (Put) beside its id claim; everything else of the customer is found
    // through the indexes that name it and deleted (lib/erasure/).
    tables: {
      customers: 'readWrite',
      customerSearch: 'readWriteDelete',
      verifications: 'queryDelete',
      tickets: 'queryDelete',
      approvals: 'queryDelete',
      idempotency: 'queryDelete',
      auditEvents: 'append',
      notifications: 'queryDelete',
      // CUSTOMER_ERASED goes to the event bus; its marker holds ids only and expires with its TTL.
      eventPublications: 'append',
    },
  },
] as const satisfies readonly RouteEntry[];
