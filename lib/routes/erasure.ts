// The login service's erasure route (IAM), a function of its own: a group of its own too, so that function
// builds only this route's schemas at a cold start, not the passkey and enrollment schemas of the login
// function's routes (lib/http/http-function.ts builds the group an entry passes).
import * as z from '../schema';
import { customerErasedSchema } from '../erasure/responses';
import { customerParams, type RouteDefinition } from './definition';

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
] as const satisfies readonly RouteDefinition[];
