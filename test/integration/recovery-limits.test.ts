// Denial of recovery, tried through the local API: a caller who knows only a customer's name and email
// address fails a session and uses up the day's codes and guide mails. The attacker's calls may slow
// the real customer down, never stop them: a security officer who called the customer back resets the
// limits (sealed reason, RECOVERY_LIMITS_RESET, a mail to the customer), and codes never read back
// cost the sessions that asked for them. Time passing is simulated by moving stored timestamps back.
import { auditEventsOf, expectIntactChain } from '../support/audit';
import { createCustomer, emailedCode, genuineAnswers, markEnrolled } from '../support/fixtures';
import {
  stack,
  agent,
  otherAgent,
  admin,
  start,
  check,
  wrongTwice,
  complete,
  sendCode,
  identify,
  itemOf,
  setStored,
  resendAllowed,
  mailsTo,
  useHelpdeskAttackStack,
} from '../support/helpdesk-attack-stack';

useHelpdeskAttackStack();

let officer: string;
let secondOfficer: string;
beforeAll(async () => {
  officer = await stack.token('sec-sara', ['security']);
  secondOfficer = await stack.token('sec-sem', ['security']);
});

const emailOf = (customerId: string) => `${customerId}@example.nl`;
const reset = (customerId: string, body: unknown, token = officer) =>
  stack.call('POST', `/security/customers/${customerId}/recovery-limits/reset`, { token, body });
const queue = (token = officer) => stack.call('GET', '/security/recovery-limits?limit=50', { token });
const triage = (customerId: string, token = agent) =>
  stack.call('POST', `/admin/customers/${customerId}/triage`, {
    token,
    body: { reportedProblem: 'NEW_PHONE', oldAuthenticatorWorks: true, channel: 'phone' },
  });
const resetEvents = async (customerId: string) =>
  (await auditEventsOf(stack, customerId)).filter((event) => event.type === 'RECOVERY_LIMITS_RESET');

/** The mail the notifier sent to this address with this subject, once it has. */
const mailWithSubject = async (address: string, subject: string) => {
  for (let attempt = 0; attempt < 150; attempt += 1) {
    const mail = (await mailsTo(address)).find((email) => email.subject.includes(subject));
    if (mail) return mail;
    await new Promise((done) => setTimeout(done, 100));
  }
  return undefined;
};

/**
 * What an attacker who knows the name and the address does in one day: a session that asks for 3
 * codes and reads none back, a second with 2 more and a wrong answer, and 3 triages that mail guides.
 */
const attackerDay = async (customerId: string, attacker = agent) => {
  const first = (await start(customerId, attacker)).body.verificationId as string;
  await identify(first, emailOf(customerId), attacker);
  for (let send = 1; send <= 3; send += 1) {
    expect((await sendCode(first, attacker)).status).toBe(202);
    await resendAllowed(first);
  }
  expect((await complete(first, attacker)).body.outcome).toBe('FAILED');
  const second = (await start(customerId, otherAgent)).body.verificationId as string;
  await identify(second, emailOf(customerId), otherAgent);
  for (let send = 1; send <= 2; send += 1) {
    expect((await sendCode(second, otherAgent)).status).toBe(202);
    await resendAllowed(second);
  }
  expect((await wrongTwice(second, 'COMPANY_INFO', 'KvK 99999999', otherAgent)).body.status).toBe('FAILED');
  return { first, second };
};

/** The real customer's whole call: name and address, the code read back, two questions; PASSED. */
const realCustomerPasses = async (customerId: string, token = agent) => {
  // The real customer's call is triaged afresh: nothing left, so the procedure (the session names it).
  const verify = await stack.call('POST', `/admin/customers/${customerId}/triage`, {
    token,
    body: {
      reportedProblem: 'PHONE_LOST',
      oldAuthenticatorWorks: false,
      backupCodesAvailable: false,
      channel: 'phone',
    },
  });
  expect(verify.body.advice).toBe('VERIFY');
  const started = await start(customerId, token, { channel: 'phone', triageId: verify.body.triageId });
  expect(started.status).toBe(201);
  const id = started.body.verificationId as string;
  await identify(id, emailOf(customerId), token);
  expect((await sendCode(id, token)).status).toBe(202);
  const code = await emailedCode(stack, id);
  expect((await check(id, 'EMAIL_CODE', code ?? '', token)).body.result).toBe('MATCH');
  for (const type of ['CHARGE_POINT_IDS', 'LAST_TRANSACTION'])
    expect((await check(id, type, genuineAnswers[type] ?? '', token)).body.result).toBe('MATCH');
  return complete(id, token);
};

describe('denial of recovery: the attacker’s calls may slow a recovery down, never stop it', () => {
  it('the attacker burns the budgets and fails a session; an officer resets the limits; the real customer passes with a code and is told by email', async () => {
    const customerId = 'rl-deny';
    await createCustomer(stack, customerId, { email: emailOf(customerId) });
    await markEnrolled(stack, customerId);
    const { first, second } = await attackerDay(customerId);
    for (let guide = 1; guide <= 3; guide += 1) expect((await triage(customerId)).status).toBe(201);
    const fourthGuide = await triage(customerId);
    expect([fourthGuide.status, fourthGuide.body.error.code]).toEqual([
      429,
      'SELF_SERVICE_GUIDE_DAILY_LIMIT',
    ]);

    // The real customer calls: refused by the cooldown the attacker caused.
    const refused = await start(customerId, agent, { channel: 'phone' });
    expect([refused.status, refused.body.error.code]).toEqual([429, 'VERIFICATION_COOLDOWN']);

    // The security queue shows the customer, the limits and the sessions that caused them.
    const listed = (await queue()).body.customers.find(
      (entry: { customerId: string }) => entry.customerId === customerId,
    );
    expect(listed).toMatchObject({
      fullName: 'Jan de Vries',
      cooldownUntil: expect.any(String),
      failureStreak: 1,
      emailCodes: { sentIn24h: 5, perDay: 5, spentUntil: expect.any(String) },
      guideMails: { sentIn24h: 3, perDay: 3, spentUntil: expect.any(String) },
    });
    expect(listed.sessions).toEqual([
      expect.objectContaining({
        verificationId: second,
        agentId: 'agent-carla',
        causes: ['WRONG_ANSWER', 'CODE_NOT_READ_BACK'],
        codesSent: 2,
      }),
      expect.objectContaining({
        verificationId: first,
        agentId: 'agent-bram',
        causes: ['CODE_NOT_READ_BACK'],
        codesSent: 3,
      }),
    ]);
    const caseView = await stack.call('GET', `/security/customers/${customerId}/recovery-lock`, {
      token: officer,
    });
    expect(
      caseView.body.limits.sessions.map((session: { verificationId: string }) => session.verificationId),
    ).toEqual([second, first]);

    const reason = 'Klant teruggebeld op het nummer in het dossier; hij belde niet zelf';
    const done = await reset(customerId, { reason }, secondOfficer);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: 'RESET',
      cleared: { cooldownUntil: expect.any(String), emailCodesIn24h: 5, guideMailsIn24h: 3 },
      failureStreak: 1,
      notification: 'QUEUED',
    });
    expect(
      (await queue()).body.customers.map((entry: { customerId: string }) => entry.customerId),
    ).not.toContain(customerId);

    // The real customer's call now goes through, code and all; the guides are back too.
    expect((await realCustomerPasses(customerId)).body.outcome).toBe('PASSED');
    const guide = await triage(customerId);
    expect([guide.status, guide.body.notification, guide.body.guidesLeftToday]).toEqual([201, 'QUEUED', 2]);

    // The customer is told, at the address on file; the reason is sealed in the trail.
    const mail = await mailWithSubject(emailOf(customerId), 'U kunt uw account weer laten herstellen');
    expect(mail?.body.text).toContain('beveiligingsteam');
    const [event, ...more] = await resetEvents(customerId);
    expect(more).toHaveLength(0);
    expect(event).toMatchObject({
      actorId: 'sec-sem',
      details: {
        actorRole: 'security',
        reason: { sealed: 'aes-256-gcm/v1' },
        emailCodesIn24h: 5,
        guideMailsIn24h: 3,
        failureStreakKept: 1,
        causedBy: [second, first],
      },
    });
    expect(JSON.stringify(event)).not.toContain('teruggebeld');
    await expectIntactChain(stack, customerId);
  });

  it('refuses an officer who took part in the sessions that caused the limits (403), and every role but security; nothing changes', async () => {
    const customerId = 'rl-insider';
    await createCustomer(stack, customerId, { email: emailOf(customerId) });
    const insider = await stack.token('sec-olaf', ['security', 'helpdesk']);
    const id = (await start(customerId, insider)).body.verificationId as string;
    await identify(id, emailOf(customerId), insider);
    expect((await wrongTwice(id, 'COMPANY_INFO', 'KvK 99999999', insider)).body.status).toBe('FAILED');
    const before = await itemOf('customers', { customerId });

    const own = await reset(customerId, { reason: 'I called the customer back' }, insider);
    expect([own.status, own.body.error.code]).toEqual([403, 'RESETTER_IN_LIMITED_SESSIONS']);
    for (const token of [agent, admin])
      expect((await reset(customerId, { reason: 'called back' }, token)).status).toBe(403);
    expect(
      (
        await stack.call('POST', `/security/customers/${customerId}/recovery-limits/reset`, {
          body: { reason: 'x y z' },
        })
      ).status,
    ).toBe(401);
    expect((await queue(agent)).status).toBe(403);

    const after = await itemOf('customers', { customerId });
    expect(after?.verificationCooldownUntil).toBe(before?.verificationCooldownUntil);
    expect(after?.version).toBe(before?.version);
    expect(await resetEvents(customerId)).toHaveLength(0);
    // An officer who had no part in it resets.
    expect((await reset(customerId, { reason: 'called back on file' })).status).toBe(200);
  });

  it('refuses a missing, empty or too short reason (400) and changes nothing', async () => {
    const customerId = 'rl-reason';
    await createCustomer(stack, customerId, { email: emailOf(customerId) });
    const id = (await start(customerId)).body.verificationId as string;
    expect((await wrongTwice(id, 'FULL_NAME', 'Piet Hein')).body.status).toBe('FAILED');
    const before = await itemOf('customers', { customerId });
    for (const body of [
      undefined,
      {},
      { reason: '' },
      { reason: '   ' },
      { reason: 'ok' },
      { reason: 'called back', extra: 1 },
    ]) {
      const refused = await reset(customerId, body);
      expect(refused.status).toBe(400);
    }
    expect((await itemOf('customers', { customerId }))?.version).toBe(before?.version);
    expect(await resetEvents(customerId)).toHaveLength(0);
  });

  it('of parallel resets exactly one commits and one event is written; the others are told nothing is left to reset', async () => {
    const customerId = 'rl-parallel';
    await createCustomer(stack, customerId, { email: emailOf(customerId) });
    const id = (await start(customerId)).body.verificationId as string;
    expect((await wrongTwice(id, 'FULL_NAME', 'Piet Hein')).body.status).toBe('FAILED');
    const resets = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        reset(customerId, { reason: `called back (${index})` }, index % 2 ? officer : secondOfficer),
      ),
    );
    expect(resets.filter((response) => response.status === 200)).toHaveLength(1);
    for (const refused of resets.filter((response) => response.status !== 200))
      expect(['409 NO_RECOVERY_LIMITS', '409 CONCURRENT_CHANGE']).toContain(
        `${refused.status} ${refused.body.error?.code}`,
      );
    expect(await resetEvents(customerId)).toHaveLength(1);
    const again = await reset(customerId, { reason: 'called back again' });
    expect([again.status, again.body.error.code]).toEqual([409, 'NO_RECOVERY_LIMITS']);
    await expectIntactChain(stack, customerId);
  });

  it('keeps the failure streak: after a reset the next wrong answer earns the next, longer cooldown (the answer oracle stays closed)', async () => {
    const customerId = 'rl-streak';
    await createCustomer(stack, customerId, { email: emailOf(customerId) });
    const first = (await start(customerId)).body.verificationId as string;
    expect((await wrongTwice(first, 'FULL_NAME', 'Piet Hein')).body.status).toBe('FAILED');
    expect((await reset(customerId, { reason: 'called back on file' })).status).toBe(200);
    const second = (await start(customerId)).body.verificationId as string;
    const before = Date.now();
    const wrong = await wrongTwice(second, 'FULL_NAME', 'Piet Hein');
    expect(Math.round((new Date(wrong.body.cooldownUntil).getTime() - before) / 60_000)).toBe(60);
  });
});

describe('the emailed code: who may ask for it, and whose budget it spends', () => {
  it('is refused (409 EMAIL_CODE_NEEDS_IDENTITY) until the caller’s name and address matched, and nothing is mailed', async () => {
    const customerId = 'rl-identity';
    await createCustomer(stack, customerId, { email: emailOf(customerId) });
    const id = (await start(customerId)).body.verificationId as string;
    const early = await sendCode(id);
    expect([early.status, early.body.error.code]).toEqual([409, 'EMAIL_CODE_NEEDS_IDENTITY']);
    expect((await check(id, 'FULL_NAME', genuineAnswers.FULL_NAME ?? '')).body.result).toBe('MATCH');
    expect(
      (
        await stack.call('POST', `/admin/verifications/${id}/checks`, {
          token: agent,
          body: { type: 'EMAIL', unknown: true },
        })
      ).body.result,
    ).toBe('UNKNOWN');
    const halfway = await sendCode(id);
    expect([halfway.status, halfway.body.error.code]).toEqual([409, 'EMAIL_CODE_NEEDS_IDENTITY']);
    expect(await mailsTo(emailOf(customerId))).toHaveLength(0);
    expect((await check(id, 'EMAIL', emailOf(customerId).toUpperCase())).body.result).toBe('MATCH');
    expect((await sendCode(id)).status).toBe(202);
    expect(await mailsTo(emailOf(customerId))).toHaveLength(1);
  });

  it('costs the sessions that never read a code back: past the day’s budget the next caller’s first code waits at most an hour, and a resend is still refused', async () => {
    const customerId = 'rl-codes';
    await createCustomer(stack, customerId, { email: emailOf(customerId) });
    const attacker = (await start(customerId)).body.verificationId as string;
    await identify(attacker, emailOf(customerId));
    for (let send = 1; send <= 3; send += 1) {
      expect((await sendCode(attacker)).status).toBe(202);
      await resendAllowed(attacker);
    }
    expect((await complete(attacker)).body.outcome).toBe('FAILED');
    const again = (await start(customerId, otherAgent)).body.verificationId as string;
    await identify(again, emailOf(customerId), otherAgent);
    for (let send = 1; send <= 2; send += 1) {
      expect((await sendCode(again, otherAgent)).status).toBe(202);
      await resendAllowed(again);
    }
    expect((await complete(again, otherAgent)).body.outcome).toBe('FAILED');

    // The real customer calls right after: their first code waits for the hour, not the day.
    const real = (await start(customerId)).body.verificationId as string;
    await identify(real, emailOf(customerId));
    const waiting = await sendCode(real);
    expect([waiting.status, waiting.body.error.code]).toEqual([429, 'EMAIL_CODE_DAILY_LIMIT']);
    const retryAfter = Number(waiting.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(3000);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    // The hour passes (every stored send moves an hour back); the session is theirs meanwhile.
    const sends = ((await itemOf('customers', { customerId }))?.emailCodeSentAt ?? []) as string[];
    await setStored(
      'customers',
      { customerId },
      {
        emailCodeSentAt: {
          L: sends.map((at) => ({ S: new Date(new Date(at).getTime() - 61 * 60_000).toISOString() })),
        },
      },
    );
    expect((await sendCode(real)).status).toBe(202);
    await resendAllowed(real);
    const resend = await sendCode(real);
    expect([resend.status, resend.body.error.code]).toEqual([429, 'EMAIL_CODE_DAILY_LIMIT']);
    const code = await emailedCode(stack, real);
    expect((await check(real, 'EMAIL_CODE', code ?? '')).body.result).toBe('MATCH');
    expect(await mailsTo(emailOf(customerId))).toHaveLength(6);
  });
});
