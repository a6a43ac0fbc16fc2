// Customer search on 100k customers: GET /admin/customers?query=… through the handler, in-process,
// against one raw DynamoDB Query for the same term prefix. The dataset is written straight into a
// persistent DynamoDB Local under .data/bench/ (the item builders of lib/customers, BatchWriteItem) and
// reused by later runs: loading it through the API would take hours on DynamoDB Local.
import { DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { closeDynamoDb, dynamoDb } from '../lib/aws/dynamodb';
import { resetConfigForTests } from '../lib/config';
import type { CustomerItem } from '../lib/customers/customer';
import { normalizeEmail } from '../lib/customers/normalize';
import { queryTerms } from '../lib/staff-views/customer-search';
import { searchTermItems, termPrefix } from '../lib/customers/search-terms';
import type { TableKey } from '../lib/data/tables';
import { loadHandler } from '../local/api-server';
import { startDynamoDbLocal } from '../local/dynamodb-local';
import { lambdaContext } from '../local/lambda-context';
import { repoRoot } from '../tooling/repo-root';
import { freePort } from '../local/processes';
import { createTables, localTableNames, tableEnvironment } from '../local/tables';
import { apiEvent, findRoute } from './events';
import { inPool } from './fixtures';
import { recordCalls } from './recorder';
import { percentile } from './stats';

/** Bump when the generated customers change, so an old dataset is rebuilt rather than measured. */
const DATASET_VERSION = 1;
const MARKER_ID = '~bench-dataset';

const firstNames =
  `Jan Piet Kees Anna Sanne Lotte Emma Daan Sem Lucas Finn Levi Milan Noah Julia Sophie Tess Eva Lisa Fleur
Sarah Emile Pieter Willem Joost Bram Thijs Ruben Lars Jesse Tim Niels Koen Mark Bas Rik Tom Sven Max Luuk Mila Zoe Nora Isa
Liv Roos Anouk Femke Iris Maud Noor Elin Yara Lieke Jasmijn Marloes Annelies Ingrid Karin Monique Petra Ria Wim Henk Gerrit
Johan Hans Frank Erik Rob Ronald Marcel Dennis Patrick Sandra Linda Nicole Ilse Esther Marieke Hanneke Ellen Chantal Olivia
James Oliver Harry George Jack Amelia Isla Ava Mia Grace Sophia Lily Ella Freya Chloe Mohammed Yusuf Ibrahim Fatima Aisha
Ahmed Omar Sofia Ines Lea Jonas Felix Paul Leon Hannah Marie Clara Louis Jules Arthur Victor Camille Manon Chloé Léa Zoë`.split(
    /\s+/,
  );

const lastNames =
  `de Vries|Jansen|de Jong|van den Berg|van Dijk|Bakker|Janssen|Visser|Smit|Meijer|de Boer|Mulder|de Groot|Bos|Vos
|Peters|Hendriks|van Leeuwen|Dekker|Brouwer|de Wit|Dijkstra|Smits|de Graaf|van der Meer|van der Linden|Kok|Jacobs|de Haan
|Vermeulen|van den Heuvel|van der Veen|van den Broek|de Bruijn|de Bruin|van der Heijden|Schouten|van Beek|Willems|van Vliet
|van de Ven|Hoekstra|Maas|Verhoeven|Koster|van Dam|van der Wal|Prins|Blom|Huisman|Peeters|de Jonge|Kuipers|van Veen|Post
|Kuiper|Veenstra|Kramer|van den Brink|Scholten|van Wijk|Postma|Martens|Vink|de Ridder|Jonker|van Rijn|Hermans|Evers
|D'Hondt|O'Connor|Müller|Öztürk|Yılmaz|Kaya|El Amrani|Bouzid|Nguyen|Tran|Smith|Jones|Williams|Taylor|Brown|Davies|Evans
|Wilson|Thomas|Johnson|Roberts|Walker|Wright|Robinson|Thompson|White|Hughes|Edwards|Green|Hall|Wood|Harris|Lewis|Martin
|Jackson|Clarke|Clark|Turner|Hill|Scott|Cooper|Morris|Ward|Moore|King|Watson|Baker|Harrison|Morgan|Patel|Young|Allen
|Mitchell|James|Anderson|Phillips|Lee|Bell|Parker|Davis|Dubois|Lambert|Fontaine|Mertens|Claes|Goossens|Wouters|De Smet
|Maes|Pauwels|Lemmens|Aerts|Michiels|Vandenberghe|Van Damme|Dupont|Leclercq|Lejeune|Renard|Simon|Laurent|Lefebvre`
    .split('|')
    .map((name) => name.trim());

const companies =
  `VoltPark|GreenFleet|Laadplein|ChargeHub|EnergieDirect|StroomNet|E-Mobility Partners|Snellaad|ParkCharge
|CityVolt|Fleetwise|WattNow|Ampère Logistics|Noord Energie|Zuid Mobiliteit|Oost Transport|West Laadpalen|Polder Power
|Delta Charge|Rijnmond Fleet|Utrecht Mobility|Amsterdam Volt|Rotterdam Charge|Haagse Stroom|Brabant Energie|Limburg Laad
|Friesland Fleet|Groningen Power|Zeeland Volt|Gelderse Stroom|Overijssel Charge|Drenthe Energy|Flevo Fleet|Veluwe Volt`
    .split('|')
    .map((name) => name.trim());

/** Customer `index` of the dataset: the same every run. */
const syntheticCustomer = (index: number, now: string): CustomerItem => {
  const hash = createHash('sha256').update(`bench-customer-${index}`).digest();
  const first = firstNames[hash.readUInt16BE(0) % firstNames.length] ?? 'Jan';
  const last = lastNames[hash.readUInt16BE(2) % lastNames.length] ?? 'Jansen';
  const company =
    hash[4] !== undefined && hash[4] < 180 ? companies[hash.readUInt16BE(5) % companies.length] : undefined;
  const customerId = `c${String(index).padStart(7, '0')}`;
  const email = `${first}.${last.replace(/[^A-Za-z]/g, '')}${index}@${(company ?? 'mail').replace(/[^A-Za-z]/g, '').toLowerCase()}.example`;
  return {
    customerId,
    email,
    emailKey: normalizeEmail(email),
    fullName: `${first} ${last}`,
    ...(company ? { companyName: `${company} B.V.` } : {}),
    locale: hash[7] !== undefined && hash[7] < 200 ? 'nl' : 'en',
    chargePointIds: [`NL-BEN-${String(index).padStart(6, '0')}`],
    privileged: false,
    createdAt: now,
    updatedAt: now,
    twoFactor: hash[8] !== undefined && hash[8] < 150 ? 'ENABLED' : 'DISABLED',
    version: 1,
  };
};

export interface SearchMeasurement {
  customers: number;
  searchItems: number;
  /** Seconds the load took in this run, or undefined when an earlier run's dataset was reused. */
  loadSeconds?: number;
  loadedAt: string;
  loadSecondsWhenBuilt: number;
  queries: {
    query: string;
    samples: number;
    hits: number;
    /** The DynamoDB calls one search made: Query pages, then one BatchGetItem. */
    calls: string[];
    handlerMs: { p50: number; p99: number };
    rawQueryMs: { p50: number; p99: number };
  }[];
}

type Handler = (
  event: APIGatewayProxyEventV2,
  context: ReturnType<typeof lambdaContext>,
) => Promise<APIGatewayProxyStructuredResultV2>;

const loadDataset = async (
  documents: DynamoDBDocumentClient,
  names: Record<TableKey, string>,
  customers: number,
  log: (line: string) => void,
) => {
  const now = new Date().toISOString();
  const started = performance.now();
  let searchItems = 0;
  const chunk = 1000;
  const chunks = Array.from({ length: Math.ceil(customers / chunk) }, (_, index) => index);
  await inPool(chunks, 6, async (chunkIndex) => {
    const puts: { table: string; item: Record<string, unknown> }[] = [];
    for (let index = chunkIndex * chunk; index < Math.min(customers, (chunkIndex + 1) * chunk); index += 1) {
      const customer = syntheticCustomer(index, now);
      puts.push({ table: names.customers, item: customer });
      // The same term items upsertCustomer writes for a new customer.
      for (const write of searchTermItems(undefined, customer)) {
        if (write.Put)
          puts.push({ table: names.customerSearch, item: write.Put.Item as Record<string, unknown> });
      }
    }
    searchItems += puts.filter((put) => put.table === names.customerSearch).length;
    for (let offset = 0; offset < puts.length; offset += 25) {
      let requestItems: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> = {};
      for (const put of puts.slice(offset, offset + 25))
        (requestItems[put.table] ??= []).push({ PutRequest: { Item: put.item } });
      for (let attempt = 0; Object.keys(requestItems).length > 0; attempt += 1) {
        if (attempt > 30) throw new Error('BatchWriteItem kept leaving items unprocessed');
        const result = await documents.send(new BatchWriteCommand({ RequestItems: requestItems }));
        requestItems = (result.UnprocessedItems ?? {}) as typeof requestItems;
        if (Object.keys(requestItems).length)
          await new Promise((done) => setTimeout(done, 25 * (attempt + 1)));
      }
    }
    if ((chunkIndex + 1) % 10 === 0)
      log(`    loaded ${((chunkIndex + 1) * chunk).toLocaleString('en')} customers`);
  });
  const loadSeconds = (performance.now() - started) / 1000;
  await documents.send(
    new PutCommand({
      TableName: names.customers,
      Item: {
        customerId: MARKER_ID,
        version: DATASET_VERSION,
        customers,
        searchItems,
        loadSeconds,
        loadedAt: now,
      },
    }),
  );
  return { loadSeconds, searchItems, loadedAt: now };
};

export const benchDataDir = () => join(repoRoot(), '.data', 'bench');

export const measureSearch = async (options: {
  customers: number;
  /** Load the dataset when it is missing; otherwise the section is skipped. */
  build: boolean;
  samples: number;
  log: (line: string) => void;
}): Promise<SearchMeasurement | { skipped: string }> => {
  const port = await freePort();
  const dynamodbProcess = await startDynamoDbLocal({ port, dataDir: join(benchDataDir(), 'dynamodb') });
  const endpoint = `http://127.0.0.1:${port}`;
  const raw = new DynamoDBClient({
    region: process.env.AWS_REGION ?? 'eu-west-1',
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const documents = DynamoDBDocumentClient.from(raw);
  const names = localTableNames(`search${options.customers}_`);
  const saved = { ...process.env };
  try {
    await createTables(raw, names);
    const marker = await raw.send(
      new GetItemCommand({
        TableName: names.customers,
        Key: { customerId: { S: MARKER_ID } },
        ConsistentRead: true,
      }),
    );
    let dataset: { loadSeconds: number; searchItems: number; loadedAt: string; loadedNow: boolean };
    if (
      marker.Item?.version?.N === String(DATASET_VERSION) &&
      marker.Item.customers?.N === String(options.customers)
    ) {
      dataset = {
        loadSeconds: Number(marker.Item.loadSeconds?.N),
        searchItems: Number(marker.Item.searchItems?.N),
        loadedAt: marker.Item.loadedAt?.S ?? '',
        loadedNow: false,
      };
      options.log(`  reusing ${options.customers.toLocaleString('en')} customers loaded ${dataset.loadedAt}`);
    } else if (!options.build) {
      return {
        skipped: `no ${options.customers.toLocaleString('en')}-customer dataset yet: run \`npm run bench -- --search\` once to load it into .data/bench`,
      };
    } else {
      options.log(
        `  loading ${options.customers.toLocaleString('en')} customers into .data/bench (BatchWriteItem)…`,
      );
      dataset = { ...(await loadDataset(documents, names, options.customers, options.log)), loadedNow: true };
      options.log(`  loaded in ${dataset.loadSeconds.toFixed(0)} s (${dataset.searchItems} search items)`);
    }

    // The handler talks to the dataset's DynamoDB Local and tables for this section.
    Object.assign(process.env, { DYNAMODB_ENDPOINT: endpoint, ...tableEnvironment(names) });
    resetConfigForTests();
    closeDynamoDb();
    const handler = await loadHandler<Handler>('adminApi');
    const recorder = recordCalls(dynamoDb());
    const route = findRoute('GET', '/admin/customers');
    const sample = syntheticCustomer(4242, '');
    const queries = ['vries', 'jan de vries', 'volt', sample.email];
    const results: SearchMeasurement['queries'] = [];
    for (const query of queries) {
      const terms = queryTerms(query);
      const driver = [...terms].sort((a, b) => b.length - a.length)[0] ?? '';
      const handlerMs: number[] = [];
      const rawMs: number[] = [];
      let hits = 0;
      let calls: string[] = [];
      for (let index = 0; index < options.samples + 10; index += 1) {
        const event = apiEvent(route, {
          caller: { kind: 'staff', sub: 'agent-bench', groups: ['helpdesk'] },
          query: { query },
        });
        recorder.start();
        const started = performance.now();
        const response = await handler(event, lambdaContext('adminApi'));
        const handled = performance.now();
        calls = recorder.stop().map((call) => call.operation);
        if (response.statusCode !== 200) throw new Error(`search ${query}: ${response.body ?? ''}`);
        hits = (JSON.parse(response.body ?? '{}') as { customers: unknown[] }).customers.length;
        // What a single page of the search costs on its own: the floor of any search.
        await raw.send(
          new QueryCommand({
            TableName: names.customerSearch,
            KeyConditionExpression: 'prefix = :prefix AND begins_with(term, :term)',
            ExpressionAttributeValues: { ':prefix': { S: termPrefix(driver) }, ':term': { S: driver } },
            // The handler's first page: 1000 terms when other words are matched in memory, else 100.
            Limit: terms.length > 1 ? 1000 : 100,
          }),
        );
        const rawDone = performance.now();
        if (index < 10) continue;
        handlerMs.push(handled - started);
        rawMs.push(rawDone - handled);
      }
      results.push({
        query,
        samples: options.samples,
        hits,
        calls,
        handlerMs: { p50: percentile(handlerMs, 50), p99: percentile(handlerMs, 99) },
        rawQueryMs: { p50: percentile(rawMs, 50), p99: percentile(rawMs, 99) },
      });
      options.log(
        `  "${query}": ${hits} hits, ${calls.length} calls, p50 ${percentile(handlerMs, 50).toFixed(1)} ms (one Query ${percentile(rawMs, 50).toFixed(1)}), p99 ${percentile(handlerMs, 99).toFixed(1)} ms (${percentile(rawMs, 99).toFixed(1)})`,
      );
    }
    return {
      customers: options.customers,
      searchItems: dataset.searchItems,
      ...(dataset.loadedNow ? { loadSeconds: dataset.loadSeconds } : {}),
      loadedAt: dataset.loadedAt,
      loadSecondsWhenBuilt: dataset.loadSeconds,
      queries: results,
    };
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    resetConfigForTests();
    closeDynamoDb();
    raw.destroy();
    await dynamodbProcess.stop();
  }
};
