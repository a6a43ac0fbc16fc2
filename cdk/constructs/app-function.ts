// NodejsFunction with the defaults every function shares, and bindTable() that sets the table's
// environment variable and the least-privilege grant together.
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { repoRoot as findRepoRoot } from '../../tooling/repo-root';
import { lambdaBundling, lambdaNodeOptions, lazyPackageCommands } from '../bundling';
import { tableActions, type FunctionDefinition, type TableAccess } from '../../lib/routes';

export const LAMBDA_RUNTIME = lambda.Runtime.NODEJS_22_X;
const repoRoot = findRepoRoot();

/** DynamoDB actions per access level (lib/routes/table-actions.ts, which the local stack enforces too). */
export const actionsFor = (access: TableAccess): string[] =>
  tableActions[access].map((action) => `dynamodb:${action}`);

export interface AppFunctionProps {
  name: string;
  definition: FunctionDefinition;
  environment: Record<string, string>;
  /** Concurrency kept for this function alone, so a flood of other requests cannot starve it. */
  reservedConcurrency?: number;
}

export class AppFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Its own role, writing only its own log group: AWSLambdaBasicExecutionRole would allow every log group.
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `mfa-recovery ${props.name}`,
    });
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    super(scope, id, {
      role,
      ...(props.reservedConcurrency ? { reservedConcurrentExecutions: props.reservedConcurrency } : {}),
      entry: join(repoRoot, props.definition.entry),
      handler: 'handler',
      description: props.definition.description,
      runtime: LAMBDA_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.definition.memoryMb,
      timeout: Duration.seconds(props.definition.timeoutSeconds),
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      projectRoot: repoRoot,
      depsLockFilePath: join(repoRoot, 'package-lock.json'),
      environment: {
        ...props.environment,
        POWERTOOLS_SERVICE_NAME: 'mfa-recovery',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        ...(lambdaNodeOptions ? { NODE_OPTIONS: lambdaNodeOptions } : {}),
      },
      // Shared with the bench (cdk/bundling.ts), which measures cold starts of these very bundles.
      bundling: {
        minify: lambdaBundling.minify,
        sourceMap: lambdaBundling.sourceMap,
        sourcesContent: lambdaBundling.sourcesContent,
        target: lambdaBundling.target,
        format: lambdaBundling.format as OutputFormat,
        externalModules: [...lambdaBundling.externalModules],
        loader: { ...lambdaBundling.loader },
        // NodejsFunction runs esbuild in projectRoot, where the alias's relative path starts.
        esbuildArgs: Object.fromEntries(
          Object.entries(lambdaBundling.alias).map(([name, path]) => [`--alias:${name}`, path]),
        ),
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (_inputDir, outputDir) => lazyPackageCommands(outputDir),
        },
      },
    });
    const runtimeReason =
      'Pinned to nodejs22.x (LTS until 2027-04) as the platform asks; the code is tested on Node 22 (.ci/run) and moves to 24 by changing LAMBDA_RUNTIME.';
    Validations.of(this).acknowledge({ id: 'Serverless-LambdaLatestVersion', reason: runtimeReason });
    Validations.of(this).acknowledge({ id: 'AwsSolutions-L1', reason: runtimeReason });
    // Scheduled functions are invoked asynchronously: AuditExports acknowledges their DLQ finding.
    if (!props.definition.schedules?.length)
      Validations.of(this).acknowledge({
        id: 'Serverless-LambdaDLQ',
        reason: props.definition.streamSource
          ? 'Invoked by a DynamoDB stream mapping whose on-failure destination is an SQS queue (see StreamConsumers); a function DLQ applies to async invokes only.'
          : 'Invoked synchronously by API Gateway; the caller gets the error, so there is no asynchronous event to dead-letter.',
      });
    // The export function has one more "*" (ListExports): AuditExports acknowledges its finding.
    if (!props.definition.services?.includes('auditExport'))
      Validations.of(role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'X-Ray tracing (PutTraceSegments, PutTelemetryRecords) has no resource-level permissions.',
      });
  }

  /** Grants exactly the access level's actions on the table and its named indexes, no wildcards. */
  bindTable(table: dynamodb.ITableV2, envVar: string, access: TableAccess, indexNames: string[] = []) {
    this.addEnvironment(envVar, table.tableName);
    this.addToRolePolicy(
      new iam.PolicyStatement({
        actions: actionsFor(access),
        resources: [table.tableArn, ...indexNames.map((indexName) => `${table.tableArn}/index/${indexName}`)],
      }),
    );
  }
}
