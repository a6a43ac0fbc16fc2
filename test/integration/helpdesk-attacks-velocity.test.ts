// Issue 23, part 3: the velocity limits hold under parallel requests. Tried through the local API the way a
// coached insider would (many disables at once, refused requests mixed in, a whole wave of passes), and the
// honest admin's hour beside it. An hour passing is simulated by moving the windows' stored times back.
import {
  stack,
  admin,
  disable,
  approve,
  twoFactorOf,
  answeredSession,
  complete,
  securityMailAbout,
  useHelpdeskAttackStack,
} from '../support/helpdesk-attack-stack';
import { createCustomer, markEnrolled } from '../support/fixtures';
import { outcomeOf, passedCase, passedCases, windowAges } from '../support/velocity-windows';

// The defaults: 3 direct disables per admin, 5 passes per agent, in any 60 minutes.
useHelpdeskAttackStack();

const count = (outcomes: unknown[], wanted: unknown) =>
  outcomes.filter((outcome) => JSON.stringify(outcome) === JSON.stringify(wanted)).length;

describe('one admin, many disables at once', () => {
  it('lets exactly two of eight parallel disables through when the admin used one of three; six wait for a second admin and security hears of them', async () => {
    const fast = await stack.adminToken('admin-velo-fast');
    const [first, ...wave] = await passedCases('vp-wave', 9);
    if (!first) throw new Error('no case');
    expect((await disable(first.customerId, first.verificationId, fast)).status).toBe(200);

    const responses = await Promise.all(
      wave.map((item) => disable(item.customerId, item.verificationId, fast)),
    );
    const outcomes = responses.map(outcomeOf);
    expect(count(outcomes, 200)).toBe(2);
    expect(count(outcomes, ['ADMIN_VELOCITY'])).toBe(6);
    const states = await Promise.all(wave.map((item) => twoFactorOf(item.customerId)));
    expect(states.filter((state) => state === 'DISABLED')).toHaveLength(2);

    const parked = wave.filter((_, index) => responses[index]?.status === 202);
    const mails = await Promise.all(parked.map((item) => securityMailAbout(item.customerId)));
    for (const mail of mails) expect(mail?.body.text).toContain('uitschakelingen door deze admin');

    // The real customer behind a parked request still gets through: a second admin approves it.
    const waiting = responses.find((response) => response.status === 202);
    expect((await approve(waiting?.body.approvalId, admin)).status).toBe(200);
  });
});

describe('a refused or failed disable uses no place in the window', () => {
  it('leaves the admin three direct disables after refusals and a parallel double of one disable', async () => {
    const careful = await stack.adminToken('admin-velo-careful');
    const [one, two, three, four, other] = await passedCases('vp-fail', 5);
    if (!one || !two || !three || !four || !other) throw new Error('no case');

    const responses = await Promise.all([
      // Eight requests for one case at once (a coached insider's script, or a stuck button).
      ...Array.from({ length: 8 }, () => disable(one.customerId, one.verificationId, careful)),
      // Another customer's verification, and one that does not exist.
      disable(two.customerId, other.verificationId, careful),
      disable(two.customerId, '01JZZZZZZZZZZZZZZZZZZZZZZZ', careful),
    ]);
    const outcomes = responses.map(outcomeOf);
    expect(count(outcomes, 200)).toBe(1);
    expect(outcomes.slice(8)).toEqual(['409 VERIFICATION_OTHER_CUSTOMER', '404 VERIFICATION_NOT_FOUND']);
    expect(
      outcomes.filter((outcome) => outcome !== 200).every((outcome) => /^4\d\d /.test(String(outcome))),
    ).toBe(true);
    expect(await twoFactorOf(two.customerId)).toBe('ENABLED');

    // One place used: two more go through directly, the fourth waits for a second admin.
    const after = [];
    for (const item of [two, three, four])
      after.push(outcomeOf(await disable(item.customerId, item.verificationId, careful)));
    expect(after).toEqual([200, 200, ['ADMIN_VELOCITY']]);
  });
});

describe('the window slides', () => {
  it('frees the places an hour after the disables, not at 59 minutes', async () => {
    const steady = await stack.adminToken('admin-velo-steady');
    const cases = await passedCases('vp-slide', 8);
    const run = async (from: number, to: number) => {
      const outcomes = [];
      for (const item of cases.slice(from, to))
        outcomes.push(outcomeOf(await disable(item.customerId, item.verificationId, steady)));
      return outcomes;
    };
    expect(await run(0, 4)).toEqual([200, 200, 200, ['ADMIN_VELOCITY']]);
    // 59 minutes later the three are still in the window.
    expect(await windowAges('ADMIN_DISABLES#admin-velo-steady#', 59)).toBeGreaterThan(0);
    expect(await run(4, 5)).toEqual([['ADMIN_VELOCITY']]);
    // Two minutes more: they have left it, and the admin has three direct disables again.
    await windowAges('ADMIN_DISABLES#admin-velo-steady#', 2);
    expect(await run(5, 8)).toEqual([200, 200, 200]);
  });
});

describe('an agent’s passes', () => {
  it('counts six sessions passed at once by one agent, so every disable on them waits for a second admin', async () => {
    const quick = await stack.helpdeskToken('agent-velo-quick');
    const customers = Array.from({ length: 6 }, (_, index) => `vp-agent-${index}`);
    const ids = await Promise.all(
      customers.map(async (customerId) => {
        const email = `${customerId}@example.nl`;
        await createCustomer(stack, customerId, { email });
        await markEnrolled(stack, customerId);
        return answeredSession(customerId, email, quick);
      }),
    );
    const completed = await Promise.all(ids.map((id) => complete(id, quick)));
    expect(completed.map((response) => response.body.outcome)).toEqual(Array(6).fill('PASSED'));

    const admins = await Promise.all(
      customers.map((_, index) => stack.adminToken(`admin-velo-agent-${index}`)),
    );
    const responses = await Promise.all(
      customers.map((customerId, index) => disable(customerId, ids[index] ?? '', admins[index])),
    );
    expect(responses.map(outcomeOf)).toEqual(Array(6).fill(['AGENT_VELOCITY']));
  });
});

describe('the honest admin', () => {
  it('sees no difference doing two disables in an hour, and a double click replays instead of using a place', async () => {
    const honest = await stack.adminToken('admin-velo-honest');
    const [one, two, three] = await Promise.all(
      ['vp-honest-1', 'vp-honest-2', 'vp-honest-3'].map(passedCase),
    );
    if (!one || !two || !three) throw new Error('no case');
    const clicked = () =>
      stack.call('POST', `/admin/customers/${one.customerId}/2fa/disable`, {
        token: honest,
        body: { verificationId: one.verificationId, reason: 'caller lost phone' },
        headers: { 'idempotency-key': 'velo-honest-double-click' },
      });
    const [first, again] = await Promise.all([clicked(), clicked()]);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.body).toEqual(first.body);
    expect(first.body).toMatchObject({ twoFactor: 'DISABLED', notification: 'QUEUED' });
    expect(outcomeOf(await disable(two.customerId, two.verificationId, honest))).toBe(200);
    // Still room: the double click used one place, not two.
    expect(outcomeOf(await disable(three.customerId, three.verificationId, honest))).toBe(200);
  });
});
