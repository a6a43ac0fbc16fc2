// The baseline handlers' one job: send the DynamoDB requests the real function made on its first
// event (recorded by the bench, conditions removed), with the low-level client and nothing else.
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface ReplayRequest {
  operation: string;
  input: Record<string, unknown>;
}

export interface BaselineEvent {
  calls: ReplayRequest[];
}

let client: DynamoDBClient | undefined;

/**
 * Created on first use and configured as lib/aws/dynamodb.ts does it, document client included (every
 * function talks to DynamoDB through it); the recorded requests are already marshalled, so they go
 * through the base client.
 */
export const dynamodbClient = (): DynamoDBClient => {
  if (!client) {
    client = new DynamoDBClient({
      region: process.env.AWS_REGION,
      ...(process.env.DYNAMODB_ENDPOINT
        ? {
            endpoint: process.env.DYNAMODB_ENDPOINT,
            credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          }
        : {}),
      maxAttempts: 3,
    });
    DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    });
  }
  return client;
};

const commandFor = (request: ReplayRequest) => {
  const input = request.input as never;
  switch (request.operation) {
    case 'GetItem':
      return new GetItemCommand(input);
    case 'Query':
      return new QueryCommand(input);
    case 'BatchGetItem':
      return new BatchGetItemCommand(input);
    case 'PutItem':
      return new PutItemCommand(input);
    case 'UpdateItem':
      return new UpdateItemCommand(input);
    case 'DeleteItem':
      return new DeleteItemCommand(input);
    case 'TransactWriteItems':
      return new TransactWriteItemsCommand(input);
    case 'TransactGetItems':
      return new TransactGetItemsCommand(input);
    case 'BatchWriteItem':
      return new BatchWriteItemCommand(input);
    default:
      return undefined;
  }
};

/** Sends the DynamoDB requests in order; hands anything else (an email) to `other`. */
export const sendAll = async (
  calls: ReplayRequest[],
  other: (request: ReplayRequest) => Promise<unknown> = async (request) => {
    throw new Error(`this baseline cannot send ${request.operation}`);
  },
) => {
  for (const request of calls) {
    const command = commandFor(request);
    if (command) await dynamodbClient().send(command as never);
    else await other(request);
  }
};

export const ok = { statusCode: 200, body: '{}' };
