// One page of a query on an index, for every list route that pages a partition of an index (a
// customer's sessions, the security queues): read one more than the page to know whether there is
// more, and hand back the last item's index key as the cursor (lib/pagination.ts).
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { TableKey } from '../data/tables';
import { decodeCursor, encodeCursor, invalidCursor, type Page } from '../pagination';
import { dynamoDb, tableName } from './dynamodb';

export interface IndexPageQuery {
  table: TableKey;
  index: string;
  /** The table's own key attribute (part of every index's key, so of the cursor). */
  tableKey: string;
  /** The index partition this list reads; a cursor of another partition is refused. */
  partition: { name: string; value: string };
  /** The index's sort key; with `after`, only items sorted after it are read (a key condition). */
  sort: { name: string; after?: string };
  newestFirst: boolean;
  limit: number;
  cursor?: string;
}

export const queryIndexPage = async <T extends object>(query: IndexPageQuery): Promise<Page<T>> => {
  const { partition, sort, tableKey } = query;
  const start = query.cursor
    ? decodeCursor(query.cursor, { [tableKey]: 'string', [partition.name]: 'string', [sort.name]: 'string' })
    : undefined;
  if (start && start[partition.name] !== partition.value) throw invalidCursor();
  const result = await dynamoDb().send(
    new QueryCommand({
      TableName: tableName(query.table),
      IndexName: query.index,
      KeyConditionExpression: `#partition = :partition${sort.after === undefined ? '' : ' AND #sort > :after'}`,
      ExpressionAttributeNames: {
        '#partition': partition.name,
        ...(sort.after === undefined ? {} : { '#sort': sort.name }),
      },
      ExpressionAttributeValues: {
        ':partition': partition.value,
        ...(sort.after === undefined ? {} : { ':after': sort.after }),
      },
      ScanIndexForward: !query.newestFirst,
      // One more than the page: whether there is a next page is known without a second read.
      Limit: query.limit + 1,
      ...(start ? { ExclusiveStartKey: start } : {}),
    }),
  );
  const items = (result.Items ?? []) as T[];
  const page = items.slice(0, query.limit);
  const last = page[page.length - 1] as Record<string, unknown> | undefined;
  const lastSort = last?.[sort.name];
  const lastKey = last?.[tableKey];
  return {
    items: page,
    nextCursor:
      items.length > query.limit && typeof lastSort === 'string' && typeof lastKey === 'string'
        ? encodeCursor({ [tableKey]: lastKey, [partition.name]: partition.value, [sort.name]: lastSort })
        : null,
  };
};
