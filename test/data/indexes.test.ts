// A deployed index cannot change in place: DynamoDB refuses to alter a global secondary index's key
// schema or projection. Every index in lib/data/tables.ts is held here against the record of what is
// deployed (lib/data/deployed-indexes.json). Adding an index passes; changing or dropping a recorded
// one fails until the record is updated, deliberately, as part of the two-deploy change.
import { isDeepStrictEqual } from 'node:util';
import deployed from '../../lib/data/deployed-indexes.json';
import { tables, type IndexDefinition, type TableKey } from '../../lib/data/tables';

/** What DynamoDB fixes when it creates an index: its name, key schema and projection. */
const shapeOf = (index: IndexDefinition) => ({
  indexName: index.indexName,
  partitionKey: index.partitionKey,
  ...(index.sortKey ? { sortKey: index.sortKey } : {}),
  projection: index.include ? { include: [...index.include].sort() } : 'ALL',
});

const currentIndexes = (table: string) =>
  table in tables ? ((tables[table as TableKey] as { indexes?: IndexDefinition[] }).indexes ?? []) : [];

const howToChange = (table: string, indexName: string) =>
  `Index '${indexName}' of table '${table}' is deployed, and DynamoDB cannot change a global secondary ` +
  `index's key schema or projection in place (nor rename it). Add a NEW index with the new definition, ` +
  `deploy, move the readers to it, then drop the old one in a second deploy. Update ` +
  `lib/data/deployed-indexes.json after each deploy, deliberately, to match what is deployed.`;

describe('the deployed DynamoDB indexes', () => {
  const recorded = Object.entries(deployed as Record<string, ReturnType<typeof shapeOf>[]>).flatMap(
    ([table, indexes]) => indexes.map((index) => ({ table, index })),
  );

  it.each(recorded.map(({ table, index }) => [`${table}.${index.indexName}`, table, index] as const))(
    '%s is still defined exactly as deployed',
    (_name, table, index) => {
      const current = currentIndexes(table).find((candidate) => candidate.indexName === index.indexName);
      if (!current)
        throw new Error(`${howToChange(table, index.indexName)} (It is gone from lib/data/tables.ts.)`);
      const now = shapeOf(current);
      if (!isDeepStrictEqual(now, index))
        throw new Error(
          `${howToChange(table, index.indexName)}\n  deployed: ${JSON.stringify(index)}\n  now:      ${JSON.stringify(now)}`,
        );
    },
  );
});
