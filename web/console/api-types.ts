// The API's answers as the console reads them, derived from the functions in lib/ that build them
// (type-only imports: nothing of lib/ ends up in the page's bundle).
import type { customerAuditHistory } from '../../lib/audit/history';
import type { customerProfile } from '../../lib/customers/profile';
import type { recordCaseRecordPrinted } from '../../lib/verification/case-record';
import type { SearchHit } from '../../lib/customers/search';
import type { ApprovalReason } from '../../lib/reset/policy';
import type { pendingApprovalsFor } from '../../lib/reset/approvals';
import type { ReadyVerification } from '../../lib/verification/ready';
import type { PolicyOutcome } from '../../lib/verification/policy';
import type { CheckResult } from '../../lib/verification/schemas';
import type { verificationView } from '../../lib/verification/verification';
import type { CheckOutcome } from '../../lib/verification/store';
import type { recoveryLockCase } from '../../lib/security/case';
import type { RecoveryLockEntry } from '../../lib/security/store';
import type { recordTriage } from '../../lib/triage/store';

export type { ApprovalReason, CheckOutcome, CheckResult, PolicyOutcome, SearchHit };

export type Profile = Awaited<ReturnType<typeof customerProfile>>;
export type VerificationView = ReturnType<typeof verificationView>;

export interface SearchResponse {
  customers: SearchHit[];
  nextCursor: string | null;
}

export interface StartedVerification {
  verificationId: string;
  caseNumber: string | null;
  status: string;
  startedAt: string;
}

export type TriageRecorded = Awaited<ReturnType<typeof recordTriage>>;

export interface EmailCodeSent {
  sentTo: string;
  expiresAt: string;
  sendsLeft: number;
}

export type DisableResponse =
  | { twoFactor: 'DISABLED'; auditEventId: string; notification: string }
  | { status: 'PENDING_APPROVAL'; approvalId: string; approvalReasons: ApprovalReason[]; expiresAt: string };

/** One row of GET /admin/approvals, as lib/reset/approvals.ts builds it. */
export type Approval = Awaited<ReturnType<typeof pendingApprovalsFor>>[number];

export type { ReadyVerification };

export interface ReadyVerificationsResponse {
  verifications: ReadyVerification[];
  nextCursor: string | null;
}

export interface ResetLinkQueued {
  status: 'QUEUED';
  auditEventId: string;
  sendsLeftToday: number;
}

export type AuditHistory = Awaited<ReturnType<typeof customerAuditHistory>>;
export type AuditEventView = AuditHistory['events'][number];
export type CaseRecordPrinted = Awaited<ReturnType<typeof recordCaseRecordPrinted>>;
// security officer's view (recovery locks)
export type { RecoveryLockEntry };
export type RecoveryLockCase = Awaited<ReturnType<typeof recoveryLockCase>>;

export interface RecoveryLockQueue {
  locks: RecoveryLockEntry[];
  nextCursor: string | null;
}

export interface RecoveryLockReleased {
  status: 'RELEASED';
  auditEventId: string;
}
