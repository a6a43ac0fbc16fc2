// The recovery event bus in the template: the bus, its 90-day archive, PutEvents for the event
// publisher alone (no other role of the stack, by any policy, on any resource), and the SIEM's rule.
import { ARCHIVE_RETENTION_DAYS, EVENT_DETAIL_TYPE, EVENT_SOURCE } from '../../lib/events/envelope';
import { functions, type FunctionName } from '../../lib/routes';
import { actionMatches, roleAccess, rolesOf } from './iam';
import { isOwnFunction, sharedStack, sharedStacks } from './synth';

const { siemEventBusArn } = sharedStacks.siem.props;
const plain = sharedStack();
const withSiem = sharedStack('siem');

const busId = () => {
  const buses = plain.ofType('AWS::Events::EventBus');
  expect(buses).toHaveLength(1);
  return buses[0]?.[0] ?? '';
};

const nameOf = (description: unknown) =>
  (Object.keys(functions) as FunctionName[]).find((name) => functions[name].description === description);

describe('the recovery event bus', () => {
  it('is created by the stack, and its name reaches the event publisher only', () => {
    const id = busId();
    const withBusName = plain
      .ofType('AWS::Lambda::Function')
      .filter(([, fn]) => fn.Properties.Environment?.Variables?.EVENT_BUS_NAME)
      .map(([, fn]) => nameOf(fn.Properties.Description));
    expect(withBusName).toEqual(['eventPublisher']);
    const publisher = plain
      .ofType('AWS::Lambda::Function')
      .find(([, fn]) => nameOf(fn.Properties.Description) === 'eventPublisher');
    expect(publisher?.[1].Properties.Environment.Variables.EVENT_BUS_NAME).toEqual({ Ref: id });
  });

  it('runs the event publisher on the AuditEvents stream and, for what it missed, every 5 minutes', () => {
    const publisherId = plain
      .ofType('AWS::Lambda::Function')
      .find(([, fn]) => nameOf(fn.Properties.Description) === 'eventPublisher')?.[0];
    const mappings = plain
      .ofType('AWS::Lambda::EventSourceMapping')
      .filter(([, mapping]) => JSON.stringify(mapping.Properties.FunctionName).includes(`"${publisherId}"`));
    expect(mappings).toHaveLength(1);
    expect(mappings[0]?.[1].Properties).toMatchObject({
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: expect.anything() } },
    });
    const schedules = plain
      .ofType('AWS::Scheduler::Schedule')
      .filter(([, schedule]) => schedule.Properties.Target.Arn['Fn::GetAtt']?.[0] === publisherId);
    expect(schedules.map(([, schedule]) => schedule.Properties.ScheduleExpression)).toEqual([
      'rate(5 minutes)',
    ]);
    expect(JSON.parse(schedules[0]?.[1].Properties.Target.Input)).toEqual({ action: 'reconcile' });
  });

  it('keeps every recovery event in an archive for 90 days', () => {
    const archives = plain.ofType('AWS::Events::Archive');
    expect(archives).toHaveLength(1);
    expect(archives[0]?.[1].Properties).toMatchObject({
      SourceArn: { 'Fn::GetAtt': [busId(), 'Arn'] },
      RetentionDays: ARCHIVE_RETENTION_DAYS,
      EventPattern: { source: [EVENT_SOURCE] },
    });
    expect(ARCHIVE_RETENTION_DAYS).toBe(90);
  });

  it('lets the event publisher alone put events: no other role may PutEvents, on any bus', () => {
    const mayPut = rolesOf(plain.resources)
      .filter((role) =>
        roleAccess(plain.resources, role.roleId).statements.some(
          (statement) =>
            statement.Effect === 'Allow' &&
            [statement.Action].flat().some((action: string) => actionMatches(action, 'events:PutEvents')),
        ),
      )
      .map((role) =>
        role.function && isOwnFunction(role.function)
          ? nameOf(role.function.Properties.Description)
          : role.roleId,
      );
    expect(mayPut).toEqual(['eventPublisher']);
    // And only on the recovery bus.
    const publisherRole = rolesOf(plain.resources).find(
      (role) => role.function && nameOf(role.function.Properties.Description) === 'eventPublisher',
    );
    const putStatements = roleAccess(plain.resources, publisherRole?.roleId ?? '').statements.filter(
      (statement) => [statement.Action].flat().includes('events:PutEvents'),
    );
    expect(putStatements.map((statement) => statement.Resource)).toEqual([
      { 'Fn::GetAtt': [busId(), 'Arn'] },
    ]);
  });

  it('has the SIEM rule as a template: the pattern of every recovery event, disabled until a target is given', () => {
    const [rule] = plain
      .ofType('AWS::Events::Rule')
      .filter(([, r]) => JSON.stringify(r).includes(EVENT_DETAIL_TYPE));
    expect(rule?.[1].Properties).toMatchObject({
      EventBusName: { Ref: busId() },
      EventPattern: { source: [EVENT_SOURCE], 'detail-type': [EVENT_DETAIL_TYPE] },
      State: 'DISABLED',
    });
    expect(rule?.[1].Properties.Targets).toBeUndefined();
  });

  it('forwards to the SIEM bus named by -c siemEventBusArn, with a dead-letter queue', () => {
    const [rule] = withSiem
      .ofType('AWS::Events::Rule')
      .filter(([, r]) => JSON.stringify(r).includes(EVENT_DETAIL_TYPE));
    expect(rule?.[1].Properties.State).toBe('ENABLED');
    const targets = rule?.[1].Properties.Targets as Record<string, any>[];
    expect(targets).toHaveLength(1);
    expect(targets[0]).toMatchObject({ Arn: siemEventBusArn });
    expect(targets[0]?.DeadLetterConfig?.Arn).toBeDefined();
  });
});
