// Cancelling a session nobody used: the agent who verified (or any admin) voids an OPEN or PASSED
// session with a reason, in one transaction with VERIFICATION_CANCELLED. An open one stops being the
// customer's open session, so the next caller can be verified at once.
import { textSealerFor } from '../customers/text-key';
import { commitWithAudit } from '../audit/store';
import { tableName, type TransactItem } from '../aws/dynamodb';
import type { Clock, Random } from '../clock';
import { conflict, forbidden } from '../errors';
import type { StaffGroup } from '../staff/groups';
import { sessionEndWrite } from './budget';
import { requireVerification } from './store';
import type { VerificationItem } from './verification';

export interface Deps {
  clock: Clock;
  random: Random;
}

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
};

class LostRace extends Error {}

export const cancelVerification = async (
  request: { verificationId: string; staff: Canceller; reason: string },
  deps: Deps,
) => {
  let fresh: VerificationItem | undefined = await requireVerification(request.verificationId);
  // The canceller's reason is free text about a person: sealed with the customer's key.
  const seal = await textSealerFor(fresh.customerId, deps);
  try {
    const { result } = await commitWithAudit(fresh.customerId, deps, async (append) => {
      const verification = fresh ?? (await requireVerification(request.verificationId));
      fresh = undefined;
      assertCanCancel(verification, request.staff);
      const now = deps.clock.now();
      const byAgent = verification.agentId === request.staff.id;
      const event = append({
        type: 'VERIFICATION_CANCELLED',
        actorType: byAgent ? 'agent' : 'admin',
        actorId: request.staff.id,
        customerId: verification.customerId,
        caseId: verification.verificationId,
        details: {
          verificationId: verification.verificationId,
          previousStatus: verification.status,
          reason: seal(request.reason),
          verifiedBy: verification.agentId,
        },
      });
      const writes: TransactItem[] = [
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
      ];
      return {
        writes,
        result: {
          status: 'CANCELLED' as const,
          verificationId: verification.verificationId,
          auditEventId: event.eventId,
        },
        onConflict: () => new LostRace(),
      };
    });
    return result;
  } catch (error) {
    if (!(error instanceof LostRace)) throw error;
    assertCanCancel(await requireVerification(request.verificationId), request.staff);
    throw conflict('CONCURRENT_CHANGE', 'The verification changed while this request ran; reload.');
  }
};
