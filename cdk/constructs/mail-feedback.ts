// SES's bounce and complaint events back to us: the configuration set sends them to the account's
// default event bus (the only bus SES delivers to), a rule takes those of our configuration set to the
// function that declares mailFeedback (lib/routes/functions.ts), and what fails waits in a queue an
// alarm watches. Only `aws.ses` can put events with that source, and the rule is the function's only
// invoker (its resource policy names the rule).
import { Duration, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import {
  CONFIGURATION_SET_TAG,
  SES_EVENT_SOURCE,
  SES_FEEDBACK_DETAIL_TYPES,
} from '../../lib/bounces/ses-source';
import { functions, type FunctionDefinition, type FunctionName } from '../../lib/routes';
import type { AppFunctions } from './api';
import { deadLetterQueue, type WatchedDeadLetters } from './dead-letter-queue';
import type { Mail } from './mail';

export class MailFeedback extends Construct {
  readonly deadLetterQueues: WatchedDeadLetters[] = [];
  readonly rules: events.Rule[] = [];

  constructor(scope: Construct, id: string, props: { functions: AppFunctions; mail: Mail }) {
    super(scope, id);
    const receivers = (Object.keys(functions) as FunctionName[]).filter(
      (name) => (functions[name] as FunctionDefinition).mailFeedback,
    );
    if (receivers.length === 0) return;
    const configurationSetName = props.mail.configurationSet.configurationSetName;
    props.mail.configurationSet.addEventDestination('FeedbackToEventBridge', {
      destination: ses.EventDestination.eventBus(
        events.EventBus.fromEventBusName(this, 'DefaultBus', 'default'),
      ),
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
    });
    for (const name of receivers) {
      const fn = props.functions.byName[name];
      const alarmId = `${name}DeadLetters`;
      const deadLetters = deadLetterQueue(this, alarmId, 'the SES feedback rule and its function');
      this.deadLetterQueues.push({
        alarmId,
        queue: deadLetters,
        holds: `SES bounce and complaint events ${name} could not record after all retries (they name the recipient's address)`,
      });
      // EventBridge invokes asynchronously: Lambda's own retries, then the same queue.
      fn.configureAsyncInvoke({
        retryAttempts: 2,
        maxEventAge: Duration.hours(6),
        onFailure: new destinations.SqsDestination(deadLetters),
      });
      Validations.of(fn).acknowledge({
        id: 'Serverless-LambdaDLQ',
        reason:
          'Invoked asynchronously by EventBridge; failed invocations go to an SQS on-failure destination (EventInvokeConfig), which supersedes a function DLQ.',
      });
      this.rules.push(
        new events.Rule(this, `${name}Rule`, {
          description: 'SES bounces and complaints of this stack’s configuration set, back to the customer',
          eventPattern: {
            source: [SES_EVENT_SOURCE],
            detailType: Object.values(SES_FEEDBACK_DETAIL_TYPES),
            detail: { mail: { tags: { [CONFIGURATION_SET_TAG]: [configurationSetName] } } },
          },
          targets: [
            new targets.LambdaFunction(fn, {
              deadLetterQueue: deadLetters,
              retryAttempts: 8,
              maxEventAge: Duration.hours(24),
            }),
          ],
        }),
      );
    }
  }
}
