// Reads of verification sessions: one by id, a customer's sessions a page at a time, and the counts
// behind the velocity limits (sessions an agent passed, disables an admin did, since a moment).
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDb, tableName } from '../aws/dynamodb';
import { notFound } from '../errors';
import { decodeCursor, encodeCursor, invalidCursor, type Page } from '../pagination';
import { requireCustomer } from '../customers/store';
import { stillNeeded, type VerificationPolicy } from './policy';
import { verificationView, type VerificationItem } from './verification';

export const getVerification = async (verificationId: string): Promise<VerificationItem | undefined> => {
  const result = await dynamoDb().send(
    new GetCommand({ TableName: tableName('verifications'), Key: { verificationId }, ConsistentRead: true }),
  );
  return result.Item as VerificationItem | undefined;
};

export const requireVerification = async (verificationId: string): Promise<VerificationItem> => {
  const item = await getVerification(verificationId);
  if (!item) throw notFound('VERIFICATION_NOT_FOUND', 'No verification session with this id.');
  return item;
};

/** GET /admin/verifications/{id}: the session, and for an open one what completing it still needs. */
export const readVerificationSession = async (verificationId: string, policy: VerificationPolicy) => {
  const item = await requireVerification(verificationId);
  if (item.status !== 'OPEN') return verificationView(item);
  const customer = await requireCustomer(item.customerId);
  return verificationView(item, stillNeeded(item.checks, customer, policy));
};

/** A customer's sessions, newest first, a page at a time (the cursor is the last session's index key). */
export const listCustomerVerifications = async (
  customerId: string,
  options: { limit: number; cursor?: string },
): Promise<Page<VerificationItem>> => {
  const start = options.cursor
    ? decodeCursor(options.cursor, { verificationId: 'string', customerId: 'string', startedAt: 'string' })
    : undefined;
  if (start && start.customerId !== customerId) throw invalidCursor();
  const result = await dynamoDb().send(
    new QueryCommand({
      TableName: tableName('verifications'),
      IndexName: 'byCustomer',
      KeyConditionExpression: 'customerId = :customerId',
      ExpressionAttributeValues: { ':customerId': customerId },
      ScanIndexForward: false,
      // One more than the page: whether there is an older page is known without a second read.
      Limit: options.limit + 1,
      ...(start ? { ExclusiveStartKey: start } : {}),
    }),
  );
  const items = (result.Items ?? []) as VerificationItem[];
  const page = items.slice(0, options.limit);
  const last = page[page.length - 1];
  return {
    items: page,
    nextCursor:
      items.length > options.limit && last
        ? encodeCursor({ verificationId: last.verificationId, customerId, startedAt: last.startedAt })
        : null,
  };
};
const countSince = async (
  indexName: 'byAgent' | 'byUser',
  key: 'agentId' | 'usedBy',
  id: string,
  sortKey: string,
  since: Date,
  passedOnly: boolean,
) => {
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const result = await dynamoDb().send(
      new QueryCommand({
        TableName: tableName('verifications'),
        IndexName: indexName,
        KeyConditionExpression: `#key = :id AND #at >= :since`,
        ExpressionAttributeNames: {
          '#key': key,
          '#at': sortKey,
          ...(passedOnly ? { '#outcome': 'outcome' } : {}),
        },
        ExpressionAttributeValues: {
          ':id': id,
          ':since': since.toISOString(),
          ...(passedOnly ? { ':passed': 'PASSED' } : {}),
        },
        ...(passedOnly ? { FilterExpression: '#outcome = :passed' } : {}),
        Select: 'COUNT',
        ExclusiveStartKey: startKey,
      }),
    );
    count += result.Count ?? 0;
    startKey = result.LastEvaluatedKey;
  } while (startKey);
  return count;
};

/** Sessions this agent passed since then (velocity limit against a helpdesk attack wave). */
export const countPassesByAgentSince = (agentId: string, since: Date) =>
  countSince('byAgent', 'agentId', agentId, 'completedAt', since, true);

/** Sessions this admin used for a disable since then. */
export const countDisablesByAdminSince = (adminId: string, since: Date) =>
  countSince('byUser', 'usedBy', adminId, 'usedAt', since, false);
