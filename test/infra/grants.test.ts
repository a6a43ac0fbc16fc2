// Least privilege as deployed: each role's exact DynamoDB actions on AuditEvents over every kind of
// policy, the table's own resource policy, deletes only where items are deleted, KMS per use, logs
// scoped to the function's own log group.
import { auditDeniedActions } from '../../cdk/constructs/data';
import { tables } from '../../lib/data/tables';
import { functions, type FunctionName } from '../../lib/routes';
import { actionMatches, allowedOnTable, roleAccess, rolesOf } from './iam';
import { isOwnFunction, sharedStack, type Resource } from './synth';

let resources: Record<string, Resource>;
let ofType: (type: string) => [string, Resource][];

beforeAll(() => {
  ({ resources, ofType } = sharedStack());
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
  erasureApi: append,
  enrollmentApi: append,
  notifier: [
    ...append,
    // The notifier reads the AuditEvents stream (its event source mapping).
    'dynamodb:DescribeStream',
    'dynamodb:GetRecords',
    'dynamodb:GetShardIterator',
    'dynamodb:ListStreams',
  ],
  auditExport: [
    'dynamodb:DescribeContinuousBackups',
    'dynamodb:DescribeExport',
    'dynamodb:ExportTableToPointInTime',
    'dynamodb:ListExports',
  ],
  // The outbox reconciliation appends RESET_EMAIL_SENT/NOTIFICATION_SENT like the notifier, without the stream.
  outboxReconciliation: append,
  // Appends RESET_EMAIL_BOUNCED and its siblings when SES reports a bounce or complaint.
  mailFeedback: append,
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
  const deletesBy = () => {
    const deleted: Partial<Record<FunctionName | 'other', string[]>> = {};
    for (const role of rolesOf(resources)) {
      for (const statement of roleAccess(resources, role.roleId).statements) {
        const actions: string[] = [statement.Action].flat();
        if (!actions.some((action) => actionMatches(action, 'dynamodb:DeleteItem'))) continue;
        const name = nameOf(role.function) ?? 'other';
        for (const resource of [statement.Resource].flat()) {
          const table = ofType('AWS::DynamoDB::GlobalTable').find(([id]) =>
            JSON.stringify(resource).includes(`"${id}"`),
          );
          (deleted[name] ??= []).push(
            table ? table[1].Properties.KeySchema[0].AttributeName : JSON.stringify(resource),
          );
        }
      }
    }
    // A table and its indexes count once.
    return Object.fromEntries(
      Object.entries(deleted).map(([name, tables]) => [name, [...new Set(tables)].sort()]),
    );
  };

  it('lets the login function delete only search terms, and erasure the items that hang off a customer', () => {
    // Written out, by partition key: Customers (a tombstone is Put, never deleted) and AuditEvents never.
    expect(deletesBy()).toEqual({
      // A synced name or email replaces its search terms.
      loginServiceApi: ['prefix'],
      // Erasure: search terms and case numbers, sessions, tickets, approvals, outbox entries, and the
      // customer's Idempotency-Key records.
      erasureApi: ['approvalId', 'eventId', 'idempotencyKey', 'prefix', 'ticketHash', 'verificationId'],
    });
  });

  const tableActions = (name: FunctionName) => {
    const role = rolesOf(resources).find((candidate) => nameOf(candidate.function) === name);
    if (!role) throw new Error(`no role for ${name}`);
    const { statements } = roleAccess(resources, role.roleId);
    return Object.fromEntries(
      ofType('AWS::DynamoDB::GlobalTable')
        // By table name: two tables may share a partition key's name (Notifications, EventPublications).
        .map(([id]): [string, string[]] => [
          Object.values(tables).find((table) => id.includes(table.baseName))?.baseName ?? id,
          allowedOnTable(statements, id),
        ])
        .filter(([, actions]) => actions.length > 0),
    );
  };
  const read = ['dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:GetItem', 'dynamodb:Query'];
  const readWrite = [...read, 'dynamodb:PutItem', 'dynamodb:UpdateItem'].sort();

  it('gives the login function, called at every login, nothing it held only for erasure', () => {
    expect(tableActions('loginServiceApi')).toEqual({
      Customers: readWrite,
      CustomerSearch: [...readWrite, 'dynamodb:DeleteItem'].sort(),
      EnrollmentTickets: readWrite,
      AuditEvents: append,
      Notifications: append,
      EventPublications: append,
    });
  });

  it('gives the erasure function Query and Delete where it only finds and deletes, and no secrets key', () => {
    const queryDelete = ['dynamodb:DeleteItem', 'dynamodb:Query'];
    expect(tableActions('erasureApi')).toEqual({
      Customers: readWrite,
      CustomerSearch: [...readWrite, 'dynamodb:DeleteItem'].sort(),
      Verifications: queryDelete,
      EnrollmentTickets: queryDelete,
      Approvals: queryDelete,
      IdempotencyKeys: queryDelete,
      // Unsent notifications are found and deleted; the CUSTOMER_ERASED outbox marker is appended.
      Notifications: queryDelete,
      EventPublications: append,
      AuditEvents: append,
    });
    const role = rolesOf(resources).find((candidate) => nameOf(candidate.function) === 'erasureApi');
    const kms = roleAccess(resources, role?.roleId ?? '').statements.filter((statement) =>
      [statement.Action].flat().some((action: string) => action.startsWith('kms:')),
    );
    expect(kms).toEqual([]);
  });

  it('serves the erasure route from the erasure function alone, and every other login-service route elsewhere', () => {
    const integrationOf = (key: string) => {
      const route = ofType('AWS::ApiGatewayV2::Route').find(([, r]) => r.Properties.RouteKey === key)?.[1];
      const integrationId = String(route?.Properties.Target['Fn::Join'][1][1].Ref);
      const uri = JSON.stringify(resources[integrationId]?.Properties.IntegrationUri);
      return ofType('AWS::Lambda::Function').find(([id]) => uri.includes(`"${id}"`))?.[1];
    };
    expect(nameOf(integrationOf('POST /internal/customers/{customerId}/erase'))).toBe('erasureApi');
    expect(nameOf(integrationOf('POST /internal/customers/{customerId}/2fa/verify'))).toBe('loginServiceApi');
  });

  const secretsKeyId = () =>
    ofType('AWS::KMS::Key').find(([, key]) => String(key.Properties.Description).includes('TOTP'))?.[0];

  /** Per function: each action on the secrets key with the encryption-context purposes it is allowed for. */
  const secretsKeyUse = () => {
    const byFunction: Record<string, string[]> = {};
    for (const role of rolesOf(resources)) {
      const name = nameOf(role.function);
      if (!name) continue;
      byFunction[name] = roleAccess(resources, role.roleId)
        .statements.filter((statement) => JSON.stringify(statement.Resource).includes(`"${secretsKeyId()}"`))
        .flatMap((statement) => {
          const purposes = statement.Condition?.StringEquals?.['kms:EncryptionContext:purpose'];
          const others = Object.keys(statement.Condition ?? {}).filter(
            (operator) => operator !== 'StringEquals',
          );
          return ([statement.Action].flat() as string[]).map(
            (action) =>
              `${action} for ${purposes === undefined ? 'any purpose' : [purposes].flat().sort().join('+')}${others.length ? ` (${others.join(',')})` : ''}`,
          );
        })
        .sort();
    }
    return byFunction;
  };

  it('gives the secrets key to each function for its own purpose only: staff never unwrap a TOTP secret', () => {
    // Written out, not read from lib/routes/functions.ts: a widened purpose must fail here.
    expect(secretsKeyUse()).toEqual({
      // A staff reason or note is sealed with the customer's audit-text key: made once, unwrapped after.
      adminApi: ['kms:Decrypt for audit-text', 'kms:GenerateDataKey for audit-text'],
      // Enrollment seals the new TOTP secret and opens it to check the first code; a report from a
      // notice's link seals the reporting address in its audit event with the audit-text key.
      enrollmentApi: [
        'kms:Decrypt for audit-text+totp-secret',
        'kms:GenerateDataKey for audit-text+totp-secret',
      ],
      loginServiceApi: ['kms:Decrypt for totp-secret'],
      erasureApi: [],
      mailFeedback: [],
      notifier: [],
      health: [],
      auditExport: [],
      outboxReconciliation: [],
      eventPublisher: [],
    });
  });

  it('lets no role of the stack use the secrets key, or every key, without a purpose', () => {
    for (const role of rolesOf(resources))
      for (const statement of roleAccess(resources, role.roleId).statements) {
        const onKey =
          [statement.Resource].flat().includes('*') ||
          JSON.stringify(statement.Resource).includes(`"${secretsKeyId()}"`);
        const unwraps = ([statement.Action].flat() as string[]).some((action) =>
          ['kms:Decrypt', 'kms:GenerateDataKey'].some((wanted) => actionMatches(action, wanted)),
        );
        if (onKey && unwraps)
          expect({
            role: role.roleId,
            purpose: statement.Condition?.StringEquals?.['kms:EncryptionContext:purpose'],
          }).toEqual({
            role: role.roleId,
            purpose: expect.anything(),
          });
      }
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
