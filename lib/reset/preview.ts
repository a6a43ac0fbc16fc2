// What a disable by this admin would do now, per passed session, decided by the same rule as the
// disable itself (decideDisable): done at once, parked for a second admin (and why), or refused. A
// read only: the windows can fill between this read and the disable, so the disable decides again.
import { batchGet } from '../aws/dynamodb';
import type { CustomerItem } from '../customers/customer';
import { DomainError } from '../errors';
import type { VerificationItem } from '../verification/verification';
import { readWindows } from '../velocity/store';
import { decideDisable, type ApprovalReason, type ResetPolicy } from './policy';

export type DisablePreview =
  | { kind: 'DIRECT' }
  | { kind: 'NEEDS_APPROVAL'; reasons: ApprovalReason[] }
  | { kind: 'REFUSED'; code: string };

/** Keyed by verification id; at most 100 sessions (one BatchGetItem per table). */
export const previewDisables = async (
  adminId: string,
  verificationIds: string[],
  now: Date,
  policy: ResetPolicy,
): Promise<Map<string, DisablePreview>> => {
  const verifications = await batchGet<VerificationItem>('verifications', 'verificationId', verificationIds);
  const customers = await batchGet<CustomerItem>(
    'customers',
    'customerId',
    [...verifications.values()].map((item) => item.customerId),
  );
  const agents = [...new Set([...verifications.values()].map((item) => item.agentId))];
  const [admin, all, ...agentWindows] = await readWindows(
    [
      { kind: 'ADMIN_DISABLES', staffId: adminId },
      { kind: 'ALL_DISABLES' },
      ...agents.map((staffId) => ({ kind: 'AGENT_PASSES' as const, staffId })),
    ],
    now,
  );
  const agentPasses = new Map(agents.map((agent, index) => [agent, agentWindows[index]?.count ?? 0]));
  const previews = new Map<string, DisablePreview>();
  for (const [verificationId, verification] of verifications) {
    const customer = customers.get(verification.customerId);
    if (!customer) continue;
    try {
      const decision = decideDisable(
        {
          customer,
          verification,
          adminId,
          now,
          velocity: {
            adminDisablesLastHour: admin?.count ?? 0,
            allDisablesLastHour: all?.count ?? 0,
            agentPassesLastHour: agentPasses.get(verification.agentId) ?? 0,
          },
        },
        policy,
      );
      previews.set(
        verificationId,
        decision.kind === 'DISABLE'
          ? { kind: 'DIRECT' }
          : { kind: 'NEEDS_APPROVAL', reasons: decision.reasons },
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      previews.set(verificationId, { kind: 'REFUSED', code: error.code });
    }
  }
  return previews;
};
