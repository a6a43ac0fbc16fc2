// The second admin's "no" and the list they decide from; cancelling a session nobody used. Through
// the local API, with the refusals a requester, a stranger or a racing colleague would run into.
import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { expectIntactChain } from '../support/audit';
import {
  createCustomer,
  genuineAnswers,
  markEnrolled,
  knowledgeChecks,
  emailOf,
  passOwnMail,
} from '../support/fixtures';
import { noVelocityLimits, startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
let agent: string;
let otherAgent: string;
let admin: string;
let secondAdmin: string;

beforeAll(async () => {
  stack = await startTestStack({ pollStreams: false, environment: noVelocityLimits });
  agent = await stack.helpdeskToken('agent-bram');
  otherAgent = await stack.helpdeskToken('agent-cas');
  admin = await stack.adminToken('admin-anna');
  secondAdmin = await stack.adminToken('admin-bob');
}, 120000);
afterAll(async () => {
  await stack?.stop();
});

const pass = (customerId: string) => passOwnMail(stack, customerId, agent);

/** A privileged customer: the disable parks for a second admin's approval. */
const pendingApproval = async (customerId: string) => {
  await createCustomer(stack, customerId, { email: emailOf(customerId), privileged: true });
  await markEnrolled(stack, customerId);
  const verificationId = await pass(customerId);
  const parked = await stack.call('POST', `/admin/customers/${customerId}/2fa/disable`, {
    token: admin,
    body: { verificationId, reason: 'lost phone' },
  });
  expect(parked.status).toBe(202);
  return { verificationId, approvalId: parked.body.approvalId as string };
};

const reject = (approvalId: string, body: unknown, token = secondAdmin) =>
  stack.call('POST', `/admin/approvals/${approvalId}/reject`, { token, body });
const approve = (approvalId: string, token = secondAdmin) =>
  stack.call('POST', `/admin/approvals/${approvalId}/approve`, { token });
const cancel = (verificationId: string, body: unknown, token = agent) =>
  stack.call('POST', `/admin/verifications/${verificationId}/cancel`, { token, body });
const statusOf = async (customerId: string) =>
  (await stack.call('GET', `/internal/customers/${customerId}/2fa`, { token: await stack.serviceToken() }))
    .body.twoFactor;
const verificationOf = async (verificationId: string) => {
  const result = await stack.dynamodb.send(
    new GetItemCommand({
      TableName: stack.tableNames.verifications,
      Key: { verificationId: { S: verificationId } },
      ConsistentRead: true,
    }),
  );
  return result.Item ? unmarshall(result.Item) : undefined;
};
const customerOf = async (customerId: string) => {
  const result = await stack.dynamodb.send(
    new GetItemCommand({
      TableName: stack.tableNames.customers,
      Key: { customerId: { S: customerId } },
      ConsistentRead: true,
    }),
  );
  return result.Item ? unmarshall(result.Item) : undefined;
};

describe('the approvals list', () => {
  it('names the customer, requester, verifier, the checks and the times; the requester sees it but may not approve', async () => {
    const { approvalId, verificationId } = await pendingApproval('p-list');
    const mine = (await stack.call('GET', '/admin/approvals', { token: admin })).body.approvals.find(
      (one: { approvalId: string }) => one.approvalId === approvalId,
    );
    expect(mine).toMatchObject({
      customerId: 'p-list',
      customerName: 'Jan de Vries',
      verificationId,
      requestedBy: 'admin-anna',
      verifiedBy: 'agent-bram',
      approvalReasons: ['PRIVILEGED_CUSTOMER'],
      checksSummary: {
        matched: [...knowledgeChecks, 'EMAIL_CODE'],
        notMatched: [],
        withoutPossessionProof: null,
      },
      ownRequest: true,
      canApprove: false,
    });
    expect(new Date(mine.expiresAt).getTime()).toBeGreaterThan(new Date(mine.requestedAt).getTime());
    const theirs = (await stack.call('GET', '/admin/approvals', { token: secondAdmin })).body.approvals.find(
      (one: { approvalId: string }) => one.approvalId === approvalId,
    );
    expect(theirs).toMatchObject({ ownRequest: false, canApprove: true });
  });

  it('keeps the requester’s reason sealed on the approval item, and shows it opened to the deciding admin', async () => {
    await createCustomer(stack, 'p-sealed', { email: emailOf('p-sealed'), privileged: true });
    await markEnrolled(stack, 'p-sealed');
    const verificationId = await pass('p-sealed');
    const reason = 'klant belde vanuit Gent, telefoon in de trein verloren';
    const parked = await stack.call('POST', '/admin/customers/p-sealed/2fa/disable', {
      token: admin,
      body: { verificationId, reason },
    });
    expect(parked.status).toBe(202);
    const approvalId = parked.body.approvalId as string;

    const stored = await stack.dynamodb.send(
      new GetItemCommand({
        TableName: stack.tableNames.approvals,
        Key: { approvalId: { S: approvalId } },
        ConsistentRead: true,
      }),
    );
    expect(unmarshall(stored.Item ?? {}).reason).toMatchObject({ sealed: 'aes-256-gcm/v1' });
    expect(JSON.stringify(stored.Item)).not.toMatch(/Gent|trein/);

    const listed = (await stack.call('GET', '/admin/approvals', { token: secondAdmin })).body.approvals.find(
      (one: { approvalId: string }) => one.approvalId === approvalId,
    );
    expect(listed.reason).toBe(reason);

    // The approval's audit event carries the same text sealed; nothing in the trail holds it in plain.
    expect((await approve(approvalId)).status).toBe(200);
    const events = await expectIntactChain(stack, 'p-sealed');
    expect(events.find((event) => event.type === 'TWO_FA_DISABLED')?.details.reason).toMatchObject({
      sealed: 'aes-256-gcm/v1',
    });
    expect(JSON.stringify(events)).not.toMatch(/Gent|trein/);
    const history = await stack.call('GET', '/admin/customers/p-sealed/audit-events', { token: secondAdmin });
    expect(
      history.body.events.filter(
        (event: { details: { reason?: unknown } }) => event.details.reason === reason,
      ),
    ).toHaveLength(2);
  });

  it('shows a reason an approval item holds in plain (written before sealing) as it is, and approves it', async () => {
    const { approvalId } = await pendingApproval('p-legacy');
    await stack.dynamodb.send(
      new UpdateItemCommand({
        TableName: stack.tableNames.approvals,
        Key: { approvalId: { S: approvalId } },
        UpdateExpression: 'SET reason = :plain',
        ExpressionAttributeValues: { ':plain': { S: 'lost phone (before sealing)' } },
      }),
    );
    const listed = (await stack.call('GET', '/admin/approvals', { token: secondAdmin })).body.approvals.find(
      (one: { approvalId: string }) => one.approvalId === approvalId,
    );
    expect(listed.reason).toBe('lost phone (before sealing)');
    expect((await approve(approvalId)).status).toBe(200);
    const events = await expectIntactChain(stack, 'p-legacy');
    expect(events.find((event) => event.type === 'TWO_FA_DISABLED')?.details.reason).toMatchObject({
      sealed: 'aes-256-gcm/v1',
    });
  });
});

describe('rejecting a disable', () => {
  it('ends the request, spends the verification and is audited; nothing can be approved or disabled on it after', async () => {
    const { approvalId, verificationId } = await pendingApproval('p-reject');
    const rejected = await reject(approvalId, { reason: 'caller hesitated on the company name' });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'REJECTED', approvalId });
    expect(
      (await stack.call('GET', '/admin/approvals', { token: secondAdmin })).body.approvals.some(
        (one: { approvalId: string }) => one.approvalId === approvalId,
      ),
    ).toBe(false);
    expect((await verificationOf(verificationId))?.status).toBe('REJECTED');
    // The requester sees it on the case.
    const view = await stack.call('GET', `/admin/verifications/${verificationId}`, { token: admin });
    expect(view.body.status).toBe('REJECTED');

    const late = await approve(approvalId);
    expect([late.status, late.body.error.code]).toEqual([409, 'APPROVAL_NOT_PENDING']);
    const again = await stack.call('POST', '/admin/customers/p-reject/2fa/disable', {
      token: secondAdmin,
      body: { verificationId, reason: 'try again' },
    });
    expect([again.status, again.body.error.code]).toEqual([409, 'VERIFICATION_REJECTED']);
    expect(await statusOf('p-reject')).toBe('ENABLED');
    const events = await expectIntactChain(stack, 'p-reject');
    expect(events.find((event) => event.type === 'TWO_FA_DISABLE_REJECTED')).toMatchObject({
      actorId: 'admin-bob',
      caseId: verificationId,
      eventId: rejected.body.auditEventId,
      details: {
        approvalId,
        requestedBy: 'admin-anna',
        verifiedBy: 'agent-bram',
        // Free text about a person: sealed with the customer's key (erasure shreds it).
        reason: { sealed: 'aes-256-gcm/v1' },
      },
    });
    expect(JSON.stringify(events)).not.toContain('caller hesitated');
  });

  it('keeps the rejecting admin’s reason sealed only: the approval item holds no readable copy of it', async () => {
    const { approvalId } = await pendingApproval('p-reject-plain');
    expect((await reject(approvalId, { reason: 'voice did not match the customer on file' })).status).toBe(
      200,
    );
    const stored = await stack.dynamodb.send(
      new GetItemCommand({
        TableName: stack.tableNames.approvals,
        Key: { approvalId: { S: approvalId } },
        ConsistentRead: true,
      }),
    );
    expect(stored.Item && unmarshall(stored.Item)).toMatchObject({
      status: 'REJECTED',
      rejectedBy: 'admin-bob',
    });
    expect(JSON.stringify(stored.Item)).not.toContain('voice did not match');
  });

  it('refuses the requester (403), a helpdesk agent (403), an unknown approval (404) and a missing reason (400)', async () => {
    const { approvalId, verificationId } = await pendingApproval('p-reject-refusals');
    const own = await reject(approvalId, { reason: 'changed my mind' }, admin);
    expect([own.status, own.body.error.code]).toEqual([403, 'REJECTER_IS_REQUESTER']);
    expect((await reject(approvalId, { reason: 'not mine to say' }, agent)).status).toBe(403);
    expect((await reject('01ARZ3NDEKTSV4RRFFQ69G5FAV', { reason: 'who knows' })).status).toBe(404);
    expect((await reject(approvalId, {})).status).toBe(400);
    expect((await reject(approvalId, { reason: 'ok', extra: 1 })).status).toBe(400);
    expect((await verificationOf(verificationId))?.status).toBe('PENDING_APPROVAL');
  });

  it('of a rejection and an approval at the same moment, exactly one wins', async () => {
    const { approvalId } = await pendingApproval('p-race');
    const third = await stack.adminToken('admin-cor');
    const [rejected, approved] = await Promise.all([
      reject(approvalId, { reason: 'not convinced' }, third),
      approve(approvalId),
    ]);
    expect([rejected.status, approved.status].sort()).toEqual([200, 409]);
    expect(await statusOf('p-race')).toBe(approved.status === 200 ? 'DISABLED' : 'ENABLED');
  });
});

describe('cancelling a verification', () => {
  it('the agent cancels their own OPEN session: the customer can be verified again at once', async () => {
    await createCustomer(stack, 'c-open', { email: emailOf('c-open') });
    const started = await stack.call('POST', '/admin/customers/c-open/verifications', {
      token: agent,
      body: { channel: 'phone' },
    });
    const verificationId: string = started.body.verificationId;
    const blocked = await stack.call('POST', '/admin/customers/c-open/verifications', {
      token: otherAgent,
      body: { channel: 'phone' },
    });
    expect(blocked.body.error.code).toBe('VERIFICATION_ALREADY_OPEN');
    const cancelled = await cancel(verificationId, { reason: 'caller hung up' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'CANCELLED', verificationId });
    expect(await customerOf('c-open')).not.toHaveProperty('openVerificationId');
    const check = await stack.call('POST', `/admin/verifications/${verificationId}/checks`, {
      token: agent,
      body: { type: 'FULL_NAME', answer: genuineAnswers.FULL_NAME },
    });
    expect([check.status, check.body.error.code]).toEqual([409, 'VERIFICATION_NOT_OPEN']);
    const next = await stack.call('POST', '/admin/customers/c-open/verifications', {
      token: otherAgent,
      body: { channel: 'phone' },
    });
    expect(next.status).toBe(201);
    const events = await expectIntactChain(stack, 'c-open');
    expect(events.find((event) => event.type === 'VERIFICATION_CANCELLED')).toMatchObject({
      actorType: 'agent',
      actorId: 'agent-bram',
      details: { previousStatus: 'OPEN', reason: { sealed: 'aes-256-gcm/v1' } },
    });
    expect(JSON.stringify(events)).not.toContain('caller hung up');
  });

  it("an admin cancels an agent's PASSED session: no disable can use it", async () => {
    await createCustomer(stack, 'c-passed', { email: emailOf('c-passed') });
    await markEnrolled(stack, 'c-passed');
    const verificationId = await pass('c-passed');
    const cancelled = await cancel(verificationId, { reason: 'caller called back: not them' }, secondAdmin);
    expect(cancelled.status).toBe(200);
    const disable = await stack.call('POST', '/admin/customers/c-passed/2fa/disable', {
      token: admin,
      body: { verificationId, reason: 'lost phone' },
    });
    expect([disable.status, disable.body.error.code]).toEqual([409, 'VERIFICATION_CANCELLED']);
    expect(await statusOf('c-passed')).toBe('ENABLED');
    const events = await expectIntactChain(stack, 'c-passed');
    expect(events.find((event) => event.type === 'VERIFICATION_CANCELLED')).toMatchObject({
      actorType: 'admin',
      actorId: 'admin-bob',
      details: { previousStatus: 'PASSED', verifiedBy: 'agent-bram' },
    });
  });

  it('refuses another agent (403), a used session (409), a missing reason (400); two cancels at once: one wins', async () => {
    await createCustomer(stack, 'c-refuse', { email: emailOf('c-refuse') });
    await markEnrolled(stack, 'c-refuse');
    const verificationId = await pass('c-refuse');
    const stranger = await cancel(verificationId, { reason: 'tidying up' }, otherAgent);
    expect([stranger.status, stranger.body.error.code]).toEqual([403, 'NOT_YOUR_VERIFICATION']);
    expect((await cancel(verificationId, {})).status).toBe(400);
    expect((await verificationOf(verificationId))?.status).toBe('PASSED');
    const used = await stack.call('POST', '/admin/customers/c-refuse/2fa/disable', {
      token: admin,
      body: { verificationId, reason: 'lost phone' },
    });
    expect(used.status).toBe(200);
    const late = await cancel(verificationId, { reason: 'too late' });
    expect([late.status, late.body.error.code]).toEqual([409, 'VERIFICATION_NOT_CANCELLABLE']);

    await createCustomer(stack, 'c-race', { email: emailOf('c-race') });
    const second = await pass('c-race');
    const both = await Promise.all([
      cancel(second, { reason: 'first' }),
      cancel(second, { reason: 'second' }, admin),
    ]);
    expect(both.map((one) => one.status).sort()).toEqual([200, 409]);
    const events = await expectIntactChain(stack, 'c-race');
    expect(events.filter((event) => event.type === 'VERIFICATION_CANCELLED')).toHaveLength(1);
  });
});
