// Recording a triage on the customer: the advice, the audit event with the answers, and on
// self-service the guide mail through the outbox (the notifier sends it from the audit stream, to the
// addresses on file only). At most SELF_SERVICE_GUIDES_PER_CUSTOMER_DAY guides a day per customer; a
// stranger who spends them delays no recovery (the triage records its advice without the mail, and
// the agent tells the steps), and a security officer's reset of the recovery limits gives them back.
import { commitWithAudit } from '../audit/store';
import { tableName } from '../aws/dynamodb';
import type { Clock, Random } from '../clock';
import { config } from '../config';
import { requireCustomer } from '../customers/store';
import { hasPasskeys } from '../customers/passkeys';
import { budgetSpentUntil, limitedUntil, recoveryLimitSet } from '../customers/recovery-limit-item';
import { conflict, invalid, tooManyRequests } from '../errors';
import { adviseTriageFor, passkeyQuestionAsked, reportFits } from './advice';
import type { RecordTriageInput } from './api';

export interface Deps {
  clock: Clock;
  random: Random;
}

const DAY_MS = 86_400_000;

export const recordTriage = async (
  request: { customerId: string; agentId: string; actorType: 'agent' | 'admin' } & RecordTriageInput,
  deps: Deps,
) => {
  const { result } = await commitWithAudit(request.customerId, deps, async (append) => {
    const now = deps.clock.now();
    const customer = await requireCustomer(request.customerId, true);
    // Nothing to recover: the customer signs in with the password alone (after a reset, with the link).
    if (customer.twoFactor === 'DISABLED' && !customer.recoveryLockedAt)
      throw conflict(
        'TWO_FA_NOT_ENABLED',
        'Two-factor authentication is off for this customer; there is nothing to recover.',
      );
    const standing = {
      recoveryLocked: customer.recoveryLockedAt !== undefined,
      hasPasskeys: hasPasskeys(customer),
    };
    if (!reportFits(request.reportedProblem, standing))
      throw conflict(
        'NO_PASSKEY_ON_FILE',
        'The customer has no passkey on file, so there is none to remove: ask what the caller lost and record that.',
      );
    const advice = adviseTriageFor(request, standing);
    // Skipped because the console saw a lock an officer has lifted since, or no passkey where one has been
    // added since (or the other way round): the questions that decide count again.
    if (!advice)
      throw invalid(
        'TRIAGE_ANSWER_REQUIRED',
        'Ask the questions that decide the advice: whether the old authenticator app still works; if not, whether a passkey on file still signs in; if not, whether backup codes are left.',
      );
    const limit = config().policy.selfServiceGuidesPerCustomerDay;
    const recent = (customer.selfServiceGuideSentAt ?? []).filter(
      (at) => now.getTime() - new Date(at).getTime() < DAY_MS,
    );
    const emailGuide = advice.advice === 'SELF_SERVICE' && request.emailGuide !== false;
    if (emailGuide && recent.length >= limit) {
      const oldest = [...recent].sort()[0] ?? now.toISOString();
      throw tooManyRequests(
        'SELF_SERVICE_GUIDE_DAILY_LIMIT',
        `At most ${limit} self-service guides per customer in 24 hours; tell the caller the steps instead.`,
        Math.max(1, Math.ceil((new Date(oldest).getTime() + DAY_MS - now.getTime()) / 1000)),
      );
    }
    const triageId = deps.random.ulid(now);
    const sends = emailGuide ? [...recent, now.toISOString()] : recent;
    // A spent budget puts the customer in the security queue; an officer's reset gives the guides back.
    const spentUntil = emailGuide ? budgetSpentUntil(sends, limit) : undefined;
    const limitWrite = spentUntil ? recoveryLimitSet(limitedUntil(customer, spentUntil)) : undefined;
    // Ids, the caller's yes/no answers and the advice: no name, address or free text (GDPR).
    const event = append({
      type: 'HELPDESK_TRIAGE_RECORDED',
      actorType: request.actorType,
      actorId: request.agentId,
      customerId: customer.customerId,
      details: {
        triageId,
        channel: request.channel,
        reportedProblem: request.reportedProblem,
        ...(request.oldAuthenticatorWorks === undefined
          ? {}
          : { oldAuthenticatorWorks: request.oldAuthenticatorWorks }),
        // Only an answer that counted: about a passkey the customer has, with the app not working.
        ...(request.passkeyWorks === undefined || !passkeyQuestionAsked(request, standing)
          ? {}
          : { passkeyWorks: request.passkeyWorks }),
        ...(request.backupCodesAvailable === undefined
          ? {}
          : { backupCodesAvailable: request.backupCodesAvailable }),
        advice: advice.advice,
        ...(advice.advice === 'SELF_SERVICE'
          ? { selfServicePath: advice.selfServicePath }
          : { because: advice.because }),
        guideEmailed: emailGuide,
        ...(emailGuide ? { guidesIn24h: sends.length } : {}),
      },
    });
    return {
      writes: [
        {
          Update: {
            TableName: tableName('customers'),
            Key: { customerId: customer.customerId },
            UpdateExpression: `SET selfServiceGuideSentAt = :sends, lastTriage = :triage, #version = #version + :one${limitWrite ? `, ${limitWrite.expression}` : ''}`,
            ConditionExpression: '#version = :version',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: {
              ':sends': sends,
              ':triage': {
                triageId,
                at: now.toISOString(),
                advice: advice.advice,
                reportedProblem: request.reportedProblem,
              },
              ':one': 1,
              ':version': customer.version,
              ...limitWrite?.values,
            },
          },
        },
      ],
      result: {
        triageId,
        ...advice,
        notification: emailGuide ? ('QUEUED' as const) : ('NONE' as const),
        guidesLeftToday: Math.max(0, limit - sends.length),
        auditEventId: event.eventId,
      },
      onConflict: () =>
        conflict('CONCURRENT_CHANGE', 'The customer changed while this request ran; reload and try again.'),
    };
  });
  return result;
};
