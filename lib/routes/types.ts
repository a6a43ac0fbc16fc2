// What a function is (entry, size, schedules, streams) beside its routes; a route's own vocabulary
// (methods, authorization, what it may touch) is lib/route-entry.ts, re-exported here.
import type { TableKey } from '../data/tables';
import type { TableAccess, ServiceUse } from '../route-entry';
import type { SealingPurpose } from '../secrets/sealed-secret';

export type { HttpMethod, RouteAuth, ServiceUse, TableAccess } from '../route-entry';

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
