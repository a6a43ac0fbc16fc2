// Triage before verification (the manual's "Probleem Herkenning"): a caller who still holds a factor is
// sent to self-service with a guide mailed to the addresses on file, audited, rate limited; only a caller
// with nothing left is verified, and that verification names the triage.
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { auditEventsOf, expectIntactChain } from '../support/audit';
import { createCustomer, markEnrolled } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
let agent: string;
let admin: string;

beforeAll(async () => {
  stack = await startTestStack({ pollStreams: true });
  agent = await stack.helpdeskToken('agent-bram');
  admin = await stack.adminToken('admin-anna');
}, 120000);
afterAll(async () => {
  await stack?.stop();
});

const emailOf = (customerId: string) => `${customerId}@example.nl`;
const copyOf = (customerId: string) => `${customerId}.thuis@example.org`;
const guidesTo = async (address: string) =>
  (await stack.sentEmails()).filter(
    (email) =>
      email.destination.to.includes(address) &&
      /tweestapsverificatie over|back-upcode|two-step verification to|backup code|passkey/i.test(
        email.subject,
      ),
  );

const enrolledCustomer = async (customerId: string, overrides: Record<string, unknown> = {}) => {
  await createCustomer(stack, customerId, {
    email: emailOf(customerId),
    notificationEmails: [copyOf(customerId)],
    ...overrides,
  });
  await markEnrolled(stack, customerId);
};

const newPhone = {
  reportedProblem: 'NEW_PHONE',
  oldAuthenticatorWorks: true,
  backupCodesAvailable: false,
  channel: 'phone',
};
const nothingLeft = {
  reportedProblem: 'PHONE_LOST',
  oldAuthenticatorWorks: false,
  backupCodesAvailable: false,
  channel: 'phone',
};

const triage = (customerId: string, body: unknown, token: unknown = agent) =>
  stack.call('POST', `/admin/customers/${customerId}/triage`, {
    token: token as string,
    body,
  });

const twoFactorOf = async (customerId: string) =>
  (await stack.call('GET', `/internal/customers/${customerId}/2fa`, { token: await stack.serviceToken() }))
    .body.twoFactor;

describe('triage of a caller', () => {
  it('sends a new-phone caller with the old phone to self-service: the guide goes to every address on file, nothing is reset', async () => {
    await enrolledCustomer('t-new-phone');
    const answer = await triage('t-new-phone', newPhone);
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      advice: 'SELF_SERVICE',
      selfServicePath: 'REPLACE_AUTHENTICATOR',
      notification: 'QUEUED',
      guidesLeftToday: 2,
    });
    await stack.poller?.drain();

    const [guide, ...more] = await guidesTo(emailOf('t-new-phone'));
    expect(more).toEqual([]);
    expect(guide?.subject).toBe('Zo zet u tweestapsverificatie over naar uw nieuwe telefoon');
    expect(guide?.body.text).toContain('kies "Authenticator vervangen"');
    expect(guide?.body.text).toContain('Beste Jan de Vries');
    expect(guide?.body.html).toContain('<li>Ga naar Profiel en kies "Authenticator vervangen".</li>');
    // NIST SP 800-63B-4 §4.6: the further address on file gets the same guide, one message each.
    const [copy] = await guidesTo(copyOf('t-new-phone'));
    expect(copy?.body.text).toBe(guide?.body.text);
    expect(copy?.destination.to).toEqual([copyOf('t-new-phone')]);

    expect(await twoFactorOf('t-new-phone')).toBe('ENABLED');
    const events = await expectIntactChain(stack, 't-new-phone');
    const recorded = events.find((event) => event.type === 'HELPDESK_TRIAGE_RECORDED');
    expect(recorded).toMatchObject({
      actorType: 'agent',
      actorId: 'agent-bram',
      eventId: answer.body.auditEventId,
    });
    // Ids, the yes/no answers and the advice; no name, no address, no free text.
    expect(recorded?.details).toEqual({
      triageId: answer.body.triageId,
      channel: 'phone',
      reportedProblem: 'NEW_PHONE',
      oldAuthenticatorWorks: true,
      backupCodesAvailable: false,
      advice: 'SELF_SERVICE',
      selfServicePath: 'REPLACE_AUTHENTICATOR',
      guideEmailed: true,
      guidesIn24h: 1,
    });
    expect(JSON.stringify(recorded)).not.toMatch(/example\.(nl|org)|Jan|Vries/);
    expect(events.find((event) => event.type === 'NOTIFICATION_SENT')?.details).toMatchObject({
      kind: 'SELF_SERVICE_GUIDE',
      triggeredBy: recorded?.eventId,
      copiesTo: 1,
      copiesSent: true,
    });
    expect(events.map((event) => event.type)).not.toContain('VERIFICATION_STARTED');
    expect(events.map((event) => event.type)).not.toContain('TWO_FA_DISABLED');
  });

  it('gives each path its own guide, in the customer’s language', async () => {
    await enrolledCustomer('t-paths-en', { locale: 'en' });
    const lost = await triage('t-paths-en', { ...nothingLeft, backupCodesAvailable: true }, admin);
    expect(lost.body).toMatchObject({ advice: 'SELF_SERVICE', selfServicePath: 'BACKUP_CODE_SIGN_IN' });
    const codes = await triage('t-paths-en', {
      ...newPhone,
      reportedProblem: 'BACKUP_CODES_LOST',
      channel: 'chat',
    });
    expect(codes.body).toMatchObject({ advice: 'SELF_SERVICE', selfServicePath: 'RENEW_BACKUP_CODES' });
    // "Passkey lost" of a customer with no passkey on file: no guide to remove nothing (its guide is in
    // triage-passkey.test.ts); nothing recorded, and the agent asks again.
    const key = await triage('t-paths-en', { ...newPhone, reportedProblem: 'PASSKEY_LOST' });
    expect([key.status, key.body.error?.code]).toEqual([409, 'NO_PASSKEY_ON_FILE']);
    await stack.poller?.drain();
    const guides = await guidesTo(emailOf('t-paths-en'));
    expect(guides.map((email) => email.subject)).toEqual([
      'How to log in with a backup code and set up a new authenticator',
      'How to make new backup codes',
    ]);
    expect(await twoFactorOf('t-paths-en')).toBe('ENABLED');
    const events = await expectIntactChain(stack, 't-paths-en');
    // An admin who takes the call is recorded as the admin.
    expect(events.find((event) => event.type === 'HELPDESK_TRIAGE_RECORDED')).toMatchObject({
      actorType: 'admin',
      actorId: 'admin-anna',
    });
  });

  it('sends a caller with nothing left to verification, mails nothing, and the verification names the triage', async () => {
    await enrolledCustomer('t-nothing');
    const answer = await triage('t-nothing', nothingLeft);
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ advice: 'VERIFY', because: 'NO_FACTOR_LEFT', notification: 'NONE' });
    expect(answer.body).not.toHaveProperty('selfServicePath');
    const started = await stack.call('POST', '/admin/customers/t-nothing/verifications', {
      token: agent,
      body: { channel: 'phone', triageId: answer.body.triageId },
    });
    expect(started.status).toBe(201);
    await stack.poller?.drain();
    expect(await guidesTo(emailOf('t-nothing'))).toEqual([]);
    const events = await expectIntactChain(stack, 't-nothing');
    expect(events.find((event) => event.type === 'VERIFICATION_STARTED')?.details).toMatchObject({
      verificationId: started.body.verificationId,
      reportedProblem: 'PHONE_LOST',
      triageId: answer.body.triageId,
    });
    expect(events.find((event) => event.type === 'HELPDESK_TRIAGE_RECORDED')?.details).toMatchObject({
      advice: 'VERIFY',
      because: 'NO_FACTOR_LEFT',
      guideEmailed: false,
    });
  });

  it('refuses a verification on a triage that advised self-service, an unknown triage, or another report', async () => {
    await enrolledCustomer('t-link');
    const selfService = await triage('t-link', newPhone);
    const start = (body: Record<string, unknown>) =>
      stack.call('POST', '/admin/customers/t-link/verifications', {
        token: agent,
        body: { channel: 'phone', ...body },
      });
    const refused = await start({ triageId: selfService.body.triageId });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'TRIAGE_ADVISED_SELF_SERVICE']);
    const verify = await triage('t-link', nothingLeft);
    // Only the newest triage is the call in progress: the older one no longer counts.
    const older = await start({ triageId: selfService.body.triageId });
    expect([older.status, older.body.error.code]).toEqual([409, 'TRIAGE_NOT_CURRENT']);
    const unknown = await start({ triageId: '01JZZZZZZZZZZZZZZZZZZZZZZZ' });
    expect([unknown.status, unknown.body.error.code]).toEqual([409, 'TRIAGE_NOT_CURRENT']);
    const differs = await start({ triageId: verify.body.triageId, reportedProblem: 'NEW_PHONE' });
    expect([differs.status, differs.body.error.code]).toEqual([400, 'TRIAGE_REPORT_DIFFERS']);
    const other = await triage('t-link-other', nothingLeft);
    expect(other.status).toBe(404);
    const events = await expectIntactChain(stack, 't-link');
    expect(events.map((event) => event.type)).not.toContain('VERIFICATION_STARTED');
  });

  it('cannot be skipped by leaving the triage out: after self-service advice a start without triageId is refused until a new triage', async () => {
    await enrolledCustomer('t-skip');
    expect((await triage('t-skip', newPhone)).body.advice).toBe('SELF_SERVICE');
    const start = (body: Record<string, unknown> = {}) =>
      stack.call('POST', '/admin/customers/t-skip/verifications', {
        token: agent,
        body: { channel: 'phone', reportedProblem: 'PHONE_LOST', ...body },
      });
    const skipped = await start();
    expect([skipped.status, skipped.body.error.code]).toEqual([409, 'TRIAGE_ADVISED_SELF_SERVICE']);
    // Self-service did not work after all: the agent asks again, and the new triage opens the way.
    const again = await triage('t-skip', nothingLeft);
    expect(again.body.advice).toBe('VERIFY');
    const started = await start({ triageId: again.body.triageId });
    expect(started.status).toBe(201);
  });

  it('lets a start without triageId go on once the self-service advice is older than the call (an hour)', async () => {
    await enrolledCustomer('t-skip-later');
    expect((await triage('t-skip-later', newPhone)).body.advice).toBe('SELF_SERVICE');
    await stack.dynamodb.send(
      new UpdateItemCommand({
        TableName: stack.tableNames.customers,
        Key: { customerId: { S: 't-skip-later' } },
        UpdateExpression: 'SET lastTriage.#at = :at',
        ExpressionAttributeNames: { '#at': 'at' },
        ExpressionAttributeValues: { ':at': { S: new Date(Date.now() - 61 * 60_000).toISOString() } },
      }),
    );
    const started = await stack.call('POST', '/admin/customers/t-skip-later/verifications', {
      token: agent,
      body: { channel: 'phone' },
    });
    expect(started.status).toBe(201);
  });

  it('answers helpdesk and admin only', async () => {
    await enrolledCustomer('t-who');
    const officer = await stack.call('POST', '/local/token', {
      body: { sub: 'officer-fatima', groups: ['security'] },
    });
    const asOfficer = await triage('t-who', newPhone, officer.body.token);
    expect(asOfficer.status).toBe(403);
    const anonymous = await stack.call('POST', '/admin/customers/t-who/triage', { body: newPhone });
    expect(anonymous.status).toBe(401);
    const service = await triage('t-who', newPhone, await stack.serviceToken());
    expect(service.status).toBe(401);
    await stack.poller?.drain();
    expect(await guidesTo(emailOf('t-who'))).toEqual([]);
    const events = await expectIntactChain(stack, 't-who');
    expect(events.map((event) => event.type)).not.toContain('HELPDESK_TRIAGE_RECORDED');
  });

  it('has no field for another address: an unknown field, a missing answer or a wrong word is 400', async () => {
    await enrolledCustomer('t-fields');
    for (const body of [
      { ...newPhone, sendTo: 'attacker@evil.example' },
      { ...newPhone, email: 'attacker@evil.example' },
      // Without a working app the back-up codes decide, so that answer is required; the app's always is.
      { reportedProblem: 'PHONE_LOST', oldAuthenticatorWorks: false, channel: 'phone' },
      { reportedProblem: 'NEW_PHONE', backupCodesAvailable: true, channel: 'phone' },
      { ...newPhone, oldAuthenticatorWorks: 'yes' },
      { ...newPhone, reportedProblem: 'SIM_SWAP' },
      { ...newPhone, channel: 'fax' },
    ]) {
      const answer = await triage('t-fields', body);
      expect([answer.status, answer.body.error.code]).toEqual([400, 'INVALID_REQUEST']);
    }
    await stack.poller?.drain();
    expect(
      (await stack.sentEmails()).filter((email) => email.destination.to.includes('attacker@evil.example')),
    ).toEqual([]);
    expect(await guidesTo(emailOf('t-fields'))).toEqual([]);
  });

  it('advises self-service on a working app alone: the back-up codes left unasked, and recorded as not asked', async () => {
    await enrolledCustomer('t-app-only');
    const answer = await triage('t-app-only', {
      reportedProblem: 'NEW_PHONE',
      oldAuthenticatorWorks: true,
      channel: 'phone',
    });
    expect([answer.status, answer.body.advice, answer.body.selfServicePath]).toEqual([
      201,
      'SELF_SERVICE',
      'REPLACE_AUTHENTICATOR',
    ]);
    const recorded = (await auditEventsOf(stack, 't-app-only')).find(
      (event) => event.type === 'HELPDESK_TRIAGE_RECORDED',
    );
    expect(recorded?.details.oldAuthenticatorWorks).toBe(true);
    expect(recorded?.details).not.toHaveProperty('backupCodesAvailable');
  });

  it('mails at most three guides a customer a day, also when asked in parallel; advice without mail goes on', async () => {
    await enrolledCustomer('t-limit');
    const answers = await Promise.all(Array.from({ length: 6 }, () => triage('t-limit', newPhone)));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 201).length).toBeLessThanOrEqual(3);
    // Lost races answer CONCURRENT_CHANGE (409); whatever wins, never a fourth guide.
    for (const answer of answers) expect([201, 409, 429]).toContain(answer.status);
    while ((await triage('t-limit', newPhone)).status !== 429);
    const limited = await triage('t-limit', newPhone);
    expect([limited.status, limited.body.error.code]).toEqual([429, 'SELF_SERVICE_GUIDE_DAILY_LIMIT']);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(86000);
    // The agent can still record the advice and tell the steps; only the mail is limited.
    const spoken = await triage('t-limit', { ...newPhone, emailGuide: false });
    expect(spoken.body).toMatchObject({ advice: 'SELF_SERVICE', notification: 'NONE', guidesLeftToday: 0 });
    expect((await triage('t-limit', nothingLeft)).status).toBe(201);
    await stack.poller?.drain();
    expect(await guidesTo(emailOf('t-limit'))).toHaveLength(3);
    expect(await guidesTo(copyOf('t-limit'))).toHaveLength(3);
  });

  it('under a "this wasn’t me" lock advises the security path and mails nothing, whatever the caller holds', async () => {
    await enrolledCustomer('t-locked');
    await stack.dynamodb.send(
      new UpdateItemCommand({
        TableName: stack.tableNames.customers,
        Key: { customerId: { S: 't-locked' } },
        UpdateExpression: 'SET recoveryLockedAt = :at, recoveryLockFlag = :flag',
        ExpressionAttributeValues: { ':at': { S: new Date().toISOString() }, ':flag': { S: 'LOCKED' } },
      }),
    );
    const answer = await triage('t-locked', { ...newPhone, backupCodesAvailable: true });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ advice: 'VERIFY', because: 'RECOVERY_LOCKED', notification: 'NONE' });
    // The self-service a guide would lead to is refused under the lock anyway.
    const stepUp = await stack.call('POST', '/internal/customers/t-locked/2fa/enrollment-ticket', {
      token: await stack.serviceToken(),
      body: { stepUpCode: '123456' },
    });
    expect([stepUp.status, stepUp.body.error.code]).toEqual([423, 'RECOVERY_LOCKED']);
    await stack.poller?.drain();
    expect(await guidesTo(emailOf('t-locked'))).toEqual([]);
  });

  it('under a lock takes the report without the factor questions, and records only what was asked; without a lock the questions stay required', async () => {
    await enrolledCustomer('t-locked-unasked');
    await enrolledCustomer('t-unlocked-unasked');
    await stack.dynamodb.send(
      new UpdateItemCommand({
        TableName: stack.tableNames.customers,
        Key: { customerId: { S: 't-locked-unasked' } },
        UpdateExpression: 'SET recoveryLockedAt = :at, recoveryLockFlag = :flag',
        ExpressionAttributeValues: { ':at': { S: new Date().toISOString() }, ':flag': { S: 'LOCKED' } },
      }),
    );
    const reportOnly = { reportedProblem: 'CANNOT_LOG_IN', channel: 'phone' };
    const locked = await triage('t-locked-unasked', reportOnly);
    expect(locked.status).toBe(201);
    expect(locked.body).toMatchObject({ advice: 'VERIFY', because: 'RECOVERY_LOCKED', notification: 'NONE' });
    const recorded = (await auditEventsOf(stack, 't-locked-unasked')).find(
      (event) => event.type === 'HELPDESK_TRIAGE_RECORDED',
    );
    expect(recorded?.details).toEqual({
      triageId: locked.body.triageId,
      channel: 'phone',
      reportedProblem: 'CANNOT_LOG_IN',
      advice: 'VERIFY',
      because: 'RECOVERY_LOCKED',
      guideEmailed: false,
    });

    // Without the lock (or after its release) the answer about the app decides: leaving it out is refused.
    const trailBefore = await auditEventsOf(stack, 't-unlocked-unasked');
    const unasked = await triage('t-unlocked-unasked', reportOnly);
    expect([unasked.status, unasked.body.error.code]).toEqual([400, 'TRIAGE_ANSWER_REQUIRED']);
    // The codes' answer alone is no triage either, locked or not.
    for (const customerId of ['t-locked-unasked', 't-unlocked-unasked']) {
      const codesOnly = await triage(customerId, { ...reportOnly, backupCodesAvailable: true });
      expect([codesOnly.status, codesOnly.body.error.code]).toEqual([400, 'INVALID_REQUEST']);
    }
    expect(await auditEventsOf(stack, 't-unlocked-unasked')).toEqual(trailBefore);
    expect((await triage('t-unlocked-unasked', { ...reportOnly, oldAuthenticatorWorks: true })).status).toBe(
      201,
    );
  });

  it('has nothing to triage for a customer without 2FA, and nothing at all for an erased one', async () => {
    await createCustomer(stack, 't-off', { email: emailOf('t-off') });
    const off = await triage('t-off', newPhone);
    expect([off.status, off.body.error.code]).toEqual([409, 'TWO_FA_NOT_ENABLED']);

    await enrolledCustomer('t-erased');
    const erased = await stack.call('POST', '/internal/customers/t-erased/erase', {
      token: await stack.serviceToken(),
      body: {},
    });
    expect(erased.status).toBe(200);
    const answer = await triage('t-erased', newPhone);
    expect([answer.status, answer.body.error.code]).toEqual([404, 'ERASED']);
    await stack.poller?.drain();
    expect(await guidesTo(emailOf('t-erased'))).toEqual([]);
  });

  it('sent every guide of this suite to one address on file of the customer it was for, one message each', async () => {
    await stack.poller?.drain();
    // The SES server is shared by the test files running beside this one: their guides go to their own
    // customers. This suite's customers are t-…; each of its guides must have gone to one of their
    // addresses on file, and the earlier tests counted each customer's guides exactly.
    const guides = (await stack.sentEmails()).filter(
      (email) =>
        /^(Zo |How to )/.test(email.subject) && email.destination.to.some((to) => to.startsWith('t-')),
    );
    expect(guides.length).toBeGreaterThanOrEqual(10);
    for (const guide of guides) {
      expect(guide.destination.cc).toEqual([]);
      expect(guide.destination.bcc).toEqual([]);
      expect(guide.destination.to).toHaveLength(1);
      expect(guide.destination.to[0]).toMatch(/^t-[a-z-]+(@example\.nl|\.thuis@example\.org)$/);
    }
  });
});
