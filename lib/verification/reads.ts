// Reads of verification sessions: one by id, and a customer's sessions a page at a time.
import { queryIndexPage } from '../aws/index-page';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDb, tableName } from '../aws/dynamodb';
import { notFound } from '../errors';
import type { Page } from '../pagination';
import { requireCustomer } from '../customers/store';
import { assertMaySeeSession, type SessionReader } from './access';
import { stillNeeded, type VerificationPolicy } from './policy';
import { noteOpener } from './notes';
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

/** The session, for someone who may see it: 404 for an unknown id, else 403 before anything of it is answered. */
export const requireVisibleVerification = async (verificationId: string, reader: SessionReader) => {
  const verification = await requireVerification(verificationId);
  assertMaySeeSession(verification, reader);
  return verification;
};

/** GET /admin/verifications/{id}, for someone who may see it: the session, and for an open one what completing it still needs. */
export const readVerificationSession = async (
  verificationId: string,
  reader: SessionReader,
  policy: VerificationPolicy,
) => {
  const item = await requireVisibleVerification(verificationId, reader);
  const customer = await requireCustomer(item.customerId);
  const openNote = await noteOpener(item, customer);
  if (item.status !== 'OPEN') return verificationView(item, openNote);
  return verificationView(item, openNote, stillNeeded(item.checks, customer, policy));
};

/** A customer's sessions, newest first, a page at a time (the cursor is the last session's index key). */
export const listCustomerVerifications = async (
  customerId: string,
  options: { limit: number; cursor?: string },
): Promise<Page<VerificationItem>> => {
  return queryIndexPage<VerificationItem>({
    table: 'verifications',
    index: 'byCustomer',
    tableKey: 'verificationId',
    partition: { name: 'customerId', value: customerId },
    sort: { name: 'startedAt' },
    newestFirst: true,
    ...options,
  });
};
