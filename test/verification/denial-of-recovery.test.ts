// How long an attacker who knows only a customer's name and email address can hold up that customer's
// recovery, measured: the real budget rules (lib/verification/budget.ts, decisions.ts) driven by a
// simulated clock with the defaults of lib/config.ts, minute by minute over 30 days. The README's
// numbers ("what an attacker can still do") are the ones asserted here.
import { parseConfig } from '../../lib/config';
import type { CustomerItem } from '../../lib/customers/customer';
import { tables } from '../../lib/data/tables';
import { DomainError } from '../../lib/errors';
import { assertNoCooldown, nextFailure } from '../../lib/verification/budget';
import { assertCanSendEmailCode } from '../../lib/verification/decisions';
import type { EmailCodeState, RecordedCheck } from '../../lib/verification/verification';

const { policy } = parseConfig({
  ...Object.fromEntries(Object.values(tables).map((table) => [table.envVar, `test-${table.baseName}`])),
  PUBLIC_BASE_URL: 'https://recovery.example',
  SENDER_EMAIL: 'no-reply@example.com',
  SECURITY_ALERT_EMAIL: 'security@example.com',
  SECRET_KEY_SOURCE: 'kms',
  KMS_KEY_ID: 'alias/test',
});
const budget = {
  cooldownStepsMinutes: policy.verificationCooldownStepsMinutes,
  failureStreakHours: policy.verificationFailureStreakHours,
};
const MINUTE = 60_000;
const DAYS = 30;
const origin = new Date('2026-12-01T00:00:00.000Z').getTime();
const at = (minute: number) => new Date(origin + minute * MINUTE);

const allows = (run: () => unknown) => {
  try {
    run();
    return true;
  } catch (error) {
    if (error instanceof DomainError) return false;
    throw error;
  }
};

/**
 * The attacker calls every `everyMinutes`, names the customer and the address, and gives one wrong
 * answer whenever no cooldown refuses the start. Returns, minute by minute, whether the real
 * customer's call would be refused (VERIFICATION_COOLDOWN).
 */
const cooldownTimeline = (everyMinutes: number) => {
  const customer = { customerId: 'c-1', privileged: false } as CustomerItem;
  const refused: boolean[] = [];
  for (let minute = 0; minute < DAYS * 1440; minute += 1) {
    const now = at(minute);
    if (minute % everyMinutes === 0 && allows(() => assertNoCooldown(customer, now))) {
      const failure = nextFailure(customer, now, budget);
      customer.verificationCooldownUntil = failure.cooldownUntil.toISOString();
      customer.lastFailedVerificationAt = now.toISOString();
      customer.verificationFailureStreak = failure.streak;
    }
    refused.push(!allows(() => assertNoCooldown(customer, now)));
  }
  return refused;
};

/** The longest run of minutes with `value`, after the first day (the streak has grown by then). */
const longestRun = (timeline: boolean[], value: boolean) => {
  let longest = 0;
  let run = 0;
  for (const minute of timeline.slice(1440)) {
    run = minute === value ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
};
const share = (timeline: boolean[]) => timeline.filter(Boolean).length / timeline.length;

describe('the wrong-answer cooldown against an attacker who knows a name and an address', () => {
  it.each([
    // tries every (minutes), longest window the customer can call in, longest refusal, share refused (%)
    [15, 0, DAYS * 1440 - 1440, 100],
    [60, 45, 1515, 97.1],
    [6 * 60, 345, 1455, 70.1],
    [24 * 60 - 1, 1438, 1440, 24.8],
    [24 * 60 + 1, 1426, 15, 1],
  ])(
    'an attacker who tries every %i minutes and fails whenever allowed leaves the customer windows of %i minutes, refuses them up to %i minutes in a row, %f% of 30 days: until an officer resets',
    (every, window, longestRefusal, percentRefused) => {
      const timeline = cooldownTimeline(every);
      expect(longestRun(timeline, false)).toBe(window);
      expect(longestRun(timeline, true)).toBe(longestRefusal);
      expect(Math.round(share(timeline) * 1000) / 10).toBeCloseTo(percentRefused, 0);
    },
  );
});

describe('the emailed code against an attacker who opens sessions and never reads a code back', () => {
  const identity: RecordedCheck[] = (['EMAIL', 'FULL_NAME'] as const).map((type) => ({
    type,
    result: 'MATCH',
    agentId: 'agent',
    at: at(0).toISOString(),
  }));
  const sent = (minute: number, sentCount: number): EmailCodeState => ({
    codeHash: 'h',
    expiresAt: at(minute + 10).toISOString(),
    sentCount,
    lastSentAt: at(minute).toISOString(),
    failedAttempts: 0,
    consumed: false,
  });

  /**
   * The attacker opens a session every `everyMinutes` (one is open at a time, three minutes
   * each, so at most every four minutes) and asks for every code the rules allow, for `days`. Returns the customer's
   * stored sends after each minute, as the store keeps them (the day's sends).
   */
  const attack = (everyMinutes: number, days: number) => {
    const customer = { customerId: 'c-1', privileged: false } as CustomerItem;
    const stored: string[][] = [];
    const send = (minute: number, code: EmailCodeState | undefined) => {
      let recent: string[] = [];
      const session = { checks: identity, ...(code ? { emailCode: code } : {}) };
      if (!allows(() => (recent = assertCanSendEmailCode(session, customer, at(minute), policy))))
        return false;
      customer.emailCodeSentAt = [...recent, at(minute).toISOString()];
      return true;
    };
    const every = Math.max(everyMinutes, 4);
    let code: EmailCodeState | undefined;
    for (let minute = 0; minute < days * 1440; minute += 1) {
      if (minute % every === 0) code = undefined;
      if (minute % every < 3 && send(minute, code)) code = sent(minute, (code?.sentCount ?? 0) + 1);
      stored.push(customer.emailCodeSentAt ?? []);
    }
    return stored;
  };

  /**
   * The real customer calls at `arrival`, in a minute no attacker session is open, holds the one open
   * session from then on, and asks for the first code each minute until one goes out.
   */
  const firstCodeWait = (stored: string[][], arrival: number) => {
    const customer = {
      customerId: 'c-1',
      privileged: false,
      emailCodeSentAt: stored[arrival - 1],
    } as CustomerItem;
    for (let minute = arrival; ; minute += 1)
      if (allows(() => assertCanSendEmailCode({ checks: identity }, customer, at(minute), policy)))
        return minute - arrival;
  };

  it.each([
    // a session every (minutes), the customer's longest wait for the first code, the attacker's mails a day
    [4, 58, 28],
    [30, 58, 28],
    [60, 58, 27],
  ])(
    'an attacker opening a session every %i minutes and never reading a code back delays the customer’s first code by at most %i minutes (never more than the gap) and mails at most %i codes a day (5 + one an hour)',
    (every, longestWait, mailsPerDay) => {
      const stored = attack(every, 3);
      const free = (minute: number) => minute % Math.max(every, 4) >= 3;
      const arrivals = Array.from({ length: 1440 }, (_, index) => 2 * 1440 + index).filter(free);
      const waits = arrivals.map((arrival) => firstCodeWait(stored, arrival));
      expect(Math.max(...waits)).toBe(longestWait);
      expect(Math.max(...waits)).toBeLessThanOrEqual(policy.emailCodeSessionGapMinutes);
      const mails = Math.max(...stored.slice(1440).map((sends) => sends.length));
      expect(mails).toBe(mailsPerDay);
      expect(mails).toBeLessThanOrEqual(
        policy.emailCodeMaxSendsPerCustomerDay + 1440 / policy.emailCodeSessionGapMinutes,
      );
    },
  );
});
