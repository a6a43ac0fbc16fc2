// The on-call page matches the template: every alarm the stack deploys, from any construct, links to
// its section of docs/operations.md, that section names it, and every section there is some alarm's.
// And what only an alarm reads is paid for only where an alarm reads it (detailed route metrics).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../tooling/repo-root';
import { functions, routes, type FunctionDefinition } from '../../lib/routes';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { EdgeWafStack } from '../../cdk/constructs/edge';
import { sharedStack, type Resource } from './synth';

let ofType: (type: string) => [string, Resource][];
let resources: Record<string, Resource>;
/** The web ACL's stack (us-east-1) has alarms of its own; named like the main stack's here. */
let edgeAlarms: [string, Resource][];

beforeAll(() => {
  const edge = new EdgeWafStack(new App(), 'SiemStack', {
    env: { region: 'us-east-1', account: '123456789012' },
    protectedStack: 'SiemStack',
    protectedRegion: 'eu-west-1',
    alarmEmail: 'ops@example.com',
  });
  edgeAlarms = Object.entries(Template.fromStack(edge).toJSON().Resources as Record<string, Resource>).filter(
    ([, resource]) => resource.Type === 'AWS::CloudWatch::Alarm',
  );
  // With a SIEM bus, so the alarm on the SIEM rule's dead letters (only then created) is checked too.
  ({ ofType, resources } = sharedStack('siem'));
}, 180000);

const runbook = readFileSync(join(repoRoot(), 'docs', 'operations.md'), 'utf8');

/** Alarm sections: every `###` heading, with its text up to the next heading of any level. */
const sections = new Map(
  [...runbook.matchAll(/^### (.+)\n([\s\S]*?)(?=^#{1,3} |(?![\s\S]))/gm)].map((match) => [
    match[1]!.toLowerCase().replace(/[^a-z0-9]/g, ''),
    `${match[1]}\n${match[2]}`,
  ]),
);

/** Each alarm by the id it is named after (`<stack>-<id>`), with the section its description links. */
const alarms = () =>
  [...ofType('AWS::CloudWatch::Alarm'), ...edgeAlarms].map(([logicalId, alarm]) => {
    const name = String(alarm.Properties.AlarmName ?? '');
    const description = String(alarm.Properties.AlarmDescription ?? '');
    return {
      logicalId,
      id: name.replace(/^SiemStack-/, ''),
      name,
      description,
      anchor: /Runbook: docs\/operations\.md#([a-z0-9]+)$/.exec(description)?.[1],
      properties: alarm.Properties,
    };
  });

describe('every alarm has its runbook section, one to one', () => {
  it('every alarm of the template is named after its id and links a section that exists', () => {
    const all = alarms();
    expect(all.length).toBeGreaterThanOrEqual(40);
    // The web ACL's alarm (its own stack, us-east-1) and the bounced reset mail's are among them.
    expect(all.map((alarm) => alarm.id)).toEqual(
      expect.arrayContaining(['WafBlockRate', 'ResetEmailBounced']),
    );
    for (const alarm of all) {
      expect({ alarm: alarm.logicalId, name: alarm.name }).toEqual({
        alarm: alarm.logicalId,
        name: expect.stringMatching(/^SiemStack-[A-Za-z0-9]+$/),
      });
      expect({ alarm: alarm.id, anchor: alarm.anchor }).toEqual({
        alarm: alarm.id,
        anchor: expect.any(String),
      });
      expect({ alarm: alarm.id, section: sections.has(alarm.anchor!) }).toEqual({
        alarm: alarm.id,
        section: true,
      });
    }
  });

  it('the linked section names the alarm, so an alarm sharing a section is still found by its name', () => {
    for (const alarm of alarms()) {
      const section = sections.get(alarm.anchor ?? '') ?? '';
      const named = section.split('\n')[0] === alarm.id || section.includes(`\`${alarm.id}\``);
      expect({ alarm: alarm.id, namedInItsSection: named }).toEqual({
        alarm: alarm.id,
        namedInItsSection: true,
      });
    }
  });

  it('every section of the runbook belongs to an alarm that links it', () => {
    const linked = new Set(alarms().map((alarm) => alarm.anchor));
    expect([...sections.keys()].filter((anchor) => !linked.has(anchor))).toEqual([]);
  });

  it('the dead-letter alarms are named by their function and say which queue and what it holds', () => {
    const deadLetters = alarms().filter((alarm) => alarm.id.endsWith('DeadLetters'));
    const expected = (Object.keys(functions) as (keyof typeof functions)[])
      .filter((name) => {
        const definition: FunctionDefinition = functions[name];
        return definition.streamSource || definition.schedules?.length || definition.mailFeedback;
      })
      .map((name) => `${name}DeadLetters`)
      .sort();
    // A function both scheduled and fed by a stream has two queues: the schedule's is named so.
    const scheduledToo = (Object.keys(functions) as (keyof typeof functions)[])
      .filter((name) => {
        const definition: FunctionDefinition = functions[name];
        return definition.streamSource && definition.schedules?.length;
      })
      .map((name) => `${name}ScheduleDeadLetters`);
    expect(deadLetters.map((alarm) => alarm.id).sort()).toEqual(
      [...expected, ...scheduledToo, 'siemRuleDeadLetters'].sort(),
    );
    expect(expected).toEqual([
      'auditExportDeadLetters',
      'eventPublisherDeadLetters',
      'mailFeedbackDeadLetters',
      'notifierDeadLetters',
      'outboxReconciliationDeadLetters',
    ]);
    expect(scheduledToo).toEqual(['eventPublisherScheduleDeadLetters']);
    for (const alarm of deadLetters) {
      const fn = alarm.id.replace(/DeadLetters$/, '');
      expect(alarm.description).toContain(`Dead letters in SiemStack/`);
      expect(alarm.description).toContain(`/${fn}DeadLetters:`);
      // The queue the alarm watches is the one its description names.
      const queueId = alarm.properties.Dimensions[0].Value['Fn::GetAtt'][0];
      expect(queueId).toMatch(new RegExp(`${fn}DeadLetters`));
      expect(resources[queueId]?.Type).toBe('AWS::SQS::Queue');
    }
    expect(deadLetters.find((alarm) => alarm.id === 'notifierDeadLetters')?.description).toContain(
      'shard and sequence numbers only',
    );
    expect(deadLetters.find((alarm) => alarm.id === 'auditExportDeadLetters')?.description).toContain(
      "the schedule's input, the error and its stack trace",
    );
  });
});

describe('the runbook says what each dead-letter queue holds, as its alarm does', () => {
  /** What a queue's messages carry, as an alarm description says it, and as its runbook section may. */
  const contents: [string, RegExp][] = [
    ['shard and sequence numbers only', /shard[\s\S]*sequence numbers/],
    ['stack trace', /stack\s+trace/],
    ["recipient's address", /recipient's\s+address/],
    ['ids only', /ids[\s\S]*no names or addresses/],
  ];

  it('each dead-letter section repeats what its alarm says the messages hold, and claims no less', () => {
    const deadLetters = alarms().filter((alarm) => alarm.id.endsWith('DeadLetters'));
    expect(deadLetters.length).toBeGreaterThan(0);
    for (const alarm of deadLetters) {
      const section = sections.get(alarm.anchor ?? '') ?? '';
      const said = contents.filter(([content]) => alarm.description.includes(content));
      expect({ alarm: alarm.id, said: said.length > 0 }).toEqual({ alarm: alarm.id, said: true });
      expect({
        alarm: alarm.id,
        missing: said.filter(([, inSection]) => !inSection.test(section)).map(([content]) => content),
      }).toEqual({
        alarm: alarm.id,
        missing: [],
      });
      // Only the stream's failure records are metadata only: an async destination keeps the input.
      if (!alarm.description.includes('only'))
        expect({
          alarm: alarm.id,
          claim: /only (the )?(batch's )?metadata|metadata only/i.exec(section)?.[0],
        }).toEqual({ alarm: alarm.id, claim: undefined });
    }
  });
});

describe('the audit exports raise an alarm when they fail or stop', () => {
  const business = (metricName: string) => {
    const found = alarms().filter(
      (alarm) => alarm.properties.Namespace === 'MfaRecovery' && alarm.properties.MetricName === metricName,
    );
    expect(found).toHaveLength(1);
    return found[0]!.properties;
  };

  it('a failed export, counted once by the hourly run that notes it', () => {
    expect(business('AuditExportsFailed')).toMatchObject({
      Threshold: 1,
      Period: 3600,
      Statistic: 'Sum',
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('no digest for 26 hours: 26 hourly counts below one', () => {
    expect(business('AuditDigestsWritten')).toMatchObject({
      Threshold: 1,
      Period: 3600,
      EvaluationPeriods: 26,
      Statistic: 'Sum',
      ComparisonOperator: 'LessThanThreshold',
    });
  });
});

describe('detailed route metrics only where an alarm reads them', () => {
  it('the stage default is off, and a route has them exactly when a latency alarm names it', () => {
    const [stage] = ofType('AWS::ApiGatewayV2::Stage');
    expect(stage![1].Properties.DefaultRouteSettings.DetailedMetricsEnabled).toBe(false);
    const alarmed = new Set(
      alarms()
        .filter((alarm) => alarm.properties.Namespace === 'AWS/ApiGateway' && alarm.properties.Dimensions)
        .map((alarm) => {
          const dimension = (name: string) =>
            alarm.properties.Dimensions.find((entry: { Name: string }) => entry.Name === name)?.Value;
          return dimension('Resource') ? `${dimension('Method')} ${dimension('Resource')}` : undefined;
        })
        .filter(Boolean),
    );
    expect(alarmed.size).toBeGreaterThan(0);
    const settings = stage![1].Properties.RouteSettings as Record<
      string,
      { DetailedMetricsEnabled: boolean }
    >;
    expect(Object.keys(settings)).toHaveLength(routes.length);
    const detailed = Object.entries(settings)
      .filter(([, setting]) => setting.DetailedMetricsEnabled)
      .map(([key]) => key);
    expect(new Set(detailed)).toEqual(alarmed);
  });
});
