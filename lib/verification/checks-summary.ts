// What the agent established in a session, in one line's worth of data: the questions that matched,
// those asked and never matched, and whether it passed without possession proof. The approvals list
// and the admin's disable step show it, so the admin decides on the checks, not on a status alone.
import * as z from '../schema';
import type { VerificationItem } from './verification';

export const checksSummarySchema = z.strictObject({
  matched: z.array(z.string()),
  notMatched: z.array(z.string()),
  withoutPossessionProof: z.nullable(z.string()),
});

export type ChecksSummary = z.infer<typeof checksSummarySchema>;

export const checksSummaryOf = (
  verification: Pick<VerificationItem, 'checks' | 'withoutPossessionProof'> | undefined,
): ChecksSummary => {
  const checks = verification?.checks ?? [];
  const matched = new Set(checks.filter((check) => check.result === 'MATCH').map((check) => check.type));
  return {
    matched: [...matched],
    // Asked and never matched: a question answered incomplete, then in full, matched.
    notMatched: [...new Set(checks.filter((check) => !matched.has(check.type)).map((check) => check.type))],
    withoutPossessionProof: verification?.withoutPossessionProof?.reason ?? null,
  };
};
