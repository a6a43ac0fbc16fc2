// Stream consumers (the notifier): Lambda's event source mapping with retries, bisect-on-error,
// partial batch responses and an encrypted SQS dead-letter queue for what still fails.
import { Duration, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { TableKey } from '../../lib/data/tables';
import { functions, type FunctionDefinition, type FunctionName } from '../../lib/routes';
import type { AppFunctions } from './api';

export class StreamConsumers extends Construct {
  readonly deadLetterQueues: sqs.Queue[] = [];

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
      const deadLetters = new sqs.Queue(this, `${name}DeadLetters`, {
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      Validations.of(deadLetters).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason:
          'This queue is itself the dead-letter destination of the stream consumer; an alarm watches it.',
      });
      Validations.of(deadLetters).acknowledge({
        id: 'Serverless-SQSRedrivePolicy',
        reason:
          'A dead-letter queue has no redrive target of its own; messages stay 14 days and raise an alarm.',
      });
      this.deadLetterQueues.push(deadLetters);
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
