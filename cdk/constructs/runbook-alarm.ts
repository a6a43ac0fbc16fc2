// One way to make an alarm: named after its id (the mail's subject says which alarm), mailed to the
// operators, and linked to its section of docs/operations.md, which test/infra/runbook.test.ts checks
// for every alarm of the template.
import { Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';

export const RUNBOOK = 'docs/operations.md';

/** The link every alarm description ends with; the anchor is the section heading in lower case. */
export const runbookLink = (section: string) => `Runbook: ${RUNBOOK}#${section.toLowerCase()}`;

export interface RunbookAlarmOptions {
  description: string;
  metric: cloudwatch.IMetric;
  threshold: number;
  evaluationPeriods?: number;
  comparison?: cloudwatch.ComparisonOperator;
  /** No data is quiet by default; an alarm on something that must happen says `BREACHING`. */
  treatMissingData?: cloudwatch.TreatMissingData;
  /** The runbook section, when several alarms share one (the section names each of them). */
  runbook?: string;
}

export const runbookAlarm = (
  scope: Construct,
  id: string,
  topic: sns.ITopic,
  options: RunbookAlarmOptions,
): cloudwatch.Alarm => {
  const alarm = new cloudwatch.Alarm(scope, id, {
    alarmName: `${Stack.of(scope).stackName}-${id}`,
    alarmDescription: `${options.description} ${runbookLink(options.runbook ?? id)}`,
    metric: options.metric,
    threshold: options.threshold,
    evaluationPeriods: options.evaluationPeriods ?? 1,
    comparisonOperator:
      options.comparison ?? cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: options.treatMissingData ?? cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  alarm.addAlarmAction(new actions.SnsAction(topic));
  return alarm;
};
