// The API's answers as the console reads them, derived from the functions in lib/ that build them
// (type-only imports: nothing of lib/ ends up in the page's bundle).
import type { customerProfile } from '../../lib/customers/profile';
import type { SearchHit } from '../../lib/customers/search';
import type { ApprovalItem, ApprovalReason } from '../../lib/reset/policy';
import type { PolicyOutcome } from '../../lib/verification/policy';
import type { CheckResult } from '../../lib/verification/schemas';
import type { verificationView } from '../../lib/verification/verification';
import type { CheckOutcome } from '../../lib/verification/store';
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

export type Approval = Pick<
  ApprovalItem,
  | 'approvalId'
  | 'customerId'
  | 'verificationId'
  | 'requestedBy'
  | 'verifiedBy'
  | 'reason'
  | 'approvalReasons'
  | 'createdAt'
  | 'expiresAt'
>;
