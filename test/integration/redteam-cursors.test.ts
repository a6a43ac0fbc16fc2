// Red team: cursors are client input. One altered by hand, or one kept past the window it was made in,
// is refused (400 INVALID_CURSOR) or ends the list; it never reaches DynamoDB as a start key outside
// its query and never turns into a 500.
import { createCustomer, passedCase } from '../support/fixtures';
import { noVelocityLimits, startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
let agent: string;
let admin: string;

beforeAll(async () => {
  stack = await startTestStack({ pollStreams: false, environment: noVelocityLimits });
  agent = await stack.helpdeskToken('agent-bram');
  admin = await stack.adminToken('admin-anna');
}, 120000);
afterAll(async () => {
  await stack?.stop();
});

const cursor = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');

describe('a cursor an attacker (or the clock) moved', () => {
  it('ready list: a cursor from before the freshness window ends the list instead of failing', async () => {
    const verificationId = await passedCase(stack, 'rc-ready', agent);
    // What any real cursor becomes once the admin comes back after the window, or a hand-made one.
    const stale = cursor({
      verificationId,
      outcome: 'PASSED',
      completedAt: new Date(Date.now() - 7_200_000).toISOString(),
    });
    const answer = await stack.call('GET', `/admin/verifications?status=PASSED&cursor=${stale}`, {
      token: admin,
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ verifications: [], nextCursor: null });
  });

  it('customer search: a cursor of another query or another prefix is 400 INVALID_CURSOR', async () => {
    await createCustomer(stack, 'rc-search', { email: 'rc-search@example.nl', fullName: 'Janna Kok' });
    for (const key of [
      { prefix: 'zz', term: 'zzzz' },
      { prefix: 'ja', term: 'aaaa' },
      { prefix: 'ja', term: 'jb' },
    ]) {
      const answer = await stack.call('GET', `/admin/customers?query=jan&cursor=${cursor(key)}`, {
        token: agent,
      });
      expect({ key, status: answer.status, code: answer.body?.error?.code }).toEqual({
        key,
        status: 400,
        code: 'INVALID_CURSOR',
      });
    }
  });

  it('customer profile: an events cursor that is not a place in the chain is 400 INVALID_CURSOR', async () => {
    await createCustomer(stack, 'rc-profile', { email: 'rc-profile@example.nl' });
    for (const raw of ['{"seq":1e400}', '{"seq":2.5}', '{"seq":-3}']) {
      const answer = await stack.call(
        'GET',
        `/admin/customers/rc-profile?eventsCursor=${Buffer.from(raw).toString('base64url')}`,
        { token: agent },
      );
      expect({ raw, status: answer.status, code: answer.body?.error?.code }).toEqual({
        raw,
        status: 400,
        code: 'INVALID_CURSOR',
      });
    }
  });
});
