// Where auditors read from: an encrypted, versioned, object-locked bucket for AuditEvents exports, the KMS
// key that signs digests of the audit chain heads, and the schedules of the functions that fill it.
import { Duration, RemovalPolicy, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct, type IConstruct } from 'constructs';
import { deadLetterQueue, type WatchedDeadLetters } from './dead-letter-queue';
import { AUDITOR_HEADS_FOLDER, EXPORTS_ROOT, FAILURE_FOLDER } from '../../lib/audit/scheduled-export';
import { DIGEST_FOLDER } from '../../lib/audit/digest';
import type { TableKey } from '../../lib/data/tables';
import {
  functions,
  type FunctionDefinition,
  type FunctionName,
  type ScheduleDefinition,
} from '../../lib/routes';
import type { AppFunctions } from './api';
import type { AppFunction } from './app-function';

const definitionOf = (name: FunctionName): FunctionDefinition => functions[name];

const logicalIdOf = (construct: IConstruct) =>
  Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);

/** Seven years (2557 days): the retention an auditor of a payments operator expects by default. */
export const DEFAULT_AUDIT_RETENTION_DAYS = 2557;

/**
 * Days past the lock before a version expires. Lock and lifecycle both count from the object's upload;
 * S3 never deletes a locked version, so the margin only keeps the rule clear of the lock's last day.
 */
export const EXPIRY_MARGIN_DAYS = 30;

export interface AuditExportsProps {
  /** Days each export object is locked; it is deleted EXPIRY_MARGIN_DAYS later. */
  retentionDays: number;
  lockMode: 'GOVERNANCE' | 'COMPLIANCE';
  tables: Record<TableKey, dynamodb.ITableV2>;
  functions: AppFunctions;
  /**
   * A bucket in the auditors' own AWS account (`-c auditorHeadsBucketArn`): the export function also puts
   * every signed tree head there, so a copy exists that nobody in this account can change or delete.
   */
  auditorHeadsBucketArn?: string;
}

export class AuditExports extends Construct {
  readonly bucket: s3.Bucket;
  readonly digestKey: kms.Key;
  /** Scheduled invocations that failed for good; Monitoring alarms on them. */
  readonly deadLetterQueues: WatchedDeadLetters[] = [];

  constructor(scope: Construct, id: string, props: AuditExportsProps) {
    super(scope, id);
    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(props.retentionDays) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket of the export bucket; logging it to itself would loop.',
    });
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      // Exports are evidence: in COMPLIANCE mode nobody, not even an admin of this account, can shorten
      // their life. GOVERNANCE is for trial stacks whose short-lived exports an admin may clear.
      objectLockEnabled: true,
      objectLockDefaultRetention:
        props.lockMode === 'COMPLIANCE'
          ? s3.ObjectLockRetention.compliance(Duration.days(props.retentionDays))
          : s3.ObjectLockRetention.governance(Duration.days(props.retentionDays)),
      // Kept for the retention, then gone (Art. 5(1)(e)): the current version expires once its lock has
      // run out; a version made noncurrent (an overwrite) keeps its own lock, so it waits as long; the
      // delete markers expiry leaves behind are removed once no version is under them.
      lifecycleRules: [
        {
          expiration: Duration.days(props.retentionDays + EXPIRY_MARGIN_DAYS),
          noncurrentVersionExpiration: Duration.days(props.retentionDays + EXPIRY_MARGIN_DAYS),
        },
        { expiredObjectDeleteMarker: true },
      ],
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'exports/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.digestKey = new kms.Key(this, 'DigestSigningKey', {
      keySpec: kms.KeySpec.ECC_NIST_P256,
      keyUsage: kms.KeyUsage.SIGN_VERIFY,
      description:
        'Signs the digests of audit chain heads (ECDSA_SHA_256); auditors check them with its public key',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.digestKey).acknowledge({
      id: 'AwsSolutions-KMS5',
      reason:
        'KMS cannot rotate asymmetric keys, and every digest ever signed must stay verifiable with this public key; a new key would be a new key id next to the old one.',
    });

    const exportRoles: iam.IRole[] = [];
    for (const name of Object.keys(functions) as FunctionName[]) {
      const definition: FunctionDefinition = functions[name];
      const fn = props.functions.byName[name];
      if (definition.services?.includes('auditExport')) {
        this.grantExport(fn, props.tables, props.auditorHeadsBucketArn);
        if (fn.role) exportRoles.push(fn.role);
      }
      if (definition.schedules?.length) this.schedule(name, fn, definition.schedules);
    }
    this.onlyExportRolesWriteAndSign(exportRoles);
  }

  /**
   * Anything put into the locked bucket stays for years, and whoever can sign digests can vouch for a
   * rewritten history: both belong to the export function alone. An admin's IAM grant cannot override
   * an explicit deny in the bucket or key policy (the key keeps its account statement, so it stays
   * manageable; only Sign is fenced).
   */
  private onlyExportRolesWriteAndSign(roles: iam.IRole[]) {
    const notTheExportRole = { ArnNotEquals: { 'aws:PrincipalArn': roles.map((role) => role.roleArn) } };
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'OnlyTheExportFunctionWrites',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects('*')],
        conditions: notTheExportRole,
      }),
    );
    // Digests and failure notes are only ever created (PutObject with If-None-Match: *), by the function
    // too: a second run, or a role misused, cannot put a new version over a kept head.
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DigestsAreNeverReplaced',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [
          this.bucket.arnForObjects(`${EXPORTS_ROOT}/*/${DIGEST_FOLDER}/*`),
          this.bucket.arnForObjects(`${EXPORTS_ROOT}/*/${FAILURE_FOLDER}/*`),
        ],
        conditions: { Null: { 's3:if-none-match': 'true' } },
      }),
    );
    this.digestKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'OnlyTheExportFunctionSigns',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:Sign'],
        resources: ['*'],
        conditions: notTheExportRole,
      }),
    );
  }

  /**
   * What the export function needs: export the AuditEvents table into the bucket, read it back, sign and
   * store digests. Only AuditEvents: a compliance-locked copy of the customer tables could never be erased,
   * so IAM, not just the code, keeps them out of this bucket.
   */
  private grantExport(
    fn: AppFunction,
    deployed: Record<TableKey, dynamodb.ITableV2>,
    auditorHeadsBucketArn: string | undefined,
  ) {
    fn.addEnvironment('AUDIT_EXPORT_BUCKET', this.bucket.bucketName);
    if (auditorHeadsBucketArn) {
      // Put only: the function cannot read, list, overwrite under a lock, or delete what the auditors hold.
      fn.addEnvironment('AUDITOR_HEADS_BUCKET', auditorHeadsBucketArn.replace(/^arn:[^:]+:s3:::/, ''));
      fn.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['s3:PutObject'],
          resources: [`${auditorHeadsBucketArn}/${AUDITOR_HEADS_FOLDER}/*`],
        }),
      );
      Validations.of(fn.role ?? fn).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${auditorHeadsBucketArn}/${AUDITOR_HEADS_FOLDER}/*]`,
        reason:
          'Tree heads are named by export time and id; the grant is PutObject under heads/ of the auditors’ bucket only.',
      });
    }
    fn.addEnvironment('AUDIT_DIGEST_KEY_ID', this.digestKey.keyArn);
    fn.addEnvironment('AUDIT_EVENTS_TABLE_ARN', deployed.auditEvents.tableArn);
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        // DescribeContinuousBackups: where point-in-time recovery begins, the earliest time an export can show.
        actions: ['dynamodb:ExportTableToPointInTime', 'dynamodb:DescribeContinuousBackups'],
        resources: [deployed.auditEvents.tableArn],
      }),
    );
    // Digests are made of AuditEvents exports only, so only those are described.
    const auditExports = `${deployed.auditEvents.tableArn}/export/*`;
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['dynamodb:DescribeExport'], resources: [auditExports] }),
    );
    // ListExports has no resource-level permissions: IAM accepts only "*" for it.
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:ListExports'], resources: ['*'] }));
    const exportObjects = this.bucket.arnForObjects(`${EXPORTS_ROOT}/*`);
    // DynamoDB writes the export with the caller's permissions: these three are what it uses.
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject', 's3:AbortMultipartUpload', 's3:PutObjectAcl', 's3:GetObject'],
        resources: [exportObjects],
      }),
    );
    // Without ListBucket a missing digest answers 403 instead of 404.
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [this.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${EXPORTS_ROOT}/*`] } },
      }),
    );
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['kms:Sign', 'kms:GetPublicKey'],
        resources: [this.digestKey.keyArn],
      }),
    );
    Validations.of(fn.role ?? fn).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalIdOf(this.bucket)}.Arn>/${EXPORTS_ROOT}/*]`,
      reason:
        'DynamoDB names export files itself (AWSDynamoDB/<exportId>/data/<random>.json.gz); the grant is limited to the exports/ prefix of the audit bucket.',
    });
    Validations.of(fn.role ?? fn).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalIdOf(deployed.auditEvents)}.Arn>/export/*]`,
      reason:
        'Export ids are generated by DynamoDB; DescribeExport is limited to exports of the AuditEvents table.',
    });
    Validations.of(fn.role ?? fn).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray tracing (PutTraceSegments, PutTelemetryRecords) and dynamodb:ListExports have no resource-level permissions; IAM accepts only "*" for them.',
    });
  }

  /** EventBridge Scheduler invokes asynchronously: retries, then a dead-letter queue Monitoring watches. */
  private schedule(name: FunctionName, fn: AppFunction, schedules: ScheduleDefinition[]) {
    // A function that also consumes a stream has that queue (and its alarm) under its plain name.
    const alarmId = definitionOf(name).streamSource ? `${name}ScheduleDeadLetters` : `${name}DeadLetters`;
    const deadLetters = deadLetterQueue(this, alarmId, 'the scheduled function');
    this.deadLetterQueues.push({
      alarmId,
      queue: deadLetters,
      holds: `scheduled invocations of ${name} that failed after all retries (the schedule's input, the error and its stack trace)`,
    });
    fn.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new destinations.SqsDestination(deadLetters),
    });
    Validations.of(fn).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason:
        'Invoked asynchronously by EventBridge Scheduler; failed invocations go to an SQS on-failure destination (EventInvokeConfig), which supersedes a function DLQ.',
    });
    for (const definition of schedules) {
      new scheduler.Schedule(this, `${name}${definition.id}`, {
        schedule: scheduler.ScheduleExpression.expression(definition.expression),
        description: definition.description,
        target: new targets.LambdaInvoke(fn, {
          input: scheduler.ScheduleTargetInput.fromObject(definition.input),
          deadLetterQueue: deadLetters,
          retryAttempts: 3,
          maxEventAge: Duration.hours(2),
        }),
      });
    }
    // The Scheduler's role may invoke the function and its versions (`<arn>:*`), nothing else.
    Validations.of(Stack.of(this)).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalIdOf(fn)}.Arn>:*]`,
      reason:
        "EventBridge Scheduler's execution role, made by CDK, may invoke this function and its qualified versions only.",
    });
  }
}
