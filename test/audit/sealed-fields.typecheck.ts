// Checked by tsc (`npm run check`), never run: what an audit event may put in the fields it seals
// (lib/audit/events.ts, each event's `sealed`). Every `@ts-expect-error` below is a mistake the compiler must
// refuse; if it stops refusing one, tsc fails on the comment.
import type { AuditEventInput, SealedText } from '../../lib/audit/events';

declare const sealed: SealedText;
const base = { actorType: 'admin', actorId: 'admin-anna', customerId: 'c-1' } as const;

export const sealedReason: AuditEventInput = {
  ...base,
  type: 'TWO_FA_DISABLED',
  details: { reason: sealed },
};

// A staff reason written in plain text into an event that seals it.
// @ts-expect-error Type 'string' is not assignable to type 'SealedText'
export const plainReason: AuditEventInput = {
  ...base,
  type: 'TWO_FA_DISABLED',
  details: { reason: 'Telefoon kwijt' },
};

// The officer's note in plain text.
// @ts-expect-error Type 'string' is not assignable to type 'SealedText'
export const plainNote: AuditEventInput = {
  ...base,
  type: 'RECOVERY_LOCK_KEPT',
  details: { note: 'belde terug, klopt' },
};

// A failed send's reason is a code, not staff text: plain is right there.
export const failureCode: AuditEventInput = {
  ...base,
  type: 'RESET_EMAIL_FAILED',
  details: { reason: 'MessageRejected' },
};
