// The security officers' side of a "this wasn't me" report in DynamoDB: the queue of recovery locks
// (a sparse index, never a scan), the release (one transaction with RECOVERY_LOCK_RELEASED, whose
// outbox entry mails the customer a fresh enrollment link) and "keep locked" with a note.
import { queryIndexPage } from '../aws/index-page';
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDb, tableName, type TransactItem } from '../aws/dynamodb';
import { config } from '../config';
import { twoFactorAttributesRemovedOnDisable, type CustomerItem } from '../customers/customer';
import { passkeyRemovals } from '../customers/passkeys';
import { requireCustomer } from '../customers/store';
import type { Page } from '../pagination';
import { readTogether } from '../reads';
import { getApproval } from '../reset/store';
import { runStaffAction, type Deps } from '../staff-actions/staff-action';
import { getVerification, requireVerification } from '../verification/reads';
import { assertCanRelease, assertRecoveryLocked, type ReleasePolicy } from './policy';
import { recoveryLockAttributes, recoveryLockFlag } from '../customers/recovery-lock-item';

const releasePolicy = (): ReleasePolicy => ({
  verificationMaxAgeMinutes: config().policy.verificationMaxAgeMinutes,
});

export interface RecoveryLockEntry {
  customerId: string;
  fullName: string;
  email: string;
  companyName: string | null;
  lockedAt: string;
  caseId: string | null;
  /** The reported case's number (HD-…), as the reset email named it; null for sessions from before. */
  caseNumber: string | null;
  report: NonNullable<CustomerItem['recoveryLockReport']> | null;
  lastReview: NonNullable<CustomerItem['recoveryLockReview']> | null;
}

/** The case the customer reported, or undefined where the ticket named none ('-'). */
export const reportedCaseId = (item: CustomerItem) =>
  item.recoveryLockCaseId && item.recoveryLockCaseId !== '-' ? item.recoveryLockCaseId : undefined;

export const entryOf = (item: CustomerItem, caseNumber: string | null): RecoveryLockEntry => ({
  customerId: item.customerId,
  fullName: item.fullName,
  email: item.email,
  companyName: item.companyName ?? null,
  lockedAt: item.recoveryLockedAt ?? '',
  caseId: reportedCaseId(item) ?? null,
  caseNumber,
  report: item.recoveryLockReport ?? null,
  lastReview: item.recoveryLockReview ?? null,
});

/** The case numbers of the reported sessions, one BatchGet per page (at most 100 keys, the page's limit). */
const caseNumbersOf = async (verificationIds: string[]) => {
  const numbers = new Map<string, string>();
  let keys: Record<string, unknown>[] = [...new Set(verificationIds)].map((verificationId) => ({
    verificationId,
  }));
  while (keys.length > 0) {
    const result = await dynamoDb().send(
      new BatchGetCommand({
        RequestItems: {
          [tableName('verifications')]: { Keys: keys, ProjectionExpression: 'verificationId, caseNumber' },
        },
      }),
    );
    for (const item of result.Responses?.[tableName('verifications')] ?? [])
      if (typeof item.caseNumber === 'string') numbers.set(String(item.verificationId), item.caseNumber);
    keys = result.UnprocessedKeys?.[tableName('verifications')]?.Keys ?? [];
  }
  return numbers;
};

/** Customers whose recovery is locked by a report, oldest lock first, a page at a time. */
export const listRecoveryLocks = async (options: {
  limit: number;
  cursor?: string;
}): Promise<Page<RecoveryLockEntry>> => {
  const { items, nextCursor } = await queryIndexPage<CustomerItem>({
    table: 'customers',
    index: 'recoveryLocks',
    tableKey: 'customerId',
    partition: { name: 'recoveryLockFlag', value: recoveryLockFlag },
    sort: { name: 'recoveryLockedAt' },
    newestFirst: false,
    ...options,
  });
  const caseNumbers = await caseNumbersOf(items.flatMap((item) => reportedCaseId(item) ?? []));
  return {
    items: items.map((item) => entryOf(item, caseNumbers.get(reportedCaseId(item) ?? '') ?? null)),
    nextCursor,
  };
};

export interface ReleaseRequest {
  customerId: string;
  verificationId: string;
  reason: string;
  officerId: string;
}

/** The staff of the reset the customer reported: its verifier, the admin who disabled, the approver. */
const reportedCaseStaff = async (customer: CustomerItem): Promise<string[]> => {
  const caseId = customer.recoveryLockedAt ? reportedCaseId(customer) : undefined;
  const reported = caseId ? await getVerification(caseId) : undefined;
  if (!reported) return [];
  const approval = reported.approvalId ? await getApproval(reported.approvalId) : undefined;
  return [reported.agentId, reported.usedBy, approval?.approvedBy].filter(
    (id): id is string => typeof id === 'string',
  );
};

/**
 * Lifts the lock: the customer goes to DISABLED without any authenticator (one enrolled after the
 * reported reset may be the attacker's), the verification is USED by the officer, and
 * RECOVERY_LOCK_RELEASED is appended, all in one transaction. The notifier then mails the customer
 * a new enrollment link.
 */
export const releaseRecoveryLock = (request: ReleaseRequest, deps: Deps) =>
  runStaffAction(
    {
      customerId: request.customerId,
      // The officer's reason is free text about a person: sealed with the customer's key (erasure shreds it).
      reason: request.reason,
      load: async () => {
        const [customer, verification] = await readTogether(
          requireCustomer(request.customerId, true),
          requireVerification(request.verificationId),
        );
        return { customer, verification, involved: await reportedCaseStaff(customer) };
      },
      rule: ({ customer, verification, involved }, now) =>
        assertCanRelease(
          { customer, verification, officerId: request.officerId, now, reportedCaseStaff: involved },
          releasePolicy(),
        ),
      event: ({ loaded: { customer, verification }, reason }) => ({
        type: 'RECOVERY_LOCK_RELEASED',
        actorType: 'admin',
        actorId: request.officerId,
        customerId: customer.customerId,
        caseId: verification.verificationId,
        details: {
          // The contract's actorType has no `security`; the role that acted is stated here.
          actorRole: 'security',
          verificationId: verification.verificationId,
          caseNumber: verification.caseNumber ?? null,
          verifiedBy: verification.agentId,
          releasedBy: request.officerId,
          reason,
          lockedAt: customer.recoveryLockedAt ?? null,
          reportedCaseId: customer.recoveryLockCaseId ?? null,
          previousStatus: customer.recoveryLockReport?.previousStatus ?? null,
          authenticatorRemoved: customer.totpSecret !== undefined,
        },
      }),
      // The release removes the authenticators as a reset does: each passkey gets its PASSKEY_REMOVED.
      followingEvents: ({ loaded: { customer, verification } }) =>
        passkeyRemovals(
          customer,
          {
            actorType: 'admin',
            actorId: request.officerId,
            customerId: customer.customerId,
            caseId: verification.verificationId,
          },
          'RESET',
        ),
      writes: ({ loaded: { customer, verification }, now }): TransactItem[] => {
        const removed = [...twoFactorAttributesRemovedOnDisable, ...recoveryLockAttributes];
        return [
          {
            Update: {
              TableName: tableName('customers'),
              Key: { customerId: customer.customerId },
              UpdateExpression: `SET twoFactor = :disabled, lastResetAt = :now, lastResetCaseId = :caseId, updatedAt = :now, #version = #version + :one REMOVE ${removed
                .map((_, index) => `#removed${index}`)
                .join(', ')}`,
              ConditionExpression: '#version = :version AND attribute_exists(recoveryLockedAt)',
              ExpressionAttributeNames: {
                '#version': 'version',
                ...Object.fromEntries(removed.map((name, index) => [`#removed${index}`, name])),
              },
              ExpressionAttributeValues: {
                ':disabled': 'DISABLED',
                ':now': now.toISOString(),
                // The release's session is the case its enrollment link (and a re-sent one) belongs to.
                ':caseId': verification.verificationId,
                ':one': 1,
                ':version': customer.version,
              },
            },
          },
          {
            Update: {
              TableName: tableName('verifications'),
              Key: { verificationId: verification.verificationId },
              UpdateExpression:
                'SET #status = :used, usedAt = :now, usedBy = :officer, #version = #version + :one',
              ConditionExpression: '#status = :passed AND #version = :version',
              ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
              ExpressionAttributeValues: {
                ':used': 'USED',
                ':passed': 'PASSED',
                ':now': now.toISOString(),
                ':officer': request.officerId,
                ':one': 1,
                ':version': verification.version,
              },
            },
          },
        ];
      },
      result: ({ event }) => ({
        status: 'RELEASED' as const,
        twoFactor: 'DISABLED' as const,
        auditEventId: event.eventId,
        notification: 'QUEUED' as const,
      }),
      lostRace: {
        then: 'explain',
        message: 'The customer or the verification changed meanwhile; reload.',
      },
    },
    deps,
  );

/** "Keep locked": the officer's finding goes to the audit trail; the customer stays in the queue. */
export const keepRecoveryLock = (
  request: { customerId: string; note: string; officerId: string },
  deps: Deps,
) =>
  runStaffAction(
    {
      customerId: request.customerId,
      reason: request.note,
      load: () => requireCustomer(request.customerId, true),
      rule: (customer) => assertRecoveryLocked(customer),
      event: ({ loaded: customer, reason }) => ({
        type: 'RECOVERY_LOCK_KEPT',
        actorType: 'admin',
        actorId: request.officerId,
        customerId: customer.customerId,
        caseId: reportedCaseId(customer),
        details: { actorRole: 'security', note: reason, lockedAt: customer.recoveryLockedAt ?? null },
      }),
      writes: ({ loaded: customer, now, event }) => [
        {
          Update: {
            TableName: tableName('customers'),
            Key: { customerId: customer.customerId },
            UpdateExpression:
              'SET recoveryLockReview = :review, updatedAt = :now, #version = #version + :one',
            ConditionExpression: '#version = :version AND attribute_exists(recoveryLockedAt)',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: {
              ':review': { officerId: request.officerId, at: now.toISOString(), auditEventId: event.eventId },
              ':now': now.toISOString(),
              ':one': 1,
              ':version': customer.version,
            },
          },
        },
      ],
      result: ({ now, event }) => ({
        status: 'RECOVERY_LOCKED' as const,
        reviewedAt: now.toISOString(),
        auditEventId: event.eventId,
      }),
      lostRace: { then: 'refuse', message: 'The customer changed meanwhile; reload and try again.' },
    },
    deps,
  );

/**
 * The officer's actions on a locked customer's case, keyed by their routes' operations: the admin
 * function's entry spreads them (lib/http/officer-actions.ts), so a new one is written here and listed here.
 */
export const recoveryLockActions = { releaseRecoveryLock, keepRecoveryLock };
