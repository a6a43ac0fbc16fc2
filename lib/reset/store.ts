// The 2FA disable: one TransactWriteItems sets 2FA to DISABLED and removes the credentials, marks the
// verification USED, records the idempotency answer and appends TWO_FA_DISABLED — all or nothing.
// When policy asks for a second admin, the request parks as an approval instead.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { commitWithAudit } from '../audit/store';
import { dynamoDb, tableName, type TransactItem } from '../aws/dynamodb';
import { epochSeconds, type Clock, type Random } from '../clock';
import { config } from '../config';
import type { CustomerItem } from '../customers/customer';
import { passkeyRemovals } from '../customers/passkeys';
import { requireCustomer } from '../customers/store';
import { storeTextKey, textSealerFor, textSealerOf } from '../customers/text-key';
import { notFound } from '../errors';
import { readTogether } from '../reads';
import {
  idempotencyRecord,
  replayIfSeen,
  type IdempotencyContext,
  type StoredResponse,
} from '../idempotency/store';
import { requireVerification } from '../verification/reads';
import { assertVerificationFresh } from '../verification/usable';
import type { VerificationItem } from '../verification/verification';
import { claimWrites, commitWithWindows, countWrite, guardWrites, readWindows } from '../velocity/store';
import {
  assertCanApprove,
  assertCustomerCanBeReset,
  assertVerificationAfterLastReset,
  assertVerificationAwaits,
  decideDisable,
  type ApprovalItem,
  type ResetPolicy,
} from './policy';
import { recoveryDelayFor } from './waiting-period';
import {
  conflictHandler,
  delayDetails,
  disabledResponse,
  disableWrites,
  Replayed,
  settleRace,
} from './disable-commit';

/** An approval is kept a year after it expires, as the record of who asked. */
export const APPROVAL_RETENTION_DAYS = 365;

export interface Deps {
  clock: Clock;
  random: Random;
}

export const resetPolicy = (): ResetPolicy => {
  const { policy } = config();
  return {
    verificationMaxAgeMinutes: policy.verificationMaxAgeMinutes,
    emailChangeCoolingOffDays: policy.emailChangeCoolingOffDays,
    recentResetCoolingOffHours: policy.recentResetCoolingOffHours,
    separateVerifierAndAdmin: policy.separateVerifierAndAdmin,
    adminDisablesPerHour: policy.velocityAdminDisablesPerHour,
    agentPassesPerHour: policy.velocityAgentPassesPerHour,
    disablesPerHourTotal: policy.velocityDisablesPerHourTotal,
  };
};

export const getApproval = async (approvalId: string): Promise<ApprovalItem | undefined> => {
  const result = await dynamoDb().send(
    new GetCommand({ TableName: tableName('approvals'), Key: { approvalId }, ConsistentRead: true }),
  );
  return result.Item as ApprovalItem | undefined;
};

export const listPendingApprovals = async (limit: number): Promise<ApprovalItem[]> => {
  const result = await dynamoDb().send(
    new QueryCommand({
      TableName: tableName('approvals'),
      IndexName: 'pending',
      KeyConditionExpression: 'pendingFlag = :pending',
      ExpressionAttributeValues: { ':pending': 'PENDING' },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (result.Items ?? []) as ApprovalItem[];
};

export interface DisableRequest {
  customerId: string;
  verificationId: string;
  reason: string;
  adminId: string;
  idempotency?: IdempotencyContext;
}

export const requestDisable = async (request: DisableRequest, deps: Deps): Promise<StoredResponse> => {
  // Looked up alongside the first attempt's reads (and the chain head): one round trip, not two.
  const seen = replayIfSeen(request.idempotency);
  seen.catch(() => undefined);
  const policy = resetPolicy();
  const load = async (now: Date) => {
    const [customer, verification] = await readTogether(
      requireCustomer(request.customerId, true),
      requireVerification(request.verificationId),
    );
    const [admin, all, agent] = await readWindows(
      [
        { kind: 'ADMIN_DISABLES', staffId: request.adminId },
        { kind: 'ALL_DISABLES' },
        { kind: 'AGENT_PASSES', staffId: verification.agentId },
      ],
      now,
    );
    return {
      customer,
      verification,
      windows: { admin, all, agent },
      velocity: {
        adminDisablesLastHour: admin.count,
        agentPassesLastHour: agent.count,
        allDisablesLastHour: all.count,
      },
    };
  };
  const decide = (loaded: Awaited<ReturnType<typeof load>>, now: Date) =>
    decideDisable({ ...loaded, adminId: request.adminId, now }, policy);
  try {
    // A direct disable takes its place in the windows in its own transaction: a refused or failed
    // disable uses none, and a parallel one that took the place first plans this one again.
    const { result } = await commitWithWindows(request.customerId, deps, async (append) => {
      const now = deps.clock.now();
      const loading = load(now);
      loading.catch(() => undefined);
      const replay = await seen;
      if (replay) throw new Replayed(replay);
      const loaded = await loading;
      const { customer, verification, windows } = loaded;
      const decision = decide(loaded, now);
      // The admin's reason is free text about a person: the audit keeps it sealed with the customer's
      // key, taken from the customer just read (a customer without one gets it stored with this change).
      const { seal: sealReason, newKey } = await textSealerOf(customer, deps);
      const idempotencyWrites = (response: StoredResponse) =>
        request.idempotency ? [idempotencyRecord(request.idempotency, response, now)] : [];

      if (decision.kind === 'DISABLE') {
        const delay = recoveryDelayFor(customer, verification, now);
        const event = append({
          type: 'TWO_FA_DISABLED',
          actorType: 'admin',
          actorId: request.adminId,
          customerId: customer.customerId,
          caseId: verification.verificationId,
          details: {
            verificationId: verification.verificationId,
            caseNumber: verification.caseNumber ?? null,
            verifiedBy: verification.agentId,
            reason: sealReason(request.reason),
            previousStatus: customer.twoFactor,
            // Four eyes switched off: the trail says plainly that one person verified and disabled.
            samePersonVerifiedAndDisabled: decision.samePersonVerified,
            ...delayDetails(delay),
          },
        });
        for (const removal of passkeyRemovals(
          customer,
          {
            actorType: 'admin',
            actorId: request.adminId,
            customerId: customer.customerId,
            caseId: verification.verificationId,
          },
          'RESET',
        ))
          append(removal);
        const response = disabledResponse(event, delay);
        const writes = [
          ...idempotencyWrites(response),
          ...disableWrites(customer, verification, 'PASSED', request.adminId, now, delay, newKey),
        ];
        return {
          writes: [
            ...writes,
            ...claimWrites(windows.admin),
            ...claimWrites(windows.all),
            // The agent's passes decided too: a pass counted meanwhile plans this one again.
            ...guardWrites(windows.agent),
          ],
          result: response,
          onConflict: conflictHandler(
            Boolean(request.idempotency),
            writes.length,
            newKey ? (request.idempotency ? 1 : 0) : undefined,
          ),
        };
      }

      const approvalId = deps.random.ulid(now);
      // One seal for the approval item and its audit event: the item holds no plain copy of the text.
      const sealedReason = sealReason(request.reason);
      const expiresAt = new Date(now.getTime() + config().policy.approvalTtlMinutes * 60000);
      const approval: ApprovalItem = {
        approvalId,
        customerId: customer.customerId,
        verificationId: verification.verificationId,
        requestedBy: request.adminId,
        verifiedBy: verification.agentId,
        reason: sealedReason,
        approvalReasons: decision.reasons,
        status: 'PENDING',
        createdAt: now.toISOString(),
        expiresAt: expiresAt.toISOString(),
        pendingFlag: 'PENDING',
        expiresAtEpoch: epochSeconds(expiresAt) + APPROVAL_RETENTION_DAYS * 86400,
      };
      append({
        type: 'TWO_FA_DISABLE_PENDING_APPROVAL',
        actorType: 'admin',
        actorId: request.adminId,
        customerId: customer.customerId,
        caseId: verification.verificationId,
        details: {
          approvalId,
          verificationId: verification.verificationId,
          caseNumber: verification.caseNumber ?? null,
          verifiedBy: verification.agentId,
          reason: sealedReason,
          approvalReasons: decision.reasons,
          expiresAt: approval.expiresAt,
          withoutPossessionProof: verification.withoutPossessionProof?.reason ?? null,
          // The notifier mails the security address for this event.
          alertSecurity: decision.alertSecurity,
          samePersonVerifiedAndRequested: decision.samePersonVerified,
        },
      });
      const response: StoredResponse = {
        status: 202,
        body: {
          status: 'PENDING_APPROVAL',
          approvalId,
          approvalReasons: decision.reasons,
          expiresAt: approval.expiresAt,
        },
      };
      const writes: TransactItem[] = [
        ...idempotencyWrites(response),
        {
          Put: {
            TableName: tableName('approvals'),
            Item: approval,
            ConditionExpression: 'attribute_not_exists(approvalId)',
          },
        },
        {
          Update: {
            TableName: tableName('verifications'),
            Key: { verificationId: verification.verificationId },
            UpdateExpression: 'SET #status = :pending, approvalId = :approvalId, #version = #version + :one',
            ConditionExpression: '#status = :passed',
            ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
            ExpressionAttributeValues: {
              ':pending': 'PENDING_APPROVAL',
              ':passed': 'PASSED',
              ':approvalId': approvalId,
              ':one': 1,
            },
          },
        },
      ];
      return {
        writes: newKey ? [...writes, storeTextKey(customer.customerId, newKey)] : writes,
        result: response,
        onConflict: conflictHandler(
          Boolean(request.idempotency),
          Infinity,
          newKey ? writes.length : undefined,
        ),
      };
    });
    return result;
  } catch (error) {
    return settleRace(error, request.idempotency, async () => {
      const now = deps.clock.now();
      decide(await load(now), now);
    });
  }
};

/** The second admin's approval: the same transaction as a direct disable, plus the approval's own state. */
export const approveDisable = async (
  approvalId: string,
  approverId: string,
  idempotency: IdempotencyContext | undefined,
  deps: Deps,
): Promise<StoredResponse> => {
  const replay = await replayIfSeen(idempotency);
  if (replay) return replay;
  const requireApproval = async () => {
    const approval = await getApproval(approvalId);
    if (!approval) throw notFound('APPROVAL_NOT_FOUND', 'No approval request with this id.');
    return approval;
  };
  const first = await requireApproval();
  // Reasons are sealed when the approval is requested; only an approval from before that holds plain text.
  const sealReason =
    typeof first.reason === 'string' ? await textSealerFor(first.customerId, deps) : undefined;
  // The read above serves the first attempt; a retry after a lost race reads the approval afresh.
  let fresh: ApprovalItem | undefined = first;
  const check = (
    approval: ApprovalItem,
    customer: CustomerItem,
    verification: VerificationItem,
    now: Date,
  ) => {
    assertCanApprove(approval, approverId, now);
    assertCustomerCanBeReset(customer, now);
    assertVerificationAwaits(approval, verification);
    // The pass must still be fresh when the second admin acts, as for a direct disable.
    assertVerificationFresh(verification, now, resetPolicy());
    assertVerificationAfterLastReset(verification, customer);
  };
  try {
    const { result } = await commitWithAudit(first.customerId, deps, async (append) => {
      const now = deps.clock.now();
      const approval = fresh ?? (await requireApproval());
      fresh = undefined;
      const [customer, verification] = await readTogether(
        requireCustomer(approval.customerId, true),
        requireVerification(approval.verificationId),
      );
      check(approval, customer, verification, now);
      const delay = recoveryDelayFor(customer, verification, now);
      const event = append({
        type: 'TWO_FA_DISABLED',
        actorType: 'admin',
        actorId: approverId,
        customerId: customer.customerId,
        caseId: verification.verificationId,
        details: {
          verificationId: verification.verificationId,
          caseNumber: verification.caseNumber ?? null,
          verifiedBy: verification.agentId,
          requestedBy: approval.requestedBy,
          approvedBy: approverId,
          approvalId,
          reason:
            typeof approval.reason === 'string'
              ? (sealReason ?? (await textSealerFor(approval.customerId, deps)))(approval.reason)
              : approval.reason,
          previousStatus: customer.twoFactor,
          ...delayDetails(delay),
        },
      });
      for (const removal of passkeyRemovals(
        customer,
        {
          actorType: 'admin',
          actorId: approverId,
          customerId: customer.customerId,
          caseId: verification.verificationId,
        },
        'RESET',
      ))
        append(removal);
      const response = disabledResponse(event, delay);
      return {
        writes: [
          ...(idempotency ? [idempotencyRecord(idempotency, response, now)] : []),
          ...disableWrites(customer, verification, 'PENDING_APPROVAL', approval.requestedBy, now, delay),
          // An approved disable fills the windows too (the requester's, as before), whatever they hold.
          countWrite({ kind: 'ADMIN_DISABLES', staffId: approval.requestedBy }, now),
          countWrite({ kind: 'ALL_DISABLES' }, now),
          {
            Update: {
              TableName: tableName('approvals'),
              Key: { approvalId },
              UpdateExpression:
                'SET #status = :approved, approvedBy = :approver, approvedAt = :now REMOVE pendingFlag',
              ConditionExpression: '#status = :pending',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':approved': 'APPROVED',
                ':pending': 'PENDING',
                ':approver': approverId,
                ':now': now.toISOString(),
              },
            },
          },
        ],
        result: response,
        onConflict: conflictHandler(Boolean(idempotency)),
      };
    });
    return result;
  } catch (error) {
    return settleRace(error, idempotency, async () => {
      const approval = await requireApproval();
      check(
        approval,
        await requireCustomer(approval.customerId, true),
        await requireVerification(approval.verificationId),
        deps.clock.now(),
      );
    });
  }
};
