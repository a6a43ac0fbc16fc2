// Issue 28 through the local API: a reset customer enrolls with a passkey (a software authenticator
// written from the specifications), the login service signs them in with it, and every assertion an
// attacker could bring is refused and audited: a replay, another customer's passkey, a phishing origin,
// another RP ID, no user verification, a cloned authenticator's counter (only those made with the
// customer's own passkey count toward the lock: lib/passkeys/refusals.ts). A reset removes it all.
import { fixedClock, systemRandom } from '../../lib/clock';
import { credentialRef } from '../../lib/customers/passkeys';
import { verifyPasskeyAssertion } from '../../lib/passkeys/authentication';
import { auditEventsOf, expectIntactChain } from '../support/audit';
import { emailOf, mailTo, passOwnMail, resetCustomer } from '../support/fixtures';
import {
  admin,
  agent,
  assertion as signIn,
  enrolledWithPasskey,
  loginOptions,
  origin,
  register,
  registrationOptions,
  rpId,
  service,
  stack,
  usePasskeyStack,
  verify,
} from '../support/passkey-stack';
import { FLAGS, softPasskey } from '../support/soft-passkey';
import { customerItem } from './enrollment-helpers';

jest.setTimeout(60_000);

usePasskeyStack();

const twoFactor = async (customerId: string) =>
  (await stack.call('GET', `/internal/customers/${customerId}/2fa`, { token: service })).body;

const failuresOf = async (customerId: string) =>
  (await auditEventsOf(stack, customerId)).filter((event) => event.type === 'VERIFY_FAILED');

describe('enrollment with a passkey after a reset', () => {
  it('turns 2FA on with the passkey, issues ten backup codes, stores no secret in the audit', async () => {
    const { passkey, registered, ticket } = await enrolledWithPasskey('pk-honest');
    expect(registered).toMatchObject({ twoFactor: 'ENABLED', method: 'passkey', mode: 'ENROLL' });
    expect(registered.backupCodes).toHaveLength(10);
    expect(await twoFactor('pk-honest')).toEqual({
      twoFactor: 'ENABLED',
      methods: [
        { method: 'passkey', count: 1 },
        { method: 'backup_codes', count: 10 },
      ],
      // Named by a reference the removal route takes; no credential id, no key.
      passkeys: [
        {
          credentialRef: credentialRef(passkey.credentialId),
          createdAt: expect.any(String),
          synced: false,
          transports: ['internal'],
        },
      ],
    });
    const item = await customerItem(stack, 'pk-honest');
    expect(item?.passkeys?.[passkey.credentialId]).toMatchObject({
      credentialId: passkey.credentialId,
      signCount: 0,
      transports: ['internal'],
      backupEligible: false,
      backupState: false,
    });
    expect(item?.passkeyRegistrationChallenge).toBeUndefined();
    const events = await auditEventsOf(stack, 'pk-honest');
    const added = events.find((event) => event.type === 'PASSKEY_REGISTERED');
    expect(added?.details).toMatchObject({ backupEligible: false, transports: ['internal'] });
    expect(events.find((event) => event.type === 'TWO_FA_ENABLED')?.details).toMatchObject({
      method: 'passkey',
    });
    const trail = JSON.stringify(events);
    expect(trail).not.toContain(passkey.credentialId);
    expect(trail).not.toContain(String(item?.passkeys?.[passkey.credentialId]?.publicKey));
    await expectIntactChain(stack, 'pk-honest');
    // The ticket is spent as by /enroll/confirm: the same link cannot add another passkey.
    expect((await registrationOptions(ticket)).status).toBe(410);
    // The "2FA is on" mail names the passkey.
    await stack.poller?.drain();
    const mail = (await mailTo(stack, emailOf('pk-honest'))).find((sent) => /staat aan/i.test(sent.subject));
    expect(mail?.body.text).toMatch(/passkey \(vingerafdruk, gezicht of schermvergrendeling\)/);
  });

  it('refuses a registration without user verification, and the customer can then try again', async () => {
    const { ticket } = await resetCustomer(stack, 'pk-no-uv-reg', { agent, admin });
    const passkey = softPasskey();
    const first = await registrationOptions(ticket);
    const refused = await register(
      ticket,
      passkey.register({ challenge: first.body.challenge, origin, rpId, flags: FLAGS.UP }),
    );
    expect({ status: refused.status, code: refused.body.error?.code }).toEqual({
      status: 400,
      code: 'PASSKEY_NOT_VERIFIED',
    });
    expect((await twoFactor('pk-no-uv-reg')).twoFactor).toBe('DISABLED');
    // Honest side: a second try on the same link works.
    const second = await registrationOptions(ticket);
    expect(
      (await register(ticket, passkey.register({ challenge: second.body.challenge, origin, rpId }))).status,
    ).toBe(200);
  });

  it('refuses a registration made on another site, for another RP ID, or for an earlier challenge', async () => {
    const { ticket } = await resetCustomer(stack, 'pk-bad-reg', { agent, admin });
    const passkey = softPasskey();
    const earlier = (await registrationOptions(ticket)).body.challenge;
    const current = (await registrationOptions(ticket)).body.challenge;
    for (const ceremony of [
      { challenge: current, origin: 'https://login-cube.example', rpId },
      { challenge: current, origin, rpId: 'evil.example' },
      { challenge: earlier, origin, rpId },
    ]) {
      const refused = await register(ticket, passkey.register(ceremony));
      expect({ status: refused.status, code: refused.body.error?.code }).toEqual({
        status: 400,
        code: 'PASSKEY_NOT_VERIFIED',
      });
    }
    expect((await twoFactor('pk-bad-reg')).twoFactor).toBe('DISABLED');
  });

  it('answers a register without options with 409 and changes nothing', async () => {
    const { ticket } = await resetCustomer(stack, 'pk-no-options', { agent, admin });
    const refused = await register(ticket, softPasskey().register({ challenge: 'AAAA', origin, rpId }));
    expect({ status: refused.status, code: refused.body.error?.code }).toEqual({
      status: 409,
      code: 'NO_PENDING_ENROLLMENT',
    });
    expect((await twoFactor('pk-no-options')).twoFactor).toBe('DISABLED');
  });

  it('lets two parallel registrations of one challenge turn 2FA on once', async () => {
    const { ticket } = await resetCustomer(stack, 'pk-race', { agent, admin });
    const options = await registrationOptions(ticket);
    const [a, b] = [softPasskey(), softPasskey()];
    const answers = await Promise.all([
      register(ticket, a.register({ challenge: options.body.challenge, origin, rpId })),
      register(ticket, b.register({ challenge: options.body.challenge, origin, rpId })),
    ]);
    // The loser finds the link spent, as a second /enroll/confirm would.
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 410]);
    expect(Object.keys((await customerItem(stack, 'pk-race'))?.passkeys ?? {})).toHaveLength(1);
  });
});

describe('login with the passkey', () => {
  it('accepts an assertion of the registered passkey once; the replay is refused, audited, not counted', async () => {
    const { passkey } = await enrolledWithPasskey('pk-login');
    const assertion = await signIn('pk-login', passkey);
    expect((await verify('pk-login', assertion)).body).toEqual({ valid: true, method: 'passkey' });
    expect((await customerItem(stack, 'pk-login'))?.passkeys?.[passkey.credentialId]?.signCount).toBe(1);
    const replay = await verify('pk-login', assertion);
    expect(replay.body).toEqual({
      valid: false,
      method: 'passkey',
      reason: 'CHALLENGE_NOT_ISSUED',
      attemptsLeft: 5,
    });
    expect((await failuresOf('pk-login')).map((event) => event.details)).toEqual([
      expect.objectContaining({
        method: 'passkey',
        reason: 'CHALLENGE_NOT_ISSUED',
        attemptsLeft: 5,
        counted: false,
      }),
    ]);
    // Honest side: the next login works and ends the run of failures.
    expect((await verify('pk-login', await signIn('pk-login', passkey))).body.valid).toBe(true);
    expect((await customerItem(stack, 'pk-login'))?.verifyFailures).toBe(0);
  });

  it('accepts one of five parallel submissions of the same assertion', async () => {
    const { passkey } = await enrolledWithPasskey('pk-parallel');
    const assertion = await signIn('pk-parallel', passkey);
    const answers = await Promise.all(Array.from({ length: 5 }, () => verify('pk-parallel', assertion)));
    expect(answers.filter((answer) => answer.body.valid === true)).toHaveLength(1);
    expect(answers.filter((answer) => answer.body.reason === 'CHALLENGE_NOT_ISSUED')).toHaveLength(4);
  });

  it('refuses another customer’s passkey, a phishing origin, another RP ID, no user verification', async () => {
    const { passkey } = await enrolledWithPasskey('pk-victim');
    const { passkey: attackers } = await enrolledWithPasskey('pk-attacker');
    const challenge = async () => (await loginOptions('pk-victim')).body.challenge as string;
    // One login prompt at a time: each assertion answers the challenge issued just before it.
    const cases: [string, (challenge: string) => Record<string, unknown>][] = [
      ['UNKNOWN_CREDENTIAL', (challenge) => attackers.assert({ challenge, origin, rpId })],
      [
        'WRONG_ORIGIN',
        (challenge) => passkey.assert({ challenge, origin: 'https://cube-login.example', rpId }),
      ],
      ['WRONG_RP_ID', (challenge) => passkey.assert({ challenge, origin, rpId: 'cube-login.example' })],
      ['USER_NOT_VERIFIED', (challenge) => passkey.assert({ challenge, origin, rpId, flags: FLAGS.UP })],
    ];
    for (const [reason, assertion] of cases)
      expect((await verify('pk-victim', assertion(await challenge()))).body).toMatchObject({
        valid: false,
        method: 'passkey',
        reason,
      });
    expect((await failuresOf('pk-victim')).map((event) => event.details.reason)).toEqual(
      cases.map(([reason]) => reason),
    );
  });

  it('refuses a device-bound passkey whose counter goes back (a clone), but not a synced one’s', async () => {
    const { passkey } = await enrolledWithPasskey('pk-clone');
    expect((await verify('pk-clone', await signIn('pk-clone', passkey, { signCount: 7 }))).body.valid).toBe(
      true,
    );
    const clone = await verify('pk-clone', await signIn('pk-clone', passkey, { signCount: 3 }));
    expect(clone.body).toMatchObject({ valid: false, reason: 'COUNTER_WENT_BACKWARDS' });

    const synced = softPasskey({ synced: true });
    await enrolledWithPasskey('pk-synced', synced);
    expect((await customerItem(stack, 'pk-synced'))?.passkeys?.[synced.credentialId]).toMatchObject({
      backupEligible: true,
      backupState: true,
    });
    for (let round = 0; round < 2; round += 1)
      expect((await verify('pk-synced', await signIn('pk-synced', synced))).body.valid).toBe(true);
  });

  it('locks after five refused assertions, as after five wrong codes, and the backup code still works', async () => {
    const { passkey, registered } = await enrolledWithPasskey('pk-lock');
    for (let attempt = 1; attempt <= 4; attempt += 1)
      expect(
        (await verify('pk-lock', await signIn('pk-lock', passkey, { flags: FLAGS.UP }))).body.attemptsLeft,
      ).toBe(5 - attempt);
    const fifth = await verify('pk-lock', await signIn('pk-lock', passkey, { flags: FLAGS.UP }));
    expect({ status: fifth.status, code: fifth.body.error?.code }).toEqual({
      status: 429,
      code: 'TWO_FA_LOCKED',
    });
    expect((await loginOptions('pk-lock')).status).toBe(429);
    // The customer's way in during the lock: a backup code (the app code route knows passkey-only customers).
    const backup = await stack.call('POST', '/internal/customers/pk-lock/2fa/verify', {
      token: service,
      body: { code: registered.backupCodes[0] },
    });
    expect(backup.body).toMatchObject({ valid: true, method: 'backup_code' });
    const appCode = await stack.call('POST', '/internal/customers/pk-lock/2fa/verify', {
      token: service,
      body: { code: '123456' },
    });
    expect({ status: appCode.status, code: appCode.body.error?.code }).toEqual({
      status: 409,
      code: 'TOTP_NOT_ENABLED',
    });
  });

  it('refuses an assertion after its challenge expired', async () => {
    const { passkey } = await enrolledWithPasskey('pk-expired');
    const assertion = await signIn('pk-expired', passkey);
    const later = fixedClock(new Date(Date.now() + 301_000));
    const outcome = await verifyPasskeyAssertion('pk-expired', assertion as never, 'login-service', {
      clock: later,
      random: systemRandom,
    });
    expect(outcome).toMatchObject({ valid: false, reason: 'CHALLENGE_EXPIRED' });
  });

  it('answers bad input with 400 and a customer without passkeys with 409', async () => {
    await resetCustomer(stack, 'pk-none', { agent, admin });
    expect((await loginOptions('pk-none')).status).toBe(409);
    const malformed = await verify('pk-none', { id: 'not base64url!', type: 'public-key' });
    expect(malformed.status).toBe(400);
  });
});

describe('a helpdesk reset removes the passkeys', () => {
  it('removes the passkey with PASSKEY_REMOVED, and its assertions no longer count', async () => {
    const { passkey } = await enrolledWithPasskey('pk-reset');
    const caseId = await passOwnMail(stack, 'pk-reset', agent);
    const disabled = await stack.call('POST', '/admin/customers/pk-reset/2fa/disable', {
      token: admin,
      body: { verificationId: caseId, reason: 'lost phone again' },
    });
    expect(disabled.status).toBe(200);
    const item = await customerItem(stack, 'pk-reset');
    expect(item?.passkeys).toBeUndefined();
    expect(item?.passkeyLoginChallenge).toBeUndefined();
    expect((await twoFactor('pk-reset')).methods).toEqual([]);
    const removed = (await auditEventsOf(stack, 'pk-reset')).filter(
      (event) => event.type === 'PASSKEY_REMOVED',
    );
    expect(removed.map((event) => event.details.reason)).toEqual(['RESET']);
    expect(JSON.stringify(removed)).not.toContain(passkey.credentialId);
    expect((await loginOptions('pk-reset')).status).toBe(409);
    await expectIntactChain(stack, 'pk-reset');
  });
});
