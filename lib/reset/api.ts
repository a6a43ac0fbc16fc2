// The disable gate's routes (admins): disable at once or ask a second admin, approve or reject, and the
// reset link sent again; with the schemas of their input and answers.
import { customerParams } from '../customers/schemas';
import { adminOnly, appendAudit, staffReasonSchema, staffReasonText, type RouteEntry } from '../route-entry';
import * as z from '../schema';
import { checksSummarySchema } from '../verification/checks-summary';
import { verificationIdSchema } from '../verification/schemas';
import { approvalReasons } from './approval-reasons';

export const disableRequestSchema = z.strictObject({
  verificationId: verificationIdSchema,
  reason: staffReasonText,
});

/**
 * POST /admin/customers/{customerId}/2fa/reset-link. `sendTo` is for a customer who cannot open the
 * mailbox of `email`: one of the customer's further addresses on file (`notificationEmails`), chosen by
 * the admin. Any address not on file is refused, so a caller cannot have the link sent where they read it.
 */
export const resetLinkRequestSchema = z.optional(
  z.strictObject({ sendTo: z.optional(z.email().check(z.maxLength(254))) }),
);

export const approvalIdSchema = z
  .string()
  .check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'an approval id is a ULID'));

/** The path parameters of a route under `/admin/approvals/{approvalId}`. */
export const approvalParams = z.strictObject({ approvalId: approvalIdSchema });

/** 200 of disable and approve: the same answer either way. */
export const twoFactorDisabledSchema = z.builtOnFirstUse(() =>
  z.looseObject({
    twoFactor: z.literal('DISABLED'),
    auditEventId: z.string(),
    notification: z.string(),
  }),
);

/** 202 of disable when policy asks for a second person. */
export const disablePendingApprovalSchema = z.builtOnFirstUse(() =>
  z.looseObject({
    status: z.literal('PENDING_APPROVAL'),
    approvalId: z.string(),
    /** Why a second admin must decide. */
    approvalReasons: z.array(z.enum(approvalReasons)),
    expiresAt: z.string(),
  }),
);

/** GET /admin/approvals: what the deciding admin needs, newest first. */
export const pendingApprovalsSchema = z.builtOnFirstUse(() =>
  z.object({
    approvals: z.array(
      z.object({
        approvalId: z.string(),
        customerId: z.string(),
        customerName: z.nullable(z.string()),
        verificationId: z.string(),
        caseNumber: z.nullable(z.string()),
        requestedBy: z.string(),
        verifiedBy: z.string(),
        /** The requester's reason, opened (or the placeholder once the customer is erased). */
        reason: z.string(),
        approvalReasons: z.array(z.enum(approvalReasons)),
        checksSummary: checksSummarySchema,
        requestedAt: z.string(),
        createdAt: z.string(),
        expiresAt: z.string(),
        ownRequest: z.boolean(),
        canApprove: z.boolean(),
      }),
    ),
  }),
);
export type PendingApproval = z.infer<typeof pendingApprovalsSchema>['approvals'][number];

/** POST /admin/approvals/{approvalId}/reject. */
export const disableRejectedSchema = z.builtOnFirstUse(() =>
  z.strictObject({
    status: z.literal('REJECTED'),
    approvalId: z.string(),
    auditEventId: z.string(),
  }),
);

/** POST /admin/customers/{customerId}/2fa/reset-link (202): the notifier issues and mails the new link. */
export const resetLinkQueuedSchema = z.builtOnFirstUse(() =>
  z.strictObject({
    status: z.literal('QUEUED'),
    auditEventId: z.string(),
    sendsLeftToday: z.number(),
  }),
);

const disableTables = {
  customers: 'readWrite',
  verifications: 'readWrite',
  approvals: 'readWrite',
  idempotency: 'readWrite',
  // The velocity windows: read, claimed by a direct disable, filled by an approved one.
  velocity: 'readWrite',
  ...appendAudit,
} as const;

export const resetRoutes = [
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
] as const satisfies readonly RouteEntry[];
