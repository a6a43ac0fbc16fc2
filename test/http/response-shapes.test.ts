// The answers' schemas are the one shape lib builds and the console reads (issue 22): where the console
// tells states apart, the schema does too, so an answer that mixes them fails the contract tests.
import * as z from '../../lib/schema';
import { routes } from '../../lib/routes';
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
    // The answer schema is built on first use (z.builtOnFirstUse): its object is the lazy schema's inner type.
    const timeline = recoveryLockCaseSchema._zod.innerType.shape.timeline;
    expect(timeline.safeParse([event]).success).toBe(true);
    expect(timeline.safeParse([{ ...event, type: 'SOMETHING' }]).success).toBe(false);
    expect(timeline.safeParse([{ ...event, actorType: 'robot' }]).success).toBe(false);
  });
});

describe('answer schemas built on first use', () => {
  it('builds nothing until something parses or describes the schema, then once, and parses as the schema itself', () => {
    let builds = 0;
    const answer = z.builtOnFirstUse(() => {
      builds += 1;
      return z.strictObject({ status: z.literal('ok'), count: z.number() });
    });
    expect(builds).toBe(0);
    expect(answer.safeParse({ status: 'ok', count: 2 }).success).toBe(true);
    expect(answer.safeParse({ status: 'ok', count: 2, extra: true }).success).toBe(false);
    expect(answer.safeParse({ status: 'no', count: 2 }).success).toBe(false);
    expect(z.toJSONSchema(answer)).toEqual(
      z.toJSONSchema(z.strictObject({ status: z.literal('ok'), count: z.number() })),
    );
    expect(builds).toBe(1);
  });

  it("describe every route's answers in the OpenAPI document exactly as the schema inside", () => {
    const answers = routes.flatMap((route) => Object.values(route.responses ?? {}) as z.ZodMiniType[]);
    const deferred = answers.filter((schema) => schema._zod.def.type === 'lazy');
    // Every route's answer is deferred; each describes itself as the schema it builds.
    expect(deferred).toHaveLength(answers.length);
    for (const schema of deferred)
      expect(z.toJSONSchema(schema, { unrepresentable: 'any' })).toEqual(
        z.toJSONSchema((schema as z.ZodMiniLazy)._zod.innerType, { unrepresentable: 'any' }),
      );
  });
});
