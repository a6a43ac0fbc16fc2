// IAM's table grants, enforced in the local stack: while a function's handler runs, each DynamoDB call it
// makes is checked against the access its routes and definition declare (lib/routes functionPermissions),
// with the actions the CDK stack grants (lib/routes/table-actions.ts). A route that forgets a grant then
// fails its tests with AccessDeniedException, as it would fail in AWS, instead of passing locally.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../lib/config';
import type { TableKey } from '../lib/data/tables';
import { setUpDynamoDbClient } from '../lib/aws/dynamodb';
import { functionPermissions, tableActions, type FunctionName, type TableAction } from '../lib/routes';

const runningFunction = new AsyncLocalStorage<FunctionName>();

/** Runs a handler invocation as `name`: its DynamoDB calls are held to that function's grants. */
export const invokeAs = <T>(name: FunctionName, invocation: () => Promise<T>): Promise<T> =>
  runningFunction.run(name, invocation);

interface TableCall {
  action: TableAction;
  tableName: string;
}

type TransactEntry = Partial<
  Record<'Put' | 'Update' | 'Delete' | 'ConditionCheck' | 'Get', { TableName?: string }>
>;

const transactActions = {
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  ConditionCheck: 'ConditionCheckItem',
  Get: 'GetItem',
} as const satisfies Record<keyof TransactEntry, TableAction>;

const singleItemActions: Record<string, TableAction> = {
  GetItemCommand: 'GetItem',
  PutItemCommand: 'PutItem',
  UpdateItemCommand: 'UpdateItem',
  DeleteItemCommand: 'DeleteItem',
  QueryCommand: 'Query',
};

/** The table actions one command needs, as IAM evaluates them (a transaction: each of its items). */
export const tableCallsOf = (
  commandName: string,
  input: Record<string, unknown>,
): TableCall[] | 'refused' => {
  const single = singleItemActions[commandName];
  if (single) return [{ action: single, tableName: String(input.TableName) }];
  if (commandName === 'BatchGetItemCommand')
    return Object.keys((input.RequestItems as object | undefined) ?? {}).map((tableName) => ({
      action: 'BatchGetItem',
      tableName,
    }));
  if (commandName === 'TransactWriteItemsCommand' || commandName === 'TransactGetItemsCommand')
    return ((input.TransactItems as TransactEntry[] | undefined) ?? []).flatMap((entry) =>
      (Object.keys(transactActions) as (keyof TransactEntry)[])
        .filter((kind) => entry[kind])
        .map((kind) => ({ action: transactActions[kind], tableName: String(entry[kind]?.TableName) })),
    );
  // No access level grants these (Scan, BatchWriteItem, PartiQL): refused like IAM would.
  if (
    /^(Scan|BatchWriteItem|ExecuteStatement|BatchExecuteStatement|ExecuteTransaction)Command$/.test(
      commandName,
    )
  )
    return 'refused';
  // Control-plane calls (exports, DescribeTable) are granted as services, not per table.
  return [];
};

/** Why `name` may not make this call, or undefined when its grants allow it. */
export const grantRefusal = (
  name: FunctionName,
  commandName: string,
  input: Record<string, unknown>,
): string | undefined => {
  const calls = tableCallsOf(commandName, input);
  if (calls === 'refused') return `${name} is granted ${commandName.replace(/Command$/, '')} on no table`;
  const { tableNames } = config();
  const keyOf = new Map(Object.entries(tableNames).map(([key, tableName]) => [tableName, key as TableKey]));
  const granted = functionPermissions(name).tables;
  for (const call of calls) {
    const key = keyOf.get(call.tableName);
    const access = key ? granted[key] : undefined;
    if (!access || !tableActions[access].includes(call.action))
      return `${name} may not ${call.action} on ${key ?? call.tableName} (granted: ${access ?? 'nothing'})`;
  }
  return undefined;
};

class AccessDeniedException extends Error {
  override readonly name = 'AccessDeniedException';
  readonly $fault = 'client';
  readonly $metadata = { httpStatusCode: 400 };
}

const checkGrants = (client: DynamoDBDocumentClient) =>
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = runningFunction.getStore();
      if (name) {
        const refusal = grantRefusal(name, context.commandName ?? '', args.input as Record<string, unknown>);
        if (refusal) {
          process.stderr.write(`local IAM: ${refusal}\n`);
          throw new AccessDeniedException(`local IAM: ${refusal}`);
        }
      }
      return next(args);
    },
    { step: 'initialize', name: 'localTableGrants', override: true },
  );

let enforcing = false;

/** From now on, every function invoked through `invokeAs` is held to its grants. */
export const enforceTableGrants = () => {
  if (enforcing) return;
  enforcing = true;
  setUpDynamoDbClient(checkGrants);
};
