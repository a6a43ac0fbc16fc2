// The gate before a disable, at its edges: the 30th minute, cooling-off periods, maker-checker.
import { assertCanApprove, decideDisable, type ApprovalItem } from '../../lib/reset/policy';
import type { CustomerItem } from '../../lib/customers/customer';
import type { VerificationItem } from '../../lib/verification/verification';

const policy = {
  verificationMaxAgeMinutes: 30,
  emailChangeCoolingOffDays: 7,
  recentResetCoolingOffHours: 24,
};
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
    expect(decideDisable({ customer, verification, now }, policy)).toEqual({ kind: 'DISABLE' });
    const later = new Date(now.getTime() + 1000);
    expect(codeOf(() => decideDisable({ customer, verification, now: later }, policy))).toBe(
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
        codeOf(() => decideDisable({ customer, verification: { ...verification, status }, now }, policy)),
      ).toBe(code);
    expect(
      codeOf(() =>
        decideDisable({ customer, verification: { ...verification, customerId: 'c-2' }, now }, policy),
      ),
    ).toBe('VERIFICATION_OTHER_CUSTOMER');
    expect(
      codeOf(() =>
        decideDisable(
          { customer: { ...customer, recoveryLockedAt: '2026-11-25T00:00:00Z' }, verification, now },
          policy,
        ),
      ),
    ).toBe('RECOVERY_LOCKED');
    expect(
      codeOf(() =>
        decideDisable({ customer: { ...customer, twoFactor: 'DISABLED' }, verification, now }, policy),
      ),
    ).toBe('TWO_FA_NOT_ENABLED');
  });

  it('asks for a second admin for privileged customers, fresh email changes and repeated resets', () => {
    expect(decideDisable({ customer: { ...customer, privileged: true }, verification, now }, policy)).toEqual(
      {
        kind: 'NEEDS_APPROVAL',
        reasons: ['PRIVILEGED_CUSTOMER'],
      },
    );
    const changed = {
      ...customer,
      emailChangedAt: '2026-11-19T12:00:01Z',
      lastResetAt: '2026-11-24T12:00:01Z',
    };
    expect(decideDisable({ customer: changed, verification, now }, policy)).toEqual({
      kind: 'NEEDS_APPROVAL',
      reasons: ['EMAIL_CHANGED_RECENTLY', 'RECENT_RESET'],
    });
    const longAgo = {
      ...customer,
      emailChangedAt: '2026-11-18T12:00:00Z',
      lastResetAt: '2026-11-24T12:00:00Z',
    };
    expect(decideDisable({ customer: longAgo, verification, now }, policy)).toEqual({ kind: 'DISABLE' });
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
