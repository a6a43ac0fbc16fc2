// A caller whose phone is gone but whose passkey still signs in holds a working factor: the triage
// asks about the passkey (only of a customer with one on file), sends that caller to self-service with
// the passkey guide, and the passkey then gets a replacement ticket without any reset. The other side:
// an answer about a passkey the customer does not have counts for nothing, and a client that skipped
// the question is asked again.
import { createCustomer, emailOf, markEnrolled } from '../support/fixtures';
import {
  agent,
  assertion,
  enrolledWithPasskey,
  eventsOf,
  service,
  stack,
  usePasskeyStack,
} from '../support/passkey-stack';

jest.setTimeout(150_000);
usePasskeyStack();

const triage = (customerId: string, answers: Record<string, unknown>) =>
  stack.call('POST', `/admin/customers/${customerId}/triage`, {
    token: agent,
    body: { reportedProblem: 'PHONE_LOST', channel: 'phone', ...answers },
  });
const triagesOf = (customerId: string) => eventsOf(customerId, 'HELPDESK_TRIAGE_RECORDED');

describe('triage: a passkey that still signs in', () => {
  it('is asked before the codes, sends the caller to self-service with its guide, and the passkey gets the new app', async () => {
    const customerId = 'tp-passkey';
    // Reset, then a passkey from the mailed link: the customer's one factor (plus the backup codes).
    const { passkey } = await enrolledWithPasskey(customerId);
    const before = (await triagesOf(customerId)).length;

    // Skipping the passkey question for a customer who has one: asked again, nothing recorded.
    const skipped = await triage(customerId, { oldAuthenticatorWorks: false, backupCodesAvailable: false });
    expect(skipped.status).toBe(400);
    expect(skipped.body.error.code).toBe('TRIAGE_ANSWER_REQUIRED');
    expect(await triagesOf(customerId)).toHaveLength(before);

    const advised = await triage(customerId, { oldAuthenticatorWorks: false, passkeyWorks: true });
    expect(advised.status).toBe(201);
    expect(advised.body).toMatchObject({
      advice: 'SELF_SERVICE',
      selfServicePath: 'PASSKEY_SIGN_IN',
      notification: 'QUEUED',
    });
    await stack.poller?.drain();
    const guide = (await stack.sentEmails()).find(
      (email) =>
        email.destination.to.includes(emailOf(customerId)) &&
        email.subject === 'Zo logt u in met uw passkey en zet u een nieuwe authenticator op',
    );
    expect(guide?.body.text).toContain('kies bij de 2FA-vraag "Inloggen met een passkey"');
    expect((await triagesOf(customerId)).at(-1)?.details).toMatchObject({
      oldAuthenticatorWorks: false,
      passkeyWorks: true,
      advice: 'SELF_SERVICE',
      selfServicePath: 'PASSKEY_SIGN_IN',
    });

    // What the guide says works: the passkey is the step-up for a new app, with no reset.
    const ticket = await stack.call('POST', `/internal/customers/${customerId}/2fa/enrollment-ticket`, {
      token: service,
      body: { stepUpPasskey: await assertion(customerId, passkey) },
    });
    expect(ticket.status).toBe(200);
    expect(ticket.body.ticket).toEqual(expect.any(String));

    // A passkey that does not sign in either: the codes decide, as before.
    const nothing = await triage(customerId, {
      oldAuthenticatorWorks: false,
      passkeyWorks: false,
      backupCodesAvailable: false,
      emailGuide: false,
    });
    expect(nothing.body).toMatchObject({ advice: 'VERIFY', because: 'NO_FACTOR_LEFT' });
  });

  it('counts no answer about a passkey the customer does not have, and asks no passkey of a working app', async () => {
    const customerId = 'tp-none';
    await createCustomer(stack, customerId);
    await markEnrolled(stack, customerId);

    // A console that still showed a (since removed) passkey skipped the codes: asked again.
    const stale = await triage(customerId, { oldAuthenticatorWorks: false, passkeyWorks: true });
    expect(stale.status).toBe(400);
    expect(stale.body.error.code).toBe('TRIAGE_ANSWER_REQUIRED');
    expect(await triagesOf(customerId)).toEqual([]);

    const answered = await triage(customerId, {
      oldAuthenticatorWorks: false,
      passkeyWorks: true,
      backupCodesAvailable: false,
    });
    expect(answered.body).toMatchObject({ advice: 'VERIFY', because: 'NO_FACTOR_LEFT' });
    const [recorded] = await triagesOf(customerId);
    expect(recorded?.details).not.toHaveProperty('passkeyWorks');

    const withApp = await triage(customerId, { oldAuthenticatorWorks: true, passkeyWorks: true });
    expect(withApp.status).toBe(400);
    expect(await triagesOf(customerId)).toHaveLength(1);
  });

  it('takes "passkey lost" only of a customer with a passkey on file, and mails its guide in the customer’s language', async () => {
    const withKey = 'tp-lost-key';
    await enrolledWithPasskey(withKey);
    // The same record in English (the login service's sync): the guide follows the customer's language.
    await createCustomer(stack, withKey, { email: emailOf(withKey), locale: 'en' });
    const lost = await triage(withKey, { reportedProblem: 'PASSKEY_LOST', oldAuthenticatorWorks: true });
    expect(lost.status).toBe(201);
    expect(lost.body).toMatchObject({ advice: 'SELF_SERVICE', selfServicePath: 'REMOVE_PASSKEY' });
    await stack.poller?.drain();
    const guide = (await stack.sentEmails()).find(
      (email) =>
        email.destination.to.includes(emailOf(withKey)) &&
        email.subject === 'How to remove the passkey you lost',
    );
    expect(guide?.body.text).toContain('choose "Remove"');

    // Without a passkey on file (never had one, or removed while the console showed it): refused, whatever
    // the answers, with nothing recorded and no mail; the agent asks what was lost and records that.
    const none = 'tp-lost-none';
    await createCustomer(stack, none, { email: emailOf(none) });
    await markEnrolled(stack, none);
    const mailsBefore = (await stack.sentEmails()).length;
    for (const answers of [
      { oldAuthenticatorWorks: true },
      { oldAuthenticatorWorks: false, backupCodesAvailable: false },
      { oldAuthenticatorWorks: false, passkeyWorks: true, backupCodesAvailable: true },
    ]) {
      const refused = await triage(none, { reportedProblem: 'PASSKEY_LOST', ...answers });
      expect([refused.status, refused.body.error.code]).toEqual([409, 'NO_PASSKEY_ON_FILE']);
    }
    expect(await triagesOf(none)).toEqual([]);
    const asked = await triage(none, { reportedProblem: 'APP_BROKEN', oldAuthenticatorWorks: true });
    expect(asked.body).toMatchObject({ advice: 'SELF_SERVICE', selfServicePath: 'REPLACE_AUTHENTICATOR' });
    await stack.poller?.drain();
    const mails = (await stack.sentEmails()).slice(mailsBefore);
    expect(
      mails.filter((email) => email.destination.to.includes(emailOf(none))).map((m) => m.subject),
    ).toEqual(['Zo zet u tweestapsverificatie over naar uw nieuwe telefoon']);
  });
});
