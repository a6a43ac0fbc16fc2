// The security officers' side of a "this wasn't me" report, through the local API: the queue of
// recovery locks, a release on a fresh EMAIL_CODE verification by someone else, "keep locked" with a
// note, and every refusal an attacker or a coached insider would try.
import { createHash } from 'node:crypto';
import { expectIntactChain } from '../support/audit';
import {
  createCustomer,
  genuineAnswers,
  markEnrolled,
  knowledgeChecks,
  emailOf,
  mailTo,
  ticketIn,
  resetCustomer,
} from '../support/fixtures';
import {
  admin,
  agent,
  itemOf,
  keep,
  lockedCustomer,
  pass,
  passForRelease,
  queue,
  release,
  secondOfficer,
  setStored,
  stack,
  statusOf,
  useSecurityStack,
} from '../support/security-stack';
import { minutesAgo } from '../support/stored-items';
import { mailOfKind } from '../support/mails';
import { awaitFreshStep, phoneApp, scanQr } from './self-service-helpers';

useSecurityStack();

describe('the queue of recovery locks', () => {
  it('lists locked customers oldest first, with the reported case and the report, a page at a time', async () => {
    const first = await lockedCustomer('s-queue-1');
    const second = await lockedCustomer('s-queue-2');
    await resetCustomer(stack, 's-queue-not-locked', { agent, admin });
    const all = await queue();
    expect(all.status).toBe(200);
    const ours = all.body.locks.filter((lock: { customerId: string }) =>
      lock.customerId.startsWith('s-queue-'),
    );
    expect(ours.map((lock: { customerId: string }) => lock.customerId)).toEqual(['s-queue-1', 's-queue-2']);
    expect(ours[0]).toMatchObject({
      fullName: 'Jan de Vries',
      email: emailOf('s-queue-1'),
      caseId: first.caseId,
      report: { ticketPurpose: 'RESET', previousStatus: 'DISABLED' },
      lastReview: null,
    });
    expect(ours[1].caseId).toBe(second.caseId);
    const locks = all.body.locks as { lockedAt: string }[];
    expect(locks.map((lock) => lock.lockedAt)).toEqual([...locks.map((lock) => lock.lockedAt)].sort());

    const page1 = await queue('?limit=1');
    expect(page1.body.locks).toHaveLength(1);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await queue(`?limit=1&cursor=${page1.body.nextCursor}`);
    expect(page2.body.locks[0].customerId).not.toBe(page1.body.locks[0].customerId);
    expect((await queue('?cursor=bm9wZQ')).status).toBe(400);
  });

  it('is for the security group only: helpdesk and admin get 403, no token 401', async () => {
    expect((await queue('', agent)).status).toBe(403);
    expect((await queue('', admin)).status).toBe(403);
    expect((await stack.call('GET', '/security/recovery-locks')).status).toBe(401);
  });
});

describe('a release', () => {
  it('lifts the lock after an EMAIL_CODE verification by someone else, and the customer can enroll again', async () => {
    const { caseId } = await lockedCustomer('s-release');
    expect(await statusOf('s-release')).toBe('LOCKED');
    // A session may start under the lock: it can only serve a release.
    const verificationId = await passForRelease('s-release');
    expect((await itemOf('verifications', { verificationId }))?.purpose).toBe('RECOVERY_LOCK_RELEASE');
    const released = await release('s-release', { verificationId, reason: 'caller confirmed by email code' });
    expect(released.status).toBe(200);
    expect(JSON.stringify(await expectIntactChain(stack, 's-release'))).not.toContain(
      'caller confirmed by email code',
    );
    expect(released.body).toMatchObject({
      status: 'RELEASED',
      twoFactor: 'DISABLED',
      notification: 'QUEUED',
    });
    expect(await statusOf('s-release')).toBe('DISABLED');
    const customer = await itemOf('customers', { customerId: 's-release' });
    expect(customer).not.toHaveProperty('recoveryLockedAt');
    expect(customer).not.toHaveProperty('recoveryLockFlag');
    expect((await itemOf('verifications', { verificationId }))?.status).toBe('USED');
    expect(
      (await queue()).body.locks.some((lock: { customerId: string }) => lock.customerId === 's-release'),
    ).toBe(false);

    await stack.poller?.drain();
    // The report's own confirmation may be delivered in the same drain, before or after this one.
    const mail = (await mailTo(stack, emailOf('s-release'))).find(
      (sent) => sent.subject === 'De blokkade van uw account is opgeheven',
    );
    expect(mail).toBeDefined();
    const caseNumber = (await stack.call('GET', `/admin/verifications/${verificationId}`, { token: admin }))
      .body.caseNumber;
    expect(mail?.body.text).toContain(`Zaaknummer: ${caseNumber}`);
    const started = await stack.call('POST', '/enroll/start', { body: { ticket: ticketIn(mail) } });
    expect(started.status).toBe(200);

    const events = await expectIntactChain(stack, 's-release');
    const releasedEvent = events.find((event) => event.type === 'RECOVERY_LOCK_RELEASED');
    expect(releasedEvent).toMatchObject({
      actorId: 'sec-sara',
      caseId: verificationId,
      details: {
        actorRole: 'security',
        verifiedBy: 'agent-cas',
        releasedBy: 'sec-sara',
        reportedCaseId: caseId,
      },
    });
    expect(events.map((event) => event.type)).toEqual(
      expect.arrayContaining(['RECOVERY_LOCK_RELEASED', 'ENROLLMENT_TICKET_ISSUED', 'NOTIFICATION_SENT']),
    );
    // Spent: the same verification releases nothing twice.
    const again = await release('s-release', { verificationId, reason: 'again' });
    expect([again.status, again.body.error.code]).toEqual([409, 'NOT_RECOVERY_LOCKED']);
  });

  it('in English for an English-speaking customer', async () => {
    await createCustomer(stack, 's-release-en', { email: emailOf('s-release-en'), locale: 'en' });
    await markEnrolled(stack, 's-release-en');
    const caseId = await pass('s-release-en');
    await stack.call('POST', '/admin/customers/s-release-en/2fa/disable', {
      token: admin,
      body: { verificationId: caseId, reason: 'lost phone' },
    });
    await stack.poller?.drain();
    const ticket = ticketIn(await mailOfKind(stack, emailOf('s-release-en'), 'RESET'));
    expect((await stack.call('POST', '/enroll/report', { body: { ticket } })).status).toBe(200);
    const verificationId = await passForRelease('s-release-en');
    expect((await release('s-release-en', { verificationId, reason: 'confirmed' })).status).toBe(200);
    await stack.poller?.drain();
    const mail = (await mailTo(stack, emailOf('s-release-en'))).find(
      (sent) => sent.subject === 'The block on your account was lifted',
    );
    expect(mail).toBeDefined();
    expect(mail?.body.html).toContain('Set up 2FA again');
  });

  it('refuses the group that is not security (403), and changes nothing', async () => {
    await lockedCustomer('s-group');
    const verificationId = await pass('s-group');
    for (const token of [agent, admin]) {
      const refused = await release('s-group', { verificationId, reason: 'trust me' }, token);
      expect([refused.status, refused.body.error.code]).toEqual([403, 'FORBIDDEN']);
      expect((await keep('s-group', { note: 'looked at it' }, token)).status).toBe(403);
    }
    expect(await statusOf('s-group')).toBe('LOCKED');
    expect((await itemOf('verifications', { verificationId }))?.status).toBe('PASSED');
  });

  it('refuses the officer who verified the caller themselves (four eyes)', async () => {
    await lockedCustomer('s-same');
    const officerAgent = await stack.token('sec-olaf', ['security', 'helpdesk']);
    const verificationId = await pass('s-same', officerAgent);
    const refused = await release('s-same', { verificationId, reason: 'I checked him' }, officerAgent);
    expect([refused.status, refused.body.error.code]).toEqual([403, 'RELEASER_IS_VERIFIER']);
    expect(await statusOf('s-same')).toBe('LOCKED');
    // Another officer may release on the same verification.
    expect((await release('s-same', { verificationId, reason: 'second person' })).status).toBe(200);
  });

  it('refuses an officer who took part in the reset the customer reported: its verifier, its admin, its approver', async () => {
    await lockedCustomer('s-involved');
    const verificationId = await pass('s-involved', await stack.helpdeskToken('agent-cas'));
    for (const [sub, groups] of [
      ['admin-anna', ['admin', 'security']],
      ['agent-bram', ['helpdesk', 'security']],
    ] as const) {
      const refused = await release(
        's-involved',
        { verificationId, reason: 'all in order' },
        await stack.token(sub, [...groups]),
      );
      expect([sub, refused.status, refused.body.error?.code]).toEqual([
        sub,
        403,
        'RELEASER_IN_REPORTED_CASE',
      ]);
    }
    expect(await statusOf('s-involved')).toBe('LOCKED');

    // A reset a second admin approved: the approver is part of it too.
    await createCustomer(stack, 's-approved', { email: emailOf('s-approved'), privileged: true });
    await markEnrolled(stack, 's-approved');
    const parked = await stack.call('POST', '/admin/customers/s-approved/2fa/disable', {
      token: admin,
      body: { verificationId: await pass('s-approved'), reason: 'lost phone' },
    });
    expect(parked.status).toBe(202);
    const approver = await stack.token('admin-otto', ['admin', 'security']);
    expect(
      (await stack.call('POST', `/admin/approvals/${parked.body.approvalId}/approve`, { token: approver }))
        .status,
    ).toBe(200);
    await stack.poller?.drain();
    const ticket = ticketIn(await mailOfKind(stack, emailOf('s-approved'), 'RESET'));
    expect((await stack.call('POST', '/enroll/report', { body: { ticket } })).status).toBe(200);
    const underLock = await pass('s-approved', await stack.helpdeskToken('agent-cas'));
    const byApprover = await release('s-approved', { verificationId: underLock, reason: 'fine' }, approver);
    expect([byApprover.status, byApprover.body.error?.code]).toEqual([403, 'RELEASER_IN_REPORTED_CASE']);

    // An officer who had no part in it decides.
    expect((await release('s-involved', { verificationId, reason: 'someone uninvolved' })).status).toBe(200);
  });

  it('refuses a release verification done by the agent who verified the reported reset', async () => {
    // lockedCustomer's reset was verified by agent-bram: the report accuses that verification.
    await lockedCustomer('s-same-agent');
    const again = await pass('s-same-agent', agent);
    const refused = await release('s-same-agent', { verificationId: again, reason: 'all in order' });
    expect([refused.status, refused.body.error?.code]).toEqual([409, 'VERIFIER_IN_REPORTED_CASE']);
    expect(await statusOf('s-same-agent')).toBe('LOCKED');
    // Another agent's verification serves.
    const other = await pass('s-same-agent', await stack.helpdeskToken('agent-cas'));
    expect((await release('s-same-agent', { verificationId: other, reason: 'called back' })).status).toBe(
      200,
    );
  });

  it('refuses a verification older than the maximum age (409 VERIFICATION_STALE)', async () => {
    await lockedCustomer('s-stale');
    const verificationId = await pass('s-stale');
    await setStored('verifications', { verificationId }, { completedAt: minutesAgo(31) });
    const refused = await release('s-stale', { verificationId, reason: 'old pass' });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'VERIFICATION_STALE']);
    expect(await statusOf('s-stale')).toBe('LOCKED');
  });

  it('refuses a pass "without possession proof": the emailed code is required (409 EMAIL_CODE_REQUIRED)', async () => {
    await lockedCustomer('s-nocode');
    const started = await stack.call('POST', '/admin/customers/s-nocode/verifications', {
      token: agent,
      body: { channel: 'phone' },
    });
    const verificationId: string = started.body.verificationId;
    for (const type of knowledgeChecks) {
      const answer = type === 'EMAIL' ? emailOf('s-nocode') : undefined;
      await stack.call('POST', `/admin/verifications/${verificationId}/checks`, {
        token: agent,
        body: { type, answer: answer ?? genuineAnswers[type] },
      });
    }
    const completed = await stack.call('POST', `/admin/verifications/${verificationId}/complete`, {
      token: agent,
      body: { withoutPossessionProof: { reason: 'MAILBOX_ON_LOST_DEVICE' } },
    });
    expect(completed.body).toMatchObject({ outcome: 'PASSED', withoutPossessionProof: true });
    const refused = await release('s-nocode', { verificationId, reason: 'he knew everything' });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'EMAIL_CODE_REQUIRED']);
    expect(await statusOf('s-nocode')).toBe('LOCKED');
  });

  it('refuses a verification passed before the report, one of another customer, and a customer not locked', async () => {
    const { ticket } = await resetCustomer(stack, 's-before', { agent, admin });
    // Passed and unused before the report: it proves nothing about the caller after the alarm.
    const before = await pass('s-before');
    expect((await stack.call('POST', '/enroll/report', { body: { ticket } })).status).toBe(200);
    const refused = await release('s-before', { verificationId: before, reason: 'old session' });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'VERIFICATION_NOT_FOR_RELEASE']);

    await lockedCustomer('s-other');
    const othersSession = await pass('s-other');
    const crossed = await release('s-before', { verificationId: othersSession, reason: 'wrong one' });
    expect([crossed.status, crossed.body.error.code]).toEqual([409, 'VERIFICATION_OTHER_CUSTOMER']);

    await resetCustomer(stack, 's-unlocked', { agent, admin });
    const unlockedSession = await pass('s-unlocked');
    const notLocked = await release('s-unlocked', { verificationId: unlockedSession, reason: 'nothing' });
    expect([notLocked.status, notLocked.body.error.code]).toEqual([409, 'NOT_RECOVERY_LOCKED']);
    expect(await statusOf('s-before')).toBe('LOCKED');
    expect(await statusOf('s-other')).toBe('LOCKED');
  });

  it('refuses bad bodies with 400 and changes nothing', async () => {
    await lockedCustomer('s-body');
    const verificationId = await pass('s-body');
    for (const body of [
      { verificationId },
      { verificationId, reason: 'ok reason', extra: true },
      { verificationId: 'not-a-ulid', reason: 'ok reason' },
      { verificationId, reason: 'line\nbreak' },
    ]) {
      expect((await release('s-body', body)).status).toBe(400);
    }
    expect((await keep('s-body', {})).status).toBe(400);
    expect(await statusOf('s-body')).toBe('LOCKED');
  });

  it('of two officers releasing at once on one verification, exactly one succeeds', async () => {
    await lockedCustomer('s-race');
    const verificationId = await passForRelease('s-race');
    const answers = await Promise.all([
      release('s-race', { verificationId, reason: 'first' }),
      release('s-race', { verificationId, reason: 'second' }, secondOfficer),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const events = await expectIntactChain(stack, 's-race');
    expect(events.filter((event) => event.type === 'RECOVERY_LOCK_RELEASED')).toHaveLength(1);
  });

  it('a session started under the lock never serves a disable, not even after the release', async () => {
    await lockedCustomer('s-purpose');
    const spare = await pass('s-purpose');
    const underLock = await stack.call('POST', '/admin/customers/s-purpose/2fa/disable', {
      token: admin,
      body: { verificationId: spare, reason: 'try it' },
    });
    expect([underLock.status, underLock.body.error.code]).toEqual([423, 'RECOVERY_LOCKED']);
    const releasing = await passForRelease('s-purpose');
    expect((await release('s-purpose', { verificationId: releasing, reason: 'confirmed' })).status).toBe(200);
    // The customer enrolls again; the spare session (still PASSED, fresh) must not reset them.
    await markEnrolled(stack, 's-purpose');
    const after = await stack.call('POST', '/admin/customers/s-purpose/2fa/disable', {
      token: admin,
      body: { verificationId: spare, reason: 'try it again' },
    });
    expect([after.status, after.body.error.code]).toEqual([409, 'VERIFICATION_FOR_RELEASE_ONLY']);
    expect(await statusOf('s-purpose')).toBe('ENABLED');
  });
});

describe('keep locked with a note', () => {
  it('records the note in the audit, keeps the lock, and shows the review in the queue', async () => {
    await lockedCustomer('s-keep');
    const kept = await keep('s-keep', { note: 'caller could not read the code; called the customer back' });
    expect(kept.status).toBe(200);
    expect(kept.body.status).toBe('RECOVERY_LOCKED');
    expect(await statusOf('s-keep')).toBe('LOCKED');
    const entry = (await queue()).body.locks.find(
      (lock: { customerId: string }) => lock.customerId === 's-keep',
    );
    expect(entry.lastReview).toEqual({
      officerId: 'sec-sara',
      at: kept.body.reviewedAt,
      auditEventId: kept.body.auditEventId,
    });
    const events = await expectIntactChain(stack, 's-keep');
    const note = 'caller could not read the code; called the customer back';
    const keptEvent = events.find((event) => event.type === 'RECOVERY_LOCK_KEPT');
    // Free text about a person: sealed with the customer's key in the trail, readable to staff in the profile.
    expect(keptEvent).toMatchObject({
      actorId: 'sec-sara',
      eventId: kept.body.auditEventId,
      details: { note: { sealed: 'aes-256-gcm/v1' } },
    });
    expect(JSON.stringify(events)).not.toContain(note);
    const profile = await stack.call('GET', '/admin/customers/s-keep', { token: await stack.adminToken() });
    expect(
      profile.body.recentEvents.find((event: { type: string }) => event.type === 'RECOVERY_LOCK_KEPT')
        ?.details.note,
    ).toBe(note);
    await createCustomer(stack, 's-keep-unlocked');
    const notLocked = await keep('s-keep-unlocked', { note: 'nothing to keep' });
    expect([notLocked.status, notLocked.body.error.code]).toEqual([409, 'NOT_RECOVERY_LOCKED']);
  });
});

describe('a report through a voided ticket', () => {
  it("counts only until that ticket's own expiry", async () => {
    const { ticket } = await resetCustomer(stack, 's-voided-old', { agent, admin });
    // A self-service ticket voids the emailed one; then the emailed ticket's own lifetime ends.
    const selfService = await stack.call('POST', '/internal/customers/s-voided-old/2fa/enrollment-ticket', {
      token: await stack.serviceToken(),
    });
    expect(selfService.status).toBe(200);
    const ticketHash = createHash('sha256').update(ticket, 'utf8').digest('hex');
    await setStored('tickets', { ticketHash }, { expiresAt: minutesAgo(1) });
    const late = await stack.call('POST', '/enroll/report', { body: { ticket } });
    expect([late.status, late.body.error.code]).toEqual([410, 'TICKET_EXPIRED']);
    expect(await statusOf('s-voided-old')).toBe('DISABLED');
    expect((await itemOf('customers', { customerId: 's-voided-old' }))?.recoveryLockedAt).toBeUndefined();
  });

  it('still rings within its lifetime, and then no step-up counts, however right', async () => {
    const { ticket } = await resetCustomer(stack, 's-voided-live', { agent, admin });
    // The attack the alarm is for: with the password, the attacker asks for a profile-page ticket (which
    // voids the emailed one) and enrolls their own authenticator.
    const service = await stack.serviceToken();
    const step = await awaitFreshStep();
    const selfService = await stack.call('POST', '/internal/customers/s-voided-live/2fa/enrollment-ticket', {
      token: service,
    });
    const attackerTicket = /#ticket=([A-Za-z0-9_-]+)/.exec(selfService.body.enrollUrl)?.[1] ?? '';
    const started = await stack.call('POST', '/enroll/start', { body: { ticket: attackerTicket } });
    const attackerApp = phoneApp(scanQr(started.body.qrPng));
    const enrolled = await stack.call('POST', '/enroll/confirm', {
      body: { ticket: attackerTicket, code: attackerApp.codeForStep(step - 1) },
    });
    expect(enrolled.status).toBe(200);

    const reported = await stack.call('POST', '/enroll/report', { body: { ticket } });
    expect(reported.body.status).toBe('RECOVERY_LOCKED');
    expect(
      (await queue()).body.locks.some((lock: { customerId: string }) => lock.customerId === 's-voided-live'),
    ).toBe(true);
    // The attacker's right codes open no self-service: no replacement, no new backup codes.
    for (const path of ['2fa/enrollment-ticket', '2fa/backup-codes']) {
      const stepUp = await stack.call('POST', `/internal/customers/s-voided-live/${path}`, {
        token: service,
        body: { stepUpCode: attackerApp.codeForStep(step) },
      });
      expect([stepUp.status, stepUp.body.error?.code]).toEqual([423, 'RECOVERY_LOCKED']);
    }
  });
});

describe('locks say why', () => {
  const stateIn = async (customerId: string) => {
    const status = await stack.call('GET', `/internal/customers/${customerId}/2fa`, {
      token: await stack.serviceToken(),
    });
    const profile = await stack.call('GET', `/admin/customers/${customerId}`, { token: agent });
    const search = await stack.call('GET', `/admin/customers?query=${emailOf(customerId)}`, { token: agent });
    const hit = search.body.customers.find((one: { customerId: string }) => one.customerId === customerId);
    return {
      // The methods beside them are issue 28's (test/integration/passkeys.test.ts).
      status: { twoFactor: status.body.twoFactor, lockReason: status.body.lockReason },
      profile: { twoFactor: profile.body.customer.twoFactor, lockReason: profile.body.customer.lockReason },
      search: { twoFactor: hit.twoFactor, lockReason: hit.lockReason },
    };
  };

  it('a "this wasn\'t me" report is REPORTED_BY_CUSTOMER in the status route, the profile and the search', async () => {
    await lockedCustomer('s-why-report');
    expect(await stateIn('s-why-report')).toEqual({
      status: { twoFactor: 'LOCKED', lockReason: 'REPORTED_BY_CUSTOMER' },
      profile: { twoFactor: 'LOCKED', lockReason: 'REPORTED_BY_CUSTOMER' },
      search: { twoFactor: 'LOCKED', lockReason: 'REPORTED_BY_CUSTOMER' },
    });
  });

  it('too many wrong codes is TOO_MANY_ATTEMPTS while it lasts, and no reason once it ran out', async () => {
    await createCustomer(stack, 's-why-codes', { email: emailOf('s-why-codes') });
    await markEnrolled(stack, 's-why-codes');
    // The state the login lockout leaves after the last allowed wrong code (its own suite tests that).
    await setStored(
      'customers',
      { customerId: 's-why-codes' },
      { twoFactor: { S: 'LOCKED' }, lockedUntil: { S: new Date(Date.now() + 15 * 60_000).toISOString() } },
    );
    expect(await stateIn('s-why-codes')).toEqual({
      status: { twoFactor: 'LOCKED', lockReason: 'TOO_MANY_ATTEMPTS' },
      profile: { twoFactor: 'LOCKED', lockReason: 'TOO_MANY_ATTEMPTS' },
      search: { twoFactor: 'LOCKED', lockReason: 'TOO_MANY_ATTEMPTS' },
    });
    await setStored('customers', { customerId: 's-why-codes' }, { lockedUntil: minutesAgo(1) });
    expect(await stateIn('s-why-codes')).toEqual({
      status: { twoFactor: 'ENABLED' },
      profile: { twoFactor: 'ENABLED', lockReason: null },
      search: { twoFactor: 'ENABLED', lockReason: null },
    });
  });
});
