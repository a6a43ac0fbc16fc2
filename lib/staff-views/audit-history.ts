// A customer's audit trail as staff read it in the console: every event, newest first, paged with an
// opaque cursor and optionally narrowed to one case. Runtime reads only; the auditors' tooling works
// on the exports (auditor/) and never goes through here.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDb, tableName } from '../aws/dynamodb';
import { requireCustomer } from '../customers/store';
import { decodeCursor, encodeCursor, invalidCursor, isChainPosition, type Page } from '../pagination';
import { subjectOf, type AuditItem } from '../audit/events';
import { revealDetails, SEALED_PLACEHOLDER, staffRevealer, type SealedText } from '../audit/sealed-text';
import { readTogether } from '../reads';
import type { StaffAuditEvent } from '../audit/staff-event-schema';
import type { AuditHistory } from './api';

export interface AuditHistoryQuery {
  limit: number;
  cursor?: string;
  /** The verification id of one case: only the events that belong to it. */
  caseId?: string;
}

// A case's events are a few among many, so a filtered page reads the chain in chunks. The number of
// chunks per request is bounded: past it the page ends early (even empty) with a cursor to go on from,
// so one request never reads a long history at once.
const FILTERED_CHUNK = 100;
const MAX_READS_PER_PAGE = 5;

const readChunk = async (
  customerId: string,
  beforeSeq: number | undefined,
  limit: number,
  caseId?: string,
) => {
  const result = await dynamoDb().send(
    new QueryCommand({
      TableName: tableName('auditEvents'),
      KeyConditionExpression:
        beforeSeq === undefined ? 'subject = :subject' : 'subject = :subject AND seq < :before',
      ...(caseId ? { FilterExpression: 'caseId = :caseId' } : {}),
      ExpressionAttributeValues: {
        ':subject': subjectOf(customerId),
        ...(beforeSeq === undefined ? {} : { ':before': beforeSeq }),
        ...(caseId ? { ':caseId': caseId } : {}),
      },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  const lastRead = result.LastEvaluatedKey ? Number(result.LastEvaluatedKey.seq) : undefined;
  return { items: (result.Items ?? []) as AuditItem[], lastRead };
};

/** One event as staff see it: sealed text opened by `reveal`, or the placeholder. */
export const auditEventView = (
  event: AuditItem,
  reveal: (sealed: SealedText) => string = () => SEALED_PLACEHOLDER,
): StaffAuditEvent => ({
  seq: event.seq,
  eventId: event.eventId,
  type: event.type,
  at: event.at,
  actorType: event.actorType,
  actorId: event.actorId,
  caseId: event.caseId ?? null,
  // Opening sealed text keeps the details' shape: an object stays an object.
  details: revealDetails(event.details, reveal) as StaffAuditEvent['details'],
});

/**
 * One page of the customer's events, newest first. The cursor names the customer and the case filter it
 * was made for: passed to another customer or another filter it is refused rather than silently
 * skipping or repeating events.
 */
export const pageAuditEvents = async (
  customerId: string,
  query: AuditHistoryQuery,
): Promise<Page<AuditItem>> => {
  const caseKey = query.caseId ?? '';
  let before: number | undefined;
  if (query.cursor) {
    const key = decodeCursor(query.cursor, { customerId: 'string', caseId: 'string', seq: 'number' });
    if (key.customerId !== customerId || key.caseId !== caseKey || !isChainPosition(key.seq))
      throw invalidCursor();
    before = key.seq;
  }
  const found: AuditItem[] = [];
  let exhausted = false;
  for (let reads = 0; reads < MAX_READS_PER_PAGE && found.length <= query.limit; reads += 1) {
    // One more than the page: whether older events exist is known without another request.
    const chunk = await readChunk(
      customerId,
      before,
      query.caseId ? FILTERED_CHUNK : query.limit + 1 - found.length,
      query.caseId,
    );
    found.push(...chunk.items);
    if (chunk.lastRead === undefined) {
      exhausted = true;
      break;
    }
    before = chunk.lastRead;
  }
  const cursorAt = (seq: number) => encodeCursor({ customerId, caseId: caseKey, seq });
  if (found.length > query.limit) {
    const items = found.slice(0, query.limit);
    const last = items[items.length - 1];
    return { items, nextCursor: last ? cursorAt(last.seq) : null };
  }
  return { items: found, nextCursor: !exhausted && before !== undefined ? cursorAt(before) : null };
};

/**
 * The page as staff see it: the customer must exist (an erased one answers 404 ERASED, as the profile
 * does), and staff text sealed with the customer's key is opened the way the profile opens it.
 */
export const customerAuditHistory = async (
  customerId: string,
  query: AuditHistoryQuery,
): Promise<AuditHistory> => {
  const [customer, page] = await readTogether(
    requireCustomer(customerId),
    pageAuditEvents(customerId, query),
  );
  const reveal = await staffRevealer(page.items, customer.textKey, customerId);
  return {
    events: page.items.map((event) => auditEventView(event, reveal)),
    nextCursor: page.nextCursor,
  };
};
