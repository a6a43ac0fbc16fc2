// The answers' schemas are the one shape lib builds and the console reads (issue 22): where the console
// tells states apart, the schema does too, so an answer that mixes them fails the contract tests.
import { customerProfileSchema } from '../../lib/staff-views/api';
import { recoveryLockCaseSchema } from '../../lib/security/api';
import { auditHistorySchema } from '../../lib/staff-views/api';

const customer = {
  customerId: 'c-1',
  fullName: 'Anna de Vries',
  email: 'anna@example.nl',
  companyName: null,
  notificationEmails: [],
  phoneNumbersMasked: [],
  locale: 'nl',
  privileged: false,
  recoveryLocked: false,
  verificationCooldownUntil: null,
  failedVerificationCount: 0,
  lastFailedVerificationAt: null,
  openVerificationId: null,
  lastResetAt: null,
  emailChangedAt: null,
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
  recoveryDelay: null,
  methods: [{ method: 'totp', count: 1 }],
  mailFeedback: null,
};
const profile = (fields: Record<string, unknown>) => ({
  customer: { ...customer, ...fields },
  recentVerifications: [],
  nextVerificationsCursor: null,
  recentEvents: [],
  nextEventsCursor: null,
});
const event = {
  seq: 1,
  eventId: 'e-1',
  type: 'TWO_FA_LOCKED',
  at: '2026-12-01T10:00:00.000Z',
  actorType: 'system',
  actorId: 'login-service',
  caseId: null,
  details: {},
};

describe('the staff answers, as one shape', () => {
  it("say why 2FA is locked, and only while it is: the console's badge reads the reason", () => {
    expect(customerProfileSchema.safeParse(profile({ twoFactor: 'ENABLED', lockReason: null })).success).toBe(
      true,
    );
    expect(
      customerProfileSchema.safeParse(profile({ twoFactor: 'LOCKED', lockReason: 'REPORTED_BY_CUSTOMER' }))
        .success,
    ).toBe(true);
    expect(customerProfileSchema.safeParse(profile({ twoFactor: 'LOCKED', lockReason: null })).success).toBe(
      false,
    );
    expect(
      customerProfileSchema.safeParse(profile({ twoFactor: 'ENABLED', lockReason: 'TOO_MANY_ATTEMPTS' }))
        .success,
    ).toBe(false);
  });

  it('name each audit event by a type of the vocabulary, in the history and in the security case alike', () => {
    expect(auditHistorySchema.safeParse({ events: [event], nextCursor: null }).success).toBe(true);
    expect(
      auditHistorySchema.safeParse({ events: [{ ...event, type: 'SOMETHING' }], nextCursor: null }).success,
    ).toBe(false);
    const timeline = recoveryLockCaseSchema.shape.timeline;
    expect(timeline.safeParse([event]).success).toBe(true);
    expect(timeline.safeParse([{ ...event, type: 'SOMETHING' }]).success).toBe(false);
    expect(timeline.safeParse([{ ...event, actorType: 'robot' }]).success).toBe(false);
  });
});
