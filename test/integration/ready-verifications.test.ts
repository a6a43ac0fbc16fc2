// The agent → admin hand-off list: passed sessions nobody used, newest first, with the time left; what
// is used, parked, cancelled, failed or stale is not on it; only admins read it.
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import {
  createCustomer,
  markEnrolled,
  passVerification,
  knowledgeChecks,
  emailOf,
  passedCase as fixturePassedCase,
} from '../support/fixtures';
import { noVelocityLimits, startTestStack, type TestStack } from '../support/stack';
import { minutesAgo, setStored } from '../support/stored-items';

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

const passedCase = (customerId: string, options: { privileged?: boolean; token?: string } = {}) =>
  fixturePassedCase(
    stack,
    customerId,
    options.token ?? agent,
    options.privileged ? { privileged: true } : {},
  );

interface Ready {
  verificationId: string;
  caseNumber: string;
  customerId: string;
  customerName: string;
  agentId: string;
  secondsLeft: number;
  staleAt: string;
  completedAt: string;
  ownVerification: boolean;
}

const readyList = async (token = admin, query = 'status=PASSED') => {
  const response = await stack.call('GET', `/admin/verifications?${query}`, { token });
  expect(response.status).toBe(200);
  return response.body as { verifications: Ready[]; nextCursor: string | null };
};
const readyIds = async () => (await readyList()).verifications.map((item) => item.verificationId);

describe('the ready-for-admin list', () => {
  it('shows an agent’s passed case with its case number, agent, customer and the time left, newest first', async () => {
    const older = await passedCase('h-older');
    const newer = await passedCase('h-newer');
    const { verifications } = await readyList();
    const ids = verifications.map((item) => item.verificationId);
    expect(ids.indexOf(newer)).toBeLessThan(ids.indexOf(older));
    const item = verifications.find((entry) => entry.verificationId === newer);
    const view = await stack.call('GET', `/admin/verifications/${newer}`, { token: admin });
    expect(item).toMatchObject({
      caseNumber: view.body.caseNumber,
      customerId: 'h-newer',
      customerName: 'Jan de Vries',
      agentId: 'agent-bram',
      ownVerification: false,
    });
    // 30 minutes (the default policy) from the completion, counting down.
    expect(item?.secondsLeft).toBeGreaterThan(29 * 60);
    expect(item?.secondsLeft).toBeLessThanOrEqual(30 * 60);
    expect(Date.parse(item?.staleAt ?? '') - Date.parse(item?.completedAt ?? '')).toBe(30 * 60_000);
  });

  it('drops a case once it is used, parked for approval, cancelled, or stale; a failed one never shows', async () => {
    const used = await passedCase('h-used');
    const parked = await passedCase('h-parked', { privileged: true });
    const cancelled = await passedCase('h-cancelled');
    const stale = await passedCase('h-stale');
    expect(await readyIds()).toEqual(expect.arrayContaining([used, parked, cancelled, stale]));

    const disabled = await stack.call('POST', '/admin/customers/h-used/2fa/disable', {
      token: admin,
      body: { verificationId: used, reason: 'lost phone' },
    });
    expect(disabled.status).toBe(200);
    const pending = await stack.call('POST', '/admin/customers/h-parked/2fa/disable', {
      token: admin,
      body: { verificationId: parked, reason: 'lost phone' },
    });
    expect(pending.status).toBe(202);
    const voided = await stack.call('POST', `/admin/verifications/${cancelled}/cancel`, {
      token: agent,
      body: { reason: 'caller hung up' },
    });
    expect(voided.status).toBe(200);
    await setStored(stack, 'verifications', { verificationId: stale }, { completedAt: minutesAgo(31) });

    await createCustomer(stack, 'h-failed', { email: emailOf('h-failed') });
    await markEnrolled(stack, 'h-failed');
    const started = await stack.call('POST', '/admin/customers/h-failed/verifications', {
      token: agent,
      body: { channel: 'phone' },
    });
    for (const callerRepeated of [undefined, true])
      await stack.call('POST', `/admin/verifications/${started.body.verificationId}/checks`, {
        token: agent,
        body: { type: 'FULL_NAME', answer: 'Piet Puk', ...(callerRepeated ? { callerRepeated } : {}) },
      });

    const ids = await readyIds();
    for (const gone of [used, parked, cancelled, stale, started.body.verificationId as string])
      expect(ids).not.toContain(gone);
  });

  it('leaves out a session started under a recovery lock: it can only serve security’s release', async () => {
    await createCustomer(stack, 'h-locked', { email: emailOf('h-locked') });
    await markEnrolled(stack, 'h-locked');
    await setStored(stack, 'customers', { customerId: 'h-locked' }, { recoveryLockedAt: minutesAgo(60) });
    const release = await passVerification(stack, 'h-locked', agent, knowledgeChecks, {
      EMAIL: emailOf('h-locked'),
    });
    const stored = await stack.dynamodb.send(
      new GetItemCommand({
        TableName: stack.tableNames.verifications,
        Key: { verificationId: { S: release } },
        ConsistentRead: true,
      }),
    );
    expect([stored.Item?.status?.S, stored.Item?.purpose?.S]).toEqual(['PASSED', 'RECOVERY_LOCK_RELEASE']);
    expect(await readyIds()).not.toContain(release);
  });

  it('marks the admin’s own verification, which someone else must use', async () => {
    const own = await passedCase('h-own', { token: await stack.adminToken('admin-anna') });
    const item = (await readyList()).verifications.find((entry) => entry.verificationId === own);
    expect(item?.ownVerification).toBe(true);
    const other = (await readyList(await stack.adminToken('admin-bob'))).verifications.find(
      (entry) => entry.verificationId === own,
    );
    expect(other?.ownVerification).toBe(false);
  });

  it('pages with a cursor: every ready case once, none twice', async () => {
    await passedCase('h-page-1');
    await passedCase('h-page-2');
    const all = await readyIds();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `status=PASSED&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await readyList(admin, query);
      expect(page.verifications.length).toBeLessThanOrEqual(1);
      seen.push(...page.verifications.map((item) => item.verificationId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it('is refused to helpdesk agents, security officers and the login service; needs status=PASSED and a real cursor', async () => {
    for (const token of [agent, await stack.token('sec-sara', ['security'])]) {
      const refused = await stack.call('GET', '/admin/verifications?status=PASSED', { token });
      expect([refused.status, refused.body.error.code]).toEqual([403, 'FORBIDDEN']);
    }
    const service = await stack.call('GET', '/admin/verifications?status=PASSED', {
      token: await stack.serviceToken(),
    });
    expect(service.status).toBe(401);
    expect((await stack.call('GET', '/admin/verifications', { token: admin })).status).toBe(400);
    expect((await stack.call('GET', '/admin/verifications?status=USED', { token: admin })).status).toBe(400);
    const forged = Buffer.from(
      JSON.stringify({ verificationId: 'x', outcome: 'FAILED', completedAt: 'x' }),
    ).toString('base64url');
    const badCursor = await stack.call('GET', `/admin/verifications?status=PASSED&cursor=${forged}`, {
      token: admin,
    });
    expect([badCursor.status, badCursor.body.error.code]).toEqual([400, 'INVALID_CURSOR']);
  });
});
