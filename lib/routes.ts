// The route table: plain data read by the CDK stack (routes, auth, grants) and by the local server (routing).
// It imports no handler code, only the zod schemas that define each request body.
import * as z from './schema';
import { customerIdSchema, customerRecordSchema } from './customers/schemas';
import { ticketSchema } from './tickets/schemas';
import { typedCodeSchema } from './totp/schemas';
import { customerSearchQuerySchema } from './customers/schemas-search';
import { approvalIdSchema, disableRequestSchema, staffReasonSchema } from './reset/schemas';
import {
  completeVerificationSchema,
  readyVerificationsQuerySchema,
  recordCheckSchema,
  startVerificationSchema,
  verificationIdSchema,
} from './verification/schemas';
import { customerProfileQuerySchema } from './customers/schemas-profile';
import type { TableKey } from './data/tables';
import { notifierStreamSource } from './notify/stream-settings';
import {
  customerProfileSchema,
  customerSearchResultSchema,
  customerSyncedSchema,
  twoFactorStateSchema,
} from './customers/responses';
import {
  enrollmentConfirmedSchema,
  enrollmentLinkStatusSchema,
  enrollmentStartedSchema,
  enrollmentTicketIssuedSchema,
  unauthorizedResetReportedSchema,
} from './enrollment/responses';
import { healthSchema } from './http/schemas';
import { customerErasedSchema } from './erasure/responses';
import {
  disablePendingApprovalSchema,
  disableRejectedSchema,
  pendingApprovalsSchema,
  resetLinkQueuedSchema,
  twoFactorDisabledSchema,
  verificationCancelledSchema,
} from './reset/responses';
import { verifyOutcomeSchema } from './totp/responses';
import { recordTriageSchema } from './triage/schemas';
import { triageRecordedSchema } from './triage/responses';
import { backupCodesRenewedSchema } from './backup-codes/responses';
import {
  keepRecoveryLockSchema,
  recoveryLockQueueQuerySchema,
  releaseRecoveryLockSchema,
} from './security/schemas';
import {
  recoveryLockKeptSchema,
  recoveryLockCaseSchema,
  recoveryLockQueueSchema,
  recoveryLockReleasedSchema,
} from './security/responses';
import { auditHistoryQuerySchema, auditHistorySchema } from './audit/history-schemas';
import {
  caseRecordPrintedSchema,
  checkRecordedSchema,
  emailCodeSentSchema,
  readyVerificationsSchema,
  verificationCompletedSchema,
  verificationStartedSchema,
  verificationViewSchema,
} from './verification/responses';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type StaffGroup = 'helpdesk' | 'admin' | 'security';

export type RouteAuth =
  | { type: 'none' }
  /** Cognito JWT checked by API Gateway; the handler then checks the groups. */
  | { type: 'jwt'; groups: readonly StaffGroup[] }
  /** SigV4 checked by API Gateway (the login service's role); locally a token with group `service`. */
  | { type: 'iam' };

/**
 * read: Get/Query/BatchGet. readWrite: also Put/Update. readWriteDelete: also Delete (only where items
 * are deleted). append: read and Put, which the code always conditions on the item not existing.
 */
export type TableAccess = 'read' | 'readWrite' | 'readWriteDelete' | 'append';
/**
 * sealSecrets: a new data key for a TOTP secret or a customer's audit-text key (KMS GenerateDataKey);
 * openSecrets: unwrap one (Decrypt).
 * auditExport: export the AuditEvents table to the audit bucket, read and write it, sign digests with the digest key.
 */
export type ServiceUse = 'sendEmail' | 'sealSecrets' | 'openSecrets' | 'answerHashKey' | 'auditExport';

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
  /** A DynamoDB stream this function consumes, with Lambda event source mapping settings. */
  streamSource?: {
    table: TableKey;
    batchSize: number;
    maximumRetryAttempts: number;
    bisectBatchOnFunctionError: boolean;
  };
  /** Schedules that invoke this function (asynchronously: failures go to a dead-letter queue). */
  schedules?: ScheduleDefinition[];
}

export const functions = {
  health: {
    entry: 'functions/health.ts',
    description: 'GET /health',
    memoryMb: 256,
    timeoutSeconds: 3,
  },
  adminApi: {
    entry: 'functions/admin-api.ts',
    description: 'Helpdesk and admin routes (Cognito JWT): search, verification, 2FA disable, approvals',
    memoryMb: 512,
    timeoutSeconds: 10,
  },
  loginServiceApi: {
    entry: 'functions/login-service-api.ts',
    description: 'Routes of the login service (IAM): customer sync, 2FA status, login verification',
    memoryMb: 512,
    timeoutSeconds: 10,
  },
  auditExport: {
    entry: 'functions/audit-export.ts',
    description:
      'Scheduled: point-in-time export of the AuditEvents table to S3, signed digest of the audit chain heads',
    memoryMb: 1024,
    // Reading a large AuditEvents export for its digest takes a while; 15 minutes is Lambda's limit.
    timeoutSeconds: 900,
    services: ['auditExport'],
    schedules: [
      {
        id: 'DailyExport',
        expression: 'cron(15 2 * * ? *)',
        description: 'Export the AuditEvents table to the locked audit bucket (02:15 UTC)',
        input: { action: 'startExports' },
      },
      {
        id: 'HourlyDigest',
        expression: 'rate(1 hour)',
        description: 'Sign digests of completed AuditEvents exports',
        input: { action: 'digestCompletedExports' },
      },
    ],
  },
  enrollmentApi: {
    entry: 'functions/enrollment-api.ts',
    description: 'Customer enrollment routes (the emailed ticket authorizes): status, start, confirm, report',
    memoryMb: 512,
    timeoutSeconds: 10,
  },
  notifier: {
    entry: 'functions/notifier.ts',
    description: 'AuditEvents stream consumer: reset, enable, lock and backup-code emails, security alerts',
    memoryMb: 512,
    timeoutSeconds: 30,
    // Reset emails issue the enrollment ticket (which voids older ones and names it on the customer).
    tables: {
      auditEvents: 'append',
      notifications: 'readWrite',
      customers: 'readWrite',
      tickets: 'readWrite',
      // The case number the emails name is read from the session.
      verifications: 'read',
    },
    services: ['sendEmail'],
    streamSource: notifierStreamSource,
  },
  outboxReconciliation: {
    entry: 'functions/outbox-reconciliation.ts',
    description:
      'Scheduled: delivers notifications still unsettled 10 minutes after their audit event (the outbox backlog)',
    memoryMb: 512,
    // At most 100 entries a run, one at a time, each one SES call and a few DynamoDB writes.
    timeoutSeconds: 300,
    tables: {
      auditEvents: 'append',
      notifications: 'readWrite',
      customers: 'readWrite',
      tickets: 'readWrite',
      // The case number the emails name is read from the session.
      verifications: 'read',
    },
    services: ['sendEmail'],
    schedules: [
      {
        id: 'OutboxReconciliation',
        expression: 'rate(5 minutes)',
        description: 'Deliver notifications the AuditEvents stream consumer did not settle within 10 minutes',
        input: { action: 'reconcile' },
      },
    ],
  },
} as const satisfies Record<string, FunctionDefinition>;

export type FunctionName = keyof typeof functions;

export interface RouteDefinition {
  method: HttpMethod;
  /** API Gateway style path with {param} placeholders. */
  path: string;
  /** Name the function's entry uses to find the operation. */
  operation: string;
  function: FunctionName;
  auth: RouteAuth;
  params?: z.ZodMiniType;
  body?: z.ZodMiniType;
  query?: z.ZodMiniType;
  tables?: Partial<Record<TableKey, TableAccess>>;
  services?: ServiceUse[];
  /** Requests that change state with this header are replayed from the idempotency store. */
  idempotencyKey?: 'required' | 'optional';
  /**
   * The success answers by status: the OpenAPI document's responses and what the contract tests check
   * real answers against. Every refusal has the one error shape (lib/http/schemas.ts).
   */
  responses?: Partial<Record<number, z.ZodMiniType>>;
}

const customerParams = z.strictObject({ customerId: customerIdSchema });
// An audit event that calls for an email commits with its outbox marker in Notifications (lib/notify/ledger.ts).
const appendAudit = { auditEvents: 'append', notifications: 'append' } as const;

const staff = { type: 'jwt', groups: ['helpdesk', 'admin'] } as const;
const adminOnly = { type: 'jwt', groups: ['admin'] } as const;
const securityOnly = { type: 'jwt', groups: ['security'] } as const;
// Security officers review a case's trail too (the recovery-lock queue links to it).
const staffAndSecurity = { type: 'jwt', groups: ['helpdesk', 'admin', 'security'] } as const;
const verificationParams = z.strictObject({ verificationId: verificationIdSchema });
const approvalParams = z.strictObject({ approvalId: approvalIdSchema });
const disableTables = {
  customers: 'readWrite',
  verifications: 'readWrite',
  approvals: 'readWrite',
  idempotency: 'readWrite',
  ...appendAudit,
} as const;

export const routes: RouteDefinition[] = [
  {
    method: 'GET',
    path: '/health',
    operation: 'health',
    responses: { 200: healthSchema },
    function: 'health',
    auth: { type: 'none' },
  },
  {
    method: 'GET',
    path: '/admin/customers',
    operation: 'searchCustomers',
    responses: { 200: customerSearchResultSchema },
    function: 'adminApi',
    auth: staff,
    query: customerSearchQuerySchema,
    tables: { customerSearch: 'read', customers: 'read' },
  },
  {
    method: 'GET',
    path: '/admin/customers/{customerId}',
    operation: 'customerProfile',
    responses: { 200: customerProfileSchema },
    function: 'adminApi',
    auth: staff,
    params: customerParams,
    query: customerProfileQuerySchema,
    tables: { customers: 'read', verifications: 'read', auditEvents: 'read' },
    // The history shows the reasons sealed in audit events, unwrapping the customer's audit-text key.
    services: ['openSecrets'],
  },
  {
    method: 'GET',
    path: '/admin/customers/{customerId}/audit-events',
    operation: 'customerAuditEvents',
    responses: { 200: auditHistorySchema },
    function: 'adminApi',
    auth: staffAndSecurity,
    params: customerParams,
    query: auditHistoryQuerySchema,
    tables: { customers: 'read', auditEvents: 'read' },
    // Sealed staff text is shown opened, as in the profile: the customer's audit-text key is unwrapped.
    services: ['openSecrets'],
  },
  {
    method: 'POST',
    path: '/admin/customers/{customerId}/triage',
    operation: 'recordTriage',
    responses: { 201: triageRecordedSchema },
    function: 'adminApi',
    auth: staff,
    params: customerParams,
    body: recordTriageSchema,
    // The guide mail is the notifier's (the event's outbox marker): this route sends nothing itself.
    tables: { customers: 'readWrite', ...appendAudit },
  },
  {
    method: 'POST',
    path: '/admin/customers/{customerId}/verifications',
    operation: 'startVerification',
    responses: { 201: verificationStartedSchema },
    function: 'adminApi',
    auth: staff,
    params: customerParams,
    body: startVerificationSchema,
    // The session's case number is claimed in CustomerSearch (a conditional Put), where search finds it.
    tables: { customers: 'readWrite', verifications: 'readWrite', customerSearch: 'append', ...appendAudit },
  },
  {
    method: 'POST',
    path: '/admin/verifications/{verificationId}/checks',
    operation: 'recordCheck',
    responses: { 201: checkRecordedSchema },
    function: 'adminApi',
    auth: staff,
    params: verificationParams,
    body: recordCheckSchema,
    tables: { customers: 'readWrite', verifications: 'readWrite', ...appendAudit },
    services: ['answerHashKey'],
  },
  {
    method: 'POST',
    path: '/admin/verifications/{verificationId}/email-code',
    operation: 'sendEmailCode',
    responses: { 202: emailCodeSentSchema },
    function: 'adminApi',
    auth: staff,
    params: verificationParams,
    tables: { customers: 'readWrite', verifications: 'readWrite', ...appendAudit },
    services: ['sendEmail', 'answerHashKey'],
  },
  {
    method: 'POST',
    path: '/admin/verifications/{verificationId}/complete',
    operation: 'completeVerification',
    responses: { 200: verificationCompletedSchema },
    function: 'adminApi',
    auth: staff,
    params: verificationParams,
    body: completeVerificationSchema,
    tables: { customers: 'readWrite', verifications: 'readWrite', ...appendAudit },
  },
  {
    method: 'GET',
    path: '/admin/verifications/{verificationId}',
    operation: 'getVerification',
    responses: { 200: verificationViewSchema },
    function: 'adminApi',
    auth: staff,
    params: verificationParams,
    tables: { verifications: 'read' },
  },
  {
    method: 'GET',
    path: '/admin/verifications',
    operation: 'listReadyVerifications',
    responses: { 200: readyVerificationsSchema },
    function: 'adminApi',
    // Admins only: the list names every customer about to have 2FA disabled, which is the admins' work;
    // an agent sees their own outcome on the customer's page and needs no one else's.
    auth: adminOnly,
    query: readyVerificationsQuerySchema,
    // The list names the customer of each session.
    tables: { verifications: 'read', customers: 'read' },
  },
  {
    method: 'POST',
    path: '/admin/verifications/{verificationId}/case-record',
    operation: 'recordCaseRecordPrinted',
    responses: { 201: caseRecordPrintedSchema },
    function: 'adminApi',
    auth: staff,
    params: verificationParams,
    // No input beyond the path; an empty JSON object is accepted from clients that always send one.
    body: z.optional(z.strictObject({})),
    tables: { customers: 'read', verifications: 'read', ...appendAudit },
  },
  {
    method: 'POST',
    path: '/admin/customers/{customerId}/2fa/disable',
    operation: 'disableTwoFactor',
    responses: { 200: twoFactorDisabledSchema, 202: disablePendingApprovalSchema },
    function: 'adminApi',
    auth: adminOnly,
    params: customerParams,
    body: disableRequestSchema,
    tables: disableTables,
    // The reason is sealed into the audit event with the customer's audit-text key (made or unwrapped).
    services: ['sealSecrets', 'openSecrets'],
    idempotencyKey: 'optional',
  },
  {
    method: 'POST',
    path: '/admin/customers/{customerId}/2fa/reset-link',
    operation: 'resendResetLink',
    responses: { 202: resetLinkQueuedSchema },
    function: 'adminApi',
    auth: adminOnly,
    params: customerParams,
    // No input beyond the path; an empty JSON object is accepted from clients that always send one.
    body: z.optional(z.strictObject({})),
    tables: { customers: 'readWrite', verifications: 'read', ...appendAudit },
  },
  {
    method: 'GET',
    path: '/admin/approvals',
    operation: 'listApprovals',
    responses: { 200: pendingApprovalsSchema },
    function: 'adminApi',
    auth: adminOnly,
    // The list names the customer and summarises the checks of each request.
    tables: { approvals: 'read', customers: 'read', verifications: 'read' },
  },
  {
    method: 'POST',
    path: '/admin/approvals/{approvalId}/reject',
    operation: 'rejectDisable',
    responses: { 200: disableRejectedSchema },
    function: 'adminApi',
    auth: adminOnly,
    params: approvalParams,
    body: staffReasonSchema,
    tables: { approvals: 'readWrite', customers: 'readWrite', verifications: 'readWrite', ...appendAudit },
    // The reason is sealed into the audit event with the customer's audit-text key (made or unwrapped).
    services: ['sealSecrets', 'openSecrets'],
  },
  {
    method: 'POST',
    path: '/admin/verifications/{verificationId}/cancel',
    operation: 'cancelVerification',
    responses: { 200: verificationCancelledSchema },
    function: 'adminApi',
    auth: staff,
    params: verificationParams,
    body: staffReasonSchema,
    tables: { customers: 'readWrite', verifications: 'readWrite', ...appendAudit },
    // The reason is sealed into the audit event with the customer's audit-text key (made or unwrapped).
    services: ['sealSecrets', 'openSecrets'],
  },
  {
    method: 'POST',
    path: '/admin/approvals/{approvalId}/approve',
    operation: 'approveDisable',
    responses: { 200: twoFactorDisabledSchema },
    function: 'adminApi',
    auth: adminOnly,
    params: approvalParams,
    tables: disableTables,
    // The reason is sealed into the audit event with the customer's audit-text key (made or unwrapped).
    services: ['sealSecrets', 'openSecrets'],
    idempotencyKey: 'optional',
  },
  {
    method: 'GET',
    path: '/security/recovery-locks',
    operation: 'listRecoveryLocks',
    responses: { 200: recoveryLockQueueSchema },
    function: 'adminApi',
    auth: securityOnly,
    query: recoveryLockQueueQuerySchema,
    // Each lock names its reported case by number: one BatchGet of the page's sessions.
    tables: { customers: 'read', verifications: 'read' },
  },
  {
    method: 'GET',
    path: '/security/customers/{customerId}/recovery-lock',
    operation: 'recoveryLockCase',
    responses: { 200: recoveryLockCaseSchema },
    function: 'adminApi',
    auth: securityOnly,
    params: customerParams,
    tables: { customers: 'read', verifications: 'read', auditEvents: 'read' },
    // The timeline shows the officers' sealed notes, unwrapping the customer's audit-text key.
    services: ['openSecrets'],
  },
  {
    method: 'POST',
    path: '/security/customers/{customerId}/recovery-lock/release',
    operation: 'releaseRecoveryLock',
    responses: { 200: recoveryLockReleasedSchema },
    function: 'adminApi',
    auth: securityOnly,
    params: customerParams,
    body: releaseRecoveryLockSchema,
    // The reported reset's approval names its approver, who may not judge the report.
    tables: { customers: 'readWrite', verifications: 'readWrite', approvals: 'read', ...appendAudit },
    // The reason is sealed into the audit event with the customer's audit-text key (made or unwrapped).
    services: ['sealSecrets', 'openSecrets'],
  },
  {
    method: 'POST',
    path: '/security/customers/{customerId}/recovery-lock/keep',
    operation: 'keepRecoveryLock',
    responses: { 200: recoveryLockKeptSchema },
    function: 'adminApi',
    auth: securityOnly,
    params: customerParams,
    body: keepRecoveryLockSchema,
    tables: { customers: 'readWrite', ...appendAudit },
    // The note is sealed into the audit event with the customer's audit-text key (made or unwrapped).
    services: ['sealSecrets', 'openSecrets'],
  },
  {
    method: 'PUT',
    path: '/internal/customers/{customerId}',
    operation: 'upsertCustomer',
    responses: { 200: customerSyncedSchema, 201: customerSyncedSchema },
    function: 'loginServiceApi',
    auth: { type: 'iam' },
    params: customerParams,
    body: customerRecordSchema,
    // A changed name or email replaces its search terms: the old ones are deleted.
    tables: { customers: 'readWrite', customerSearch: 'readWriteDelete', ...appendAudit },
  },
  {
    method: 'GET',
    path: '/internal/customers/{customerId}/2fa',
    operation: 'twoFactorStatus',
    responses: { 200: twoFactorStateSchema },
    function: 'loginServiceApi',
    auth: { type: 'iam' },
    params: customerParams,
    tables: { customers: 'read' },
  },
  {
    method: 'POST',
    path: '/internal/customers/{customerId}/2fa/verify',
    operation: 'verifyTwoFactor',
    responses: { 200: verifyOutcomeSchema },
    function: 'loginServiceApi',
    auth: { type: 'iam' },
    params: customerParams,
    body: z.strictObject({ code: typedCodeSchema }),
    tables: { customers: 'readWrite', ...appendAudit },
    services: ['openSecrets'],
  },
  {
    method: 'POST',
    path: '/internal/customers/{customerId}/2fa/enrollment-ticket',
    operation: 'issueEnrollmentTicket',
    responses: { 200: enrollmentTicketIssuedSchema },
    function: 'loginServiceApi',
    auth: { type: 'iam' },
    params: customerParams,
    // Without a step-up code a first enrollment (an empty JSON object is accepted from clients that
    // always send one); with one, a replacement of the authenticator in use (lib/enrollment/self-service.ts).
    body: z.optional(z.strictObject({ stepUpCode: z.optional(typedCodeSchema) })),
    tables: { customers: 'readWrite', tickets: 'readWrite', ...appendAudit },
    services: ['openSecrets'],
  },
  {
    method: 'POST',
    path: '/internal/customers/{customerId}/2fa/backup-codes',
    operation: 'renewBackupCodes',
    responses: { 200: backupCodesRenewedSchema },
    function: 'loginServiceApi',
    auth: { type: 'iam' },
    params: customerParams,
    body: z.strictObject({ stepUpCode: typedCodeSchema }),
    tables: { customers: 'readWrite', ...appendAudit },
    services: ['openSecrets'],
  },
  {
    method: 'POST',
    path: '/internal/customers/{customerId}/erase',
    operation: 'eraseCustomer',
    responses: { 200: customerErasedSchema },
    function: 'loginServiceApi',
    auth: { type: 'iam' },
    params: customerParams,
    body: z.optional(z.strictObject({})),
    // The record becomes a tombstone; everything else of the customer is deleted (lib/erasure/).
    tables: {
      customers: 'readWrite',
      customerSearch: 'readWriteDelete',
      verifications: 'readWriteDelete',
      tickets: 'readWriteDelete',
      approvals: 'readWriteDelete',
      auditEvents: 'append',
      notifications: 'readWriteDelete',
    },
  },
  {
    method: 'POST',
    // POST, not GET: the ticket stays in a body, out of URLs, access logs and CloudFront's cache keys.
    path: '/enroll/status',
    operation: 'enrollmentLinkStatus',
    responses: { 200: enrollmentLinkStatusSchema },
    function: 'enrollmentApi',
    auth: { type: 'none' },
    body: z.strictObject({ ticket: ticketSchema }),
    tables: { customers: 'read', tickets: 'read' },
  },
  {
    method: 'POST',
    path: '/enroll/start',
    operation: 'startEnrollment',
    responses: { 200: enrollmentStartedSchema },
    function: 'enrollmentApi',
    auth: { type: 'none' },
    body: z.strictObject({ ticket: ticketSchema }),
    tables: { customers: 'readWrite', tickets: 'read', ...appendAudit },
    services: ['sealSecrets'],
  },
  {
    method: 'POST',
    path: '/enroll/confirm',
    operation: 'confirmEnrollment',
    responses: { 200: enrollmentConfirmedSchema },
    function: 'enrollmentApi',
    auth: { type: 'none' },
    body: z.strictObject({ ticket: ticketSchema, code: typedCodeSchema }),
    tables: { customers: 'readWrite', tickets: 'readWrite', ...appendAudit },
    services: ['openSecrets'],
  },
  {
    method: 'POST',
    path: '/enroll/report',
    operation: 'reportUnauthorizedReset',
    responses: { 200: unauthorizedResetReportedSchema },
    function: 'enrollmentApi',
    auth: { type: 'none' },
    body: z.strictObject({ ticket: ticketSchema }),
    tables: { customers: 'readWrite', tickets: 'readWrite', ...appendAudit },
  },
];

/** API Gateway's route key, e.g. `POST /admin/customers/{customerId}/verifications`. */
export const routeKey = (route: Pick<RouteDefinition, 'method' | 'path'>) => `${route.method} ${route.path}`;

export const routesOf = (name: FunctionName) => routes.filter((route) => route.function === name);

const accessRank: Record<TableAccess, number> = { read: 0, append: 1, readWrite: 2, readWriteDelete: 3 };

/** Everything a function may touch: the union of its routes' needs and its own. */
export const functionPermissions = (name: FunctionName) => {
  const definition: FunctionDefinition = functions[name];
  const tables: Partial<Record<TableKey, TableAccess>> = { ...definition.tables };
  const services = new Set<ServiceUse>(definition.services ?? []);
  for (const route of routesOf(name)) {
    for (const [table, access] of Object.entries(route.tables ?? {}) as [TableKey, TableAccess][]) {
      const current = tables[table];
      if (current === undefined || accessRank[access] > accessRank[current]) tables[table] = access;
    }
    for (const service of route.services ?? []) services.add(service);
  }
  return { tables, services: [...services] };
};

/** Matches a concrete path against the table; returns the route and its path parameters. */
export const matchRoute = (method: string, path: string) => {
  for (const route of routes) {
    if (route.method !== method) continue;
    const names: string[] = [];
    const pattern = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    const match = new RegExp(`^${pattern}$`).exec(path);
    if (!match) continue;
    const pathParameters = Object.fromEntries(
      names.map((name, index) => [name, decodeURIComponent(match[index + 1] ?? '')]),
    );
    return { route, pathParameters };
  }
  return undefined;
};

/** True when some route has this path with another method (405 rather than 404). */
export const pathExists = (path: string) =>
  routes.some((route) => matchRoute(route.method, path)?.route === route);
