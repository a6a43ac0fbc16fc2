// What a verification session's steps decide, without DynamoDB: whose session it is, when it stops,
// how a read-back code is judged, when another code may be mailed, how a left-open session is closed.
import type { Random } from '../../lib/clock';
import type { CustomerItem } from '../../lib/customers/customer';
import { DomainError } from '../../lib/errors';
import {
  assertCanSendEmailCode,
  assertOpenSessionOf,
  assertRoomForCheck,
  closeLeftOpenSession,
  emailCodeAfter,
  emailCodeAnswer,
  generateEmailCode,
  maskEmail,
  type SessionPolicy,
} from '../../lib/verification/decisions';
import type { CheckResult, CheckType } from '../../lib/verification/schemas';
import type { EmailCodeState, RecordedCheck, VerificationItem } from '../../lib/verification/verification';

const start = new Date('2026-12-01T10:00:00.000Z');
const minutesAfter = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

const policy: SessionPolicy = {
  verificationSessionMinutes: 60,
  maxChecksPerSession: 30,
  emailCodeMaxSends: 3,
  emailCodeResendSeconds: 60,
  emailCodeMaxSendsPerCustomerDay: 5,
  emailCodeSessionGapMinutes: 60,
  emailCodeTtlMinutes: 10,
};
const budget = { cooldownStepsMinutes: [15, 60, 1440], failureStreakHours: 24 };

const session = (overrides: Partial<VerificationItem> = {}): VerificationItem => ({
  verificationId: 'v-1',
  customerId: 'c-1',
  agentId: 'agent-bram',
  channel: 'phone',
  status: 'OPEN',
  startedAt: start.toISOString(),
  checks: [],
  version: 1,
  expiresAtEpoch: 0,
  ...overrides,
});
const recorded = (type: CheckType, result: CheckResult): RecordedCheck => ({
  type,
  result,
  agentId: 'agent-bram',
  at: start.toISOString(),
});
const customer = (overrides: Partial<CustomerItem> = {}) =>
  ({ customerId: 'c-1', privileged: false, ...overrides }) as CustomerItem;
const code = (overrides: Partial<EmailCodeState> = {}): EmailCodeState => ({
  codeHash: 'hash',
  expiresAt: minutesAfter(10).toISOString(),
  sentCount: 1,
  lastSentAt: start.toISOString(),
  failedAttempts: 0,
  consumed: false,
  ...overrides,
});

/** The domain error `run` throws (its code, and how long to wait where it says). */
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError)
      return { kind: error.kind, code: error.code, retryAfterSeconds: error.retryAfterSeconds };
    throw error;
  }
  throw new Error('expected a refusal, got none');
};

describe('an open session', () => {
  it('continues only for the agent who started it, while open and within its window', () => {
    expect(() => assertOpenSessionOf(session(), 'agent-bram', minutesAfter(59), policy)).not.toThrow();
    expect(
      refusal(() => assertOpenSessionOf(session(), 'agent-carla', minutesAfter(1), policy)),
    ).toMatchObject({
      kind: 'Forbidden',
      code: 'NOT_YOUR_VERIFICATION',
    });
    expect(
      refusal(() =>
        assertOpenSessionOf(session({ status: 'PASSED' }), 'agent-bram', minutesAfter(1), policy),
      ),
    ).toMatchObject({ kind: 'Conflict', code: 'VERIFICATION_NOT_OPEN' });
  });

  it('stops at the exact end of its window, not a millisecond later', () => {
    expect(
      refusal(() => assertOpenSessionOf(session(), 'agent-bram', minutesAfter(60), policy)),
    ).toMatchObject({
      kind: 'Gone',
      code: 'VERIFICATION_EXPIRED',
    });
  });

  it('holds at most the configured number of checks', () => {
    const full = session({ checks: Array.from({ length: 30 }, () => recorded('EMAIL', 'MATCH')) });
    expect(refusal(() => assertRoomForCheck(full, policy))).toMatchObject({ code: 'TOO_MANY_CHECKS' });
    expect(() => assertRoomForCheck(session({ checks: full.checks.slice(1) }), policy)).not.toThrow();
  });
});

describe('a session left open when the next one starts', () => {
  it('refuses the new start while the old one is within its window', () => {
    expect(
      refusal(() => closeLeftOpenSession(session(), customer(), minutesAfter(30), policy, budget)),
    ).toMatchObject({ kind: 'Conflict', code: 'VERIFICATION_ALREADY_OPEN' });
  });

  it('closes a session past its window without a cost, unless it held a wrong answer', () => {
    expect(closeLeftOpenSession(session(), customer(), minutesAfter(61), policy, budget)).toEqual({
      heldMismatch: false,
      failure: undefined,
    });
    const withMismatch = session({ checks: [recorded('FULL_NAME', 'MISMATCH')] });
    const closed = closeLeftOpenSession(withMismatch, customer(), minutesAfter(61), policy, budget);
    expect(closed.heldMismatch).toBe(true);
    expect(closed.failure).toMatchObject({ streak: 1, cooldownMinutes: 15 });
  });
});

describe('the code the caller reads back', () => {
  it('is judged only once sent, unconfirmed and unexpired', () => {
    expect(refusal(() => emailCodeAnswer(undefined, '123456', start))).toMatchObject({
      code: 'EMAIL_CODE_NOT_SENT',
    });
    expect(refusal(() => emailCodeAnswer(code({ consumed: true }), '123456', start))).toMatchObject({
      code: 'EMAIL_CODE_USED',
    });
    expect(refusal(() => emailCodeAnswer(code(), '123456', minutesAfter(10)))).toMatchObject({
      kind: 'Gone',
      code: 'EMAIL_CODE_EXPIRED',
    });
  });

  it('takes spaces and hyphens as the caller says them, and refuses what cannot be a code without judging it', () => {
    expect(emailCodeAnswer(code(), ' 123-456 ', start).given).toBe('123456');
    for (const typo of ['12345', '1234567', '12345O', ''])
      expect(refusal(() => emailCodeAnswer(code(), typo, start))).toMatchObject({
        kind: 'Invalid',
        code: 'EMAIL_CODE_FORMAT',
      });
  });

  it('is confirmed once, and a wrong one counts one failed attempt', () => {
    expect(emailCodeAfter(code(), true)).toMatchObject({ consumed: true, failedAttempts: 0 });
    expect(emailCodeAfter(code({ failedAttempts: 1 }), false)).toMatchObject({
      consumed: false,
      failedAttempts: 2,
    });
  });
});

describe('mailing another code', () => {
  /** A session whose caller named the customer and the address on file, with its code so far. */
  const named = (emailCode?: EmailCodeState) =>
    session({
      checks: [recorded('EMAIL', 'MATCH'), recorded('FULL_NAME', 'MATCH')],
      ...(emailCode ? { emailCode } : {}),
    });
  const sentAt = (hoursBefore: number) => new Date(start.getTime() - hoursBefore * 3600_000).toISOString();

  it('allows the first code of a session once the caller named the customer and the address', () => {
    expect(assertCanSendEmailCode(named(), customer(), start, policy)).toEqual([]);
  });

  it('refuses a code before EMAIL and FULL_NAME matched: a stranger cannot make the helpdesk mail the customer', () => {
    for (const checks of [
      [],
      [recorded('EMAIL', 'MATCH')],
      [recorded('FULL_NAME', 'MATCH'), recorded('EMAIL', 'UNKNOWN')],
      [recorded('FULL_NAME', 'MATCH'), recorded('EMAIL', 'NOT_ON_FILE'), recorded('COMPANY_NAME', 'MATCH')],
    ])
      expect(
        refusal(() => assertCanSendEmailCode(session({ checks }), customer(), start, policy)),
      ).toMatchObject({
        kind: 'Conflict',
        code: 'EMAIL_CODE_NEEDS_IDENTITY',
      });
  });

  it('refuses a resend within the wait, saying how long is left', () => {
    const tooSoon = refusal(() =>
      assertCanSendEmailCode(named(code()), customer(), new Date(start.getTime() + 45_000), policy),
    );
    expect(tooSoon).toMatchObject({ kind: 'TooManyRequests', code: 'EMAIL_CODE_TOO_SOON' });
    expect(tooSoon.retryAfterSeconds).toBeCloseTo(15);
    expect(() => assertCanSendEmailCode(named(code()), customer(), minutesAfter(1), policy)).not.toThrow();
  });

  it('refuses a fourth code in one session', () => {
    expect(
      refusal(() =>
        assertCanSendEmailCode(named(code({ sentCount: 3 })), customer(), minutesAfter(5), policy),
      ),
    ).toMatchObject({ code: 'EMAIL_CODE_LIMIT' });
  });

  it('counts only the last 24 hours of the customer, and refuses a resend past the budget until the oldest runs out', () => {
    const busy = customer({ emailCodeSentAt: [sentAt(1), sentAt(20), sentAt(2), sentAt(3), sentAt(4)] });
    const resend = code({ lastSentAt: sentAt(1) });
    const daily = refusal(() => assertCanSendEmailCode(named(resend), busy, start, policy));
    expect(daily).toMatchObject({ code: 'EMAIL_CODE_DAILY_LIMIT' });
    expect(daily.retryAfterSeconds).toBeCloseTo(4 * 3600);
    const oneExpired = customer({
      emailCodeSentAt: [sentAt(25), sentAt(1), sentAt(2), sentAt(3), sentAt(4)],
    });
    expect(assertCanSendEmailCode(named(), oneExpired, start, policy)).toEqual([
      sentAt(4),
      sentAt(3),
      sentAt(2),
      sentAt(1),
    ]);
  });

  it('past the day’s budget gives a new session its first code once the last code is an hour old, never sooner', () => {
    const spent = (latestMinutesBefore: number) =>
      customer({
        emailCodeSentAt: [sentAt(5), sentAt(4), sentAt(3), sentAt(2), sentAt(latestMinutesBefore / 60)],
      });
    const waiting = refusal(() => assertCanSendEmailCode(named(), spent(20), start, policy));
    expect(waiting).toMatchObject({ code: 'EMAIL_CODE_DAILY_LIMIT' });
    expect(waiting.retryAfterSeconds).toBeCloseTo(40 * 60);
    expect(() => assertCanSendEmailCode(named(), spent(60), start, policy)).not.toThrow();
  });
});

describe('the emailed code itself', () => {
  it('is six digits and skips draws above the last whole million, so no code is likelier than another', () => {
    const draws = [0xffffffff, 4_294_000_000, 1_234_567];
    const random: Random = {
      bytes: () => {
        const buffer = Buffer.alloc(4);
        buffer.writeUInt32BE(draws.shift() ?? 0);
        return buffer;
      },
      ulid: () => 'unused',
    };
    expect(generateEmailCode(random)).toBe('234567');
    expect(draws).toEqual([]);
  });

  it('names the address it went to only masked', () => {
    expect(maskEmail('jan.devries@voltpark.nl')).toBe('j**********@voltpark.nl');
    expect(maskEmail('j@voltpark.nl')).toBe('j**@voltpark.nl');
  });
});
