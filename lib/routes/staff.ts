// The helpdesk's and admins' routes (Cognito JWT): search, profile, triage, verification, disable, approvals.
import * as z from '../schema';
import { customerSearchBodySchema, customerSearchQuerySchema } from '../customers/schemas-search';
import { customerProfileQuerySchema } from '../customers/schemas-profile';
import { disableRequestSchema, resetLinkRequestSchema, staffReasonSchema } from '../reset/schemas';
import {
  completeVerificationSchema,
  readyVerificationsQuerySchema,
  recordCheckSchema,
  startVerificationSchema,
} from '../verification/schemas';
import { customerSearchResultSchema } from '../customers/responses';
import { customerProfileSchema } from '../staff-views/customer-profile-schema';
import {
  disablePendingApprovalSchema,
  disableRejectedSchema,
  pendingApprovalsSchema,
  resetLinkQueuedSchema,
  twoFactorDisabledSchema,
  verificationCancelledSchema,
} from '../reset/responses';
import { recordTriageSchema } from '../triage/schemas';
import { triageRecordedSchema } from '../triage/responses';
import { auditHistoryQuerySchema, auditHistorySchema } from '../staff-views/audit-history-schemas';
import {
  caseRecordPrintedSchema,
  checkRecordedSchema,
  emailCodeSentSchema,
  readyVerificationsSchema,
  verificationCompletedSchema,
  verificationStartedSchema,
  verificationViewSchema,
} from '../verification/responses';
import {
  adminOnly,
  appendAudit,
  approvalParams,
  customerParams,
  staff,
  staffAndSecurity,
  verificationParams,
  type RouteDefinition,
} from './definition';

const disableTables = {
  customers: 'readWrite',
  verifications: 'readWrite',
  approvals: 'readWrite',
  idempotency: 'readWrite',
  // The velocity windows: read, claimed by a direct disable, filled by an approved one.
  velocity: 'readWrite',
  ...appendAudit,
} as const;

export const staffRoutes = [
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
    // The same search with the text in the body: a URL's query string is kept in CloudFront's access
    // logs, a body is not. The console searches this way; GET stays for the contract's clients.
    method: 'POST',
    path: '/admin/customers/search',
    operation: 'searchCustomersByBody',
    responses: { 200: customerSearchResultSchema },
    function: 'adminApi',
    auth: staff,
    body: customerSearchBodySchema,
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
    // approvals: a running recovery wait names its reset's approver, who may not end it.
    tables: { customers: 'read', verifications: 'read', auditEvents: 'read', approvals: 'read' },
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
    // A pass is counted in the agent's velocity window.
    tables: { customers: 'readWrite', verifications: 'readWrite', velocity: 'readWrite', ...appendAudit },
  },
  {
    method: 'GET',
    path: '/admin/verifications/{verificationId}',
    operation: 'getVerification',
    responses: { 200: verificationViewSchema },
    function: 'adminApi',
    // The session's agent, admins and security officers (lib/verification/access.ts decides, 403 otherwise).
    auth: staffAndSecurity,
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
    // Who may read the session prints it (lib/verification/access.ts).
    auth: staffAndSecurity,
    params: verificationParams,
    // No input beyond the path; an empty JSON object is accepted from clients that always send one.
    body: z.optional(z.strictObject({})),
    // One person's prints of a case within a minute are one event: a conditional marker in Idempotency.
    tables: { customers: 'read', verifications: 'read', idempotency: 'readWrite', ...appendAudit },
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
    // The reason is sealed into the audit event with the customer's audit-text key (made or unwrapped);
    // an Idempotency-Key's fingerprint is a keyed hash (answer-hash key).
    services: ['sealSecrets', 'openSecrets', 'answerHashKey'],
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
    // Nothing, or the further address on file the admin picked for a caller who cannot open the main one.
    body: resetLinkRequestSchema,
    // The reset's case is on the customer item, or (reset before that) on the current ticket.
    tables: { customers: 'readWrite', tickets: 'read', ...appendAudit },
    // The address picked is sealed into the audit event with the customer's audit-text key.
    services: ['sealSecrets', 'openSecrets'],
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
    // The requester's reason is stored sealed with the customer's audit-text key: opened for the list.
    services: ['openSecrets'],
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
    // The reason is sealed into the audit event with the customer's audit-text key (made or unwrapped);
    // an Idempotency-Key's fingerprint is a keyed hash (answer-hash key).
    services: ['sealSecrets', 'openSecrets', 'answerHashKey'],
    idempotencyKey: 'optional',
  },
] as const satisfies readonly RouteDefinition[];
