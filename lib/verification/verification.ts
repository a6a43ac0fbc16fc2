// A helpdesk verification session as stored in the Verifications table, and what staff may see of it.
import type { StoredNote } from './notes';
import type { Channel, CheckResult, CheckType, NoPossessionReason } from './schemas';
import type { PolicyReason, StillNeeded } from './policy';
import type { ReportedProblem, VerificationStatus } from './vocabulary';
import type { VerificationView } from './api';

export type VerificationPurpose = 'RESET' | 'RECOVERY_LOCK_RELEASE';

export type { VerificationStatus };

export interface RecordedCheck {
  type: CheckType;
  result: CheckResult;
  /** HMAC of the normalized answer: proves later what was said without keeping it (none for UNKNOWN). */
  answerHash?: string;
  /** The agent's note, sealed (lib/verification/notes.ts). */
  note?: StoredNote;
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
  /** `HD-XXXX-XXXX`, what staff and the customer call the case (sessions from before it have none). */
  caseNumber?: string;
  customerId: string;
  agentId: string;
  channel: Channel;
  reportedProblem?: ReportedProblem;
  /** The triage that advised this verification (the caller had no factor left), if the agent recorded one. */
  triageId?: string;
  /**
   * RECOVERY_LOCK_RELEASE: started while the customer's recovery was locked by a "this wasn't me"
   * report; such a session can only serve the security team's release, never a disable.
   */
  purpose?: VerificationPurpose;
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
  /** Passed without the emailed code, and why the caller could not read it back. */
  withoutPossessionProof?: { reason: NoPossessionReason; agentId: string; at: string; note?: StoredNote };
  version: number;
  expiresAtEpoch: number;
}

/**
 * What staff may see of a session. `toPass`: for an open session, what completing it still needs
 * (lib/verification/policy.ts, `stillNeeded`); null once it ended.
 */
export const verificationView = (
  item: VerificationItem,
  openNote: (note: StoredNote) => string,
  toPass: StillNeeded | null = null,
): VerificationView => ({
  verificationId: item.verificationId,
  caseNumber: item.caseNumber ?? null,
  customerId: item.customerId,
  agentId: item.agentId,
  channel: item.channel,
  reportedProblem: item.reportedProblem ?? null,
  status: item.status,
  startedAt: item.startedAt,
  completedAt: item.completedAt ?? null,
  outcome: item.outcome ?? null,
  reasons: item.reasons ?? [],
  usedAt: item.usedAt ?? null,
  usedBy: item.usedBy ?? null,
  withoutPossessionProof: item.withoutPossessionProof
    ? { reason: item.withoutPossessionProof.reason, agentId: item.withoutPossessionProof.agentId }
    : null,
  emailCode: item.emailCode
    ? {
        sentCount: item.emailCode.sentCount,
        lastSentAt: item.emailCode.lastSentAt,
        expiresAt: item.emailCode.expiresAt,
      }
    : null,
  toPass: item.status === 'OPEN' ? toPass : null,
  checks: item.checks.map((check) => ({
    type: check.type,
    result: check.result,
    note: check.note === undefined ? null : openNote(check.note),
    agentId: check.agentId,
    at: check.at,
  })),
});

declare module '../data/tables' {
  /** The Verifications table's indexes key on these fields (checked in lib/data/tables.ts). */
  interface IndexedItems {
    verifications: VerificationItem;
  }
}
