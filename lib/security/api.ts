// The security officers' routes (Cognito JWT, group security), with the schemas of their input and
// answers: the recovery-lock queue, case, release and keep; the queue of customers whose recovery a
// cooldown or a spent budget holds back, and its reset; the end of a recovery's waiting period.
import { staffAuditEventSchema } from '../audit/staff-event-schema';
import { recoveryDelaySchema } from '../customers/responses';
import { customerParams } from '../customers/schemas';
import { customerLocales } from '../locales';
import { pageQuerySchema } from '../pagination';
import {
  appendAudit,
  securityOnly,
  staffReasonSchema,
  staffReasonText,
  type RouteEntry,
} from '../route-entry';
import * as z from '../schema';
import { verificationIdSchema } from '../verification/schemas';

export const recoveryLockQueueQuerySchema = z.strictObject({ ...pageQuerySchema(50, 100) });

export const releaseRecoveryLockSchema = z.strictObject({
  /** A PASSED session with the emailed code read back, started under the lock by someone else. */
  verificationId: verificationIdSchema,
  reason: staffReasonText,
});

export const keepRecoveryLockSchema = z.strictObject({
  /** What the officer found and why the lock stays: kept in the audit trail. */
  note: z.singleLine(3, 1000),
});

export const recoveryLimitQueueQuerySchema = z.strictObject({ ...pageQuerySchema(20, 50) });

/** Why the officer lifts the limits (the call-back on contact details on file). */
export const resetRecoveryLimitsSchema = staffReasonSchema;

/** Why the officer ends the wait (e.g. the call-back on a number on file). */
export const endRecoveryDelaySchema = staffReasonSchema;

export type EndRecoveryDelayInput = z.infer<typeof endRecoveryDelaySchema>;
export type RecoveryLimitQueueQuery = z.infer<typeof recoveryLimitQueueQuerySchema>;
export type ResetRecoveryLimitsInput = z.infer<typeof resetRecoveryLimitsSchema>;
export type RecoveryLockQueueQuery = z.infer<typeof recoveryLockQueueQuerySchema>;
export type ReleaseRecoveryLockInput = z.infer<typeof releaseRecoveryLockSchema>;
export type KeepRecoveryLockInput = z.infer<typeof keepRecoveryLockSchema>;

const twoFactorStatus = z.enum(['ENABLED', 'DISABLED', 'LOCKED']);

const recoveryLockEntrySchema = z.strictObject({
  customerId: z.string(),
  fullName: z.string(),
  email: z.string(),
  companyName: z.nullable(z.string()),
  lockedAt: z.string(),
  /** The case of the reset the customer reported, or null where the ticket named none. */
  caseId: z.nullable(z.string()),
  /** That case's number (HD-…) as the reset email named it; null for sessions from before case numbers. */
  caseNumber: z.nullable(z.string()),
  report: z.nullable(
    z.strictObject({
      ticketPurpose: z.string(),
      previousStatus: twoFactorStatus,
      reportedAt: z.string(),
    }),
  ),
  lastReview: z.nullable(z.strictObject({ officerId: z.string(), at: z.string(), auditEventId: z.string() })),
});

/** GET /security/recovery-locks: oldest lock first. */
export const recoveryLockQueueSchema = z.builtOnFirstUse(() =>
  z.strictObject({
    locks: z.array(recoveryLockEntrySchema),
    nextCursor: z.nullable(z.string()),
  }),
);

const budgetSchema = z.strictObject({
  sentIn24h: z.number(),
  perDay: z.number(),
  /** When the day's budget frees up again; null while it is not spent. */
  spentUntil: z.nullable(z.string()),
});

/** What limits a customer's recovery now, and the sessions that caused it (newest first). */
const recoveryLimitsSchema = z.strictObject({
  /** null when no cooldown is running. */
  cooldownUntil: z.nullable(z.string()),
  /** Failures in a row; a reset keeps it, so the next wrong answer earns the step after it. */
  failureStreak: z.number(),
  emailCodes: budgetSchema,
  guideMails: budgetSchema,
  sessions: z.array(
    z.strictObject({
      verificationId: z.string(),
      caseNumber: z.nullable(z.string()),
      agentId: z.string(),
      channel: z.string(),
      status: z.string(),
      startedAt: z.string(),
      causes: z.array(z.enum(['WRONG_ANSWER', 'CODE_NOT_READ_BACK'])),
      codesSent: z.number(),
    }),
  ),
});

/** GET /security/recovery-limits: customers a cooldown or a spent budget holds back, soonest to run out first. */
export const recoveryLimitQueueSchema = z.builtOnFirstUse(() =>
  z.strictObject({
    customers: z.array(
      z.strictObject({
        customerId: z.string(),
        fullName: z.string(),
        email: z.string(),
        companyName: z.nullable(z.string()),
        /** When the last of the limits runs out. */
        limitedUntil: z.string(),
        ...recoveryLimitsSchema.shape,
      }),
    ),
    nextCursor: z.nullable(z.string()),
  }),
);

/** POST /security/customers/{customerId}/recovery-limits/reset. */
export const recoveryLimitsResetSchema = z.builtOnFirstUse(() =>
  z.strictObject({
    status: z.literal('RESET'),
    /** What was cleared: the cooldown's end (null if none ran) and the day's sends given back. */
    cleared: z.strictObject({
      cooldownUntil: z.nullable(z.string()),
      emailCodesIn24h: z.number(),
      guideMailsIn24h: z.number(),
    }),
    failureStreak: z.number(),
    auditEventId: z.string(),
    notification: z.literal('QUEUED'),
  }),
);

/** POST /security/customers/{customerId}/recovery-delay/end: the wait is over now. */
export const recoveryDelayEndedSchema = z.builtOnFirstUse(() =>
  z.strictObject({
    status: z.literal('ENDED'),
    recoveryAvailableAt: z.iso.datetime({ offset: true }),
    auditEventId: z.string(),
  }),
);

/** GET /security/customers/{customerId}/recovery-lock: what the officer decides on. */
export const recoveryLockCaseSchema = z.builtOnFirstUse(() =>
  z.strictObject({
    customer: z.strictObject({
      customerId: z.string(),
      fullName: z.string(),
      email: z.string(),
      companyName: z.nullable(z.string()),
      /** The numbers on file (E.164) the officer calls back on; empty when the login service synced none. */
      phoneNumbers: z.array(z.string()),
      locale: z.enum(customerLocales),
      twoFactor: twoFactorStatus,
      lockReason: z.nullable(z.enum(['TOO_MANY_ATTEMPTS', 'REPORTED_BY_CUSTOMER'])),
    }),
    /** null when recovery is not (or no longer) locked by a report. */
    lock: z.nullable(recoveryLockEntrySchema),
    /** What limits recovery now (cooldown, spent budgets) and the sessions that caused it: a reset lifts it. */
    limits: recoveryLimitsSchema,
    /** A reset's running waiting period, which an officer who took no part in the reset may end. */
    recoveryDelay: z.nullable(recoveryDelaySchema),
    /** The customer's audit events from the reported reset on, oldest first; sealed notes opened. */
    timeline: z.array(staffAuditEventSchema),
    /** Sessions started under the lock, newest first: the ones a release can rest on. */
    verifications: z.array(
      z.strictObject({
        verificationId: z.string(),
        caseNumber: z.nullable(z.string()),
        agentId: z.string(),
        channel: z.string(),
        status: z.string(),
        outcome: z.nullable(z.enum(['PASSED', 'FAILED'])),
        startedAt: z.string(),
        completedAt: z.nullable(z.string()),
        emailCodeMatched: z.boolean(),
        withoutPossessionProof: z.nullable(z.string()),
      }),
    ),
  }),
);

/** POST …/recovery-lock/release. */
export const recoveryLockReleasedSchema = z.builtOnFirstUse(() =>
  z.strictObject({
    status: z.literal('RELEASED'),
    twoFactor: z.literal('DISABLED'),
    auditEventId: z.string(),
    notification: z.literal('QUEUED'),
  }),
);

export type RecoveryLockCase = z.infer<typeof recoveryLockCaseSchema>;
export type RecoveryLockEntry = z.infer<typeof recoveryLockEntrySchema>;

/** POST …/recovery-lock/keep. */
export const recoveryLockKeptSchema = z.builtOnFirstUse(() =>
  z.strictObject({
    status: z.literal('RECOVERY_LOCKED'),
    reviewedAt: z.string(),
    auditEventId: z.string(),
  }),
);

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
] as const satisfies readonly RouteEntry[];
