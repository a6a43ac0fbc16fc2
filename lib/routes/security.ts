// The security officers' routes (Cognito JWT, group security): the recovery-lock queue, case, release, keep;
// the queue of customers whose recovery a cooldown or a spent budget holds back, and its reset; the end
// of a recovery's waiting period.
import {
  keepRecoveryLockSchema,
  recoveryLimitQueueQuerySchema,
  recoveryLockQueueQuerySchema,
  releaseRecoveryLockSchema,
  resetRecoveryLimitsSchema,
  endRecoveryDelaySchema,
} from '../security/schemas';
import {
  recoveryLimitQueueSchema,
  recoveryLimitsResetSchema,
  recoveryDelayEndedSchema,
  recoveryLockKeptSchema,
  recoveryLockCaseSchema,
  recoveryLockQueueSchema,
  recoveryLockReleasedSchema,
} from '../security/responses';
import { appendAudit, customerParams, securityOnly, type RouteDefinition } from './definition';

export const securityRoutes = [
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
    // approvals: a running recovery wait names its reset's approver, who may not end it.
    tables: { customers: 'read', verifications: 'read', auditEvents: 'read', approvals: 'read' },
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
    method: 'GET',
    path: '/security/recovery-limits',
    operation: 'listRecoveryLimits',
    responses: { 200: recoveryLimitQueueSchema },
    function: 'adminApi',
    auth: securityOnly,
    query: recoveryLimitQueueQuerySchema,
    // Each entry names the sessions that caused its limits: one query of the customer's sessions.
    tables: { customers: 'read', verifications: 'read' },
  },
  {
    method: 'POST',
    path: '/security/customers/{customerId}/recovery-limits/reset',
    operation: 'resetRecoveryLimits',
    responses: { 200: recoveryLimitsResetSchema },
    function: 'adminApi',
    auth: securityOnly,
    params: customerParams,
    body: resetRecoveryLimitsSchema,
    // Who took part in the causing sessions is read from the customer's audit events (append reads too).
    tables: { customers: 'readWrite', verifications: 'read', ...appendAudit },
    // The reason is sealed into the audit event with the customer's audit-text key (made or unwrapped).
    services: ['sealSecrets', 'openSecrets'],
  },
  {
    method: 'POST',
    path: '/security/customers/{customerId}/recovery-delay/end',
    operation: 'endRecoveryDelay',
    responses: { 200: recoveryDelayEndedSchema },
    function: 'adminApi',
    auth: securityOnly,
    params: customerParams,
    body: endRecoveryDelaySchema,
    // The reset's session and approval name its verifier and disabler, who may not end its wait.
    tables: { customers: 'readWrite', verifications: 'read', approvals: 'read', ...appendAudit },
    // The reason is sealed into the audit event with the customer's audit-text key (made or unwrapped).
    services: ['sealSecrets', 'openSecrets'],
  },
] as const satisfies readonly RouteDefinition[];
