// The gate before a disable, at its edges: the 30th minute, cooling-off periods, maker-checker.
import { assertCanApprove, decideDisable, type ApprovalItem } from '../../lib/reset/policy';
import type { CustomerItem } from '../../lib/customers/customer';
import type { VerificationItem } from '../../lib/verification/verification';

const policy = {
  verificationMaxAgeMinutes: 30,
  emailChangeCoolingOffDays: 7,
  recentResetCoolingOffHours: 24,
  separateVerifierAndAdmin: true,
  adminDisablesPerHour: 3,
  agentPassesPerHour: 5,
  disablesPerHourTotal: 10,
};
const quiet = { adminDisablesLastHour: 0, agentPassesLastHour: 1, allDisablesLastHour: 0 };
const by = { adminId: 'admin-a', velocity: quiet };
const now = new Date('2026-11-25T12:00:00Z');
const customer = { customerId: 'c-1', twoFactor: 'ENABLED', privileged: false, version: 3 } as CustomerItem;
const verification = {
  verificationId: 'V1',
  customerId: 'c-1',
  agentId: 'agent-1',
  status: 'PASSED',
  completedAt: '2026-11-25T11:30:00Z',
} as VerificationItem;

const codeOf = (run: () => unknown) => {
  try {
    run();
    return 'ALLOWED';
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('the disable gate', () => {
  it('allows a passed session completed exactly 30 minutes ago, not one second later', () => {
    expect(decideDisable({ ...by, customer, verification, now }, policy)).toEqual({
      kind: 'DISABLE',
      samePersonVerified: false,
    });
    const later = new Date(now.getTime() + 1000);
    expect(codeOf(() => decideDisable({ ...by, customer, verification, now: later }, policy))).toBe(
      'VERIFICATION_STALE',
    );
  });

  it('refuses sessions that are open, failed, used, of another customer, and a locked or disabled customer', () => {
    for (const [status, code] of [
      ['OPEN', 'VERIFICATION_NOT_COMPLETED'],
      ['FAILED', 'VERIFICATION_NOT_PASSED'],
      ['USED', 'VERIFICATION_ALREADY_USED'],
      ['PENDING_APPROVAL', 'APPROVAL_PENDING'],
    ] as const)
      expect(
        codeOf(() =>
          decideDisable({ ...by, customer, verification: { ...verification, status }, now }, policy),
        ),
      ).toBe(code);
    expect(
      codeOf(() =>
        decideDisable({ ...by, customer, verification: { ...verification, customerId: 'c-2' }, now }, policy),
      ),
    ).toBe('VERIFICATION_OTHER_CUSTOMER');
    expect(
      codeOf(() =>
        decideDisable(
          { ...by, customer: { ...customer, recoveryLockedAt: '2026-11-25T00:00:00Z' }, verification, now },
          policy,
        ),
      ),
    ).toBe('RECOVERY_LOCKED');
    expect(
      codeOf(() =>
        decideDisable({ ...by, customer: { ...customer, twoFactor: 'DISABLED' }, verification, now }, policy),
      ),
    ).toBe('TWO_FA_NOT_ENABLED');
  });

  it('asks for a second admin for privileged customers, fresh email changes and repeated resets', () => {
    expect(
      decideDisable({ ...by, customer: { ...customer, privileged: true }, verification, now }, policy),
    ).toEqual({
      kind: 'NEEDS_APPROVAL',
      reasons: ['PRIVILEGED_CUSTOMER'],
      alertSecurity: false,
      samePersonVerified: false,
    });
    const changed = {
      ...customer,
      emailChangedAt: '2026-11-19T12:00:01Z',
      lastResetAt: '2026-11-24T12:00:01Z',
    };
    expect(decideDisable({ ...by, customer: changed, verification, now }, policy)).toEqual({
      kind: 'NEEDS_APPROVAL',
      reasons: ['EMAIL_CHANGED_RECENTLY', 'RECENT_RESET'],
      alertSecurity: false,
      samePersonVerified: false,
    });
    const longAgo = {
      ...customer,
      emailChangedAt: '2026-11-18T12:00:00Z',
      lastResetAt: '2026-11-24T12:00:00Z',
    };
    expect(decideDisable({ ...by, customer: longAgo, verification, now }, policy)).toEqual({
      kind: 'DISABLE',
      samePersonVerified: false,
    });
  });

  it('keeps four eyes: the verifier cannot disable, unless switched off, and then it is said', () => {
    expect(
      codeOf(() => decideDisable({ ...by, adminId: 'agent-1', customer, verification, now }, policy)),
    ).toBe('DISABLER_IS_VERIFIER');
    expect(
      decideDisable(
        { ...by, adminId: 'agent-1', customer, verification, now },
        { ...policy, separateVerifierAndAdmin: false },
      ),
    ).toEqual({ kind: 'DISABLE', samePersonVerified: true });
  });

  it('refuses during the customer cooldown, and asks a second admin and security past the velocity limits or without possession proof', () => {
    const cooling = { ...customer, verificationCooldownUntil: '2026-11-25T12:00:01Z' };
    expect(codeOf(() => decideDisable({ ...by, customer: cooling, verification, now }, policy))).toBe(
      'VERIFICATION_COOLDOWN',
    );
    const busyAdmin = { ...quiet, adminDisablesLastHour: 3 };
    expect(decideDisable({ ...by, velocity: busyAdmin, customer, verification, now }, policy)).toEqual({
      kind: 'NEEDS_APPROVAL',
      reasons: ['ADMIN_VELOCITY'],
      alertSecurity: true,
      samePersonVerified: false,
    });
    expect(
      decideDisable(
        {
          ...by,
          velocity: { adminDisablesLastHour: 2, agentPassesLastHour: 5, allDisablesLastHour: 9 },
          customer,
          verification,
          now,
        },
        policy,
      ).kind,
    ).toBe('DISABLE');
    expect(
      decideDisable(
        {
          ...by,
          velocity: { ...quiet, agentPassesLastHour: 6 },
          customer,
          verification,
          now,
        },
        policy,
      ),
    ).toMatchObject({ reasons: ['AGENT_VELOCITY'], alertSecurity: true });
    expect(
      decideDisable(
        { ...by, velocity: { ...quiet, allDisablesLastHour: 10 }, customer, verification, now },
        policy,
      ),
    ).toMatchObject({ reasons: ['TOTAL_VELOCITY'], alertSecurity: true });
    const waived = {
      ...verification,
      withoutPossessionProof: {
        reason: 'MAILBOX_ON_LOST_DEVICE',
        agentId: 'agent-1',
        at: '2026-11-25T11:30:00Z',
      },
    } as VerificationItem;
    expect(decideDisable({ ...by, customer, verification: waived, now }, policy)).toMatchObject({
      reasons: ['NO_POSSESSION_PROOF'],
      alertSecurity: true,
    });
  });

  it('lets only a third person approve, before the approval expires', () => {
    const approval = {
      status: 'PENDING',
      requestedBy: 'admin-a',
      verifiedBy: 'agent-1',
      expiresAt: '2026-11-25T13:00:00Z',
    } as ApprovalItem;
    expect(codeOf(() => assertCanApprove(approval, 'admin-a', now))).toBe('APPROVER_IS_REQUESTER');
    expect(codeOf(() => assertCanApprove(approval, 'agent-1', now))).toBe('APPROVER_IS_VERIFIER');
    expect(codeOf(() => assertCanApprove(approval, 'admin-b', now))).toBe('ALLOWED');
    expect(codeOf(() => assertCanApprove(approval, 'admin-b', new Date('2026-11-25T13:00:00Z')))).toBe(
      'APPROVAL_EXPIRED',
    );
  });
});
