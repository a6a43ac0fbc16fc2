// Issue 28, "a customer may add both": after enrolling, the page's ADD link adds a second authenticator
// (another passkey, or the app) beside the first, notified to every address on file; from the profile
// page an ADD or REPLACE link and new backup codes take a step-up, a passkey's included. The attacks:
// a spent, voided or expired link, no step-up, another customer's passkey as the step-up, a race past
// the passkey limit, and refused assertions that would burn the customer's login. The honest side: a
// reload or a cancelled prompt mid-add, a second try.
import { fixedClock, systemRandom } from '../../lib/clock';
import { MAX_PASSKEYS } from '../../lib/enrollment/add-another';
import { passkeyRegistrationOptions } from '../../lib/enrollment/passkey-registration';
import { UNCOUNTED_REFUSALS_PER_WINDOW } from '../../lib/passkeys/refusals';
import { expectIntactChain } from '../support/audit';
import { createCustomer, emailOf, mailTo } from '../support/fixtures';
import {
  addPasskey,
  assertion,
  enrolledWithPasskey,
  eventsOf,
  loginOptions,
  origin,
  profileTicket,
  register,
  registrationOptions,
  rpId,
  service,
  stack,
  usePasskeyStack,
  verify,
} from '../support/passkey-stack';
import { softPasskey } from '../support/soft-passkey';
import { authenticatorFrom, customerItem, issuedTicket } from './enrollment-helpers';

jest.setTimeout(120_000);

usePasskeyStack();

const verifyCode = (customerId: string, code: string) =>
  stack.call('POST', `/internal/customers/${customerId}/2fa/verify`, { token: service, body: { code } });
const renew = (customerId: string, body: unknown) =>
  stack.call('POST', `/internal/customers/${customerId}/2fa/backup-codes`, { token: service, body });

describe('a second authenticator right after enrolling', () => {
  it('adds a second passkey with the ADD link: both sign in, the codes stay, every address is told', async () => {
    const { passkey, registered, ticket } = await enrolledWithPasskey('add-second');
    // A further address on file, as the login service syncs it.
    await createCustomer(stack, 'add-second', {
      email: emailOf('add-second'),
      notificationEmails: ['add-second.partner@example.nl'],
    });
    expect(registered.addAnother).toEqual({ ticket: expect.any(String), expiresAt: expect.any(String) });
    const status = await stack.call('POST', '/enroll/status', {
      body: { ticket: registered.addAnother.ticket },
    });
    expect(status.body).toMatchObject({ state: 'VALID', purpose: 'ADD', mode: 'ADD', appOnFile: false });
    // The spent reset link adds nothing.
    expect((await registrationOptions(ticket)).status).toBe(410);

    const key = softPasskey();
    const added = await addPasskey(registered.addAnother.ticket, key);
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({
      twoFactor: 'ENABLED',
      method: 'passkey',
      mode: 'ADD',
      backupCodes: [],
    });
    for (const each of [passkey, key])
      expect((await verify('add-second', await assertion('add-second', each))).body.valid).toBe(true);
    // The backup codes of the enrollment still work: an addition replaced nothing.
    expect((await verifyCode('add-second', registered.backupCodes[0])).body).toMatchObject({
      valid: true,
      method: 'backup_code',
      backupCodesLeft: 9,
    });
    expect(
      (await stack.call('GET', '/internal/customers/add-second/2fa', { token: service })).body.methods,
    ).toEqual(expect.arrayContaining([{ method: 'passkey', count: 2 }]));
    const addedEvents = await eventsOf('add-second', 'AUTHENTICATOR_ADDED');
    expect(addedEvents.map((event) => event.details)).toEqual([
      { method: 'passkey', purpose: 'ADD', addAnotherUntil: added.body.addAnother.expiresAt },
    ]);
    expect(await eventsOf('add-second', 'PASSKEY_REGISTERED')).toHaveLength(2);
    expect(await eventsOf('add-second', 'PASSKEY_REMOVED')).toHaveLength(0);
    await expectIntactChain(stack, 'add-second');
    // NIST SP 800-63B-4 §4.1.2.1: the new authenticator is mailed to every address on file, naming it.
    await stack.poller?.drain();
    for (const address of [emailOf('add-second'), 'add-second.partner@example.nl']) {
      const notice = (await mailTo(stack, address)).find((mail) =>
        /nieuwe manier van inloggen/.test(mail.subject),
      );
      expect(notice?.body.text).toMatch(
        /passkey \(vingerafdruk, gezicht of schermvergrendeling\) toegevoegd/,
      );
      expect(notice?.body.text).toContain('Bel ');
      // Advice, no link: a lock link in a notice to every address would let any of them lock the customer out.
      expect(notice?.body.text).not.toContain('#ticket=');
    }
    // The ADD link is spent by the addition; the answer hands the next one.
    expect((await registrationOptions(registered.addAnother.ticket)).status).toBe(410);
    expect(added.body.addAnother.ticket).not.toBe(registered.addAnother.ticket);
  });

  it('adds the app beside a passkey, and refuses a second app', async () => {
    const { passkey, registered } = await enrolledWithPasskey('add-app');
    const { ticket } = registered.addAnother;
    const started = await stack.call('POST', '/enroll/start', { body: { ticket } });
    expect(started.body.mode).toBe('ADD');
    const app = authenticatorFrom(started.body.otpauthUri);
    const confirmed = await stack.call('POST', '/enroll/confirm', {
      body: { ticket, code: app.codeAt(Date.now()) },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ mode: 'ADD', backupCodes: [] });
    expect((await verify('add-app', await assertion('add-app', passkey))).body.valid).toBe(true);
    expect((await customerItem(stack, 'add-app'))?.totpSecret).toBeDefined();
    // The next ADD link knows the app is there, and /enroll/start refuses a second one before any QR code.
    const next = confirmed.body.addAnother.ticket;
    expect((await stack.call('POST', '/enroll/status', { body: { ticket: next } })).body.appOnFile).toBe(
      true,
    );
    const again = await stack.call('POST', '/enroll/start', { body: { ticket: next } });
    expect({ status: again.status, code: again.body.error?.code }).toEqual({
      status: 409,
      code: 'TOTP_ALREADY_ENABLED',
    });
    expect((await customerItem(stack, 'add-app'))?.pendingEnrollment).toBeUndefined();
  });

  it('lets a customer who reloads or cancels the prompt mid-add try again with the same link', async () => {
    const { registered } = await enrolledWithPasskey('add-reload');
    const { ticket } = registered.addAnother;
    // A reload asks for the link's state and the options again; a cancelled prompt leaves options unanswered.
    expect((await stack.call('POST', '/enroll/status', { body: { ticket } })).body.state).toBe('VALID');
    const abandoned = await registrationOptions(ticket);
    expect(abandoned.status).toBe(200);
    expect((await stack.call('POST', '/enroll/status', { body: { ticket } })).body.state).toBe('VALID');
    const key = softPasskey();
    const added = await addPasskey(ticket, key);
    expect(added.body.mode).toBe('ADD');
    // The same authenticator twice is refused (the browser is told by excludeCredentials too).
    const twice = await addPasskey(added.body.addAnother.ticket, key);
    expect({ status: twice.status, code: twice.body.error?.code }).toEqual({
      status: 409,
      code: 'PASSKEY_ALREADY_REGISTERED',
    });
  });
});

describe('what an attacker tries with ADD links', () => {
  it('refuses an expired ADD link and one voided by a newer link', async () => {
    const { registered, passkey } = await enrolledWithPasskey('add-stale');
    const { ticket } = registered.addAnother;
    const later = fixedClock(new Date(Date.now() + 31 * 60_000));
    await expect(
      passkeyRegistrationOptions(ticket, { clock: later, random: systemRandom }),
    ).rejects.toMatchObject({
      code: 'TICKET_EXPIRED',
    });
    // The customer asks the profile page for a link (step-up with the passkey): the older one is void.
    const issued = await profileTicket('add-stale', {
      purpose: 'ADD',
      stepUpPasskey: await assertion('add-stale', passkey),
    });
    expect(issued.status).toBe(200);
    const voided = await registrationOptions(ticket);
    expect({ status: voided.status, code: voided.body.error?.code }).toEqual({
      status: 410,
      code: 'TICKET_VOIDED',
    });
    expect(Object.keys((await customerItem(stack, 'add-stale'))?.passkeys ?? {})).toHaveLength(1);
  });

  it('refuses a profile ADD or REPLACE link without a step-up, with a wrong one, or with another customer’s passkey', async () => {
    const { passkey: victims } = await enrolledWithPasskey('add-victim');
    const { passkey: attackers } = await enrolledWithPasskey('add-attacker');
    const before = (await eventsOf('add-victim', 'ENROLLMENT_TICKET_ISSUED')).length;
    const none = await profileTicket('add-victim', { purpose: 'ADD' });
    expect({ status: none.status, code: none.body.error?.code }).toEqual({
      status: 400,
      code: 'STEP_UP_REQUIRED',
    });
    // The attacker's own passkey, answering the victim's login challenge.
    const challenge = (await loginOptions('add-victim')).body.challenge as string;
    for (const purpose of ['ADD', 'REPLACE']) {
      const foreign = await profileTicket('add-victim', {
        purpose,
        stepUpPasskey: attackers.assert({ challenge, origin, rpId }),
      });
      expect({
        status: foreign.status,
        code: foreign.body.error?.code,
        reason: foreign.body.error?.details?.reason,
      }).toEqual({
        status: 403,
        code: 'PASSKEY_NOT_ACCEPTED',
        reason: 'UNKNOWN_CREDENTIAL',
      });
    }
    const both = await profileTicket('add-victim', {
      purpose: 'ADD',
      stepUpCode: '123456',
      stepUpPasskey: victims.assert({ challenge, origin, rpId }),
    });
    expect({ status: both.status, code: both.body.error?.code }).toEqual({
      status: 400,
      code: 'STEP_UP_AMBIGUOUS',
    });
    expect(await eventsOf('add-victim', 'ENROLLMENT_TICKET_ISSUED')).toHaveLength(before);
    // The victim's challenge survived the attacker's refusals: the victim's own step-up still works.
    const own = await profileTicket('add-victim', {
      purpose: 'ADD',
      stepUpPasskey: victims.assert({ challenge, origin, rpId }),
    });
    expect(own.status).toBe(200);
    expect((await eventsOf('add-victim', 'ENROLLMENT_TICKET_ISSUED')).at(-1)?.details).toMatchObject({
      purpose: 'ADD',
      stepUpMethod: 'passkey',
    });
  });

  it(`holds a customer to ${MAX_PASSKEYS} passkeys, also when two additions race for the last place`, async () => {
    const { registered } = await enrolledWithPasskey('add-limit');
    let ticket: string = registered.addAnother.ticket;
    for (let count = 2; count < MAX_PASSKEYS; count += 1) {
      const added = await addPasskey(ticket, softPasskey());
      expect(added.status).toBe(200);
      ticket = added.body.addAnother.ticket;
    }
    // Nine on file: two authenticators answer the same prompt at once; one gets the last place.
    const options = await registrationOptions(ticket);
    const answers = await Promise.all(
      [softPasskey(), softPasskey()].map((key) =>
        register(ticket, key.register({ challenge: options.body.challenge, origin, rpId })),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 410]);
    const winner = answers.find((answer) => answer.status === 200);
    expect(Object.keys((await customerItem(stack, 'add-limit'))?.passkeys ?? {})).toHaveLength(MAX_PASSKEYS);
    const full = await registrationOptions(winner?.body.addAnother.ticket);
    expect({ status: full.status, code: full.body.error?.code }).toEqual({
      status: 409,
      code: 'PASSKEY_LIMIT_REACHED',
    });
    expect((await customerItem(stack, 'add-limit'))?.passkeyRegistrationChallenge).toBeUndefined();
  });
});

describe('a passkey as the step-up', () => {
  it('renews the backup codes with a passkey, and refuses another customer’s', async () => {
    const { passkey, registered } = await enrolledWithPasskey('renew-pk');
    const { passkey: other } = await enrolledWithPasskey('renew-pk-other');
    const challenge = (await loginOptions('renew-pk')).body.challenge as string;
    const foreign = await renew('renew-pk', { stepUpPasskey: other.assert({ challenge, origin, rpId }) });
    expect({ status: foreign.status, code: foreign.body.error?.code }).toEqual({
      status: 403,
      code: 'PASSKEY_NOT_ACCEPTED',
    });
    expect(await eventsOf('renew-pk', 'BACKUP_CODES_REGENERATED')).toHaveLength(0);
    expect((await renew('renew-pk', {})).body.error?.code).toBe('STEP_UP_REQUIRED');
    const renewed = await renew('renew-pk', { stepUpPasskey: passkey.assert({ challenge, origin, rpId }) });
    expect(renewed.status).toBe(200);
    expect(renewed.body.backupCodes).toHaveLength(10);
    expect((await eventsOf('renew-pk', 'BACKUP_CODES_REGENERATED'))[0]?.details).toMatchObject({
      stepUpMethod: 'passkey',
    });
    // The old codes stopped working; the new ones work.
    expect((await verifyCode('renew-pk', registered.backupCodes[0])).body.valid).toBe(false);
    expect((await verifyCode('renew-pk', renewed.body.backupCodes[0])).body.valid).toBe(true);
    // The same assertion again is a replay: its challenge was spent by the renewal.
    const replay = await renew('renew-pk', { stepUpPasskey: passkey.assert({ challenge, origin, rpId }) });
    expect(replay.body.error?.details?.reason).toBe('CHALLENGE_NOT_ISSUED');
  });

  it('replaces a passkey-only customer’s passkey after a passkey step-up', async () => {
    const { passkey } = await enrolledWithPasskey('replace-pk');
    const { ticket } = await issuedTicket(stack, service, 'replace-pk', {
      stepUpPasskey: await assertion('replace-pk', passkey),
    });
    const fresh = softPasskey();
    const replaced = await addPasskey(ticket, fresh);
    expect(replaced.body).toMatchObject({ mode: 'REPLACE', method: 'passkey' });
    expect(replaced.body.backupCodes).toHaveLength(10);
    expect(Object.keys((await customerItem(stack, 'replace-pk'))?.passkeys ?? {})).toEqual([
      fresh.credentialId,
    ]);
    expect((await eventsOf('replace-pk', 'PASSKEY_REMOVED')).map((event) => event.details.reason)).toEqual([
      'REPLACED',
    ]);
    expect(await eventsOf('replace-pk', 'AUTHENTICATOR_REPLACED')).toHaveLength(1);
  });
});

describe('refused assertions that prove nothing about the customer’s passkey', () => {
  it('neither count toward the lock nor spend the customer’s login challenge, and are limited per customer', async () => {
    const { passkey } = await enrolledWithPasskey('burn-victim');
    const stranger = softPasskey();
    const challenge = (await loginOptions('burn-victim')).body.challenge as string;
    for (let attempt = 1; attempt <= UNCOUNTED_REFUSALS_PER_WINDOW; attempt += 1)
      expect((await verify('burn-victim', stranger.assert({ challenge, origin, rpId }))).body).toEqual({
        valid: false,
        method: 'passkey',
        reason: 'UNKNOWN_CREDENTIAL',
        attemptsLeft: 5,
      });
    const flood = await verify('burn-victim', stranger.assert({ challenge, origin, rpId }));
    expect({ status: flood.status, code: flood.body.error?.code }).toEqual({
      status: 429,
      code: 'PASSKEY_REFUSALS_LIMITED',
    });
    const failures = await eventsOf('burn-victim', 'VERIFY_FAILED');
    expect(failures).toHaveLength(UNCOUNTED_REFUSALS_PER_WINDOW);
    expect(failures.every((event) => event.details.counted === false)).toBe(true);
    const item = await customerItem(stack, 'burn-victim');
    expect(item?.verifyFailures ?? 0).toBe(0);
    expect(item?.twoFactor).toBe('ENABLED');
    // The honest customer answers the very prompt the attacker tried to burn.
    expect((await verify('burn-victim', passkey.assert({ challenge, origin, rpId }))).body).toEqual({
      valid: true,
      method: 'passkey',
    });
  });
});
