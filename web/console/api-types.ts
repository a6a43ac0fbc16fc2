// The API's answers as the console reads them: each one the zod schema the route declares in
// lib/*/responses.ts (z.infer), or where no schema describes it in full, the type of the lib function
// that builds it. Type-only imports: nothing of lib/ or zod ends up in the page's bundle.
import type * as z from '../../lib/schema';
import type { customerAuditHistory } from '../../lib/staff-views/audit-history';
import type { customerProfile } from '../../lib/staff-views/customer-profile';
import type { customerSearchResultSchema } from '../../lib/customers/responses';
import type { ApprovalReason } from '../../lib/reset/policy';
import type { pendingApprovalsFor } from '../../lib/reset/approvals';
import type {
  disablePendingApprovalSchema,
  resetLinkQueuedSchema,
  twoFactorDisabledSchema,
} from '../../lib/reset/responses';
import type { recoveryLockCase } from '../../lib/staff-views/recovery-lock-case';
import type {
  recoveryLimitQueueSchema,
  recoveryLimitsResetSchema,
  recoveryLockQueueSchema,
  recoveryLockReleasedSchema,
} from '../../lib/security/responses';
import type { PolicyOutcome, StillNeeded } from '../../lib/verification/policy';
import type {
  caseRecordPrintedSchema,
  emailCodeSentSchema,
  readyVerificationsSchema,
  verificationStartedSchema,
} from '../../lib/verification/responses';
import type { CheckResult } from '../../lib/verification/schemas';
import type { verificationView } from '../../lib/verification/verification';
import type { CheckOutcome } from '../../lib/verification/decisions';
import type { triageRecordedSchema } from '../../lib/triage/responses';

export type { ApprovalReason, CheckOutcome, CheckResult, PolicyOutcome, StillNeeded };

export type Profile = Awaited<ReturnType<typeof customerProfile>>;
export type VerificationView = ReturnType<typeof verificationView>;

export type SearchResponse = z.infer<typeof customerSearchResultSchema>;
export type SearchHit = SearchResponse['customers'][number];

export type StartedVerification = z.infer<typeof verificationStartedSchema>;
export type TriageRecorded = z.infer<typeof triageRecordedSchema>;
export type EmailCodeSent = z.infer<typeof emailCodeSentSchema>;

/** POST …/2fa/disable: disabled at once (200) or waiting for a second admin (202). */
export type DisablePendingApproval = z.infer<typeof disablePendingApprovalSchema>;
export type DisableResponse = z.infer<typeof twoFactorDisabledSchema> | DisablePendingApproval;

/** One row of GET /admin/approvals, as lib/reset/approvals.ts builds it. */
export type Approval = Awaited<ReturnType<typeof pendingApprovalsFor>>[number];

export type ReadyVerificationsResponse = z.infer<typeof readyVerificationsSchema>;
export type ReadyVerification = ReadyVerificationsResponse['verifications'][number];

export type ResetLinkQueued = z.infer<typeof resetLinkQueuedSchema>;

export type AuditHistory = Awaited<ReturnType<typeof customerAuditHistory>>;
export type AuditEventView = AuditHistory['events'][number];
export type CaseRecordPrinted = z.infer<typeof caseRecordPrintedSchema>;

// security officer's view (recovery locks)
/** The function's type: the schema types the timeline's events as any string, the console needs their types. */
export type RecoveryLockCase = Awaited<ReturnType<typeof recoveryLockCase>>;
export type RecoveryLockQueue = z.infer<typeof recoveryLockQueueSchema>;
export type RecoveryLockEntry = RecoveryLockQueue['locks'][number];
export type RecoveryLockReleased = z.infer<typeof recoveryLockReleasedSchema>;
export type RecoveryLimitQueue = z.infer<typeof recoveryLimitQueueSchema>;
export type RecoveryLimitsReset = z.infer<typeof recoveryLimitsResetSchema>;
