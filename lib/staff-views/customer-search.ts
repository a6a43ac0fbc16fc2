// Customer search by email or (part of) name, case- and accent-insensitive: one Query on the
// CustomerSearch terms of the most selective word, the other words filtered in memory, then one
// BatchGet for the current 2FA status (and, while LOCKED, why). No scan, whatever the number of customers.
import { BatchGetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDb, tableName } from '../aws/dynamodb';
import { invalid } from '../errors';
import { decodeCursor, encodeCursor, invalidCursor } from '../pagination';
import type { CustomerItem } from '../customers/customer';
import { normalizeEmail, searchWords } from '../customers/normalize';
import { findCase, parseCaseNumber } from '../verification/case-number';
import { getCustomer } from '../customers/store';
import { twoFactorState, type LockReason, type TwoFactorStateView } from '../customers/two-factor-state';
import { MIN_QUERY_LENGTH, termPrefix, wordsOf } from '../customers/search-terms';

export interface SearchHit {
  customerId: string;
  fullName: string;
  email: string;
  companyName: string | null;
  twoFactor: CustomerItem['twoFactor'];
  /** Why, while LOCKED; null otherwise. */
  lockReason: LockReason | null;
  /** Set when the query was a case number: the session it names. */
  matchedCase?: { caseNumber: string; verificationId: string };
}

interface TermItem {
  prefix: string;
  term: string;
  customerId: string;
  fullName: string;
  email: string;
  companyName?: string;
}

/** The words of a query; an email address is one term, as it is stored. */
export const queryTerms = (query: string): string[] =>
  query.includes('@') ? [normalizeEmail(query)] : searchWords(query).filter((word) => word.length > 0);

export const searchCustomers = async (
  query: string,
  options: { limit: number; cursor?: string; now: Date },
): Promise<{ customers: SearchHit[]; nextCursor: string | null }> => {
  const caseNumber = options.cursor ? undefined : parseCaseNumber(query);
  const byCase = caseNumber ? await searchByCaseNumber(caseNumber, options.now) : undefined;
  // A name that merely looks like a case number is still searched as a name.
  if (byCase) return byCase;
  const terms = queryTerms(query);
  const driver = [...terms].sort((a, b) => b.length - a.length)[0];
  if (!driver || driver.length < MIN_QUERY_LENGTH)
    throw invalid(
      'QUERY_TOO_SHORT',
      `Search with at least ${MIN_QUERY_LENGTH} letters of a name or an email address.`,
    );
  const others = terms.filter((term) => term !== driver);

  const found: TermItem[] = [];
  const seen = new Set<string>();
  let startKey: Record<string, string> | undefined = options.cursor
    ? decodeCursor(options.cursor, { prefix: 'string', term: 'string' })
    : undefined;
  // The start key must lie inside this query (its prefix, terms beginning with the driver), or DynamoDB
  // refuses it: a cursor of another search, or one made by hand, is the client's mistake.
  if (startKey && (startKey.prefix !== termPrefix(driver) || !startKey.term?.startsWith(driver)))
    throw invalidCursor();
  let nextCursor: string | null = null;
  // With more words than the driver most terms of a page are dropped in memory ("jan de vries" reads
  // every "vries"), so pages are big then: one round trip for a few thousand terms instead of one per 100.
  const pageSize = others.length > 0 ? 1000 : 100;
  // Pages of matching terms are read until the page is full; the cursor points after the last term used.
  for (let page = 0; page < 20; page += 1) {
    const result = await dynamoDb().send(
      new QueryCommand({
        TableName: tableName('customerSearch'),
        KeyConditionExpression: 'prefix = :prefix AND begins_with(term, :term)',
        ExpressionAttributeValues: { ':prefix': termPrefix(driver), ':term': driver },
        ExclusiveStartKey: startKey,
        Limit: pageSize,
      }),
    );
    let full = false;
    for (const item of (result.Items ?? []) as TermItem[]) {
      if (found.length >= options.limit) {
        full = true;
        break;
      }
      startKey = { prefix: item.prefix, term: item.term };
      if (seen.has(item.customerId)) continue;
      const itsWords = wordsOf({ fullName: item.fullName, email: item.email, companyName: item.companyName });
      if (!others.every((other) => itsWords.some((word) => word.startsWith(other)))) continue;
      seen.add(item.customerId);
      found.push(item);
    }
    if (full) {
      nextCursor = startKey ? encodeCursor(startKey) : null;
      break;
    }
    if (!result.LastEvaluatedKey) break;
    startKey = result.LastEvaluatedKey as Record<string, string>;
    // Page full at a page boundary, or the read budget spent: the rest comes with the cursor.
    if (found.length >= options.limit || page === 19) {
      nextCursor = encodeCursor(startKey);
      break;
    }
  }

  const statuses = new Map<string, TwoFactorStateView>();
  if (found.length) {
    const result = await dynamoDb().send(
      new BatchGetCommand({
        RequestItems: {
          [tableName('customers')]: {
            Keys: found.map((item) => ({ customerId: item.customerId })),
            ProjectionExpression: 'customerId, twoFactor, recoveryLockedAt, lockedUntil',
          },
        },
      }),
    );
    for (const item of result.Responses?.[tableName('customers')] ?? [])
      statuses.set(String(item.customerId), twoFactorState(item as CustomerItem, options.now));
  }
  return {
    customers: found.map((item) => ({
      customerId: item.customerId,
      fullName: item.fullName,
      email: item.email,
      companyName: item.companyName ?? null,
      lockReason: null,
      ...(statuses.get(item.customerId) ?? { twoFactor: 'DISABLED' }),
    })),
    nextCursor,
  };
};

/** A case number names one session, so one customer: read its claim, then the customer. */
const searchByCaseNumber = async (
  caseNumber: string,
  now: Date,
): Promise<{ customers: SearchHit[]; nextCursor: string | null } | undefined> => {
  const found = await findCase(caseNumber);
  const customer = found ? await getCustomer(found.customerId) : undefined;
  if (!found || !customer) return undefined;
  return {
    customers: [
      {
        customerId: customer.customerId,
        fullName: customer.fullName,
        email: customer.email,
        companyName: customer.companyName ?? null,
        lockReason: null,
        ...twoFactorState(customer, now),
        matchedCase: { caseNumber, verificationId: found.verificationId },
      },
    ],
    nextCursor: null,
  };
};
