// One step of an open verification session (record a check, email a code, complete): the session is
// this agent's, open and within its window, the customer is not cooling down, and the step commits as
// one transaction with its audit events. Also the policy settings the steps read from config.
import type { AuditEventInput, AuditItem } from '../audit/events';
import { commitWithAudit, type ChangePlan } from '../audit/store';
import type { Clock, Random } from '../clock';
import { config } from '../config';
import type { CustomerItem } from '../customers/customer';
import { requireCustomer } from '../customers/store';
import type { BudgetPolicy } from './budget';
import { assertNoCooldown } from './budget';
import { assertOpenSessionOf, assertSessionAgent, type SessionPolicy } from './decisions';
import type { VerificationPolicy } from './policy';
import { requireVerification } from './reads';
import type { VerificationItem } from './verification';

export type AppendAudit = (input: AuditEventInput) => AuditItem;

export interface Deps {
  clock: Clock;
  random: Random;
}

export const verificationPolicy = (): VerificationPolicy => {
  const { policy } = config();
  return {
    requiredMatches: ['EMAIL', 'FULL_NAME'],
    minSecurityMatches: policy.minSecurityMatches,
    requireEmailCode: policy.requireEmailCode,
  };
};

export const budgetPolicy = (): BudgetPolicy => {
  const { policy } = config();
  return {
    cooldownStepsMinutes: policy.verificationCooldownStepsMinutes,
    failureStreakHours: policy.verificationFailureStreakHours,
  };
};
export const sessionPolicy = (): SessionPolicy => config().policy;

export const versionCondition = () => ({
  ConditionExpression: '#version = :version AND #status = :open',
  ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
});

/**
 * Runs one step of an open session as one transaction with its audit events. The session is read
 * once up front (its customer is the audit subject) and that read serves the first attempt; a retry
 * after a lost race reads it afresh. The customer's cooldown refuses the step before anything else.
 */
export const stepInOpenSession = async <T>(
  verificationId: string,
  agentId: string,
  deps: Deps,
  step: (session: {
    item: VerificationItem;
    customer: CustomerItem;
    now: Date;
    append: AppendAudit;
  }) => Promise<ChangePlan<T>>,
): Promise<T> => {
  let fresh: VerificationItem | undefined = await requireVerification(verificationId);
  const { result } = await commitWithAudit(fresh.customerId, deps, async (append) => {
    const item = fresh ?? (await requireVerification(verificationId));
    fresh = undefined;
    const now = deps.clock.now();
    assertSessionAgent(item, agentId);
    const customer = await requireCustomer(item.customerId, true);
    assertNoCooldown(customer, now);
    assertOpenSessionOf(item, agentId, now, sessionPolicy());
    return step({ item, customer, now, append });
  });
  return result;
};
