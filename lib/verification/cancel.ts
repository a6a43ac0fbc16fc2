// Cancelling a session nobody used: the agent who verified (or any admin) voids an OPEN or PASSED
// session with a reason, in one transaction with VERIFICATION_CANCELLED. An open one stops being the
// customer's open session, so the next caller can be verified at once.
import { tableName } from '../aws/dynamodb';
import { conflict, forbidden } from '../errors';
import type { StaffGroup } from '../staff/groups';
import { runStaffAction, type Deps } from '../staff-actions/staff-action';
import { holdsWrongAnswer } from './answers';
import { sessionEndWrite } from './budget';
import { requireVerification } from './reads';
import type { VerificationItem } from './verification';

export interface Canceller {
  id: string;
  groups: readonly StaffGroup[];
}

export const assertCanCancel = (verification: VerificationItem, staff: Canceller) => {
  const isAdmin = staff.groups.includes('admin');
  if (verification.agentId !== staff.id && !isAdmin)
    throw forbidden(
      'NOT_YOUR_VERIFICATION',
      'Only the agent who started this verification, or an admin, can cancel it.',
    );
  if (verification.status !== 'OPEN' && verification.status !== 'PASSED')
    throw conflict(
      'VERIFICATION_NOT_CANCELLABLE',
      `This verification is ${verification.status}; only an OPEN or PASSED session that was not used can be cancelled.`,
    );
  // Cancelling costs nothing, so it must not wipe a wrong answer that waits unconfirmed: that would
  // make the free first wrong answer a free probe, session after session (answers.ts).
  if (verification.status === 'OPEN' && holdsWrongAnswer(verification.checks))
    throw conflict(
      'VERIFICATION_HOLDS_WRONG_ANSWER',
      'This verification holds a wrong answer that was not corrected; complete it (it fails and the cooldown starts) or let it expire.',
    );
};

export const cancelVerification = (
  request: { verificationId: string; staff: Canceller; reason: string },
  deps: Deps,
) =>
  runStaffAction(
    {
      customerId: (verification) => verification.customerId,
      // The canceller's reason is free text about a person: sealed with the customer's key.
      reason: request.reason,
      load: () => requireVerification(request.verificationId),
      rule: (verification) => assertCanCancel(verification, request.staff),
      event: ({ loaded: verification, reason }) => ({
        type: 'VERIFICATION_CANCELLED',
        actorType: verification.agentId === request.staff.id ? 'agent' : 'admin',
        actorId: request.staff.id,
        customerId: verification.customerId,
        caseId: verification.verificationId,
        details: {
          verificationId: verification.verificationId,
          previousStatus: verification.status,
          reason,
          verifiedBy: verification.agentId,
        },
      }),
      writes: ({ loaded: verification, now }) => [
        {
          Update: {
            TableName: tableName('verifications'),
            Key: { verificationId: verification.verificationId },
            UpdateExpression:
              'SET #status = :cancelled, cancelledAt = :now, cancelledBy = :staff, #version = #version + :one',
            ConditionExpression: '#version = :version AND #status = :previous',
            ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
            ExpressionAttributeValues: {
              ':cancelled': 'CANCELLED',
              ':now': now.toISOString(),
              ':staff': request.staff.id,
              ':one': 1,
              ':version': verification.version,
              ':previous': verification.status,
            },
          },
        },
        // An open session is the customer's one open session: it no longer is. Nothing failed, so no cooldown.
        ...(verification.status === 'OPEN'
          ? [sessionEndWrite(verification.customerId, verification.verificationId, now, undefined)]
          : []),
      ],
      result: ({ loaded: verification, event }) => ({
        status: 'CANCELLED' as const,
        verificationId: verification.verificationId,
        auditEventId: event.eventId,
      }),
      lostRace: {
        then: 'explain',
        message: 'The verification changed while this request ran; reload.',
      },
    },
    deps,
  );
