// Steps 1 and 2 of the manual through the local API: an agent verifies the caller, an admin disables
// 2FA. Every refusal is shown, races end in exactly one disable, and the audit chain tells it in order.
import { noVelocityLimits, startTestStack, type TestStack } from '../support/stack';
import { auditEventsOf, expectIntactChain } from '../support/audit';
import {
  createCustomer,
  genuineAnswers,
  markEnrolled,
  passVerification,
  readBackEmailCode,
} from '../support/fixtures';

let stack: TestStack;
let agent: string;
let otherAgent: string;
let admin: string;
let secondAdmin: string;

beforeAll(async () => {
  // The velocity limits have their own suite (helpdesk-attacks); here one admin disables many cases.
  stack = await startTestStack({
    pollStreams: false,
    environment: noVelocityLimits,
  });
  agent = await stack.helpdeskToken('agent-bram');
  otherAgent = await stack.helpdeskToken('agent-carla');
  admin = await stack.adminToken('admin-anna');
  secondAdmin = await stack.adminToken('admin-dirk');
});
afterAll(async () => {
  await stack?.stop();
});

const disable = (
  customerId: string,
  body: Record<string, unknown>,
  token = admin,
  headers: Record<string, string> = {},
) => stack.call('POST', `/admin/customers/${customerId}/2fa/disable`, { token, body, headers });

describe('verifying a caller', () => {
  it('answers MATCH, MISMATCH (first unconfirmed) or NOT_ON_FILE and never returns the stored truth', async () => {
    await createCustomer(stack, 'v-truth', { companyInfo: undefined });
    const started = await stack.call('POST', '/admin/customers/v-truth/verifications', {
      token: agent,
      body: { channel: 'phone' },
    });
    expect(started.status).toBe(201);
    const id = started.body.verificationId;
    const check = (type: string, answer: string, callerRepeated?: true) =>
      stack.call('POST', `/admin/verifications/${id}/checks`, {
        token: agent,
        body: { type, answer, ...(callerRepeated ? { callerRepeated } : {}) },
      });
    expect((await check('FULL_NAME', '  JAN   DE  VRIES ')).body).toEqual({
      result: 'MATCH',
      status: 'OPEN',
      toPass: expect.any(Object),
    });
    expect((await check('COMPANY_INFO', 'whatever')).body).toEqual({
      result: 'NOT_ON_FILE',
      status: 'OPEN',
      toPass: expect.any(Object),
    });
    expect((await check('LAST_TRANSACTION', '2026-11-19 €20,00')).body).toEqual({
      result: 'MISMATCH_UNCONFIRMED',
      status: 'OPEN',
      toPass: expect.any(Object),
    });
    expect((await check('LAST_TRANSACTION', '2026-11-19 €20,00', true)).body).toMatchObject({
      result: 'MISMATCH',
      status: 'FAILED',
    });
    const session = await stack.call('GET', `/admin/verifications/${id}`, { token: agent });
    expect(session.body.checks.map((c: { type: string; result: string }) => `${c.type}:${c.result}`)).toEqual(
      [
        'FULL_NAME:MATCH',
        'COMPANY_INFO:NOT_ON_FILE',
        'LAST_TRANSACTION:MISMATCH_UNCONFIRMED',
        'LAST_TRANSACTION:MISMATCH',
      ],
    );
    const everything = JSON.stringify([
      session.body,
      (await stack.call('GET', '/admin/customers/v-truth', { token: agent })).body,
    ]);
    expect(everything).not.toMatch(/NL-VPK-00018|1845|KvK|2026-11-20T08:14/);
    expect(everything).not.toMatch(/answerHash/);
  });

  it('fails a session at its wrong answer the caller repeated, puts the customer on cooldown, and shows the failure to every agent', async () => {
    await createCustomer(stack, 'v-fail');
    const started = await stack.call('POST', '/admin/customers/v-fail/verifications', {
      token: agent,
      body: { channel: 'chat' },
    });
    const id = started.body.verificationId;
    await stack.call('POST', `/admin/verifications/${id}/checks`, {
      token: agent,
      body: { type: 'EMAIL', answer: genuineAnswers.EMAIL },
    });
    const unconfirmed = await stack.call('POST', `/admin/verifications/${id}/checks`, {
      token: agent,
      body: { type: 'CHARGE_POINT_IDS', answer: 'NL-VPK-00017, NL-XXX-99999' },
    });
    expect(unconfirmed.body).toEqual({
      result: 'MISMATCH_UNCONFIRMED',
      status: 'OPEN',
      toPass: expect.any(Object),
    });
    const wrong = await stack.call('POST', `/admin/verifications/${id}/checks`, {
      token: agent,
      body: { type: 'CHARGE_POINT_IDS', answer: 'NL-VPK-00017, NL-XXX-99999', callerRepeated: true },
    });
    expect(wrong.status).toBe(201);
    expect(wrong.body).toMatchObject({ result: 'MISMATCH', status: 'FAILED' });
    expect(wrong.body.reasons.map((reason: { code: string }) => reason.code)).toEqual([
      'MISMATCH_CHARGE_POINT_IDS',
    ]);
    const completed = await stack.call('POST', `/admin/verifications/${id}/complete`, { token: agent });
    expect(completed.status).toBe(429);
    const again = await stack.call('POST', '/admin/customers/v-fail/verifications', {
      token: otherAgent,
      body: { channel: 'phone' },
    });
    expect(again.status).toBe(429);
    expect(again.body.error.code).toBe('VERIFICATION_COOLDOWN');
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(0);
    const profile = await stack.call('GET', '/admin/customers/v-fail', { token: otherAgent });
    expect(profile.body.customer.failedVerificationCount).toBe(1);
    expect(profile.body.recentVerifications[0]).toMatchObject({ agentId: 'agent-bram', outcome: 'FAILED' });
  });

  it('lets only the agent who started a session continue it', async () => {
    await createCustomer(stack, 'v-owner');
    const started = await stack.call('POST', '/admin/customers/v-owner/verifications', {
      token: agent,
      body: { channel: 'phone' },
    });
    const id = started.body.verificationId;
    const foreign = await stack.call('POST', `/admin/verifications/${id}/checks`, {
      token: otherAgent,
      body: { type: 'EMAIL', answer: genuineAnswers.EMAIL },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('NOT_YOUR_VERIFICATION');
    expect(
      (await stack.call('POST', `/admin/verifications/${id}/complete`, { token: otherAgent })).status,
    ).toBe(403);
    const session = await stack.call('GET', `/admin/verifications/${id}`, { token: agent });
    expect(session.body.checks).toEqual([]);
  });

  it('emails a code to the address on file, and the code read back matches once', async () => {
    await createCustomer(stack, 'v-code', { email: 'code.customer@example.nl', privileged: true });
    await markEnrolled(stack, 'v-code');
    const started = await stack.call('POST', '/admin/customers/v-code/verifications', {
      token: agent,
      body: { channel: 'phone' },
    });
    const id = started.body.verificationId;
    for (const [type, answer] of [
      ['FULL_NAME', genuineAnswers.FULL_NAME],
      ['EMAIL', 'code.customer@example.nl'],
    ])
      await stack.call('POST', `/admin/verifications/${id}/checks`, { token: agent, body: { type, answer } });
    const sent = await stack.call('POST', `/admin/verifications/${id}/email-code`, { token: agent });
    expect(sent.status).toBe(202);
    expect(sent.body.sentTo).toBe(
      'c***************@example.nl'.replace(/\*+/, '*'.repeat('code.customer'.length - 1)),
    );
    const tooSoon = await stack.call('POST', `/admin/verifications/${id}/email-code`, { token: agent });
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.body.error.code).toBe('EMAIL_CODE_TOO_SOON');
    const mail = (await stack.sentEmails()).filter((email) =>
      email.destination.to.includes('code.customer@example.nl'),
    );
    expect(mail).toHaveLength(1);
    const code = /\b(\d{6})\b/.exec(mail[0]?.body.text ?? '')?.[1];
    expect(code).toBeDefined();
    expect(mail[0]?.subject).toMatch(/verificatiecode/);
    expect(mail[0]?.subject).not.toContain(code as string);
    const right = await stack.call('POST', `/admin/verifications/${id}/checks`, {
      token: agent,
      body: { type: 'EMAIL_CODE', answer: code },
    });
    expect(right.body.result).toBe('MATCH');
    const replayed = await stack.call('POST', `/admin/verifications/${id}/checks`, {
      token: agent,
      body: { type: 'EMAIL_CODE', answer: code },
    });
    expect(replayed.status).toBe(409);
    const events = await auditEventsOf(stack, 'v-code');
    expect(JSON.stringify(events)).not.toContain(code as string);
  });

  it('does not pass a privileged customer without the emailed code', async () => {
    await createCustomer(stack, 'v-priv', { privileged: true });
    const started = await stack.call('POST', '/admin/customers/v-priv/verifications', {
      token: agent,
      body: { channel: 'phone' },
    });
    const id = started.body.verificationId;
    for (const type of ['FULL_NAME', 'EMAIL', 'CHARGE_POINT_IDS', 'LAST_TRANSACTION'])
      await stack.call('POST', `/admin/verifications/${id}/checks`, {
        token: agent,
        body: { type, answer: genuineAnswers[type] },
      });
    const completed = await stack.call('POST', `/admin/verifications/${id}/complete`, { token: agent });
    expect(completed.body).toEqual({
      outcome: 'FAILED',
      reasons: [expect.objectContaining({ code: 'EMAIL_CODE_REQUIRED' })],
    });
  });
});

describe('disabling 2FA', () => {
  it('disables after a passed verification: one transaction, credentials gone, the audit tells each step in order', async () => {
    await createCustomer(stack, 'd-ok');
    await markEnrolled(stack, 'd-ok');
    const verificationId = await passVerification(stack, 'd-ok', agent);
    const response = await disable('d-ok', { verificationId, reason: 'Lost phone, verified by phone' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      twoFactor: 'DISABLED',
      auditEventId: expect.stringMatching(/^[0-9A-Z]{26}$/),
      notification: 'QUEUED',
      // A standard reset does not wait: the link opens at once (docs/procedure.md, the waiting period).
      recoveryAvailableAt: expect.any(String),
    });
    expect(new Date(response.body.recoveryAvailableAt).getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    const status = await stack.call('GET', '/internal/customers/d-ok/2fa', {
      token: await stack.serviceToken(),
    });
    expect(status.body).toEqual({ twoFactor: 'DISABLED', methods: [] });
    const events = await expectIntactChain(stack, 'd-ok');
    expect(events.map((event) => event.type)).toEqual([
      'CUSTOMER_CREATED',
      'VERIFICATION_STARTED',
      'VERIFICATION_CHECK_RECORDED',
      'VERIFICATION_CHECK_RECORDED',
      'VERIFICATION_CHECK_RECORDED',
      'VERIFICATION_CHECK_RECORDED',
      'VERIFICATION_EMAIL_CODE_SENT',
      'VERIFICATION_CHECK_RECORDED',
      'VERIFICATION_COMPLETED',
      'TWO_FA_DISABLED',
    ]);
    const disabled = events[events.length - 1];
    expect(disabled).toMatchObject({
      actorType: 'admin',
      actorId: 'admin-anna',
      caseId: verificationId,
      eventId: response.body.auditEventId,
    });
    expect(events.filter((event) => event.caseId === verificationId)).toHaveLength(9);
    const { GetItemCommand } = await import('@aws-sdk/client-dynamodb');
    const stored = await stack.dynamodb.send(
      new GetItemCommand({ TableName: stack.tableNames.customers, Key: { customerId: { S: 'd-ok' } } }),
    );
    expect(stored.Item?.totpSecret).toBeUndefined();
    expect(stored.Item?.backupCodeHashes).toBeUndefined();
    const session = await stack.call('GET', `/admin/verifications/${verificationId}`, { token: admin });
    expect(session.body).toMatchObject({ status: 'USED', usedBy: 'admin-anna' });
  });

  it('refuses without a passed, fresh, unused session of the same customer, and changes nothing', async () => {
    await createCustomer(stack, 'd-refuse');
    await markEnrolled(stack, 'd-refuse');
    await createCustomer(stack, 'd-other');
    await markEnrolled(stack, 'd-other');
    const expectRefusal = async (
      customerId: string,
      verificationId: string,
      status: number,
      code: string,
    ) => {
      const response = await disable(customerId, { verificationId, reason: 'caller lost phone' });
      expect({ status: response.status, code: response.body.error?.code }).toEqual({ status, code });
    };
    await expectRefusal('d-nobody', '01JABCDEFGHJKMNPQRSTVWXYZ0', 404, 'CUSTOMER_NOT_FOUND');
    await expectRefusal('d-refuse', '01JABCDEFGHJKMNPQRSTVWXYZ0', 404, 'VERIFICATION_NOT_FOUND');
    const open = await stack.call('POST', '/admin/customers/d-refuse/verifications', {
      token: agent,
      body: { channel: 'phone' },
    });
    await expectRefusal('d-refuse', open.body.verificationId, 409, 'VERIFICATION_NOT_COMPLETED');
    const failed = await stack.call('POST', `/admin/verifications/${open.body.verificationId}/complete`, {
      token: agent,
    });
    expect(failed.body.outcome).toBe('FAILED');
    await expectRefusal('d-refuse', open.body.verificationId, 409, 'VERIFICATION_NOT_PASSED');
    const othersSession = await passVerification(stack, 'd-other', agent);
    await expectRefusal('d-refuse', othersSession, 409, 'VERIFICATION_OTHER_CUSTOMER');
    const helpdeskTry = await disable(
      'd-other',
      { verificationId: othersSession, reason: 'caller lost phone' },
      agent,
    );
    expect(helpdeskTry.status).toBe(403);
    const bad = await disable('d-other', { verificationId: othersSession, reason: 'x', extra: 1 });
    expect(bad.status).toBe(400);
    const status = await stack.call('GET', '/internal/customers/d-refuse/2fa', {
      token: await stack.serviceToken(),
    });
    expect(status.body.twoFactor).toBe('ENABLED');
    const events = await auditEventsOf(stack, 'd-refuse');
    expect(events.some((event) => event.type === 'TWO_FA_DISABLED')).toBe(false);
  });

  it('answers a double submit with the same Idempotency-Key once, and refuses the key for another body', async () => {
    await createCustomer(stack, 'd-idem');
    await markEnrolled(stack, 'd-idem');
    const verificationId = await passVerification(stack, 'd-idem', agent);
    const headers = { 'idempotency-key': 'disable-d-idem-0001' };
    const body = { verificationId, reason: 'Phone stolen, police report' };
    const [first, second] = await Promise.all([
      disable('d-idem', body, admin, headers),
      disable('d-idem', body, admin, headers),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body).toEqual(first.body);
    const third = await disable('d-idem', body, admin, headers);
    expect(third.body).toEqual(first.body);
    const reused = await disable('d-idem', { ...body, reason: 'another reason' }, admin, headers);
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const withoutKey = await disable('d-idem', body);
    expect(withoutKey.status).toBe(409);
    expect(withoutKey.body.error.code).toMatch(/VERIFICATION_ALREADY_USED|TWO_FA_NOT_ENABLED/);
    const events = await expectIntactChain(stack, 'd-idem');
    expect(events.filter((event) => event.type === 'TWO_FA_DISABLED')).toHaveLength(1);
  });

  it('lets exactly one of two admins disabling at once succeed', async () => {
    await createCustomer(stack, 'd-race');
    await markEnrolled(stack, 'd-race');
    const verificationId = await passVerification(stack, 'd-race', agent);
    const results = await Promise.all([
      disable('d-race', { verificationId, reason: 'admin one' }, admin),
      disable('d-race', { verificationId, reason: 'admin two' }, secondAdmin),
      disable('d-race', { verificationId, reason: 'admin one again' }, admin),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual([200, 409, 409]);
    for (const refused of results.filter((result) => result.status === 409))
      expect(refused.body.error.code).toMatch(
        /VERIFICATION_ALREADY_USED|TWO_FA_NOT_ENABLED|CONCURRENT_CHANGE/,
      );
    const events = await expectIntactChain(stack, 'd-race');
    expect(events.filter((event) => event.type === 'TWO_FA_DISABLED')).toHaveLength(1);
  });

  it('asks a second admin, not the requester nor the verifier, for a privileged customer', async () => {
    await createCustomer(stack, 'd-priv', { privileged: true, email: 'priv@example.nl' });
    await markEnrolled(stack, 'd-priv');
    // The verifying agent is an admin here, so the maker-checker rule has three distinct people to tell apart.
    const verifier = await stack.token('admin-verifier', ['admin', 'helpdesk']);
    const started = await stack.call('POST', '/admin/customers/d-priv/verifications', {
      token: verifier,
      body: { channel: 'phone' },
    });
    const verificationId = started.body.verificationId;
    const answer = (type: string, given: string | undefined) =>
      stack.call('POST', `/admin/verifications/${verificationId}/checks`, {
        token: verifier,
        body: { type, answer: given },
      });
    await answer('FULL_NAME', genuineAnswers.FULL_NAME);
    await answer('EMAIL', 'priv@example.nl');
    await stack.call('POST', `/admin/verifications/${verificationId}/email-code`, { token: verifier });
    const mail = (await stack.sentEmails()).filter((email) =>
      email.destination.to.includes('priv@example.nl'),
    );
    const code = /\b(\d{6})\b/.exec(mail[mail.length - 1]?.body.text ?? '')?.[1];
    for (const [type, given] of [
      ['CHARGE_POINT_IDS', genuineAnswers.CHARGE_POINT_IDS],
      ['COMPANY_INFO', genuineAnswers.COMPANY_INFO],
      ['EMAIL_CODE', code],
    ])
      await answer(type as string, given);
    const completed = await stack.call('POST', `/admin/verifications/${verificationId}/complete`, {
      token: verifier,
    });
    expect(completed.body.outcome).toBe('PASSED');

    const pending = await disable('d-priv', { verificationId, reason: 'new phone' });
    expect(pending.status).toBe(202);
    expect(pending.body).toMatchObject({
      status: 'PENDING_APPROVAL',
      approvalReasons: ['PRIVILEGED_CUSTOMER'],
    });
    const approvalId = pending.body.approvalId;
    const listed = await stack.call('GET', '/admin/approvals', { token: secondAdmin });
    expect(listed.body.approvals.map((approval: { approvalId: string }) => approval.approvalId)).toContain(
      approvalId,
    );

    const byRequester = await stack.call('POST', `/admin/approvals/${approvalId}/approve`, { token: admin });
    expect(byRequester.status).toBe(403);
    expect(byRequester.body.error.code).toBe('APPROVER_IS_REQUESTER');
    const byVerifier = await stack.call('POST', `/admin/approvals/${approvalId}/approve`, {
      token: verifier,
    });
    expect(byVerifier.body.error.code).toBe('APPROVER_IS_VERIFIER');
    expect(
      (await stack.call('POST', `/admin/approvals/${approvalId}/approve`, { token: agent })).status,
    ).toBe(403);
    const direct = await disable('d-priv', { verificationId, reason: 'try around the approval' });
    expect(direct.body.error.code).toBe('APPROVAL_PENDING');

    const approved = await stack.call('POST', `/admin/approvals/${approvalId}/approve`, {
      token: secondAdmin,
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toEqual({
      twoFactor: 'DISABLED',
      auditEventId: expect.any(String),
      notification: 'QUEUED',
      recoveryAvailableAt: expect.any(String),
    });
    // A privileged customer's link opens a day later (RECOVERY_DELAY_PRIVILEGED_MINUTES).
    expect(new Date(approved.body.recoveryAvailableAt).getTime() - Date.now()).toBeGreaterThan(1430 * 60_000);
    const twice = await stack.call('POST', `/admin/approvals/${approvalId}/approve`, { token: secondAdmin });
    expect(twice.body.error.code).toBe('APPROVAL_NOT_PENDING');
    const events = await expectIntactChain(stack, 'd-priv');
    const disabled = events.filter((event) => event.type === 'TWO_FA_DISABLED');
    expect(disabled).toHaveLength(1);
    expect(disabled[0]?.details).toMatchObject({
      requestedBy: 'admin-anna',
      approvedBy: 'admin-dirk',
      verifiedBy: 'admin-verifier',
    });
  });

  it('asks for a second admin when the email address changed recently', async () => {
    await createCustomer(stack, 'd-moved');
    await createCustomer(stack, 'd-moved', { email: 'jan@new-mailbox.example' });
    await markEnrolled(stack, 'd-moved');
    const started = await stack.call('POST', '/admin/customers/d-moved/verifications', {
      token: otherAgent,
      body: { channel: 'phone' },
    });
    const id = started.body.verificationId;
    for (const [type, answer] of [
      ['FULL_NAME', genuineAnswers.FULL_NAME],
      // The address on file is the new one; the old one would no longer match.
      ['EMAIL', 'jan@new-mailbox.example'],
      ['CHARGE_POINT_IDS', genuineAnswers.CHARGE_POINT_IDS],
      ['LAST_TRANSACTION', genuineAnswers.LAST_TRANSACTION],
    ])
      await stack.call('POST', `/admin/verifications/${id}/checks`, {
        token: otherAgent,
        body: { type, answer },
      });
    await readBackEmailCode(stack, id, otherAgent);
    await stack.call('POST', `/admin/verifications/${id}/complete`, { token: otherAgent });
    const response = await disable('d-moved', { verificationId: id, reason: 'lost phone' });
    expect([response.status, response.body]).toEqual([
      202,
      expect.objectContaining({ approvalReasons: ['EMAIL_CHANGED_RECENTLY'] }),
    ]);
  });
});
