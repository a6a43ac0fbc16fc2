// What staff read, as routes (helpdesk and admins; the audit trail also security officers), with the
// schemas of their input and answers: the customer search (query string or body), the customer's
// profile with its history's first pages, and the customer's audit trail, paged.
import { staffAuditEventSchema } from '../audit/staff-event-schema';
import {
  lockReasonSchema,
  mailFeedbackSchema,
  recoveryDelaySchema,
  twoFactorMethodsSchema,
  twoFactorStatusSchema,
} from '../customers/responses';
import { customerParams } from '../customers/schemas';
import { customerLocales } from '../locales';
import { cursorSchema, pageQuerySchema } from '../pagination';
import { staff, staffAndSecurity, type RouteEntry } from '../route-entry';
import * as z from '../schema';
import { checksSummarySchema } from '../verification/checks-summary';
import { channels, noPossessionReasons, verificationIdSchema } from '../verification/schemas';
import { reportedProblems, verificationStatuses } from '../verification/vocabulary';

const SEARCH_LIMIT = { default: 20, max: 50 } as const;
const searchText = z.singleLine(1, 200);

export const customerSearchQuerySchema = z.strictObject({
  query: searchText,
  ...pageQuerySchema(SEARCH_LIMIT.default, SEARCH_LIMIT.max),
});

export const customerSearchBodySchema = z.strictObject({
  query: searchText,
  limit: z._default(
    z.number().check(z.int(), z.minimum(1), z.maximum(SEARCH_LIMIT.max)),
    SEARCH_LIMIT.default,
  ),
  cursor: z.optional(cursorSchema),
});

const searchHitSchema = z.looseObject({
  customerId: z.string(),
  fullName: z.string(),
  email: z.string(),
  companyName: z.nullable(z.string()),
  twoFactor: twoFactorStatusSchema,
  lockReason: z.nullable(lockReasonSchema),
  /** Set when the query was a case number: the session it names. */
  matchedCase: z.optional(z.object({ caseNumber: z.string(), verificationId: z.string() })),
});

/** GET /admin/customers?query= : one page of hits and the cursor of the next. */
export const customerSearchResultSchema = z.builtOnFirstUse(() =>
  z.object({
    customers: z.array(searchHitSchema),
    nextCursor: z.nullable(z.string()),
  }),
);

export const customerProfileQuerySchema = z.strictObject({
  /** The `nextEventsCursor` of the page before: older audit events. */
  eventsCursor: z.optional(cursorSchema),
  /** The `nextVerificationsCursor` of the page before: older sessions. */
  verificationsCursor: z.optional(cursorSchema),
});
export type CustomerProfileQuery = z.infer<typeof customerProfileQuerySchema>;

const profileCustomerFields = {
  customerId: z.string(),
  fullName: z.string(),
  email: z.string(),
  companyName: z.nullable(z.string()),
  /**
   * The further addresses on file: they get every notice, and an admin may send the reset link to one.
   * In full for admins and officers, masked for the helpdesk ("h**********@example.nl").
   */
  notificationEmails: z.array(z.string()),
  /** The numbers on file, all but the last two digits hidden ("+31 •••• •••78"); officers see them whole. */
  phoneNumbersMasked: z.array(z.string()),
  locale: z.enum(customerLocales),
  privileged: z.boolean(),
  recoveryLocked: z.boolean(),
  verificationCooldownUntil: z.nullable(z.string()),
  failedVerificationCount: z.number(),
  lastFailedVerificationAt: z.nullable(z.string()),
  openVerificationId: z.nullable(z.string()),
  lastResetAt: z.nullable(z.string()),
  emailChangedAt: z.nullable(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** While a reset's waiting period runs (lib/security/recovery-delay.ts); null otherwise. */
  recoveryDelay: z.nullable(recoveryDelaySchema),
  /** Which ways in the customer has (app, passkeys, backup codes): how many, never which. */
  methods: twoFactorMethodsSchema,
  mailFeedback: z.nullable(mailFeedbackSchema),
};

/** The effective 2FA status; while LOCKED, why (the console's badge tells a report from wrong codes). */
const profileCustomerSchema = z.discriminatedUnion('twoFactor', [
  z.object({ ...profileCustomerFields, twoFactor: z.enum(['ENABLED', 'DISABLED']), lockReason: z.null() }),
  z.object({ ...profileCustomerFields, twoFactor: z.literal('LOCKED'), lockReason: lockReasonSchema }),
]);

const profileVerificationSchema = z.object({
  verificationId: z.string(),
  caseNumber: z.nullable(z.string()),
  agentId: z.string(),
  channel: z.enum(channels),
  reportedProblem: z.nullable(z.enum(reportedProblems)),
  status: z.enum(verificationStatuses),
  outcome: z.nullable(z.enum(['PASSED', 'FAILED'])),
  withoutPossessionProof: z.nullable(z.enum(noPossessionReasons)),
  checksSummary: checksSummarySchema,
  startedAt: z.string(),
  completedAt: z.nullable(z.string()),
  /** Started under a recovery lock: it serves only the security officer's release. */
  forRecoveryLockRelease: z.boolean(),
});

export const customerProfileSchema = z.builtOnFirstUse(() =>
  z.object({
    customer: profileCustomerSchema,
    recentVerifications: z.array(profileVerificationSchema),
    nextVerificationsCursor: z.nullable(z.string()),
    recentEvents: z.array(staffAuditEventSchema),
    nextEventsCursor: z.nullable(z.string()),
  }),
);

export type CustomerProfile = z.infer<typeof customerProfileSchema>;

export { staffAuditEventSchema };

export const auditHistoryQuerySchema = z.strictObject({
  ...pageQuerySchema(50, 200),
  /** The verification id of one case (the events' `caseId`). */
  caseId: z.optional(verificationIdSchema),
});

export const auditHistorySchema = z.builtOnFirstUse(() =>
  z.object({
    events: z.array(staffAuditEventSchema),
    /** Pass back as `cursor` (with the same `caseId`) for the older events; null on the last page. */
    nextCursor: z.nullable(z.string()),
  }),
);
export type AuditHistory = z.infer<typeof auditHistorySchema>;

export const staffViewRoutes = [
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
] as const satisfies readonly RouteEntry[];
