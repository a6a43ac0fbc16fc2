// Creates the local tables from lib/data/tables.ts, the same definitions the CDK stack deploys.
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  LimitExceededException,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { tables, type TableDefinition, type TableKey } from '../lib/data/tables';

export const localTableNames = (prefix: string) =>
  Object.fromEntries(
    (Object.keys(tables) as TableKey[]).map((key) => [key, `${prefix}${tables[key].baseName}`]),
  ) as Record<TableKey, string>;

/** The environment variables a function reads its table names from. */
export const tableEnvironment = (names: Record<TableKey, string>) =>
  Object.fromEntries((Object.keys(tables) as TableKey[]).map((key) => [tables[key].envVar, names[key]]));

export const createTableInput = (definition: TableDefinition, name: string): CreateTableCommandInput => {
  const attributes = new Map<string, 'S' | 'N'>();
  const keySchema = (partition: TableDefinition['partitionKey'], sort?: TableDefinition['sortKey']) => {
    attributes.set(partition.name, partition.type);
    if (sort) attributes.set(sort.name, sort.type);
    return [
      { AttributeName: partition.name, KeyType: 'HASH' as const },
      ...(sort ? [{ AttributeName: sort.name, KeyType: 'RANGE' as const }] : []),
    ];
  };
  const input: CreateTableCommandInput = {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: keySchema(definition.partitionKey, definition.sortKey),
    AttributeDefinitions: [],
  };
  if (definition.indexes?.length) {
    input.GlobalSecondaryIndexes = definition.indexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: keySchema(index.partitionKey, index.sortKey),
      Projection: index.include
        ? { ProjectionType: 'INCLUDE', NonKeyAttributes: index.include }
        : { ProjectionType: 'ALL' },
    }));
  }
  if (definition.stream)
    input.StreamSpecification = { StreamEnabled: true, StreamViewType: definition.stream };
  input.AttributeDefinitions = [...attributes].map(([AttributeName, AttributeType]) => ({
    AttributeName,
    AttributeType,
  }));
  return input;
};

/**
 * A table kept in .data/ from an older version lacks the indexes added since: each is created (one per
 * UpdateTable, as DynamoDB allows), as the next deploy does in AWS. Data is kept; the index backfills.
 * DynamoDB builds one index per table at a time: while one is being built, the next UpdateTable is
 * refused (LimitExceeded or ResourceInUse), and is sent again once the build lets it through.
 */
const addMissingIndexes = async (client: DynamoDBClient, definition: TableDefinition, name: string) => {
  const described = await client.send(new DescribeTableCommand({ TableName: name }));
  const present = new Set((described.Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  const wanted = createTableInput(definition, name);
  for (const index of wanted.GlobalSecondaryIndexes ?? []) {
    if (present.has(index.IndexName)) continue;
    const keyNames = new Set((index.KeySchema ?? []).map((key) => key.AttributeName));
    const create = new UpdateTableCommand({
      TableName: name,
      AttributeDefinitions: (wanted.AttributeDefinitions ?? []).filter((attribute) =>
        keyNames.has(attribute.AttributeName),
      ),
      GlobalSecondaryIndexUpdates: [
        { Create: { IndexName: index.IndexName, KeySchema: index.KeySchema, Projection: index.Projection } },
      ],
    });
    await sendWhileIndexBuilds(client, create, `${name}.${index.IndexName ?? ''}`);
  }
};

const INDEX_BUILD_WAIT_MS = 120_000;

const isBusyWithIndex = (error: unknown) =>
  error instanceof LimitExceededException || error instanceof ResourceInUseException;

const sendWhileIndexBuilds = async (client: DynamoDBClient, command: UpdateTableCommand, what: string) => {
  const deadline = Date.now() + INDEX_BUILD_WAIT_MS;
  for (;;) {
    try {
      await client.send(command);
      return;
    } catch (error) {
      if (!isBusyWithIndex(error) || Date.now() > deadline)
        throw new Error(`Adding the index ${what} to the kept table failed`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
};

/** Idempotent: tables that exist (a restarted stack with data in .data/) keep their data, and get new indexes. */
export const createTables = async (client: DynamoDBClient, names: Record<TableKey, string>) => {
  await Promise.all(
    (Object.keys(tables) as TableKey[]).map(async (key) => {
      const definition: TableDefinition = tables[key];
      try {
        await client.send(new CreateTableCommand(createTableInput(definition, names[key])));
        if (definition.timeToLiveAttribute) {
          await client.send(
            new UpdateTimeToLiveCommand({
              TableName: names[key],
              TimeToLiveSpecification: { AttributeName: definition.timeToLiveAttribute, Enabled: true },
            }),
          );
        }
      } catch (error) {
        if (!(error instanceof ResourceInUseException)) throw error;
        await addMissingIndexes(client, definition, names[key]);
      }
      await client.send(new DescribeTableCommand({ TableName: names[key] }));
    }),
  );
};
