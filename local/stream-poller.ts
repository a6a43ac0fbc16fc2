// Plays Lambda's DynamoDB event source mapping for the local stack: reads each stream shard in order,
// invokes the consumer with batches, retries and bisects failing batches, and parks what still fails
// in a dead-letter file, as the SQS on-failure destination does in AWS.
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  TrimmedDataAccessException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { functions, type FunctionDefinition, type FunctionName } from '../lib/routes';
import type { TableKey } from '../lib/data/tables';
import { lambdaContext } from './lambda-context';
import { invokeAs } from './table-grants';

type StreamHandler = (
  event: DynamoDBStreamEvent,
  context: ReturnType<typeof lambdaContext>,
) => Promise<DynamoDBBatchResponse | void>;

export interface StreamPollerOptions {
  dynamodb: DynamoDBClient;
  endpoint: string;
  region: string;
  tableNames: Record<TableKey, string>;
  loadHandler: (name: FunctionName) => Promise<StreamHandler>;
  /** Where checkpoints and dead letters are kept; in memory when absent. */
  stateDir?: string;
  intervalMs?: number;
  log?: (line: string) => void;
  /** Base delay between retries of a failing batch; Lambda backs off exponentially too. */
  retryBaseMs?: number;
  /** Tests: records for which this returns true never reach the consumer, as if the stream lost them. */
  dropRecord?: (record: DynamoDBRecord, consumer: FunctionName) => boolean;
}

interface ShardState {
  iterator?: string;
  lastSequenceNumber?: string;
  closed: boolean;
}

const toLambdaRecord = (record: StreamRecord, streamArn: string): DynamoDBRecord => {
  const image = record.dynamodb ?? {};
  const created = image.ApproximateCreationDateTime;
  return {
    eventID: record.eventID,
    eventName: record.eventName as DynamoDBRecord['eventName'],
    eventVersion: record.eventVersion,
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion,
    eventSourceARN: streamArn,
    dynamodb: {
      ...(image as unknown as NonNullable<DynamoDBRecord['dynamodb']>),
      ApproximateCreationDateTime:
        created instanceof Date ? Math.floor(created.getTime() / 1000) : (created as number | undefined),
    },
  };
};

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export class StreamPoller {
  private readonly streams: DynamoDBStreamsClient;
  private readonly shards = new Map<string, ShardState>();
  private readonly checkpointFile?: string;
  private readonly deadLetterFile?: string;
  private running = false;
  private loop?: Promise<void>;
  private idleWaiters: (() => void)[] = [];
  readonly deadLetters: DynamoDBRecord[] = [];

  constructor(private readonly options: StreamPollerOptions) {
    this.streams = new DynamoDBStreamsClient({
      region: options.region,
      endpoint: options.endpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    if (options.stateDir) {
      this.checkpointFile = `${options.stateDir}/stream-checkpoints.json`;
      this.deadLetterFile = `${options.stateDir}/stream-dead-letters.jsonl`;
      mkdirSync(dirname(this.checkpointFile), { recursive: true });
      if (existsSync(this.checkpointFile)) {
        const saved = JSON.parse(readFileSync(this.checkpointFile, 'utf8')) as Record<string, string>;
        for (const [shardKey, lastSequenceNumber] of Object.entries(saved))
          this.shards.set(shardKey, { lastSequenceNumber, closed: false });
      }
    }
  }

  private consumers() {
    return (Object.entries(functions) as [FunctionName, FunctionDefinition][]).flatMap(
      ([name, definition]) => (definition.streamSource ? [{ name, source: definition.streamSource }] : []),
    );
  }

  start() {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        let delivered = 0;
        try {
          for (const consumer of this.consumers())
            delivered += await this.pollConsumer(consumer.name, consumer.source);
        } catch (error) {
          this.options.log?.(
            `stream poller: ${error instanceof Error ? error.message : String(error)} (will retry)`,
          );
        }
        if (delivered === 0) {
          for (const waiter of this.idleWaiters.splice(0)) waiter();
          await sleep(this.options.intervalMs ?? 200);
        }
      }
    })();
  }

  /** Resolves once every record written so far has been delivered (or dead-lettered). */
  async drain(timeoutMs = 20000) {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('stream poller did not drain in time')), timeoutMs);
    });
    try {
      await Promise.race([new Promise<void>((done) => this.idleWaiters.push(done)), deadline]);
      // One more full pass so records written just before drain() was called are included.
      await Promise.race([new Promise<void>((done) => this.idleWaiters.push(done)), deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  async stop() {
    this.running = false;
    await this.loop;
  }

  private saveCheckpoints() {
    if (!this.checkpointFile) return;
    const saved: Record<string, string> = {};
    for (const [key, state] of this.shards)
      if (state.lastSequenceNumber) saved[key] = state.lastSequenceNumber;
    writeFileSync(this.checkpointFile, JSON.stringify(saved));
  }

  private async pollConsumer(
    name: FunctionName,
    source: NonNullable<FunctionDefinition['streamSource']>,
  ): Promise<number> {
    const tableName = this.options.tableNames[source.table];
    const table = await this.options.dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
    const streamArn = table.Table?.LatestStreamArn;
    if (!streamArn) return 0;
    const description = await this.streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    let delivered = 0;
    for (const shard of description.StreamDescription?.Shards ?? []) {
      if (!shard.ShardId) continue;
      const key = `${name}|${streamArn}|${shard.ShardId}`;
      let state = this.shards.get(key);
      if (!state) {
        state = { closed: false };
        this.shards.set(key, state);
      }
      if (state.closed) continue;
      if (!state.iterator) {
        const iterator = await this.streams.send(
          new GetShardIteratorCommand({
            StreamArn: streamArn,
            ShardId: shard.ShardId,
            ...(state.lastSequenceNumber
              ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: state.lastSequenceNumber }
              : { ShardIteratorType: 'TRIM_HORIZON' }),
          }),
        );
        state.iterator = iterator.ShardIterator;
      }
      if (!state.iterator) continue;
      let page;
      try {
        page = await this.streams.send(
          new GetRecordsCommand({ ShardIterator: state.iterator, Limit: source.batchSize }),
        );
      } catch (error) {
        // An iterator that expired, or that DynamoDB Local no longer serves: ask for a fresh one.
        if (error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException) {
          state.iterator = undefined;
          continue;
        }
        throw error;
      }
      const read = (page.Records ?? []).map((record) => toLambdaRecord(record, streamArn));
      const records = read.filter((record) => !this.options.dropRecord?.(record, name));
      if (records.length) {
        const handler = await this.options.loadHandler(name);
        await this.deliver(name, handler, records, source);
      }
      if (read.length) {
        delivered += read.length;
        state.lastSequenceNumber =
          read[read.length - 1]?.dynamodb?.SequenceNumber ?? state.lastSequenceNumber;
        this.saveCheckpoints();
      }
      state.iterator = page.NextShardIterator;
      if (!page.NextShardIterator) state.closed = true;
    }
    return delivered;
  }

  /** Lambda's retry semantics: whole-batch retries, bisection on error, then the failure destination. */
  private async deliver(
    name: FunctionName,
    handler: StreamHandler,
    records: DynamoDBRecord[],
    source: NonNullable<FunctionDefinition['streamSource']>,
  ): Promise<void> {
    let pending = records;
    for (let attempt = 0; attempt <= source.maximumRetryAttempts; attempt += 1) {
      let failedFrom: number | undefined;
      try {
        const response = await invokeAs(name, () => handler({ Records: pending }, lambdaContext(name)));
        const failures = response?.batchItemFailures ?? [];
        if (failures.length === 0) return;
        // ReportBatchItemFailures: Lambda retries from the lowest failed sequence number on.
        const failedIds = new Set(failures.map((failure) => failure.itemIdentifier));
        failedFrom = pending.findIndex((record) => failedIds.has(record.dynamodb?.SequenceNumber ?? ''));
      } catch (error) {
        this.options.log?.(
          `${name}: batch of ${pending.length} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
        if (source.bisectBatchOnFunctionError && pending.length > 1) {
          const middle = Math.ceil(pending.length / 2);
          await this.deliver(name, handler, pending.slice(0, middle), source);
          await this.deliver(name, handler, pending.slice(middle), source);
          return;
        }
      }
      if (failedFrom !== undefined && failedFrom > 0) pending = pending.slice(failedFrom);
      await sleep((this.options.retryBaseMs ?? 200) * 2 ** Math.min(attempt, 5));
    }
    for (const record of pending) {
      this.deadLetters.push(record);
      if (this.deadLetterFile) appendFileSync(this.deadLetterFile, `${JSON.stringify(record)}\n`);
      this.options.log?.(
        `${name}: record ${record.dynamodb?.SequenceNumber ?? '?'} sent to the dead-letter file after ${source.maximumRetryAttempts} retries`,
      );
    }
  }
}
