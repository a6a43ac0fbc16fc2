// Which refused passkey assertions count toward the lock, and what the others cost. The lock exists
// against guessing (a 6-digit code can be guessed; a signature cannot), so a refusal counts only once
// the assertion names one of the customer's own passkeys and answers the outstanding challenge: then
// it is that passkey used wrongly (no user verification, a clone's counter, a phishing origin) or a
// forgery of it, and it spends the challenge. What anyone can make up without the passkey (another
// credential, a stale or replayed challenge, an expired one) is refused before any cryptography: not
// counted, the outstanding challenge kept (the customer's own prompt in another tab still works), but
// audited (VERIFY_FAILED, counted: false) and limited per customer, so a flood writes nothing.
import type { AuditValue } from '../audit/events';
import { commitWithAudit } from '../audit/store';
import { tableName } from '../aws/dynamodb';
import { credentialRef } from '../customers/passkeys';
import { tooManyRequests } from '../errors';
import { StaleCustomer, versionCondition, type FailedAttempt } from '../totp/failures';
import { attemptsLeft } from '../totp/lockout';
import type { PasskeyRefusal } from './responses';

/** Refusals that prove nothing about the customer's passkey: not counted, challenge kept. */
export const uncountedRefusals: ReadonlySet<PasskeyRefusal> = new Set([
  'UNKNOWN_CREDENTIAL',
  'CHALLENGE_NOT_ISSUED',
  'CHALLENGE_EXPIRED',
]);

/** Uncounted refusals audited per customer per window; more are answered 429 and write nothing. */
export const UNCOUNTED_REFUSALS_PER_WINDOW = 10;
export const UNCOUNTED_WINDOW_SECONDS = 15 * 60;

/** Audits an uncounted refusal in the customer's window, or refuses with 429 once the window is full. */
export const recordUncountedRefusal = async (
  attempt: FailedAttempt,
  reason: PasskeyRefusal,
  credentialId: string,
): Promise<{ attemptsLeft: number }> => {
  const { customer, now, actorId, deps, policy } = attempt;
  const window = customer.passkeyRefusals;
  const windowEnds = window ? new Date(window.since).getTime() + UNCOUNTED_WINDOW_SECONDS * 1000 : 0;
  const current = window && now.getTime() < windowEnds ? window : { since: now.toISOString(), count: 0 };
  if (current.count >= UNCOUNTED_REFUSALS_PER_WINDOW)
    throw tooManyRequests(
      'PASSKEY_REFUSALS_LIMITED',
      'Too many refused passkey answers for this customer; ask for a new prompt later.',
      Math.max(1, Math.ceil((windowEnds - now.getTime()) / 1000)),
    );
  const left = attemptsLeft(customer, policy);
  const condition = versionCondition(customer);
  await commitWithAudit(customer.customerId, deps, async (append) => {
    const details: Record<string, AuditValue> = {
      method: 'passkey',
      reason,
      credentialRef: credentialRef(credentialId),
      counted: false,
      attemptsLeft: left,
    };
    append({
      type: 'VERIFY_FAILED',
      actorType: 'service',
      actorId,
      customerId: customer.customerId,
      details,
    });
    return {
      writes: [
        {
          Update: {
            TableName: tableName('customers'),
            Key: { customerId: customer.customerId },
            UpdateExpression: 'SET passkeyRefusals = :refusals, version = version + :one',
            ConditionExpression: condition.expression,
            ExpressionAttributeValues: {
              ...condition.values,
              ':refusals': { since: current.since, count: current.count + 1 },
              ':one': 1,
            },
          },
        },
      ],
      result: undefined,
      onConflict: () => new StaleCustomer(),
    };
  });
  return { attemptsLeft: left };
};
