// Alarms on errors, throttles and dead letters, mailed to the operators through an encrypted SNS topic.
import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { deadLetterQueue, type WatchedDeadLetters } from './dead-letter-queue';
import { loginFunction } from './operations';
import { runbookAlarm } from './runbook-alarm';

/**
 * The operators' alarm topic: encrypted, TLS only, publishable by this account's CloudWatch alarms
 * alone, mailed to alarmEmail with a dead-letter queue for undeliverable mail. One per region: an
 * alarm acts only on a topic of its own region (the web ACL's alarm has one in us-east-1).
 */
export const alarmTopic = (scope: Construct, alarmEmail: string): sns.Topic => {
  const key = new kms.Key(scope, 'AlarmTopicKey', {
    enableKeyRotation: true,
    description: 'mfa-recovery alarm topic',
  });
  // What CloudWatch needs to publish to an encrypted topic (a data key per message), for this account only.
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'CloudWatchAlarmsEncrypt',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } },
    }),
  );
  const topic = new sns.Topic(scope, 'AlarmTopic', { masterKey: key, enforceSSL: true });
  // enforceSSL writes a topic policy, which replaces SNS's default one: without this statement nothing
  // may publish, and no alarm would ever reach anyone. Only this account's alarms may.
  topic.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'CloudWatchAlarmsPublish',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: {
        StringEquals: { 'aws:SourceAccount': Stack.of(scope).account },
        ArnLike: {
          'aws:SourceArn': Stack.of(scope).formatArn({
            service: 'cloudwatch',
            resource: 'alarm',
            resourceName: '*',
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        },
      },
    }),
  );
  const undeliveredAlarms = deadLetterQueue(scope, 'UndeliveredAlarms', 'the alarm email subscription');
  topic.addSubscription(
    new subscriptions.EmailSubscription(alarmEmail, { deadLetterQueue: undeliveredAlarms }),
  );
  return topic;
};

export class Monitoring extends Construct {
  readonly topic: sns.Topic;

  constructor(
    scope: Construct,
    id: string,
    props: {
      alarmEmail: string;
      functions: Record<string, lambda.IFunction>;
      deadLetterQueues: WatchedDeadLetters[];
    },
  ) {
    super(scope, id);
    this.topic = alarmTopic(this, props.alarmEmail);
    for (const [name, fn] of Object.entries(props.functions)) {
      for (const [what, metric] of [
        ['Errors', fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' })],
        // The login function's throttles page sooner, as LoginThrottles (cdk/constructs/operations.ts).
        ...(name === loginFunction
          ? []
          : ([
              ['Throttles', fn.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' })],
            ] as const)),
      ] as const) {
        runbookAlarm(this, `${name}${what}`, this.topic, {
          description: `${name}: ${what.toLowerCase()} in the last 5 minutes.`,
          metric,
          threshold: 1,
          runbook: 'FunctionErrorsAndThrottles',
        });
      }
    }
    const alarmIds = new Set<string>();
    for (const { alarmId, queue, holds } of props.deadLetterQueues) {
      if (alarmIds.has(alarmId)) throw new Error(`two dead-letter queues would share the alarm ${alarmId}`);
      alarmIds.add(alarmId);
      runbookAlarm(this, alarmId, this.topic, {
        description: `Dead letters in ${queue.node.path}: ${holds}.`,
        metric: queue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(1),
          statistic: 'Maximum',
        }),
        threshold: 1,
      });
    }
  }
}
