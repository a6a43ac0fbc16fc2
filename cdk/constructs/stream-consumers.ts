// Stream consumers (the notifier): Lambda's event source mapping with retries, bisect-on-error,
// partial batch responses and an encrypted SQS dead-letter queue for what still fails.
import { Duration } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
import { deadLetterQueue, type WatchedDeadLetters } from './dead-letter-queue';
import type { TableKey } from '../../lib/data/tables';
import { functions, type FunctionDefinition, type FunctionName } from '../../lib/routes';
import type { AppFunctions } from './api';

export class StreamConsumers extends Construct {
  readonly deadLetterQueues: WatchedDeadLetters[] = [];

  constructor(
    scope: Construct,
    id: string,
    props: { tables: Record<TableKey, dynamodb.ITableV2>; functions: AppFunctions },
  ) {
    super(scope, id);
    for (const name of Object.keys(functions) as FunctionName[]) {
      const definition: FunctionDefinition = functions[name];
      const source = definition.streamSource;
      if (!source) continue;
      const deadLetters = deadLetterQueue(this, `${name}DeadLetters`, 'the stream consumer');
      this.deadLetterQueues.push({
        alarmId: `${name}DeadLetters`,
        queue: deadLetters,
        holds: `${source.table} stream batches ${name} failed after all retries (shard and sequence numbers only)`,
      });
      props.functions.byName[name].addEventSource(
        new DynamoEventSource(props.tables[source.table], {
          startingPosition: lambda.StartingPosition.TRIM_HORIZON,
          batchSize: source.batchSize,
          retryAttempts: source.maximumRetryAttempts,
          bisectBatchOnError: source.bisectBatchOnFunctionError,
          reportBatchItemFailures: true,
          maxRecordAge: Duration.hours(24),
          onFailure: new SqsDlq(deadLetters),
        }),
      );
    }
  }
}
