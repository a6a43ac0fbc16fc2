// The DynamoDB tables, built from lib/data/tables.ts: on-demand, PITR, encrypted, deletion-protected.
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { tables, type TableDefinition, type TableKey } from '../../lib/data/tables';

/** What nobody may do to an audit item, whatever their IAM policies allow: the trail is append-only. */
export const auditDeniedActions = [
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:PartiQLInsert',
  'dynamodb:PartiQLUpdate',
  'dynamodb:PartiQLDelete',
];

const attributeType = (type: 'S' | 'N') =>
  type === 'S' ? dynamodb.AttributeType.STRING : dynamodb.AttributeType.NUMBER;

export class DataTables extends Construct {
  readonly tables = {} as Record<TableKey, dynamodb.TableV2>;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    for (const key of Object.keys(tables) as TableKey[]) {
      const definition: TableDefinition = tables[key];
      this.tables[key] = new dynamodb.TableV2(this, definition.baseName, {
        partitionKey: {
          name: definition.partitionKey.name,
          type: attributeType(definition.partitionKey.type),
        },
        ...(definition.sortKey
          ? { sortKey: { name: definition.sortKey.name, type: attributeType(definition.sortKey.type) } }
          : {}),
        billing: dynamodb.Billing.onDemand(),
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: true,
        removalPolicy: RemovalPolicy.RETAIN,
        encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
        ...(key === 'auditEvents'
          ? {
              // A resource policy on the table binds every principal of every account, administrators
              // included; changing it (dynamodb:PutResourcePolicy) is itself recorded by CloudTrail.
              resourcePolicy: new iam.PolicyDocument({
                statements: [
                  new iam.PolicyStatement({
                    sid: 'AuditEventsAppendOnly',
                    effect: iam.Effect.DENY,
                    principals: [new iam.AnyPrincipal()],
                    actions: auditDeniedActions,
                    resources: ['*'],
                  }),
                ],
              }),
            }
          : {}),
        ...(definition.timeToLiveAttribute ? { timeToLiveAttribute: definition.timeToLiveAttribute } : {}),
        ...(definition.stream
          ? {
              dynamoStream:
                definition.stream === 'NEW_IMAGE'
                  ? dynamodb.StreamViewType.NEW_IMAGE
                  : dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
            }
          : {}),
        globalSecondaryIndexes: definition.indexes?.map((index) => ({
          indexName: index.indexName,
          partitionKey: { name: index.partitionKey.name, type: attributeType(index.partitionKey.type) },
          ...(index.sortKey
            ? { sortKey: { name: index.sortKey.name, type: attributeType(index.sortKey.type) } }
            : {}),
          ...(index.include
            ? { projectionType: dynamodb.ProjectionType.INCLUDE, nonKeyAttributes: index.include }
            : { projectionType: dynamodb.ProjectionType.ALL }),
        })),
      });
    }
  }
}
