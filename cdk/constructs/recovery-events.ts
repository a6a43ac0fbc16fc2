// The recovery event bus: the OCSF events of every authentication-state change (lib/events/), an
// archive of 90 days, PutEvents for the event publisher alone, and the SIEM's rule.
import { Duration, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import { ARCHIVE_RETENTION_DAYS, EVENT_DETAIL_TYPE, EVENT_SOURCE } from '../../lib/events/envelope';
import { functionPermissions, functions, type FunctionName } from '../../lib/routes';
import type { AppFunctions } from './api';
import { deadLetterQueue, type WatchedDeadLetters } from './dead-letter-queue';

/** Every recovery event; the login service's own rule narrows it to MFA Factor Disable (README). */
export const recoveryEventPattern: events.EventPattern = {
  source: [EVENT_SOURCE],
  detailType: [EVENT_DETAIL_TYPE],
};

export class RecoveryEvents extends Construct {
  readonly bus: events.EventBus;
  readonly siemRule: events.Rule;
  readonly deadLetterQueues: WatchedDeadLetters[] = [];

  constructor(
    scope: Construct,
    id: string,
    props: {
      functions: AppFunctions;
      /** The SIEM's (or Security Lake's) event bus, often in another account; without it the rule waits disabled. */
      siemEventBusArn?: string;
    },
  ) {
    super(scope, id);
    this.bus = new events.EventBus(this, 'Bus', {
      description: 'mfa-recovery: OCSF Account Change events of customers’ authentication state',
    });
    this.bus.archive('Archive', {
      description: `Every recovery event, ${ARCHIVE_RETENTION_DAYS} days, for a replay to a consumer that missed them`,
      eventPattern: { source: [EVENT_SOURCE] },
      retention: Duration.days(ARCHIVE_RETENTION_DAYS),
    });
    // The variable and the grant together, from the route table: only a function that declares
    // publishEvents learns the bus and may put on it (the event publisher).
    for (const name of Object.keys(functions) as FunctionName[]) {
      if (!functionPermissions(name).services.includes('publishEvents')) continue;
      const fn = props.functions.byName[name];
      fn.addEnvironment('EVENT_BUS_NAME', this.bus.eventBusName);
      this.bus.grantPutEventsTo(fn);
    }

    // The template an operator points at the SIEM: the pattern is here; the target comes from
    // `-c siemEventBusArn`. Events that cannot be delivered wait in a queue an alarm watches.
    const siemTargets: events.IRuleTarget[] = [];
    if (props.siemEventBusArn) {
      const deadLetters = deadLetterQueue(this, 'siemRuleDeadLetters', 'the SIEM rule');
      this.deadLetterQueues.push({
        alarmId: 'siemRuleDeadLetters',
        queue: deadLetters,
        holds: 'recovery events the SIEM rule could not deliver to the SIEM bus (OCSF events: ids only)',
      });
      siemTargets.push(
        new targets.EventBus(events.EventBus.fromEventBusArn(this, 'SiemBus', props.siemEventBusArn), {
          deadLetterQueue: deadLetters,
        }),
      );
    }
    this.siemRule = new events.Rule(this, 'SiemRule', {
      eventBus: this.bus,
      description: 'Forwards every recovery event (OCSF Account Change) to the SIEM',
      eventPattern: recoveryEventPattern,
      enabled: siemTargets.length > 0,
      targets: siemTargets,
    });
    if (siemTargets.length === 0)
      Validations.of(this.siemRule).acknowledge({
        id: 'Serverless-EventBusDLQ',
        reason:
          'A disabled template without targets until -c siemEventBusArn; the target then gets a dead-letter queue.',
      });
  }
}
