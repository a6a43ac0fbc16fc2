// Alarms on errors, throttles and dead letters, mailed to the operators through an encrypted SNS topic.
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { deadLetterQueue } from './dead-letter-queue';

export class Monitoring extends Construct {
  readonly topic: sns.Topic;

  constructor(
    scope: Construct,
    id: string,
    props: {
      alarmEmail: string;
      functions: Record<string, lambda.IFunction>;
      deadLetterQueues: sqs.IQueue[];
    },
  ) {
    super(scope, id);
    const key = new kms.Key(this, 'AlarmTopicKey', {
      enableKeyRotation: true,
      description: 'mfa-recovery alarm topic',
    });
    key.grantEncryptDecrypt(new iam.ServicePrincipal('cloudwatch.amazonaws.com'));
    this.topic = new sns.Topic(this, 'AlarmTopic', { masterKey: key, enforceSSL: true });
    const undeliveredAlarms = deadLetterQueue(this, 'UndeliveredAlarms', 'the alarm email subscription');
    this.topic.addSubscription(
      new subscriptions.EmailSubscription(props.alarmEmail, { deadLetterQueue: undeliveredAlarms }),
    );
    const notify = new actions.SnsAction(this.topic);

    for (const [name, fn] of Object.entries(props.functions)) {
      for (const [what, metric] of [
        ['Errors', fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' })],
        ['Throttles', fn.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' })],
      ] as const) {
        new cloudwatch.Alarm(this, `${name}${what}`, {
          alarmDescription: `${name}: ${what.toLowerCase()} in the last 5 minutes`,
          metric,
          threshold: 1,
          evaluationPeriods: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }).addAlarmAction(notify);
      }
    }
    props.deadLetterQueues.forEach((queue, index) => {
      new cloudwatch.Alarm(this, `DeadLetters${index}`, {
        alarmDescription:
          'A notification could not be delivered after all retries: look at the dead-letter queue',
        metric: queue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(1),
          statistic: 'Maximum',
        }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(notify);
    });
  }
}
