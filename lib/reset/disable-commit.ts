// What a disable commits, shared by the direct disable and the approval of a parked one
// (./store.ts): the customer's and the verification's writes, the answer, and how a lost race is
// told apart (another request with the same Idempotency-Key, a moved velocity window, a changed state).
import type { AuditItem } from '../audit/events';
import type { TextKey } from '../audit/sealed-text';
import { tableName, type TransactItem } from '../aws/dynamodb';
import { twoFactorAttributesRemovedOnDisable, type CustomerItem } from '../customers/customer';
import { textKeyCondition } from '../customers/text-key';
import { conflict } from '../errors';
import {
  IdempotencyRace,
  replayIfSeen,
  type IdempotencyContext,
  type StoredResponse,
} from '../idempotency/store';
import type { VerificationItem } from '../verification/verification';
import { windowMoved, WindowMoved } from '../velocity/store';
import type { RecoveryDelay } from './waiting-period';

/** The writes every disable shares: customer to DISABLED without credentials, verification to USED. */
export const disableWrites = (
  customer: CustomerItem,
  verification: VerificationItem,
  expectedVerificationStatus: 'PASSED' | 'PENDING_APPROVAL',
  adminId: string,
  now: Date,
  delay: RecoveryDelay,
  newTextKey?: TextKey,
): TransactItem[] => [
  {
    Update: {
      TableName: tableName('customers'),
      Key: { customerId: customer.customerId },
      // The wait is the reset's: set with it, and the previous reset's notice links go with the previous reset.
      UpdateExpression: `SET twoFactor = :disabled, lastResetAt = :now, lastResetCaseId = :caseId, recoveryAvailableAt = :availableAt, recoveryDelayReason = :delayReason, recoveryNotices = :noNotices, updatedAt = :now, #version = #version + :one${
        newTextKey ? ', textKey = :textKey' : ''
      }${
        twoFactorAttributesRemovedOnDisable.length
          ? ` REMOVE ${twoFactorAttributesRemovedOnDisable.map((_, index) => `#credential${index}`).join(', ')}`
          : ''
      }`,
      ConditionExpression: `#version = :version AND twoFactor <> :disabled AND attribute_not_exists(recoveryLockedAt)${
        newTextKey ? ` AND ${textKeyCondition}` : ''
      }`,
      ExpressionAttributeNames: {
        '#version': 'version',
        ...Object.fromEntries(
          twoFactorAttributesRemovedOnDisable.map((name, index) => [`#credential${index}`, name]),
        ),
      },
      ExpressionAttributeValues: {
        ':disabled': 'DISABLED',
        ':now': now.toISOString(),
        ':caseId': verification.verificationId,
        ':availableAt': delay.availableAt,
        ':delayReason': delay.reason,
        ':noNotices': {},
        ':one': 1,
        ':version': customer.version,
        ...(newTextKey ? { ':textKey': newTextKey } : {}),
      },
    },
  },
  {
    Update: {
      TableName: tableName('verifications'),
      Key: { verificationId: verification.verificationId },
      UpdateExpression: 'SET #status = :used, usedAt = :now, usedBy = :admin, #version = #version + :one',
      ConditionExpression: '#status = :expected',
      ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
      ExpressionAttributeValues: {
        ':used': 'USED',
        ':now': now.toISOString(),
        ':admin': adminId,
        ':one': 1,
        ':expected': expectedVerificationStatus,
      },
    },
  },
];

export const disabledResponse = (event: AuditItem, delay: RecoveryDelay): StoredResponse => ({
  status: 200,
  body: {
    twoFactor: 'DISABLED',
    auditEventId: event.eventId,
    notification: 'QUEUED',
    recoveryAvailableAt: delay.availableAt,
  },
});

/** The wait in the TWO_FA_DISABLED event: the notifier's mails and the auditors read it there. */
export const delayDetails = (delay: RecoveryDelay) => ({
  recoveryAvailableAt: delay.availableAt,
  recoveryDelayReason: delay.reason,
  recoveryDelayMinutes: delay.minutes,
});

/** A write in the change's own part failed its condition: someone else changed the state first. */
export class StateChanged extends Error {}

/** An earlier request with the same Idempotency-Key committed: its answer is this one's. */
export class Replayed extends Error {
  constructor(readonly response: StoredResponse) {
    super('replayed');
  }
}

/**
 * `windowsFrom`: where the velocity windows' writes start, after the change's own (none: no windows).
 * `textKeyAt`: the write that stores a fresh audit-text key; when it fails, a parallel note may have
 * stored the customer's key first, so the request is planned again from a fresh read (which also
 * tells a real change apart: the policy then refuses, or the version check fails again).
 */
export const conflictHandler =
  (hasIdempotencyRecord: boolean, windowsFrom = Infinity, textKeyAt?: number) =>
  (reasons: string[]) =>
    hasIdempotencyRecord && reasons[0] === 'ConditionalCheckFailed'
      ? new IdempotencyRace()
      : windowMoved(reasons, windowsFrom) ||
          (textKeyAt !== undefined && reasons[textKeyAt] === 'ConditionalCheckFailed')
        ? new WindowMoved()
        : new StateChanged();

/**
 * Maps a lost race to the answer the caller should get: the stored answer of the request that won
 * with the same Idempotency-Key, or the precise refusal the policy gives for the state as it is now.
 */
export const settleRace = async (
  error: unknown,
  idempotency: IdempotencyContext | undefined,
  explain: () => Promise<void>,
): Promise<StoredResponse> => {
  if (error instanceof Replayed) return error.response;
  // Whatever refused us, a request with the same key may have committed meanwhile: its answer is ours.
  if (idempotency) {
    const replay = await replayIfSeen(idempotency);
    if (replay) return replay;
  }
  if (error instanceof StateChanged || error instanceof IdempotencyRace || error instanceof WindowMoved) {
    await explain();
    throw conflict(
      'CONCURRENT_CHANGE',
      'The customer or the verification changed while this request ran; reload and try again.',
    );
  }
  throw error;
};
