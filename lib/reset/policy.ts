// The policy gate before any 2FA disable: which verification counts, and when a second admin must
// approve. Pure; refusals are typed domain errors, the decision says what the transaction may do.
import type { CustomerItem } from '../customers/customer';
import { conflict, forbidden, gone, locked } from '../errors';
import type { VerificationItem } from '../verification/verification';

export interface ResetPolicy {
  verificationMaxAgeMinutes: number;
  emailChangeCoolingOffDays: number;
  recentResetCoolingOffHours: number;
}

export type ApprovalReason = 'PRIVILEGED_CUSTOMER' | 'EMAIL_CHANGED_RECENTLY' | 'RECENT_RESET';

export type DisableDecision = { kind: 'DISABLE' } | { kind: 'NEEDS_APPROVAL'; reasons: ApprovalReason[] };

const minutesBetween = (from: string, to: Date) => (to.getTime() - new Date(from).getTime()) / 60000;

/** What must hold of the customer for any disable, direct or approved. */
export const assertCustomerCanBeReset = (customer: CustomerItem) => {
  if (customer.recoveryLockedAt)
    throw locked(
      'RECOVERY_LOCKED',
      'Recovery is locked for this customer after a "this wasn\'t me" report; involve the security team.',
    );
  if (customer.twoFactor === 'DISABLED')
    throw conflict('TWO_FA_NOT_ENABLED', '2FA is already disabled for this customer.');
};

/** A PASSED session for this customer, completed at most N minutes ago, never used. */
export const assertVerificationUsable = (
  verification: VerificationItem,
  customer: CustomerItem,
  now: Date,
  policy: ResetPolicy,
) => {
  if (verification.customerId !== customer.customerId)
    throw conflict('VERIFICATION_OTHER_CUSTOMER', 'This verification belongs to another customer.');
  switch (verification.status) {
    case 'OPEN':
      throw conflict(
        'VERIFICATION_NOT_COMPLETED',
        'The verification is still open; the agent must complete it first.',
      );
    case 'FAILED':
      throw conflict('VERIFICATION_NOT_PASSED', 'The verification failed; 2FA cannot be disabled on it.');
    case 'USED':
      throw conflict(
        'VERIFICATION_ALREADY_USED',
        'This verification was already used for a disable; a new one is needed.',
      );
    case 'PENDING_APPROVAL':
      throw conflict(
        'APPROVAL_PENDING',
        "A disable on this verification is waiting for a second admin's approval.",
      );
    case 'PASSED':
      break;
  }
  if (
    !verification.completedAt ||
    minutesBetween(verification.completedAt, now) > policy.verificationMaxAgeMinutes
  ) {
    throw conflict(
      'VERIFICATION_STALE',
      `The verification was completed more than ${policy.verificationMaxAgeMinutes} minutes ago; verify the caller again.`,
    );
  }
};

export const decideDisable = (
  input: { customer: CustomerItem; verification: VerificationItem; now: Date },
  policy: ResetPolicy,
): DisableDecision => {
  const { customer, verification, now } = input;
  assertCustomerCanBeReset(customer);
  assertVerificationUsable(verification, customer, now, policy);
  const reasons: ApprovalReason[] = [];
  if (customer.privileged) reasons.push('PRIVILEGED_CUSTOMER');
  if (
    customer.emailChangedAt &&
    minutesBetween(customer.emailChangedAt, now) < policy.emailChangeCoolingOffDays * 1440
  )
    reasons.push('EMAIL_CHANGED_RECENTLY');
  if (
    customer.lastResetAt &&
    minutesBetween(customer.lastResetAt, now) < policy.recentResetCoolingOffHours * 60
  )
    reasons.push('RECENT_RESET');
  return reasons.length ? { kind: 'NEEDS_APPROVAL', reasons } : { kind: 'DISABLE' };
};

export interface ApprovalItem {
  approvalId: string;
  customerId: string;
  verificationId: string;
  requestedBy: string;
  verifiedBy: string;
  reason: string;
  approvalReasons: ApprovalReason[];
  status: 'PENDING' | 'APPROVED';
  createdAt: string;
  expiresAt: string;
  approvedBy?: string;
  approvedAt?: string;
  /** Present only while pending: the sparse `pending` index lists open approvals without a scan. */
  pendingFlag?: 'PENDING';
  expiresAtEpoch: number;
}

/** Maker-checker: the approver is a different person from whoever asked and whoever verified. */
export const assertCanApprove = (approval: ApprovalItem, approverId: string, now: Date) => {
  if (approval.status !== 'PENDING')
    throw conflict('APPROVAL_NOT_PENDING', 'This approval was already decided.');
  if (new Date(approval.expiresAt) <= now)
    throw gone('APPROVAL_EXPIRED', 'This approval request has expired; start again with a new verification.');
  if (approval.requestedBy === approverId)
    throw forbidden('APPROVER_IS_REQUESTER', 'A second admin must approve; you requested this disable.');
  if (approval.verifiedBy === approverId)
    throw forbidden('APPROVER_IS_VERIFIER', 'A second admin must approve; you verified this caller.');
};
