// The policy gate before any 2FA disable: which verification counts, who may act on it, and when a
// second admin must approve. Pure; refusals are typed domain errors, the decision says what the
// transaction may do.
import type { SealedText } from '../audit/sealed-text';
import type { ApprovalReason } from './approval-reasons';
import type { CustomerItem } from '../customers/customer';
import { conflict, forbidden, gone, locked } from '../errors';
import { assertNoCooldown } from '../verification/budget';
import {
  assertVerificationFresh,
  assertVerificationStatusUsable,
  type FreshnessPolicy,
} from '../verification/usable';
import type { VerificationItem } from '../verification/verification';

export interface ResetPolicy extends FreshnessPolicy {
  emailChangeCoolingOffDays: number;
  recentResetCoolingOffHours: number;
  /** Four eyes: the agent who verified may not disable (when off, the audit says one person did both). */
  separateVerifierAndAdmin: boolean;
  /** Direct disables an admin may do in an hour; the next one needs a second admin. */
  adminDisablesPerHour: number;
  /** Passed sessions an agent may have in an hour; a disable on a later one needs a second admin. */
  agentPassesPerHour: number;
  /** Direct disables all admins together may do in an hour; past it every disable needs a second admin. */
  disablesPerHourTotal: number;
}

export type { ApprovalReason };

/** Reasons that look like an attack rather than routine caution: the security address is mailed. */
export const securityAlertReasons: readonly ApprovalReason[] = [
  'NO_POSSESSION_PROOF',
  'ADMIN_VELOCITY',
  'AGENT_VELOCITY',
  'TOTAL_VELOCITY',
];

/**
 * What happened in the 60 minutes up to this disable, read consistently before deciding; a direct
 * disable commits only if none of it changed meanwhile (lib/velocity), so parallel requests cannot
 * all see the same free place.
 */
export interface Velocity {
  /** Disables (direct, or requested by this admin and then approved) by this admin. */
  adminDisablesLastHour: number;
  /** Sessions the verifying agent passed, this one included. */
  agentPassesLastHour: number;
  /** Disables (direct or approved) by all admins together. */
  allDisablesLastHour: number;
}

export type DisableDecision =
  | { kind: 'DISABLE'; samePersonVerified: boolean }
  | {
      kind: 'NEEDS_APPROVAL';
      reasons: ApprovalReason[];
      alertSecurity: boolean;
      samePersonVerified: boolean;
    };

const minutesBetween = (from: string, to: Date) => (to.getTime() - new Date(from).getTime()) / 60000;

/** What must hold of the customer for any disable, direct or approved. */
export const assertCustomerCanBeReset = (customer: CustomerItem, now: Date) => {
  if (customer.recoveryLockedAt)
    throw locked(
      'RECOVERY_LOCKED',
      'Recovery is locked for this customer after a "this wasn\'t me" report; involve the security team.',
    );
  // A failure after this session passed (another session, a wrong answer) stops its use too.
  assertNoCooldown(customer, now);
  if (customer.twoFactor === 'DISABLED')
    throw conflict('TWO_FA_NOT_ENABLED', '2FA is already disabled for this customer.');
};

/**
 * A session started before the customer's last reset (a disable, or a lock's release) verified a caller
 * about an authenticator that is gone: a second pass left over from then must not disable the one
 * enrolled since. Checked at the disable and again at the approval.
 */
export const assertVerificationAfterLastReset = (verification: VerificationItem, customer: CustomerItem) => {
  if (customer.lastResetAt && verification.startedAt < customer.lastResetAt)
    throw conflict(
      'VERIFICATION_BEFORE_LAST_RESET',
      "This verification was started before the customer's last reset; verify the caller again.",
    );
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
  assertVerificationStatusUsable(verification);
  assertVerificationFresh(verification, now, policy);
};

export const decideDisable = (
  input: {
    customer: CustomerItem;
    verification: VerificationItem;
    adminId: string;
    velocity: Velocity;
    now: Date;
  },
  policy: ResetPolicy,
): DisableDecision => {
  const { customer, verification, now } = input;
  assertCustomerCanBeReset(customer, now);
  assertVerificationUsable(verification, customer, now, policy);
  if (verification.purpose === 'RECOVERY_LOCK_RELEASE')
    throw conflict(
      'VERIFICATION_FOR_RELEASE_ONLY',
      "This verification was started under a recovery lock; it can only serve the security team's release.",
    );
  assertVerificationAfterLastReset(verification, customer);
  const samePersonVerified = verification.agentId === input.adminId;
  if (samePersonVerified && policy.separateVerifierAndAdmin)
    throw forbidden(
      'DISABLER_IS_VERIFIER',
      'You verified this caller yourself; another admin must disable 2FA (four eyes).',
    );
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
  if (verification.withoutPossessionProof) reasons.push('NO_POSSESSION_PROOF');
  if (input.velocity.adminDisablesLastHour >= policy.adminDisablesPerHour) reasons.push('ADMIN_VELOCITY');
  if (input.velocity.agentPassesLastHour > policy.agentPassesPerHour) reasons.push('AGENT_VELOCITY');
  if (input.velocity.allDisablesLastHour >= policy.disablesPerHourTotal) reasons.push('TOTAL_VELOCITY');
  return reasons.length
    ? {
        kind: 'NEEDS_APPROVAL',
        reasons,
        alertSecurity: reasons.some((reason) => securityAlertReasons.includes(reason)),
        samePersonVerified,
      }
    : { kind: 'DISABLE', samePersonVerified };
};

export interface ApprovalItem {
  approvalId: string;
  customerId: string;
  verificationId: string;
  requestedBy: string;
  verifiedBy: string;
  /**
   * The requester's reason, sealed with the customer's audit-text key (free text about a person, kept a
   * year after expiry). Items written before sealing hold plain text until their TTL removes them.
   */
  reason: SealedText | string;
  approvalReasons: ApprovalReason[];
  status: 'PENDING' | 'APPROVED' | 'REJECTED';
  createdAt: string;
  expiresAt: string;
  approvedBy?: string;
  approvedAt?: string;
  rejectedBy?: string;
  rejectedAt?: string;
  /** Present only while pending: the sparse `pending` index lists open approvals without a scan. */
  pendingFlag?: 'PENDING';
  expiresAtEpoch: number;
}

declare module '../data/tables' {
  /** The Approvals table's indexes key on these fields (checked in lib/data/tables.ts). */
  interface IndexedItems {
    approvals: ApprovalItem;
  }
}

/** The verification behind an approval still waits for it: checked at the approval and at the rejection. */
export const assertVerificationAwaits = (approval: ApprovalItem, verification: VerificationItem) => {
  if (verification.status !== 'PENDING_APPROVAL' || verification.approvalId !== approval.approvalId)
    throw conflict(
      'VERIFICATION_NOT_PENDING',
      'The verification behind this approval is no longer waiting for it.',
    );
};

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
