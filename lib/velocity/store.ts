// Velocity windows in DynamoDB: read them with a consistent read, claim a place in one inside the
// caller's own transaction (so a refused or failed act uses none), or count an act no limit refuses.
// A claim is conditional on nothing being counted since the read: of parallel claims one wins and the
// others read again, so a limit holds however many requests arrive at once.
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { commitWithAudit } from '../audit/store';
import { dynamoDb, tableName, type TransactItem } from '../aws/dynamodb';
import { countInWindow, expiryOf, windowItemIds, type WindowItem, type WindowRef } from './window';

/** What a decision read of one window: its count, and the versions a claim or guard holds it to. */
export interface WindowState {
  ref: WindowRef;
  now: Date;
  count: number;
  current: { counterId: string; version?: number };
  previous: { counterId: string; version?: number };
}

/** Another act was counted in a window after this request read it: plan again from a fresh read. */
export class WindowMoved extends Error {}

const MAX_ATTEMPTS = 12;

/** Reads the windows at `now` in one consistent BatchGetItem (two items each). */
export const readWindows = async <const Refs extends readonly WindowRef[]>(
  refs: Refs,
  now: Date,
): Promise<{ [K in keyof Refs]: WindowState }> => {
  const ids = refs.map((ref) => windowItemIds(ref, now));
  const table = tableName('velocity');
  const found = new Map<string, WindowItem>();
  let keys: Record<string, unknown>[] = [
    ...new Set(ids.flatMap(({ current, previous }) => [current, previous])),
  ].map((counterId) => ({ counterId }));
  while (keys.length > 0) {
    const result = await dynamoDb().send(
      new BatchGetCommand({
        RequestItems: {
          [table]: {
            Keys: keys,
            ConsistentRead: true,
            ProjectionExpression: 'counterId, times, #version',
            ExpressionAttributeNames: { '#version': 'version' },
          },
        },
      }),
    );
    for (const item of (result.Responses?.[table] ?? []) as WindowItem[]) found.set(item.counterId, item);
    keys = result.UnprocessedKeys?.[table]?.Keys ?? [];
  }
  return refs.map((ref): WindowState => {
    const { current, previous } = windowItemIds(ref, now);
    const items = [found.get(current), found.get(previous)];
    return {
      ref,
      now,
      count: items.reduce((sum, item) => sum + countInWindow(item?.times ?? [], now), 0),
      current: { counterId: current, version: found.get(current)?.version },
      previous: { counterId: previous, version: found.get(previous)?.version },
    };
  }) as { [K in keyof Refs]: WindowState };
};

const unchanged = (version: number | undefined) =>
  version === undefined
    ? { ConditionExpression: 'attribute_not_exists(counterId)' }
    : {
        ConditionExpression: '#version = :version',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':version': version },
      };

const guard = (counterId: string, version: number | undefined): TransactItem => ({
  ConditionCheck: { TableName: tableName('velocity'), Key: { counterId }, ...unchanged(version) },
});

const append = (counterId: string, now: Date) => ({
  TableName: tableName('velocity'),
  Key: { counterId },
  UpdateExpression:
    'SET times = list_append(if_not_exists(times, :none), :at), #version = if_not_exists(#version, :zero) + :one, expiresAtEpoch = :expires',
  ExpressionAttributeNames: { '#version': 'version' },
  ExpressionAttributeValues: {
    ':none': [],
    ':at': [now.getTime()],
    ':zero': 0,
    ':one': 1,
    ':expires': expiryOf(now),
  },
});

/** Holds the decision to the window as read: the transaction fails if anything was counted since. */
export const guardWrites = (state: WindowState): TransactItem[] => [
  guard(state.current.counterId, state.current.version),
  guard(state.previous.counterId, state.previous.version),
];

/** Counts this act in the window as read (the caller decided it still fits): conditional on both items. */
export const claimWrites = (state: WindowState): TransactItem[] => {
  const { ConditionExpression, ExpressionAttributeNames, ExpressionAttributeValues } = unchanged(
    state.current.version,
  );
  const update = append(state.current.counterId, state.now);
  return [
    {
      Update: {
        ...update,
        ConditionExpression,
        ExpressionAttributeNames: { ...update.ExpressionAttributeNames, ...ExpressionAttributeNames },
        ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ...ExpressionAttributeValues },
      },
    },
    guard(state.previous.counterId, state.previous.version),
  ];
};

/** Counts an act no limit refuses (an approved disable, a passed session): it still fills the window. */
export const countWrite = (ref: WindowRef, now: Date): TransactItem => ({
  Update: append(windowItemIds(ref, now).current, now),
});

/** True when a cancelled transaction failed on the window writes, which start at `from`. */
export const windowMoved = (reasons: readonly string[], from: number) =>
  reasons.slice(from).some((reason) => reason === 'ConditionalCheckFailed');

/** Runs `attempt` again (from a fresh read) while a window moved under it, a bounded number of times. */
const retryWhileWindowsMove = async <T>(attempt: () => Promise<T>): Promise<T> => {
  for (let round = 1; ; round += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof WindowMoved) || round >= MAX_ATTEMPTS) throw error;
      // Parallel claimants spread out, so each round one of them commits.
      await new Promise((done) => setTimeout(done, Math.random() * 25 * round));
    }
  }
};

/** commitWithAudit, planned again from fresh reads while a window moved under the plan. */
export const commitWithWindows: typeof commitWithAudit = (customerId, deps, plan) =>
  retryWhileWindowsMove(() => commitWithAudit(customerId, deps, plan));
