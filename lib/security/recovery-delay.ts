// A recovery's waiting period as the security officers see it and cut it short: the countdown, who
// took part in the reset (and so may not end its wait), and the end itself, one staff action with a
// reason, audited as RECOVERY_DELAY_ENDED.
import { tableName } from '../aws/dynamodb';
import type { CustomerItem } from '../customers/customer';
import { requireCustomer } from '../customers/store';
import { conflict, forbidden } from '../errors';
import { getApproval } from '../reset/store';
import {
  recoveryDelayReasons,
  recoveryPendingUntil,
  type RecoveryDelayReason,
} from '../reset/waiting-period';
import { runStaffAction, type Deps } from '../staff-actions/staff-action';
import { getVerification } from '../verification/reads';

/** The staff of the reset whose wait runs: who verified the caller, who asked for the disable, who disabled. */
export interface ResetStaff {
  verifiedBy: string | null;
  /** The admin who asked (a direct disable's admin, or the requester of an approved one). */
  requestedBy: string | null;
  /** The second admin who approved, if the disable needed one. */
  approvedBy: string | null;
}

const resetStaffOf = async (customer: CustomerItem): Promise<ResetStaff> => {
  const reset = customer.lastResetCaseId ? await getVerification(customer.lastResetCaseId) : undefined;
  const approval = reset?.approvalId ? await getApproval(reset.approvalId) : undefined;
  return {
    verifiedBy: reset?.agentId ?? null,
    requestedBy: reset?.usedBy ?? null,
    approvedBy: approval?.approvedBy ?? null,
  };
};

export interface RecoveryDelayView {
  availableAt: string;
  reason: RecoveryDelayReason;
  caseId: string | null;
  /** The staff who may not end this wait; any other security officer may, with a reason. */
  staff: ResetStaff;
}

/** The customer's running wait, or null: what the console counts down. */
export const recoveryDelayView = async (
  customer: CustomerItem,
  now: Date,
): Promise<RecoveryDelayView | null> => {
  const availableAt = recoveryPendingUntil(customer, now);
  if (!availableAt) return null;
  return {
    availableAt,
    reason: recoveryDelayReasons.find((reason) => reason === customer.recoveryDelayReason) ?? 'STANDARD',
    caseId: customer.lastResetCaseId ?? null,
    staff: await resetStaffOf(customer),
  };
};

/**
 * Who may end a wait: a security officer (the route's group) who neither verified the caller nor asked
 * for nor carried out the disable. The wait exists because someone may have fooled them.
 */
export const assertCanEndRecoveryDelay = (input: {
  customer: CustomerItem;
  staff: ResetStaff;
  officerId: string;
  now: Date;
}) => {
  const availableAt = recoveryPendingUntil(input.customer, input.now);
  if (!availableAt)
    throw conflict('NO_RECOVERY_DELAY', 'No waiting period runs for this customer: nothing to end.');
  if (input.staff.verifiedBy === input.officerId)
    throw forbidden(
      'DELAY_ENDER_IS_VERIFIER',
      'You verified the caller of this reset; another security officer must end its waiting period.',
    );
  if (input.staff.requestedBy === input.officerId || input.staff.approvedBy === input.officerId)
    throw forbidden(
      'DELAY_ENDER_IS_DISABLER',
      'You turned 2FA off in this reset; another security officer must end its waiting period.',
    );
  return { availableAt };
};

/**
 * Ends the wait now: the reset link's enrollment opens at once. Of parallel ends one commits; the
 * others read again and are told there is no wait left to end.
 */
export const endRecoveryDelay = (
  request: { customerId: string; reason: string; officerId: string },
  deps: Deps,
) =>
  runStaffAction(
    {
      customerId: request.customerId,
      // The officer's reason is free text about a person: sealed with the customer's key (erasure shreds it).
      reason: request.reason,
      load: async () => {
        const customer = await requireCustomer(request.customerId, true);
        return { customer, staff: await resetStaffOf(customer) };
      },
      rule: ({ customer, staff }, now) =>
        assertCanEndRecoveryDelay({ customer, staff, officerId: request.officerId, now }),
      event: ({ loaded: { customer, staff }, decision, reason }) => ({
        type: 'RECOVERY_DELAY_ENDED',
        actorType: 'admin',
        actorId: request.officerId,
        customerId: customer.customerId,
        ...(customer.lastResetCaseId ? { caseId: customer.lastResetCaseId } : {}),
        details: {
          // The contract's actorType has no `security`; the role that acted is stated here.
          actorRole: 'security',
          reason,
          availableAtWas: decision.availableAt,
          recoveryDelayReason: customer.recoveryDelayReason ?? null,
          verifiedBy: staff.verifiedBy,
          disabledBy: staff.approvedBy ?? staff.requestedBy,
        },
      }),
      writes: ({ loaded: { customer }, now }) => [
        {
          Update: {
            TableName: tableName('customers'),
            Key: { customerId: customer.customerId },
            UpdateExpression: 'SET recoveryAvailableAt = :now, updatedAt = :now, #version = #version + :one',
            ConditionExpression: '#version = :version AND twoFactor = :disabled',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: {
              ':now': now.toISOString(),
              ':disabled': 'DISABLED',
              ':one': 1,
              ':version': customer.version,
            },
          },
        },
      ],
      result: ({ now, event }) => ({
        status: 'ENDED' as const,
        recoveryAvailableAt: now.toISOString(),
        auditEventId: event.eventId,
      }),
      lostRace: { then: 'explain', message: 'The customer changed meanwhile; reload and try again.' },
    },
    deps,
  );
