// Issue 28 in Chromium with a virtual authenticator (CDP WebAuthn domain: ctap2, internal, resident
// key, user verification), on a phone: the helpdesk resets the customer, the mailed link opens the
// page, the customer makes a passkey with one tap, the login service's options and verify routes
// accept an assertion of that same authenticator and refuse it replayed, and the next reset removes it.
// Then a second authenticator from the done step: a security key beside the phone's passkey.
import type { CDPSession, Page } from 'playwright-core';
import { emailOf, mailTo, passOwnMail, resetCustomer } from '../support/fixtures';
import { mailOfKind } from '../support/mails';
import { axeViolations } from './axe';
import { browserSuite, phone, screenshot, signIn } from './browser';

jest.setTimeout(150_000);

const { suite, open } = browserSuite({ viewport: phone });

/** The phone's own authenticator; `usb`: a security key (a roaming authenticator) instead. */
const addVirtualAuthenticator = async (
  page: Page,
  transport: 'internal' | 'usb' = 'internal',
  session?: CDPSession,
) => {
  const cdp = session ?? (await page.context().newCDPSession(page));
  if (!session) await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport,
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
};

const credentialsOn = async (cdp: CDPSession, authenticatorId: string) =>
  (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials;

/**
 * Buttons, boxes and links without an accessible name, from Chromium's accessibility tree. Read over the
 * session that drives the authenticator: a second CDP session on the page stalled its WebAuthn prompt.
 */
const unnamedControls = async (cdp: CDPSession) => {
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  return nodes
    .filter((node) => ['button', 'checkbox', 'textbox', 'link'].includes(String(node.role?.value)))
    .filter((node) => !node.ignored && !String(node.name?.value ?? '').trim())
    .map((node) => node.role?.value);
};

/** navigator.credentials.get() in the page for the login service's options, its answer as WebAuthn's JSON. */
const assertionInPage = (page: Page, options: Record<string, unknown>) =>
  page.evaluate(async (json) => {
    const bytes = (text: string) =>
      Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (char) => char.charCodeAt(0));
    const text = (buffer: ArrayBuffer) =>
      btoa(String.fromCharCode(...new Uint8Array(buffer)))
        .replace(/\+/g, '-')
        .replace(/\//g, '_')
        .replace(/=+$/, '');
    const allow = (json.allowCredentials ?? []) as {
      id: string;
      type: 'public-key';
      transports?: string[];
    }[];
    const credential = (await navigator.credentials.get({
      publicKey: {
        challenge: bytes(String(json.challenge)),
        rpId: String(json.rpId),
        userVerification: 'required',
        allowCredentials: allow.map((entry) => ({
          id: bytes(entry.id),
          type: 'public-key' as const,
          transports: entry.transports as AuthenticatorTransport[],
        })),
      },
    })) as PublicKeyCredential;
    const response = credential.response as AuthenticatorAssertionResponse;
    return {
      id: credential.id,
      rawId: text(credential.rawId),
      type: 'public-key',
      authenticatorAttachment: credential.authenticatorAttachment ?? undefined,
      clientExtensionResults: {},
      response: {
        clientDataJSON: text(response.clientDataJSON),
        authenticatorData: text(response.authenticatorData),
        signature: text(response.signature),
        ...(response.userHandle ? { userHandle: text(response.userHandle) } : {}),
      },
    };
  }, options);

describe('recovering to a passkey', () => {
  it('reset → mail link → passkey on the phone → login accepts it once → a reset removes it', async () => {
    const { stack } = suite;
    const customerId = 'e2e-passkey';
    const agent = await stack.helpdeskToken('agent-bram');
    const admin = await stack.adminToken('admin-anna');
    const service = await stack.serviceToken();
    await resetCustomer(stack, customerId, { agent, admin });
    const link = /https?:\/\/\S+\/enroll\/#ticket=[A-Za-z0-9_-]+/.exec(
      (await mailOfKind(stack, emailOf(customerId), 'RESET'))?.body.text ?? '',
    )?.[0];
    expect(link).toBeDefined();

    const page = await open();
    const { cdp, authenticatorId } = await addVirtualAuthenticator(page);
    // The mail links to localhost, where browsers allow WebAuthn without TLS (local/stack.ts).
    expect(link?.startsWith('http://localhost:')).toBe(true);
    await page.goto(link ?? '');
    const choice = page.getByTestId('passkey-choice');
    await choice
      .getByRole('heading', { name: 'Gebruik een passkey (vingerafdruk, gezicht of schermvergrendeling)' })
      .waitFor();
    // The app stays one click away, below the passkey.
    await page.getByRole('heading', { name: 'Of gebruik een authenticator-app' }).waitFor();
    await page.getByRole('button', { name: 'Beginnen' }).waitFor();
    expect(await unnamedControls(cdp)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'passkey-01-intro-phone');

    await choice.getByRole('button', { name: 'Passkey instellen' }).click();
    await page.locator('[data-state="codes"]').or(page.getByTestId('passkey-error')).waitFor();
    expect(await page.getByTestId('passkey-error').count()).toBe(0);
    expect(await page.getByTestId('backup-codes').locator('li').count()).toBe(10);
    expect(await page.locator('[data-state="codes"]').textContent()).toContain('apparaat met de passkey');
    expect(await credentialsOn(cdp, authenticatorId)).toHaveLength(1);
    expect(await unnamedControls(cdp)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'passkey-02-backup-codes-phone');
    await page.getByLabel('Ik heb mijn back-upcodes veilig bewaard').check();
    await page.getByRole('button', { name: 'Klaar' }).click();
    const done = page.locator('[data-state="done"][data-method="passkey"]');
    await done.waitFor();
    expect(await done.getByTestId('second-authenticator').textContent()).toContain('tweede manier');
    expect(await unnamedControls(cdp)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'passkey-03-done-phone');

    const status = await stack.call('GET', `/internal/customers/${customerId}/2fa`, { token: service });
    expect(status.body).toEqual({
      twoFactor: 'ENABLED',
      methods: [
        { method: 'passkey', count: 1 },
        { method: 'backup_codes', count: 10 },
      ],
      // The profile page's list, for removing one: a reference, never the credential id or its key.
      passkeys: [
        {
          credentialRef: expect.stringMatching(/^[0-9a-f]{32}$/),
          createdAt: expect.any(String),
          synced: false,
          transports: ['internal'],
        },
      ],
    });

    // The helpdesk sees which ways in the customer has (how many, never which credential).
    const helpdesk = await open({ viewport: { width: 1280, height: 900 } });
    await signIn(helpdesk, stack, 'agent-cees', `#/customers/${customerId}`);
    const methods = helpdesk.getByTestId('customer').getByTestId('two-factor-methods');
    await methods.waitFor();
    expect(await methods.textContent()).toBe('passkeys: 1, back-upcodes: 10');
    await screenshot(helpdesk, 'passkey-05-console-methods');

    // The login page (here: a page on the same origin) asks the login service for options and sends the answer back.
    const options = await stack.call(
      'POST',
      `/internal/customers/${customerId}/passkeys/authentication-options`,
      {
        token: service,
      },
    );
    expect(options.status).toBe(200);
    const assertion = await assertionInPage(page, options.body);
    const verify = (response: unknown) =>
      stack.call('POST', `/internal/customers/${customerId}/passkeys/verify`, {
        token: service,
        body: { response },
      });
    expect((await verify(assertion)).body).toEqual({ valid: true, method: 'passkey' });
    expect((await verify(assertion)).body).toMatchObject({ valid: false, reason: 'CHALLENGE_NOT_ISSUED' });

    // The next helpdesk reset removes the passkey: the authenticator still holds it, the service no longer accepts it.
    const caseId = await passOwnMail(stack, customerId, agent);
    const requested = await stack.call('POST', `/admin/customers/${customerId}/2fa/disable`, {
      token: admin,
      body: { verificationId: caseId, reason: 'phone lost again' },
    });
    // A second reset within a day waits for a second admin (lib/reset/policy.ts), passkey or not.
    expect(requested.status).toBe(202);
    const approved = await stack.call('POST', `/admin/approvals/${requested.body.approvalId}/approve`, {
      token: await stack.adminToken('admin-dirk'),
    });
    expect(approved.status).toBe(200);
    expect(
      (await stack.call('GET', `/internal/customers/${customerId}/2fa`, { token: service })).body.methods,
    ).toEqual([]);
    const after = await stack.call(
      'POST',
      `/internal/customers/${customerId}/passkeys/authentication-options`,
      {
        token: service,
      },
    );
    expect({ status: after.status, code: after.body.error?.code }).toEqual({
      status: 409,
      code: 'TWO_FA_NOT_ENABLED',
    });
  });

  it('keeps the customer on the intro with a plain message when they close the device prompt', async () => {
    const { stack } = suite;
    const customerId = 'e2e-passkey-cancel';
    const agent = await stack.helpdeskToken('agent-bram');
    const admin = await stack.adminToken('admin-anna');
    const { ticket } = await resetCustomer(stack, customerId, { agent, admin });
    const page = await open();
    const { cdp, authenticatorId } = await addVirtualAuthenticator(page);
    // No fingerprint, face or screen lock: the authenticator cannot verify the user, so no passkey is made.
    await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: false });
    await page.goto(`${stack.apiUrl}/enroll/#ticket=${ticket}`);
    await page.getByRole('button', { name: 'Passkey instellen' }).click();
    const error = page.getByTestId('passkey-error');
    await error.waitFor();
    expect(await error.getAttribute('role')).toBe('alert');
    expect(await error.textContent()).toContain('Er is geen passkey gemaakt');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.key)).toBe(
      'passkey-begin',
    );
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'passkey-04-cancelled-phone');
    const status = await stack.call('GET', `/internal/customers/${customerId}/2fa`, {
      token: await stack.serviceToken(),
    });
    expect(status.body.twoFactor).toBe('DISABLED');
    // Honest side: with the screen lock back, the second try works on the same link.
    await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: true });
    await page.getByRole('button', { name: 'Passkey instellen' }).click();
    await page.locator('[data-state="codes"]').waitFor();
  });
});

describe('a second authenticator', () => {
  it('adds a security key from the done step: same-device refused plainly, a reload mid-add, both sign in', async () => {
    const { stack } = suite;
    const customerId = 'e2e-passkey-second';
    const service = await stack.serviceToken();
    // Another admin than the suite's other tests: an admin's disables per hour are limited (velocity).
    const { ticket } = await resetCustomer(stack, customerId, {
      agent: await stack.helpdeskToken('agent-bram'),
      admin: await stack.adminToken('admin-bob'),
    });
    const page = await open();
    const { cdp, authenticatorId: phoneId } = await addVirtualAuthenticator(page);
    await page.goto(`${stack.apiUrl}/enroll/#ticket=${ticket}`);
    await page.getByRole('button', { name: 'Passkey instellen' }).click();
    await page.locator('[data-state="codes"]').waitFor();
    await page.getByLabel('Ik heb mijn back-upcodes veilig bewaard').check();
    await page.getByRole('button', { name: 'Klaar' }).click();
    await page.locator('[data-state="done"]').waitFor();

    await page.getByRole('button', { name: 'Nog een manier toevoegen' }).click();
    const intro = page.locator('[data-state="intro"][data-purpose="ADD"]');
    await intro.waitFor();
    expect(await intro.getByRole('heading', { level: 2 }).textContent()).toBe(
      'Voeg een extra manier van inloggen toe',
    );
    // The app is offered too: this account has none yet.
    await page.getByRole('heading', { name: 'Of gebruik een authenticator-app' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'passkey-06-add-intro-phone');

    // The same phone again: the browser refuses (excludeCredentials) and the page says what to do.
    await page.getByRole('button', { name: 'Passkey instellen' }).click();
    const error = page.getByTestId('passkey-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('Deze passkey staat al op uw account');
    expect(await credentialsOn(cdp, phoneId)).toHaveLength(1);
    // The refusal is a step of its own on the phone: readable and accessible as the others.
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'passkey-06b-same-device-refused-phone');

    // A reload mid-add (the tab keeps the link) comes back to the same intro.
    await page.reload();
    await intro.waitFor();

    // The customer plugs in a security key and tries again.
    await cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId: phoneId, enabled: false });
    await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: phoneId });
    const { authenticatorId: keyId } = await addVirtualAuthenticator(page, 'usb', cdp);
    await page.getByRole('button', { name: 'Passkey instellen' }).click();
    const added = page.locator('[data-state="added"][data-method="passkey"]');
    await added.waitFor();
    expect(await added.textContent()).toContain('U kunt nu ook met deze passkey inloggen');
    expect(await page.getByTestId('backup-codes').count()).toBe(0);
    expect(await credentialsOn(cdp, keyId)).toHaveLength(1);
    expect(await unnamedControls(cdp)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'passkey-07-added-phone');

    const status = await stack.call('GET', `/internal/customers/${customerId}/2fa`, { token: service });
    expect(status.body.methods).toEqual([
      { method: 'passkey', count: 2 },
      { method: 'backup_codes', count: 10 },
    ]);
    // The login service's prompt lists both; the security key answers it.
    const options = await stack.call(
      'POST',
      `/internal/customers/${customerId}/passkeys/authentication-options`,
      {
        token: service,
      },
    );
    expect(options.body.allowCredentials).toHaveLength(2);
    const verified = await stack.call('POST', `/internal/customers/${customerId}/passkeys/verify`, {
      token: service,
      body: { response: await assertionInPage(page, options.body) },
    });
    expect(verified.body).toEqual({ valid: true, method: 'passkey' });
    // Every new authenticator is mailed (NIST SP 800-63B-4 §4.1.2.1).
    await stack.poller?.drain();
    expect(
      (await mailTo(stack, emailOf(customerId))).some((mail) =>
        /nieuwe manier van inloggen/.test(mail.subject),
      ),
    ).toBe(true);
  });
});

describe('the accessibility check itself', () => {
  it('finds a violation when there is one (an image without a text alternative)', async () => {
    const page = await open();
    await page.goto(`${suite.stack.apiUrl}/enroll/`);
    await page.evaluate(() =>
      document.body.append(Object.assign(document.createElement('img'), { src: 'data:,' })),
    );
    expect((await axeViolations(page)).map((violation) => violation.rule)).toContain('image-alt');
  });
});
