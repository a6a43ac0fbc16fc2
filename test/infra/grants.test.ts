// Least privilege as deployed: each role's exact DynamoDB actions on AuditEvents over every kind of
// policy, the table's own resource policy, deletes only where items are deleted, KMS per use, logs
// scoped to the function's own log group.
import { auditDeniedActions } from '../../cdk/constructs/data';
import { functions, type FunctionName } from '../../lib/routes';
import { actionMatches, allowedOnTable, roleAccess, rolesOf } from './iam';
import { isOwnFunction, synthesizeStack, type Resource } from './synth';

let resources: Record<string, Resource>;
let ofType: (type: string) => [string, Resource][];

beforeAll(() => {
  ({ resources, ofType } = synthesizeStack('GrantsStack'));
}, 180000);

const tableId = (partitionKey: string) => {
  const found = ofType('AWS::DynamoDB::GlobalTable').find(
    ([, table]) => table.Properties.KeySchema[0].AttributeName === partitionKey,
  );
  if (!found) throw new Error(`no table keyed by ${partitionKey}`);
  return found[0];
};
const auditTableId = () => tableId('subject');

const nameOf = (fn: Resource | undefined) =>
  (Object.keys(functions) as FunctionName[]).find(
    (name) => fn && isOwnFunction(fn) && functions[name].description === fn.Properties.Description,
  );

// Written out, not derived from cdk/constructs/app-function.ts: a widened access level must fail here.
const append = ['dynamodb:ConditionCheckItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'];
const designedOnAudit: Record<FunctionName, string[]> = {
  health: [],
  adminApi: append,
  loginServiceApi: append,
  enrollmentApi: append,
  notifier: [
    ...append,
    // The notifier reads the AuditEvents stream (its event source mapping).
    'dynamodb:DescribeStream',
    'dynamodb:GetRecords',
    'dynamodb:GetShardIterator',
    'dynamodb:ListStreams',
  ],
  auditExport: ['dynamodb:DescribeExport', 'dynamodb:ExportTableToPointInTime', 'dynamodb:ListExports'],
  // The outbox reconciliation appends RESET_EMAIL_SENT/NOTIFICATION_SENT like the notifier, without the stream.
  outboxReconciliation: append,
  // The event publisher only reads the audit trail: the stream, and an event back for the reconciliation.
  eventPublisher: [
    'dynamodb:BatchGetItem',
    'dynamodb:ConditionCheckItem',
    'dynamodb:GetItem',
    'dynamodb:Query',
    'dynamodb:DescribeStream',
    'dynamodb:GetRecords',
    'dynamodb:GetShardIterator',
    'dynamodb:ListStreams',
  ],
};
const expectedOnAudit = (name: FunctionName | undefined) => (name ? [...designedOnAudit[name]].sort() : []);

const forbiddenOnAudit = [
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
  'PartiQLInsert',
  'PartiQLUpdate',
  'PartiQLDelete',
];

describe('who may write the audit trail', () => {
  it('gives each role exactly its designed actions on AuditEvents, over inline, attached and managed policies', () => {
    const roles = rolesOf(resources);
    expect(roles.filter((role) => nameOf(role.function))).toHaveLength(Object.keys(functions).length);
    for (const role of roles) {
      const { statements } = roleAccess(resources, role.roleId);
      const name = nameOf(role.function);
      expect({ role: name ?? role.roleId, actions: allowedOnTable(statements, auditTableId()) }).toEqual({
        role: name ?? role.roleId,
        actions: expectedOnAudit(name),
      });
    }
  });

  it('lets no role update, delete, batch-write or PartiQL an audit item, not even through a wildcard', () => {
    for (const role of rolesOf(resources)) {
      const allowed = allowedOnTable(roleAccess(resources, role.roleId).statements, auditTableId());
      for (const pattern of allowed)
        for (const action of forbiddenOnAudit)
          expect(`${pattern} → ${action}: ${actionMatches(pattern, `dynamodb:${action}`)}`).toBe(
            `${pattern} → ${action}: false`,
          );
    }
  });

  it('attaches AWS managed policies to none of our functions, and only the logs-only basic role to CDK helpers', () => {
    for (const role of rolesOf(resources)) {
      const { awsManaged } = roleAccess(resources, role.roleId);
      if (nameOf(role.function)) expect(awsManaged).toEqual([]);
      else
        for (const arn of awsManaged)
          expect(arn).toMatch(/policy\/service-role\/AWSLambdaBasicExecutionRole"/);
    }
  });

  it('denies update, delete, batch-write and PartiQL on AuditEvents to every principal in its resource policy', () => {
    const table = resources[auditTableId()] as Resource;
    const policy = table.Properties.Replicas[0].ResourcePolicy?.PolicyDocument;
    expect(policy?.Statement).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Effect: 'Deny', Principal: { AWS: '*' }, Resource: '*' }),
      ]),
    );
    const denied = (policy.Statement as Record<string, any>[])
      .filter(
        (statement) =>
          statement.Effect === 'Deny' && statement.Principal?.AWS === '*' && !statement.Condition,
      )
      .flatMap((statement) => [statement.Action].flat());
    for (const action of forbiddenOnAudit) expect(denied).toContain(`dynamodb:${action}`);
    expect([...denied].sort()).toEqual([...auditDeniedActions].sort());
  });
});

describe('the policy reader the tests above rely on', () => {
  const role = { Type: 'AWS::IAM::Role', Properties: {} } as Resource;
  const withPolicy = (
    kind: string,
    statement: Record<string, unknown>,
    attach: 'Roles' | 'Arn' = 'Roles',
  ) => ({
    Role: attach === 'Arn' ? { ...role, Properties: { ManagedPolicyArns: [{ Ref: 'Extra' }] } } : role,
    Extra: {
      Type: kind,
      Properties: {
        PolicyDocument: { Statement: [statement] },
        ...(attach === 'Roles' ? { Roles: [{ Ref: 'Role' }] } : {}),
      },
    },
    Audit: { Type: 'AWS::DynamoDB::GlobalTable', Properties: {} },
  });
  it('sees wildcard actions and resources in inline, attached and managed policies', () => {
    const cases: [string, Record<string, unknown>, 'Roles' | 'Arn'][] = [
      ['AWS::IAM::Policy', { Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' }, 'Roles'],
      [
        'AWS::IAM::ManagedPolicy',
        { Effect: 'Allow', Action: 'dynamodb:Update*', Resource: 'arn:aws:dynamodb:eu-west-1:1:table/*' },
        'Arn',
      ],
      [
        'AWS::IAM::ManagedPolicy',
        { Effect: 'Allow', Action: 'dynamodb:PartiQLUpdate', Resource: { 'Fn::GetAtt': ['Audit', 'Arn'] } },
        'Roles',
      ],
    ];
    for (const [kind, statement, attach] of cases) {
      const allowed = allowedOnTable(
        roleAccess(withPolicy(kind, statement, attach), 'Role').statements,
        'Audit',
      );
      expect(
        allowed.some((pattern) =>
          forbiddenOnAudit.some((action) => actionMatches(pattern, `dynamodb:${action}`)),
        ),
      ).toBe(true);
    }
    const inline = {
      Type: 'AWS::IAM::Role',
      Properties: {
        Policies: [{ PolicyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }],
      },
    } as Resource;
    expect(allowedOnTable(roleAccess({ Role: inline }, 'Role').statements, 'Audit')).toEqual(['*']);
    // Another table's index wildcard is not AuditEvents.
    const other = withPolicy('AWS::IAM::Policy', {
      Effect: 'Allow',
      Action: 'dynamodb:UpdateItem',
      Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Other', 'Arn'] }, '/index/*']] },
    });
    expect(allowedOnTable(roleAccess(other, 'Role').statements, 'Audit')).toEqual([]);
    expect(() => allowedOnTable([{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }], 'Audit')).toThrow();
  });
});

describe('grants per action', () => {
  it('lets only the login service delete: search terms, and on erasure the items that hang off a customer', () => {
    // Written out: Customers (a tombstone is Put, never deleted) and AuditEvents must never be here.
    const deletable = [
      tableId('prefix'),
      tableId('verificationId'),
      tableId('ticketHash'),
      tableId('approvalId'),
      tableId('eventId'),
      // Erasure deletes the customer's Idempotency-Key records (answers and fingerprints).
      tableId('idempotencyKey'),
    ];
    const deletedFrom = new Set<string>();
    for (const role of rolesOf(resources)) {
      for (const statement of roleAccess(resources, role.roleId).statements) {
        const actions: string[] = [statement.Action].flat();
        if (!actions.some((action) => actionMatches(action, 'dynamodb:DeleteItem'))) continue;
        expect(nameOf(role.function)).toBe('loginServiceApi');
        for (const resource of [statement.Resource].flat()) {
          const table = deletable.find((id) => JSON.stringify(resource).includes(`"${id}"`));
          expect(table).toBeDefined();
          if (table) deletedFrom.add(table);
        }
      }
    }
    expect([...deletedFrom].sort()).toEqual([...deletable].sort());
  });

  it('gives the secrets key to each function for what it does: a data key to seal, Decrypt to open', () => {
    const keyId = ofType('AWS::KMS::Key').find(([, key]) =>
      String(key.Properties.Description).includes('TOTP'),
    )?.[0];
    const byFunction: Record<string, string[]> = {};
    for (const role of rolesOf(resources)) {
      const name = nameOf(role.function);
      if (!name) continue;
      byFunction[name] = roleAccess(resources, role.roleId)
        .statements.filter((statement) => JSON.stringify(statement.Resource).includes(`"${keyId}"`))
        .flatMap((statement) => [statement.Action].flat() as string[])
        .sort();
    }
    expect(byFunction).toMatchObject({
      enrollmentApi: ['kms:Decrypt', 'kms:GenerateDataKey'],
      loginServiceApi: ['kms:Decrypt'],
      // A disable's reason is sealed with the customer's audit-text key: made once, unwrapped after.
      adminApi: ['kms:Decrypt', 'kms:GenerateDataKey'],
      notifier: [],
      health: [],
      auditExport: [],
    });
  });

  it('lets each function write its own log group only', () => {
    for (const role of rolesOf(resources)) {
      const name = nameOf(role.function);
      if (!name) continue;
      const logGroupId = role.function?.Properties.LoggingConfig.LogGroup.Ref;
      const logStatements = roleAccess(resources, role.roleId).statements.filter((statement) =>
        [statement.Action].flat().some((action: string) => action.startsWith('logs:')),
      );
      expect(logStatements).toEqual([
        expect.objectContaining({
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] },
        }),
      ]);
    }
  });
});
