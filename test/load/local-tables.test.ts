// The local stack keeps its tables in .data/ across versions: a table from before an index was added
// gets that index on the next start, with its data kept. At full size (`npm run test:load`) the table
// lacks two indexes: DynamoDB builds one at a time and refuses the second until the first is built
// (about 20 s on a quiet DynamoDB Local, minutes on a busy shared one, so not in `npm test`).
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { randomBytes } from 'node:crypto';
import { tables } from '../../lib/data/tables';
import { createTableInput, createTables, localTableNames } from '../../local/tables';

it('adds the indexes a kept table lacks, keeping its items', async () => {
  const client = new DynamoDBClient({
    region: 'eu-west-1',
    endpoint: process.env.TEST_DYNAMODB_ENDPOINT,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const names = localTableNames(`old${randomBytes(4).toString('hex')}_`);
  // Customers as an older version created it: without its newest index (or two).
  const missing = process.env.TEST_LOAD === 'full' ? 2 : 1;
  const older = { ...tables.customers, indexes: tables.customers.indexes.slice(0, -missing) };
  await client.send(new CreateTableCommand(createTableInput(older, names.customers)));
  await client.send(
    new PutItemCommand({
      TableName: names.customers,
      Item: { customerId: { S: 'kept' }, emailKey: { S: 'kept@example.nl' } },
    }),
  );
  await createTables(client, names);
  const described = await client.send(new DescribeTableCommand({ TableName: names.customers }));
  expect((described.Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName).sort()).toEqual(
    tables.customers.indexes.map((index) => index.indexName).sort(),
  );
  const kept = await client.send(
    new GetItemCommand({
      TableName: names.customers,
      Key: { customerId: { S: 'kept' } },
      ConsistentRead: true,
    }),
  );
  expect(kept.Item?.emailKey).toEqual({ S: 'kept@example.nl' });
  client.destroy();
}, 150_000);
