// The vocabulary of the route table: methods, authorization, and what a function may touch.
import type { TableKey } from '../data/tables';
import type { SealingPurpose } from '../secrets/sealed-secret';
import type { StaffGroup } from '../staff/groups';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export type RouteAuth =
  | { type: 'none' }
  /** Cognito JWT checked by API Gateway; the handler then checks the groups. */
  | { type: 'jwt'; groups: readonly StaffGroup[] }
  /** SigV4 checked by API Gateway (the login service's role); locally a token with group `service`. */
  | { type: 'iam' };

/**
 * read: Get/Query/BatchGet. readWrite: also Put/Update. readWriteDelete: also Delete (only where items
 * are deleted). append: read and Put, which the code always conditions on the item not existing.
 * queryDelete: Query (to find items through an index) and Delete, nothing else: erasure.
 */
export type TableAccess = 'read' | 'readWrite' | 'readWriteDelete' | 'append' | 'queryDelete';
/**
 * sealSecrets: a new data key for a TOTP secret or a customer's audit-text key (KMS GenerateDataKey);
 * openSecrets: unwrap one (Decrypt).
 * auditExport: export the AuditEvents table to the audit bucket, read and write it, sign digests with the digest key.
 * publishEvents: put events on the recovery event bus (EventBridge PutEvents): the event publisher only.
 */
export type ServiceUse =
  'sendEmail' | 'sealSecrets' | 'openSecrets' | 'answerHashKey' | 'auditExport' | 'publishEvents';

/** An EventBridge Scheduler schedule that invokes the function with a fixed input. */
export interface ScheduleDefinition {
  /** Construct id, e.g. `DailyExport`. */
  id: string;
  /** `cron(…)` or `rate(…)`, in UTC. */
  expression: string;
  description: string;
  input: Record<string, string>;
}

export interface FunctionDefinition {
  /** Entry file, relative to the repository root. */
  entry: string;
  description: string;
  memoryMb: number;
  timeoutSeconds: number;
  /** Tables and services used outside HTTP routes (stream consumers, schedules). */
  tables?: Partial<Record<TableKey, TableAccess>>;
  services?: ServiceUse[];
  /**
   * What this function seals or opens under the secrets key (sealSecrets/openSecrets of its routes): IAM
   * allows the key only with these as the encryption context's purpose, so the staff function cannot
   * unwrap a TOTP secret and the login function cannot read a sealed reason.
   */
  secretPurposes?: readonly SealingPurpose[];
  /** A DynamoDB stream this function consumes, with Lambda event source mapping settings. */
  streamSource?: {
    table: TableKey;
    batchSize: number;
    maximumRetryAttempts: number;
    bisectBatchOnFunctionError: boolean;
  };
  /**
   * SES's bounce and complaint events of the stack's configuration set invoke this function (an
   * EventBridge rule on the default bus, source aws.ses; a dead-letter queue for what fails).
   */
  mailFeedback?: boolean;
  /** Schedules that invoke this function (asynchronously: failures go to a dead-letter queue). */
  schedules?: ScheduleDefinition[];
}
