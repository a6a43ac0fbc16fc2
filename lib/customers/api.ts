// The login service's customer routes (IAM): the customer record synced, and the state of 2FA. Their
// answers are in responses.ts, which the login service's client reads too.
import { appendAudit, type RouteEntry } from '../route-entry';
import { customerSyncedSchema, twoFactorStateSchema } from './responses';
import { customerParams, customerRecordSchema } from './schemas';

export const customerRoutes = [
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
] as const satisfies readonly RouteEntry[];
