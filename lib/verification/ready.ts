// The agent → admin hand-off: PASSED sessions nobody used yet that can still serve a disable, newest
// first, with the time left before they go stale. One Query on the byOutcome index, bounded below by
// the freshness window: a pass older than that can serve nothing, so it is never read.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet, dynamoDb, tableName } from '../aws/dynamodb';
import { decodeCursor, encodeCursor, invalidCursor, type Page } from '../pagination';
import { freshSince, staleAt } from './usable';
import type { VerificationItem } from './verification';

type ReadyItem = Pick<
  VerificationItem,
  | 'verificationId'
  | 'caseNumber'
  | 'customerId'
  | 'agentId'
  | 'status'
  | 'purpose'
  | 'completedAt'
  | 'withoutPossessionProof'
>;

export interface ReadyVerification {
  verificationId: string;
  caseNumber: string | null;
  customerId: string;
  customerName: string | null;
  agentId: string;
  completedAt: string;
  /** After this moment a disable on it is refused as VERIFICATION_STALE. */
  staleAt: string;
  secondsLeft: number;
  withoutPossessionProof: string | null;
  /** The caller verified it themselves: with separate verifier and admin, someone else disables. */
  ownVerification: boolean;
}

const cursorShape = { verificationId: 'string', outcome: 'string', completedAt: 'string' } as const;

/** A pass that serves a reset (a session under a recovery lock serves only security's release). */
const servesReset = (item: ReadyItem) => item.status === 'PASSED' && item.purpose !== 'RECOVERY_LOCK_RELEASE';

export const listReadyVerifications = async (
  viewerId: string,
  options: { now: Date; maxAgeMinutes: number; limit: number; cursor?: string },
): Promise<Page<ReadyVerification>> => {
  const window = { verificationMaxAgeMinutes: options.maxAgeMinutes };
  const since = freshSince(options.now, window).toISOString();
  let startKey: Record<string, string> | undefined = options.cursor
    ? decodeCursor(options.cursor, cursorShape)
    : undefined;
  if (startKey && startKey.outcome !== 'PASSED') throw invalidCursor();
  // A cursor from before the window (the admin came back later, or it was made by hand) points past
  // every pass that can still serve a disable: the list ends there. As a start key outside the key
  // condition DynamoDB would refuse it.
  if (startKey && (startKey.completedAt ?? '') < since) return { items: [], nextCursor: null };
  const found: ReadyItem[] = [];
  // Used, cancelled and pending sessions of the window are filtered out after the read; the loop ends
  // at one more than the page (to know whether there is more) or at the end of the window.
  do {
    const result = await dynamoDb().send(
      new QueryCommand({
        TableName: tableName('verifications'),
        IndexName: 'byOutcome',
        KeyConditionExpression: '#outcome = :passed AND completedAt >= :since',
        ExpressionAttributeNames: { '#outcome': 'outcome' },
        ExpressionAttributeValues: { ':passed': 'PASSED', ':since': since },
        ScanIndexForward: false,
        Limit: options.limit + 1,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    for (const item of (result.Items ?? []) as ReadyItem[]) if (servesReset(item)) found.push(item);
    startKey = result.LastEvaluatedKey as Record<string, string> | undefined;
  } while (startKey && found.length <= options.limit);
  const page = found.slice(0, options.limit);
  const last = page[page.length - 1];
  const names = await batchGet<{ customerId: string; fullName?: string }>(
    'customers',
    'customerId',
    page.map((item) => item.customerId),
    '#key, fullName',
  );
  return {
    items: page.map((item) => {
      const completedAt = item.completedAt ?? since;
      const stale = staleAt(completedAt, window);
      return {
        verificationId: item.verificationId,
        caseNumber: item.caseNumber ?? null,
        customerId: item.customerId,
        customerName: names.get(item.customerId)?.fullName ?? null,
        agentId: item.agentId,
        completedAt,
        staleAt: stale.toISOString(),
        secondsLeft: Math.max(0, Math.floor((stale.getTime() - options.now.getTime()) / 1000)),
        withoutPossessionProof: item.withoutPossessionProof?.reason ?? null,
        ownVerification: item.agentId === viewerId,
      };
    }),
    nextCursor:
      found.length > options.limit && last
        ? encodeCursor({
            verificationId: last.verificationId,
            outcome: 'PASSED',
            completedAt: last.completedAt ?? since,
          })
        : null,
  };
};
