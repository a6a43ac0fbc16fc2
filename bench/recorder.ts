// Records the DynamoDB calls a handler makes in-process (the low-level operation and its wire input),
// so the bench can count round trips and replay the unavoidable ones as the raw baseline.
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { SendEmailCommand, type SESClient } from '@aws-sdk/client-ses';

export type Operation =
  | 'GetItem'
  | 'Query'
  | 'BatchGetItem'
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'TransactWriteItems'
  | 'TransactGetItems'
  | 'BatchWriteItem'
  /** SES v1, the one non-DynamoDB call a route makes (the email code, the notifier's emails). */
  | 'SendEmail';

export interface RecordedCall {
  operation: Operation;
  /** The request as sent (AttributeValue form), deep-copied when the recording stops. */
  input: Record<string, unknown>;
  startedAt: number;
  endedAt: number;
}

const commandNamed = /^(\w+?)Command$/;

/** Anything with an SDK middleware stack: the document client (sharing its base client's), SES. */
interface RecordableClient {
  middlewareStack: { add(middleware: never, options: never): void };
}

/** Adds a recording middleware to SDK clients' stacks (a document client shares its base client's). */
export const recordCalls = (...clients: RecordableClient[]) => {
  let calls: RecordedCall[] = [];
  let enabled = false;
  const middleware =
    (next: (args: { input: unknown }) => Promise<unknown>, context: { commandName?: string }) =>
    async (args: { input: unknown }) => {
      if (!enabled) return next(args);
      const operation = commandNamed.exec(context.commandName ?? '')?.[1] as Operation | undefined;
      // A reference: cloning here (tens of µs for a transaction) would be counted as the handler's time
      // and CPU. stop() copies the inputs once the handler is done, before anything replays them.
      const call: RecordedCall = {
        operation: operation ?? ('Unknown' as Operation),
        input: args.input as Record<string, unknown>,
        startedAt: performance.now(),
        endedAt: Number.NaN,
      };
      calls.push(call);
      try {
        return await next(args);
      } finally {
        call.endedAt = performance.now();
      }
    };
  // After serialization: `input` is what went on the wire, in AttributeValue form.
  const options = { step: 'build', name: 'benchCallRecorder', override: true };
  for (const client of clients) client.middlewareStack.add(middleware as never, options as never);
  return {
    start() {
      calls = [];
      enabled = true;
    },
    stop(): RecordedCall[] {
      enabled = false;
      const taken = calls.map((call) => ({ ...call, input: structuredClone(call.input) }));
      calls = [];
      return taken;
    },
  };
};

/**
 * Round trips on the critical path: calls that overlap in time (Promise.all) count once. This is what
 * latency depends on; the call count is what DynamoDB bills.
 */
export const sequentialRoundTrips = (calls: RecordedCall[]) => {
  let trips = 0;
  let busyUntil = -Infinity;
  for (const call of [...calls].sort((a, b) => a.startedAt - b.startedAt)) {
    if (call.startedAt >= busyUntil) trips += 1;
    busyUntil = Math.max(busyUntil === -Infinity ? 0 : busyUntil, call.endedAt);
  }
  return trips;
};

// Conditions are dropped from replays: the raw baseline writes the same items whatever the state.
const withoutCondition = (input: Record<string, unknown>) => {
  const { ConditionExpression: _condition, ...rest } = input;
  return pruneExpressionNames(rest);
};

/** Drops placeholders no remaining expression uses (DynamoDB refuses unused names and values). */
const pruneExpressionNames = (input: Record<string, unknown>) => {
  const expressions = [
    'UpdateExpression',
    'ConditionExpression',
    'KeyConditionExpression',
    'FilterExpression',
    'ProjectionExpression',
  ]
    .map((key) => input[key])
    .filter((value): value is string => typeof value === 'string')
    .join(' ');
  const keep = (map: unknown) => {
    if (!map || typeof map !== 'object') return undefined;
    const kept = Object.fromEntries(
      Object.entries(map as Record<string, unknown>).filter(([name]) =>
        new RegExp(`${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9_])`).test(expressions),
      ),
    );
    return Object.keys(kept).length ? kept : undefined;
  };
  const names = keep(input.ExpressionAttributeNames);
  const values = keep(input.ExpressionAttributeValues);
  const { ExpressionAttributeNames: _n, ExpressionAttributeValues: _v, ...rest } = input;
  return {
    ...rest,
    ...(names ? { ExpressionAttributeNames: names } : {}),
    ...(values ? { ExpressionAttributeValues: values } : {}),
  };
};

const replayInput = (call: RecordedCall): Record<string, unknown> => {
  if (call.operation !== 'TransactWriteItems') return withoutCondition(call.input);
  const items = (call.input.TransactItems as Record<string, Record<string, unknown>>[]).flatMap((item) => {
    // A ConditionCheck writes nothing; without its condition it would be an empty check.
    if (item.ConditionCheck) return [];
    const [kind, body] = Object.entries(item)[0] as [string, Record<string, unknown>];
    return [{ [kind]: withoutCondition(body) }];
  });
  return { ...call.input, TransactItems: items };
};

/** The request to send for a recorded call: the same operation and input, minus its conditions. */
export const replayRequest = (call: RecordedCall) => ({
  operation: call.operation,
  input: call.operation === 'SendEmail' ? call.input : replayInput(call),
});

export type CallRecorder = ReturnType<typeof recordCalls>;

/** Sends the recorded call again with plain clients: the same request, minus its conditions. */
export const replay = async (clients: { dynamodb: DynamoDBClient; ses: SESClient }, call: RecordedCall) => {
  const client = clients.dynamodb;
  if (call.operation === 'SendEmail') return clients.ses.send(new SendEmailCommand(call.input as never));
  const input = replayInput(call) as never;
  switch (call.operation) {
    case 'GetItem':
      return client.send(new GetItemCommand(input));
    case 'Query':
      return client.send(new QueryCommand(input));
    case 'BatchGetItem':
      return client.send(new BatchGetItemCommand(input));
    case 'PutItem':
      return client.send(new PutItemCommand(input));
    case 'UpdateItem':
      return client.send(new UpdateItemCommand(input));
    case 'DeleteItem':
      return client.send(new DeleteItemCommand(input));
    case 'TransactWriteItems':
      return client.send(new TransactWriteItemsCommand(input));
    case 'TransactGetItems':
      return client.send(new TransactGetItemsCommand(input));
    case 'BatchWriteItem':
      return client.send(new BatchWriteItemCommand(input));
    default:
      throw new Error(`cannot replay ${String(call.operation)}`);
  }
};
