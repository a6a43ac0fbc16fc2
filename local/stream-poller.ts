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
  /**
   * The wait between passes that found nothing grows from intervalMs up to this (default: intervalMs,
   * no growth); a delivery, nudge() and drain() bring it back. Each empty GetRecords costs DynamoDB Local
   * about 10 ms of CPU, which the test run's stacks otherwise spend five times a second each while idle.
   */
  idleMaxIntervalMs?: number;
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

/** How long a pass trusts the last description of a table's stream (its shards). */
const SHARD_REFRESH_MS = 10_000;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export class StreamPoller {
  private readonly streams: DynamoDBStreamsClient;
  private readonly shards = new Map<string, ShardState>();
  /**
   * Each table's stream and its shards, as last described: a pass reads the records of the shards it
   * knows (a GetRecords each) instead of describing the table and the stream for each consumer. They
   * are described again when a shard closes, every SHARD_REFRESH_MS, on any error, and on drain()'s
   * passes, so a drain still sees every shard there is.
   */
  private readonly described = new Map<string, { streamArn: string; shardIds: string[]; at: number }>();
  private describeAgain = false;
  private readonly checkpointFile?: string;
  private readonly deadLetterFile?: string;
  private running = false;
  private loop?: Promise<void>;
  private idleWaiters: (() => void)[] = [];
  /** Ends the wait between idle passes: drain() asks for its passes now, not after the interval. */
  private wake?: () => void;
  /** Ends the wait between idle passes once intervalMs has passed since the last one (nudge()). */
  private nudged?: () => void;
  private nudgeAsked = false;
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
    const interval = this.options.intervalMs ?? 200;
    this.loop = (async () => {
      let wait = interval;
      while (this.running) {
        let delivered = 0;
        this.nudgeAsked = false;
        // A drain's pass (or one after a shard closed) describes the streams again, once per table.
        const describedSince = this.describeAgain ? performance.now() : 0;
        this.describeAgain = false;
        try {
          for (const consumer of this.consumers())
            delivered += await this.pollConsumer(consumer.name, consumer.source, describedSince);
        } catch (error) {
          this.options.log?.(
            `stream poller: ${error instanceof Error ? error.message : String(error)} (will retry)`,
          );
        }
        if (delivered > 0 || this.nudgeAsked) wait = interval;
        if (delivered === 0) {
          for (const waiter of this.idleWaiters.splice(0)) waiter();
          const idleSince = performance.now();
          const woken = await new Promise<boolean>((done) => {
            let timer = setTimeout(() => done(false), wait);
            this.wake = () => {
              clearTimeout(timer);
              done(true);
            };
            // Not sooner than intervalMs after the last pass: a busy API nudges with every request.
            this.nudged = () => {
              clearTimeout(timer);
              timer = setTimeout(() => done(true), Math.max(0, idleSince + interval - performance.now()));
            };
          });
          this.wake = undefined;
          this.nudged = undefined;
          wait = woken ? interval : Math.min(wait * 2, this.options.idleMaxIntervalMs ?? interval);
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
      await Promise.race([this.idlePass(), deadline]);
      // One more full pass so records written just before drain() was called are included.
      await Promise.race([this.idlePass(), deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Something may have been written (the local API answered a request): the next pass comes within intervalMs. */
  nudge() {
    this.nudgeAsked = true;
    this.nudged?.();
  }

  /** The end of the next pass that finds nothing to deliver; a loop waiting for its interval starts it now. */
  private idlePass() {
    const idle = new Promise<void>((done) => this.idleWaiters.push(done));
    this.describeAgain = true;
    this.wake?.();
    return idle;
  }

  async stop() {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private saveCheckpoints() {
    if (!this.checkpointFile) return;
    const saved: Record<string, string> = {};
    for (const [key, state] of this.shards)
      if (state.lastSequenceNumber) saved[key] = state.lastSequenceNumber;
    writeFileSync(this.checkpointFile, JSON.stringify(saved));
  }

  /** The table's stream and its shard ids, described at `since` or later (and within SHARD_REFRESH_MS). */
  private async streamOf(tableName: string, since: number) {
    const known = this.described.get(tableName);
    if (known && known.at >= since && performance.now() - known.at < SHARD_REFRESH_MS) return known;
    const table = await this.options.dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
    const streamArn = table.Table?.LatestStreamArn;
    if (!streamArn) return undefined;
    const description = await this.streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    const shardIds = (description.StreamDescription?.Shards ?? []).flatMap((shard) =>
      shard.ShardId ? [shard.ShardId] : [],
    );
    const fresh = { streamArn, shardIds, at: performance.now() };
    this.described.set(tableName, fresh);
    return fresh;
  }

  private async pollConsumer(
    name: FunctionName,
    source: NonNullable<FunctionDefinition['streamSource']>,
    describedSince: number,
  ): Promise<number> {
    const tableName = this.options.tableNames[source.table];
    try {
      const stream = await this.streamOf(tableName, describedSince);
      if (!stream) return 0;
      return await this.pollShards(name, source, stream.streamArn, stream.shardIds);
    } catch (error) {
      this.described.delete(tableName);
      throw error;
    }
  }

  private async pollShards(
    name: FunctionName,
    source: NonNullable<FunctionDefinition['streamSource']>,
    streamArn: string,
    shardIds: string[],
  ): Promise<number> {
    let delivered = 0;
    for (const shardId of shardIds) {
      const key = `${name}|${streamArn}|${shardId}`;
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
            ShardId: shardId,
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
      if (!page.NextShardIterator) {
        state.closed = true;
        // Its children, if any, are found by describing the stream again.
        this.describeAgain = true;
      }
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
