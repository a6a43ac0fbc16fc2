// The DynamoDB actions each access level allows: the CDK stack grants exactly these, and the local stack
// refuses any other call a function makes, so a missing grant fails the tests instead of production.
import type { TableAccess } from './types';

export type TableAction =
  'GetItem' | 'BatchGetItem' | 'Query' | 'ConditionCheckItem' | 'PutItem' | 'UpdateItem' | 'DeleteItem';

const readActions: TableAction[] = ['GetItem', 'BatchGetItem', 'Query', 'ConditionCheckItem'];

/**
 * No Scan, no BatchWriteItem and no PartiQL anywhere. `append` cannot update or delete. IAM has no
 * condition key that makes PutItem conditional, so `append`'s PutItem is kept from overwriting by the
 * code (every audit write is lib/audit/store.ts auditPut, conditioned on attribute_not_exists) and
 * detected by the hash chain if it ever did; AuditEvents' resource policy (cdk/constructs/data.ts)
 * denies Update, Delete, BatchWrite and PartiQL to every principal.
 */
export const tableActions: Record<TableAccess, readonly TableAction[]> = {
  read: readActions,
  append: ['GetItem', 'Query', 'PutItem', 'ConditionCheckItem'],
  readWrite: [...readActions, 'PutItem', 'UpdateItem'],
  readWriteDelete: [...readActions, 'PutItem', 'UpdateItem', 'DeleteItem'],
  queryDelete: ['Query', 'DeleteItem'],
};
