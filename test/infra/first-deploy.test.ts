// What a first `cdk deploy` needs to work and to stay locked down, asserted on the synthesized template:
// alarms that may be delivered, the login service's own role, the edge in front of the public routes,
// mail that can be authenticated, and names that let two stacks share an account.
import { synthesizeStack, type Resource } from './synth';

let ofType: (type: string) => [string, Resource][];

beforeAll(() => {
  ({ ofType } = synthesizeStack('FirstDeploy'));
}, 180000);

const statementsOf = (document: { Statement: Record<string, any>[] }) => document.Statement;

describe('alarms that arrive', () => {
  it('lets CloudWatch (this account only) publish to the alarm topic, which still refuses plain HTTP', () => {
    const alarmTopicIds = ofType('AWS::SNS::Topic').map(([id]) => id);
    const [, policy] =
      ofType('AWS::SNS::TopicPolicy').find(([, candidate]) =>
        alarmTopicIds.some((id) => JSON.stringify(candidate.Properties.Topics).includes(id)),
      ) ?? [];
    expect(policy).toBeDefined();
    const statements = statementsOf(policy?.Properties.PolicyDocument);
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: 'sns:Publish',
          Condition: expect.objectContaining({ StringEquals: { 'aws:SourceAccount': '123456789012' } }),
        }),
        expect.objectContaining({
          Effect: 'Deny',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      ]),
    );
    // Every alarm action goes to a topic whose policy lets CloudWatch publish.
    for (const [, alarm] of ofType('AWS::CloudWatch::Alarm'))
      for (const action of alarm.Properties.AlarmActions ?? [])
        expect(JSON.stringify(policy?.Properties.Topics)).toContain(action.Ref);
  });

  it('lets CloudWatch use the topic key for what publishing needs, nothing more', () => {
    const key = ofType('AWS::KMS::Key').find(([, candidate]) =>
      String(candidate.Properties.Description).includes('alarm topic'),
    )?.[1];
    const forCloudWatch = statementsOf(key?.Properties.KeyPolicy).filter(
      (statement) => statement.Principal?.Service === 'cloudwatch.amazonaws.com',
    );
    expect(forCloudWatch).toHaveLength(1);
    expect([forCloudWatch[0]?.Action].flat().sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
    expect(forCloudWatch[0]?.Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': '123456789012' },
    });
  });
});
