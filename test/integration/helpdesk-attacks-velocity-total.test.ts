// Issue 23, part 3: a limit for all admins together. Each admin stays under their own limit of 3, yet N of
// them made 3N disables an hour unnoticed; past VELOCITY_DISABLES_PER_HOUR_TOTAL every disable now waits for
// a second admin and security is mailed. Tried through the local API with parallel requests.
import {
  stack,
  approve,
  disable,
  securityMailAbout,
  twoFactorOf,
  useHelpdeskAttackStack,
} from '../support/helpdesk-attack-stack';
import { outcomeOf, passedCase, passedCases, windowAges } from '../support/velocity-windows';

useHelpdeskAttackStack({ VELOCITY_DISABLES_PER_HOUR_TOTAL: '4' });

describe('all admins together', () => {
  it('lets four of six parallel disables by three admins through; the two over the total wait for a second admin and security is mailed', async () => {
    const admins = await Promise.all(
      ['t1', 't2', 't3'].map((name) => stack.adminToken(`admin-total-${name}`)),
    );
    const cases = await passedCases('vt-wave', 6);
    // Each admin two disables: under their own limit of three.
    const responses = await Promise.all(
      cases.map((item, index) => disable(item.customerId, item.verificationId, admins[index % 3])),
    );
    const outcomes = responses.map(outcomeOf);
    expect(outcomes.filter((outcome) => outcome === 200)).toHaveLength(4);
    expect(outcomes.filter((outcome) => outcome !== 200)).toEqual([['TOTAL_VELOCITY'], ['TOTAL_VELOCITY']]);
    const states = await Promise.all(cases.map((item) => twoFactorOf(item.customerId)));
    expect(states.filter((state) => state === 'DISABLED')).toHaveLength(4);

    const parked = cases.filter((_, index) => responses[index]?.status === 202);
    for (const item of parked)
      expect((await securityMailAbout(item.customerId))?.body.text).toContain('alle admins samen');

    // A second admin lets a parked one through (the real customer is not stuck); it counts in the total.
    const waiting = responses.find((response) => response.status === 202);
    const approver = await stack.adminToken('admin-total-approver');
    expect((await approve(waiting?.body.approvalId, approver)).status).toBe(200);

    // An admin who did nothing this hour still needs a second admin while the total is full.
    const fresh = await stack.adminToken('admin-total-fresh');
    const late = await passedCase('vt-late');
    expect(outcomeOf(await disable(late.customerId, late.verificationId, fresh))).toEqual(['TOTAL_VELOCITY']);

    // An hour later the total has room again.
    expect(await windowAges('ALL_DISABLES#', 61)).toBeGreaterThan(0);
    const next = await passedCase('vt-next');
    expect(outcomeOf(await disable(next.customerId, next.verificationId, fresh))).toBe(200);
  });
});
