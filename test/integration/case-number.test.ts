// One case number per verification: in the answers, the audit, the emails, and the search.
import { systemClock, systemRandom, type Random } from '../../lib/clock';
import { startVerification } from '../../lib/verification/store';
import { auditEventsOf } from '../support/audit';
import { createCustomer } from '../support/fixtures';
import { noVelocityLimits, startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
let agent: string;

beforeAll(async () => {
  stack = await startTestStack({ pollStreams: false, environment: noVelocityLimits });
  agent = await stack.helpdeskToken('agent-bram');
}, 120000);
afterAll(async () => {
  await stack?.stop();
});

const caseNumberShape = /^HD-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
const start = (customerId: string) =>
  stack.call('POST', `/admin/customers/${customerId}/verifications`, {
    token: agent,
    body: { channel: 'phone' },
  });
const search = (query: string) =>
  stack.call('GET', `/admin/customers?query=${encodeURIComponent(query)}`, { token: agent });

describe('case numbers', () => {
  it('every session gets one: in the start answer, the session, the profile and the audit', async () => {
    await createCustomer(stack, 'cn-1', { email: 'cn-1@example.nl' });
    const started = await start('cn-1');
    expect(started.body.caseNumber).toMatch(caseNumberShape);
    const view = await stack.call('GET', `/admin/verifications/${started.body.verificationId}`, {
      token: agent,
    });
    expect(view.body.caseNumber).toBe(started.body.caseNumber);
    const profile = await stack.call('GET', '/admin/customers/cn-1', { token: agent });
    expect(profile.body.recentVerifications[0].caseNumber).toBe(started.body.caseNumber);
    const events = await auditEventsOf(stack, 'cn-1');
    expect(events.find((event) => event.type === 'VERIFICATION_STARTED')).toMatchObject({
      caseId: started.body.verificationId,
      details: { caseNumber: started.body.caseNumber },
    });
  });

  it('finds the customer by case number, however it is typed, and nothing for an unknown one', async () => {
    await createCustomer(stack, 'cn-find', { email: 'cn-find@example.nl', fullName: 'Mila Kok' });
    const started = await start('cn-find');
    const caseNumber: string = started.body.caseNumber;
    for (const typed of [caseNumber, caseNumber.toLowerCase(), caseNumber.replace(/-/g, '')]) {
      const found = await search(typed);
      expect(found.status).toBe(200);
      expect(found.body.customers).toEqual([
        expect.objectContaining({
          customerId: 'cn-find',
          fullName: 'Mila Kok',
          matchedCase: { caseNumber, verificationId: started.body.verificationId },
        }),
      ]);
    }
    const unknown = caseNumber === 'HD-0000-0000' ? 'HD-0000-0001' : 'HD-0000-0000';
    expect((await search(unknown)).body.customers).toEqual([]);
  });

  it('is unique: a number another session holds is never given out again', async () => {
    await createCustomer(stack, 'cn-a');
    await createCustomer(stack, 'cn-b');
    // A random source that draws the same case number bytes first, as an unlucky collision would.
    const same = Buffer.from([1, 2, 3, 4, 5]);
    let draws = 0;
    const colliding: Random = {
      ...systemRandom,
      bytes: (length) => (length === 5 && draws++ < 2 ? Buffer.from(same) : systemRandom.bytes(length)),
    };
    const deps = { clock: systemClock, random: colliding };
    const first = await startVerification('cn-a', 'agent-bram', { channel: 'phone' }, deps);
    const second = await startVerification('cn-b', 'agent-bram', { channel: 'phone' }, deps);
    expect(first.caseNumber).toBe('HD-0410-6105');
    expect(second.caseNumber).toMatch(caseNumberShape);
    expect(second.caseNumber).not.toBe(first.caseNumber);
    expect(draws).toBeGreaterThanOrEqual(3);
    expect((await search(first.caseNumber ?? '')).body.customers[0].customerId).toBe('cn-a');
  });
});
