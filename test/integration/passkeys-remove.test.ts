// Issue 28, a lost security key while the phone's passkey still works: the profile page removes that
// one passkey after a step-up by another factor, never the last authenticator (that is the helpdesk's
// reset), audited, mailed to every address on file and published. The attacks: the passkey being
// removed as its own step-up, another customer's passkey, two removals racing for the last two
// passkeys, wrong step-up codes, and the removed passkey's assertion at login. The honest side: a typo
// then the right code, and a removed passkey added again.
import type { BusEvent } from '../../local/event-bus';
import { credentialRef } from '../../lib/customers/passkeys';
import { expectIntactChain } from '../support/audit';
import { createCustomer, emailOf, mailTo, resetCustomer } from '../support/fixtures';
import {
  addPasskey,
  admin,
  agent,
  assertion,
  eventsOf,
  loginOptions,
  origin,
  profileTicket,
  rpId,
  service,
  stack,
  usePasskeyStack,
  verify,
} from '../support/passkey-stack';
import { softPasskey } from '../support/soft-passkey';
import { authenticatorFrom, customerItem } from './enrollment-helpers';
import { awaitFreshStep } from './self-service-helpers';

jest.setTimeout(150_000);

usePasskeyStack();

const status = (customerId: string) =>
  stack.call('GET', `/internal/customers/${customerId}/2fa`, { token: service });
const remove = (customerId: string, ref: string, body: unknown) =>
  stack.call('POST', `/internal/customers/${customerId}/passkeys/${ref}/remove`, { token: service, body });
/** Reset, the phone's passkey from the mailed link, then a security key with the ADD link it handed back. */
const withPhoneAndKey = async (customerId: string) => {
  const { ticket } = await resetCustomer(stack, customerId, { agent, admin });
  const phone = softPasskey({ synced: true });
  const first = await addPasskey(ticket, phone);
  expect(first.status).toBe(200);
  const key = softPasskey();
  const second = await addPasskey(first.body.addAnother.ticket, key);
  expect(second.status).toBe(200);
  return { phone, key, backupCodes: first.body.backupCodes as string[], next: second.body.addAnother };
};

/** Reset, a passkey, then the app with the ADD link; the app's step `step - 1` is spent by the confirm. */
const withAppAndPasskey = async (customerId: string) => {
  const { ticket } = await resetCustomer(stack, customerId, { agent, admin });
  const passkey = softPasskey();
  const first = await addPasskey(ticket, passkey);
  expect(first.status).toBe(200);
  const added = first.body.addAnother.ticket as string;
  const started = await stack.call('POST', '/enroll/start', { body: { ticket: added } });
  const app = authenticatorFrom(started.body.otpauthUri);
  const step = await awaitFreshStep();
  const confirmed = await stack.call('POST', '/enroll/confirm', {
    body: { ticket: added, code: app.codeForStep(step - 1) },
  });
  expect(confirmed.status).toBe(200);
  return { passkey, app, step, backupCodes: first.body.backupCodes as string[] };
};

const passkeyIds = async (customerId: string) =>
  Object.keys((await customerItem(stack, customerId))?.passkeys ?? {}).sort();
const refused = (response: { status: number; body: { error?: { code?: string } } }) => ({
  status: response.status,
  code: response.body.error?.code,
});
const factorDisables = async (customerId: string) => {
  const events = (await stack.call('GET', '/local/events')).body.events as BusEvent[];
  return events.filter((event) => {
    const detail = event.detail as { user?: { uid?: string }; activity_id?: number } | undefined;
    return detail?.user?.uid === customerId && detail.activity_id === 11;
  });
};

describe('removing a lost security key from the profile page', () => {
  it('removes the key after a step-up with the phone’s passkey: the key no longer signs in, every address is told', async () => {
    const { phone, key } = await withPhoneAndKey('rm-key');
    await createCustomer(stack, 'rm-key', {
      email: emailOf('rm-key'),
      notificationEmails: ['rm-key.partner@example.nl'],
    });
    await stack.poller?.drain();
    const disablesBefore = (await factorDisables('rm-key')).length;
    const listed = (await status('rm-key')).body.passkeys as { credentialRef: string; synced: boolean }[];
    expect(listed.map((entry) => entry.credentialRef).sort()).toEqual(
      [credentialRef(phone.credentialId), credentialRef(key.credentialId)].sort(),
    );
    expect(listed.find((entry) => entry.credentialRef === credentialRef(phone.credentialId))?.synced).toBe(
      true,
    );
    // An assertion the key made before it was removed: a thief of the key would hold one like it.
    const keysOld = await assertion('rm-key', key);

    const removed = await remove('rm-key', credentialRef(key.credentialId), {
      stepUpPasskey: await assertion('rm-key', phone),
    });
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({
      removed: true,
      credentialRef: credentialRef(key.credentialId),
      methods: [
        { method: 'passkey', count: 1 },
        { method: 'backup_codes', count: 10 },
      ],
    });
    expect(await passkeyIds('rm-key')).toEqual([phone.credentialId]);
    const [event, ...more] = await eventsOf('rm-key', 'PASSKEY_REMOVED');
    expect(more).toHaveLength(0);
    // The credential by its hash only: no credential id, no public key in the trail.
    expect(event?.details).toEqual({
      credentialRef: credentialRef(key.credentialId),
      reason: 'SELF_SERVICE',
      stepUpMethod: 'passkey',
    });
    await expectIntactChain(stack, 'rm-key');

    // The removed key: its old assertion and a fresh one are refused; it is no longer offered at login.
    const options = await loginOptions('rm-key');
    expect(options.body.allowCredentials.map((entry: { id: string }) => entry.id)).toEqual([
      phone.credentialId,
    ]);
    expect((await verify('rm-key', keysOld)).body).toMatchObject({
      valid: false,
      reason: 'UNKNOWN_CREDENTIAL',
    });
    const fresh = key.assert({ challenge: options.body.challenge, origin, rpId });
    expect((await verify('rm-key', fresh)).body).toMatchObject({
      valid: false,
      reason: 'UNKNOWN_CREDENTIAL',
    });
    // The phone's passkey answers that same prompt: the refusals spent nothing of the customer's.
    expect(
      (await verify('rm-key', phone.assert({ challenge: options.body.challenge, origin, rpId }))).body,
    ).toEqual({
      valid: true,
      method: 'passkey',
    });

    // NIST SP 800-63B-4 §4.1.2.1: the change is mailed to every address on file; advice, no link.
    await stack.poller?.drain();
    for (const address of [emailOf('rm-key'), 'rm-key.partner@example.nl']) {
      const notice = (await mailTo(stack, address)).find((mail) =>
        /passkey van uw account verwijderd/.test(mail.subject),
      );
      expect(notice?.body.text).toContain('Was u dit niet?');
      expect(notice?.body.text).not.toMatch(/https?:\/\/|#ticket=/);
    }
    // Published as an MFA Factor Disable, once.
    expect((await factorDisables('rm-key')).length).toBe(disablesBefore + 1);
  });

  it('refuses the passkey being removed as its own step-up, before it is judged', async () => {
    const { phone, key } = await withPhoneAndKey('rm-self');
    const { challenge } = (await loginOptions('rm-self')).body;
    const own = await remove('rm-self', credentialRef(key.credentialId), {
      stepUpPasskey: key.assert({ challenge, origin, rpId }),
    });
    expect(refused(own)).toEqual({ status: 400, code: 'STEP_UP_SAME_PASSKEY' });
    expect(await passkeyIds('rm-self')).toEqual([key.credentialId, phone.credentialId].sort());
    expect(await eventsOf('rm-self', 'PASSKEY_REMOVED')).toHaveLength(0);
    expect(await eventsOf('rm-self', 'VERIFY_FAILED')).toHaveLength(0);
    // Nothing counted, the prompt not spent: the phone answers it and removes the key.
    expect((await customerItem(stack, 'rm-self'))?.verifyFailures ?? 0).toBe(0);
    const byPhone = await remove('rm-self', credentialRef(key.credentialId), {
      stepUpPasskey: phone.assert({ challenge, origin, rpId }),
    });
    expect(byPhone.status).toBe(200);
  });

  it('answers 404 for another customer’s passkey and changes nothing on either account', async () => {
    const victim = await withPhoneAndKey('rm-victim');
    const attacker = await withPhoneAndKey('rm-attacker');
    const before = (await customerItem(stack, 'rm-attacker'))?.backupCodeHashes?.size;
    const foreign = await remove('rm-attacker', credentialRef(victim.key.credentialId), {
      stepUpCode: attacker.backupCodes[0],
    });
    expect(refused(foreign)).toEqual({ status: 404, code: 'PASSKEY_NOT_FOUND' });
    // Refused before the step-up: the backup code is not spent.
    expect((await customerItem(stack, 'rm-attacker'))?.backupCodeHashes?.size).toBe(before);
    expect(await passkeyIds('rm-victim')).toEqual(
      [victim.phone.credentialId, victim.key.credentialId].sort(),
    );
    expect(await passkeyIds('rm-attacker')).toHaveLength(2);
    for (const customerId of ['rm-victim', 'rm-attacker'])
      expect(await eventsOf(customerId, 'PASSKEY_REMOVED')).toHaveLength(0);
    // A reference that is no hash at all, or a path trick, is refused by the route's schema.
    for (const ref of ['ABC', credentialRef(victim.key.credentialId).toUpperCase(), '..%2F..%2Fverify'])
      expect((await remove('rm-victim', ref, { stepUpCode: victim.backupCodes[0] })).status).toBe(400);
    expect(await passkeyIds('rm-victim')).toHaveLength(2);
  });

  it('of two removals at once of the last two passkeys exactly one wins; the last one stays', async () => {
    const { phone, key, backupCodes } = await withPhoneAndKey('rm-race');
    const answers = await Promise.all([
      remove('rm-race', credentialRef(phone.credentialId), { stepUpCode: backupCodes[0] }),
      remove('rm-race', credentialRef(key.credentialId), { stepUpCode: backupCodes[1] }),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect(answers.map((answer) => answer.body.error?.code).filter(Boolean)).toEqual(['LAST_AUTHENTICATOR']);
    expect(await passkeyIds('rm-race')).toHaveLength(1);
    expect(await eventsOf('rm-race', 'PASSKEY_REMOVED')).toHaveLength(1);
    await expectIntactChain(stack, 'rm-race');
    // The last authenticator stays, whatever the step-up: that is the helpdesk's reset.
    const [left] = await passkeyIds('rm-race');
    const last = await remove('rm-race', credentialRef(left ?? ''), { stepUpCode: backupCodes[2] });
    expect(refused(last)).toEqual({ status: 409, code: 'LAST_AUTHENTICATOR' });
    expect(await passkeyIds('rm-race')).toEqual([left]);
  });
});

describe('the step-up code for a removal', () => {
  it('counts a wrong code as at login; a typo then the right code removes the passkey, and it can be added again', async () => {
    const { passkey, app, step } = await withAppAndPasskey('rm-typo');
    const ref = credentialRef(passkey.credentialId);
    const first = await remove('rm-typo', ref, { stepUpCode: app.wrongCodeAt(Date.now()) });
    expect(refused(first)).toEqual({ status: 403, code: 'WRONG_CODE' });
    expect(first.body.error.details).toMatchObject({ attemptsLeft: 4 });
    const second = await remove('rm-typo', ref, { stepUpCode: app.wrongCodeAt(Date.now(), 1) });
    expect(second.body.error.details).toMatchObject({ attemptsLeft: 3 });
    expect((await customerItem(stack, 'rm-typo'))?.verifyFailures).toBe(2);
    expect(await eventsOf('rm-typo', 'VERIFY_FAILED')).toHaveLength(2);
    expect(await passkeyIds('rm-typo')).toEqual([passkey.credentialId]);
    // No step-up at all, or two: refused before anything is counted.
    expect(refused(await remove('rm-typo', ref, {}))).toEqual({ status: 400, code: 'STEP_UP_REQUIRED' });
    expect((await customerItem(stack, 'rm-typo'))?.verifyFailures).toBe(2);

    const removed = await remove('rm-typo', ref, { stepUpCode: app.codeForStep(step) });
    expect(removed.status).toBe(200);
    expect(removed.body.methods).toEqual([
      { method: 'totp', count: 1 },
      { method: 'backup_codes', count: 10 },
    ]);
    const item = await customerItem(stack, 'rm-typo');
    expect(item?.passkeys).toBeUndefined();
    expect(item?.verifyFailures ?? 0).toBe(0);
    expect((await status('rm-typo')).body.passkeys).toBeUndefined();
    expect((await eventsOf('rm-typo', 'PASSKEY_REMOVED'))[0]?.details).toMatchObject({
      stepUpMethod: 'totp',
    });
    // The app is now the last authenticator; a passkey login is refused plainly.
    expect(refused(await loginOptions('rm-typo'))).toEqual({ status: 409, code: 'PASSKEY_NOT_ENABLED' });

    // Found again (the key was in a coat pocket): an ADD link, and the same passkey is on the account again.
    const issued = await profileTicket('rm-typo', { purpose: 'ADD', stepUpCode: app.codeForStep(step + 1) });
    expect(issued.status).toBe(200);
    const again = await addPasskey(issued.body.ticket, passkey);
    expect(again.status).toBe(200);
    expect((await verify('rm-typo', await assertion('rm-typo', passkey))).body.valid).toBe(true);
  });
});
