// An encrypted SQS queue that holds what a Lambda could not process, 14 days, watched by an alarm.
import { Duration, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * A dead-letter queue as Monitoring alarms on it: the alarm id (`<function>DeadLetters`, stable by name)
 * and what a message in it is, for the alarm's description.
 */
export interface WatchedDeadLetters {
  alarmId: string;
  queue: sqs.IQueue;
  holds: string;
}

/** `heldFor` completes "This queue is itself the dead-letter destination of …" for the reviewers. */
export const deadLetterQueue = (scope: Construct, id: string, heldFor: string): sqs.Queue => {
  const queue = new sqs.Queue(scope, id, {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  Validations.of(queue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason: `This queue is itself the dead-letter destination of ${heldFor}; an alarm watches it.`,
  });
  Validations.of(queue).acknowledge({
    id: 'Serverless-SQSRedrivePolicy',
    reason: 'A dead-letter queue has no redrive target of its own; messages stay 14 days and raise an alarm.',
  });
  return queue;
};
