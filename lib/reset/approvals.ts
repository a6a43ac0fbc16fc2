// The second admin's other answer, and the list they decide from: a rejection ends the request and
// spends its verification in one transaction with TWO_FA_DISABLE_REJECTED; the pending list carries
// what a decision needs (who asked, who verified, what was checked, until when).
import { openOrPlaceholder, openTextKey, SEALED_PLACEHOLDER } from '../audit/sealed-text';
import { batchGet, tableName, type TransactItem } from '../aws/dynamodb';
import type { CustomerItem } from '../customers/customer';
import { conflict, forbidden, notFound } from '../errors';
import { readTogether } from '../reads';
import { runStaffAction, type Deps } from '../staff-actions/staff-action';
import { checksSummaryOf } from '../verification/checks-summary';
import { requireVerification } from '../verification/reads';
import type { VerificationItem } from '../verification/verification';
import { assertVerificationAwaits, type ApprovalItem } from './policy';
import { getApproval, listPendingApprovals } from './store';
import type { PendingApproval } from './api';

/** Maker-checker for the "no" as for the "yes": the admin who asked cannot reject their own request. */
export const assertCanReject = (approval: ApprovalItem, adminId: string, verification: VerificationItem) => {
  if (approval.status !== 'PENDING')
    throw conflict('APPROVAL_NOT_PENDING', 'This approval was already decided.');
  if (approval.requestedBy === adminId)
    throw forbidden(
      'REJECTER_IS_REQUESTER',
      'You requested this disable; another admin decides on it. To stop it, ask them to reject it.',
    );
  assertVerificationAwaits(approval, verification);
};

export const rejectDisable = (request: { approvalId: string; adminId: string; reason: string }, deps: Deps) =>
  runStaffAction(
    {
      customerId: ({ approval }) => approval.customerId,
      // The rejecting admin's reason is free text about a person: sealed with the customer's key.
      reason: request.reason,
      load: async () => {
        const approval = await getApproval(request.approvalId);
        if (!approval) throw notFound('APPROVAL_NOT_FOUND', 'No approval request with this id.');
        return { approval, verification: await requireVerification(approval.verificationId) };
      },
      rule: ({ approval, verification }) => assertCanReject(approval, request.adminId, verification),
      event: ({ loaded: { approval, verification }, reason }) => ({
        type: 'TWO_FA_DISABLE_REJECTED',
        actorType: 'admin',
        actorId: request.adminId,
        customerId: approval.customerId,
        caseId: verification.verificationId,
        details: {
          approvalId: approval.approvalId,
          verificationId: verification.verificationId,
          requestedBy: approval.requestedBy,
          verifiedBy: approval.verifiedBy,
          rejectedBy: request.adminId,
          reason,
        },
      }),
      writes: ({ loaded: { approval, verification }, now }): TransactItem[] => [
        {
          Update: {
            TableName: tableName('approvals'),
            Key: { approvalId: approval.approvalId },
            UpdateExpression:
              // Free text about a person lives only sealed, in the audit event: this item is kept for a year.
              'SET #status = :rejected, rejectedBy = :admin, rejectedAt = :now REMOVE pendingFlag',
            ConditionExpression: '#status = :pending',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':rejected': 'REJECTED',
              ':pending': 'PENDING',
              ':admin': request.adminId,
              ':now': now.toISOString(),
            },
          },
        },
        {
          Update: {
            TableName: tableName('verifications'),
            Key: { verificationId: verification.verificationId },
            // Spent: a rejected case starts again with a new verification.
            UpdateExpression: 'SET #status = :rejected, #version = #version + :one',
            ConditionExpression: '#status = :pending AND approvalId = :approvalId',
            ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
            ExpressionAttributeValues: {
              ':rejected': 'REJECTED',
              ':pending': 'PENDING_APPROVAL',
              ':approvalId': approval.approvalId,
              ':one': 1,
            },
          },
        },
      ],
      result: ({ loaded: { approval }, event }) => ({
        status: 'REJECTED' as const,
        approvalId: approval.approvalId,
        auditEventId: event.eventId,
      }),
      lostRace: { then: 'explain', message: 'The approval changed while this request ran; reload.' },
    },
    deps,
  );

/**
 * Pending approvals, newest first, with what the deciding admin needs: the customer's name, who asked
 * and who verified, a summary of the checks, the times, and whether this caller may approve at all
 * (their own request or their own verification shows, but cannot be approved by them).
 */
export const pendingApprovalsFor = async (adminId: string, limit: number): Promise<PendingApproval[]> => {
  const approvals = await listPendingApprovals(limit);
  const [customers, verifications] = await readTogether(
    batchGet<Pick<CustomerItem, 'customerId' | 'fullName' | 'textKey'>>(
      'customers',
      'customerId',
      approvals.map((approval) => approval.customerId),
      '#key, fullName, textKey',
    ),
    batchGet<Pick<VerificationItem, 'verificationId' | 'caseNumber' | 'checks' | 'withoutPossessionProof'>>(
      'verifications',
      'verificationId',
      approvals.map((approval) => approval.verificationId),
      '#key, caseNumber, checks, withoutPossessionProof',
    ),
  );
  const reasons = await openReasons(approvals, customers);
  return approvals.map((approval) => {
    const verification = verifications.get(approval.verificationId);
    return {
      approvalId: approval.approvalId,
      customerId: approval.customerId,
      customerName: customers.get(approval.customerId)?.fullName ?? null,
      verificationId: approval.verificationId,
      caseNumber: verification?.caseNumber ?? null,
      requestedBy: approval.requestedBy,
      verifiedBy: approval.verifiedBy,
      reason: reasons.get(approval.approvalId) ?? SEALED_PLACEHOLDER,
      approvalReasons: approval.approvalReasons,
      checksSummary: checksSummaryOf(verification),
      requestedAt: approval.createdAt,
      createdAt: approval.createdAt,
      expiresAt: approval.expiresAt,
      ownRequest: approval.requestedBy === adminId,
      canApprove: approval.requestedBy !== adminId && approval.verifiedBy !== adminId,
    };
  });
};

/**
 * The requesters' reasons as the deciding admin reads them: each customer's audit-text key unwrapped
 * once, in parallel; a reason from before sealing is plain already; an erased customer's, the placeholder.
 */
const openReasons = async (
  approvals: ApprovalItem[],
  customers: Map<string, Pick<CustomerItem, 'customerId' | 'textKey'>>,
) => {
  const sealedFor = [
    ...new Set(approvals.filter((a) => typeof a.reason !== 'string').map((a) => a.customerId)),
  ];
  const keys = new Map(
    await Promise.all(
      sealedFor.map(async (customerId) => {
        const stored = customers.get(customerId)?.textKey;
        return [customerId, stored ? await openTextKey(stored, customerId) : undefined] as const;
      }),
    ),
  );
  return new Map(
    approvals.map((approval) => [
      approval.approvalId,
      typeof approval.reason === 'string'
        ? approval.reason
        : openOrPlaceholder(approval.reason, keys.get(approval.customerId), approval.customerId),
    ]),
  );
};
