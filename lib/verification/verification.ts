// A helpdesk verification session as stored in the Verifications table, and what staff may see of it.
import type { Channel, CheckResult, CheckType } from './schemas';
import type { PolicyReason } from './policy';

export type VerificationStatus = 'OPEN' | 'PASSED' | 'FAILED' | 'PENDING_APPROVAL' | 'USED';

export interface RecordedCheck {
  type: CheckType;
  result: CheckResult;
  /** HMAC of the normalized answer: proves later what was said without keeping it. */
  answerHash: string;
  note?: string;
  agentId: string;
  at: string;
}

export interface EmailCodeState {
  codeHash: string;
  expiresAt: string;
  sentCount: number;
  lastSentAt: string;
  failedAttempts: number;
  consumed: boolean;
}

export interface VerificationItem {
  verificationId: string;
  customerId: string;
  agentId: string;
  channel: Channel;
  status: VerificationStatus;
  startedAt: string;
  checks: RecordedCheck[];
  completedAt?: string;
  outcome?: 'PASSED' | 'FAILED';
  reasons?: PolicyReason[];
  usedAt?: string;
  usedBy?: string;
  /** Set while a disable on this session waits for a second admin. */
  approvalId?: string;
  emailCode?: EmailCodeState;
  version: number;
  expiresAtEpoch: number;
}

export const verificationView = (item: VerificationItem) => ({
  verificationId: item.verificationId,
  customerId: item.customerId,
  agentId: item.agentId,
  channel: item.channel,
  status: item.status,
  startedAt: item.startedAt,
  completedAt: item.completedAt ?? null,
  outcome: item.outcome ?? null,
  reasons: item.reasons ?? [],
  usedAt: item.usedAt ?? null,
  usedBy: item.usedBy ?? null,
  emailCode: item.emailCode
    ? {
        sentCount: item.emailCode.sentCount,
        lastSentAt: item.emailCode.lastSentAt,
        expiresAt: item.emailCode.expiresAt,
      }
    : null,
  checks: item.checks.map((check) => ({
    type: check.type,
    result: check.result,
    note: check.note ?? null,
    agentId: check.agentId,
    at: check.at,
  })),
});
