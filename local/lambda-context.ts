// A Lambda context object for handlers invoked in-process by the local stack and the bench.
import type { Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { functions, type FunctionName } from '../lib/routes';

export const lambdaContext = (functionName: FunctionName): Context => {
  const definition = functions[functionName];
  const deadline = Date.now() + definition.timeoutSeconds * 1000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:000000000000:function:${functionName}`,
    memoryLimitInMB: String(definition.memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
};
