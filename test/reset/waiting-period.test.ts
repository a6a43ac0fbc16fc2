// The waiting period's rules at their edges, without AWS: which risk decides the wait, the moment the
// link opens, and who may end a wait early.
import type { CustomerItem } from '../../lib/customers/customer';
import { isDomainError } from '../../lib/errors';
import {
  assertRecoveryAvailable,
  recoveryDelayFor,
  recoveryPendingUntil,
  type RecoveryDelays,
} from '../../lib/reset/waiting-period';
import { assertCanEndRecoveryDelay } from '../../lib/security/recovery-delay';

const now = new Date('2026-12-07T10:00:00.000Z');
const delays: RecoveryDelays = { WITHOUT_POSSESSION: 4320, PRIVILEGED: 1440, STANDARD: 0 };
const proof = { reason: 'MAILBOX_ON_LOST_DEVICE' as const, agentId: 'agent-bram', at: now.toISOString() };

const waiting = (availableAt: string, overrides: Partial<CustomerItem> = {}) =>
  ({ twoFactor: 'DISABLED', recoveryAvailableAt: availableAt, ...overrides }) as CustomerItem;

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return isDomainError(error) ? error.code : String(error);
  }
  return undefined;
};

describe('which risk decides the wait', () => {
  it('takes the longest that applies: no possession proof over privileged over standard', () => {
    expect(recoveryDelayFor({ privileged: true }, { withoutPossessionProof: proof }, now, delays)).toEqual({
      reason: 'WITHOUT_POSSESSION',
      minutes: 4320,
      availableAt: '2026-12-10T10:00:00.000Z',
    });
    expect(recoveryDelayFor({ privileged: true }, {}, now, delays)).toMatchObject({
      reason: 'PRIVILEGED',
      minutes: 1440,
    });
    expect(recoveryDelayFor({ privileged: false }, {}, now, delays)).toEqual({
      reason: 'STANDARD',
      minutes: 0,
      availableAt: now.toISOString(),
    });
  });

  it('a configuration that makes the standard wait longest applies it to everyone', () => {
    const odd = { WITHOUT_POSSESSION: 10, PRIVILEGED: 20, STANDARD: 30 };
    expect(recoveryDelayFor({ privileged: true }, { withoutPossessionProof: proof }, now, odd)).toMatchObject(
      {
        reason: 'STANDARD',
        minutes: 30,
      },
    );
  });
});

describe('the moment the link opens', () => {
  it('refuses until the end and opens at it exactly', () => {
    const end = '2026-12-07T10:00:00.001Z';
    expect(codeOf(() => assertRecoveryAvailable(waiting(end), now))).toBe('RECOVERY_PENDING');
    expect(recoveryPendingUntil(waiting(end), now)).toBe(end);
    expect(codeOf(() => assertRecoveryAvailable(waiting(now.toISOString()), now))).toBeUndefined();
  });

  it('does not apply to a locked customer (the lock says more) or one whose 2FA is on again', () => {
    const end = '2026-12-08T10:00:00.000Z';
    expect(recoveryPendingUntil(waiting(end, { recoveryLockedAt: now.toISOString() }), now)).toBeUndefined();
    expect(recoveryPendingUntil(waiting(end, { twoFactor: 'ENABLED' }), now)).toBeUndefined();
    expect(recoveryPendingUntil({ twoFactor: 'DISABLED' } as CustomerItem, now)).toBeUndefined();
  });
});

describe('who may end a wait', () => {
  const customer = waiting('2026-12-08T10:00:00.000Z');
  const staff = { verifiedBy: 'agent-olga', requestedBy: 'admin-riek', approvedBy: 'admin-piet' };
  const end = (officerId: string, who = customer) =>
    codeOf(() => assertCanEndRecoveryDelay({ customer: who, staff, officerId, now }));

  it('refuses the verifier, the requester and the approver; allows anyone else', () => {
    expect(end('agent-olga')).toBe('DELAY_ENDER_IS_VERIFIER');
    expect(end('admin-riek')).toBe('DELAY_ENDER_IS_DISABLER');
    expect(end('admin-piet')).toBe('DELAY_ENDER_IS_DISABLER');
    expect(end('sec-sara')).toBeUndefined();
  });

  it('finds nothing to end once the wait is over', () => {
    expect(end('sec-sara', waiting(now.toISOString()))).toBe('NO_RECOVERY_DELAY');
  });
});
