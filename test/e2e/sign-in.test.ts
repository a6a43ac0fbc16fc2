// Staff sign-in in the browser as in AWS: the console sends the person to a real OpenID provider
// (the local stand-in for Cognito's hosted UI), they type a user name and password there, and come
// back with a code the console redeems with its PKCE verifier. What they see depends on the groups in
// the token. Signing out ends the session at the provider too, and leaves nothing of the person behind.
import type { Page } from 'playwright-core';
import type { LocalStaffUsername } from '../../local/staff';
import { createCustomer, genuineAnswers, markEnrolled } from '../support/fixtures';
import { browserSuite, screenshot, signIn, answerTriageToVerify } from './browser';

const { suite, open } = browserSuite();

const consoleUrl = () => `${suite.stack.apiUrl}/console/`;

/** From the console's sign-in button to the provider's login form. */
const toLoginPage = async (page: Page) => {
  await page.goto(consoleUrl());
  await page.locator('[data-key="sign-in"]').click();
  await page.waitForURL(/\/local\/oidc\/interaction\//);
};

const typeCredentials = async (page: Page, username: string, password: string) => {
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('#password').press('Enter');
};

const storedKeys = (page: Page) =>
  page.evaluate(() => ({ session: Object.keys(sessionStorage), local: Object.keys(localStorage) }));

const signedInAs = (page: Page) => page.getByTestId('signed-in-as').textContent();

describe('signing in to the console through the local OpenID provider', () => {
  it('refuses a wrong password on the provider’s page, and lets the right one in', async () => {
    const page = await open();
    await toLoginPage(page);
    expect(await page.getByRole('heading', { name: 'Aanmelden', exact: true }).count()).toBe(1);
    await screenshot(page, 'sign-in-01-provider-login');

    await typeCredentials(page, 'admin-anna', 'not-her-password');
    await page.getByTestId('provider-error').waitFor();
    expect(await page.getByTestId('provider-error').textContent()).toContain(
      'Gebruikersnaam of wachtwoord klopt niet.',
    );
    expect(page.url()).toContain('/local/oidc/interaction/');
    // Someone else's password is as wrong as a made-up one.
    await typeCredentials(page, 'admin-anna', suite.stack.staffPasswords['admin-bob']);
    await page.getByTestId('provider-error').waitFor();
    expect(await page.locator('#username').inputValue()).toBe('admin-anna');
    await screenshot(page, 'sign-in-02-provider-refused');

    await typeCredentials(page, 'admin-anna', suite.stack.staffPasswords['admin-anna']);
    await page.getByTestId('signed-in-as').waitFor();
    expect(await signedInAs(page)).toBe('Aangemeld als anna@helpdesk.local (admin)');
    // Back in the console with nothing of the exchange left in the address bar.
    expect(new URL(page.url()).search).toBe('');
    expect((await storedKeys(page)).session).toEqual(['mfa-recovery.console.session']);
  });

  it('comes back to the console signed out when the person cancels on the provider’s page', async () => {
    const page = await open();
    await toLoginPage(page);
    await page.getByRole('button', { name: 'Annuleren' }).click();
    await page.getByTestId('sign-in-notice').waitFor();
    expect(new URL(page.url()).search).toBe('');
    expect(await page.getByTestId('signed-in-as').count()).toBe(0);
    expect((await storedKeys(page)).session).toEqual([]);
  });

  it('shows each person the console their groups in the token allow', async () => {
    const expectations: [LocalStaffUsername, string, boolean][] = [
      ['officer-fatima', 'Aangemeld als fatima@security.local (security officer)', false],
      ['agent-bram', 'Aangemeld als bram@helpdesk.local (helpdeskmedewerker)', false],
      ['admin-frits', 'Aangemeld als frits@helpdesk.local (admin)', true],
      ['lead-kim', 'Aangemeld als kim@helpdesk.local (helpdeskmedewerker, admin)', true],
    ];
    // One tab, one person after the other (each signs the previous one out).
    const page = await open();
    for (const [username, header, approvals] of expectations) {
      await signIn(page, suite.stack, username, '#/approvals', { fresh: true });
      expect(await signedInAs(page)).toBe(header);
      expect(await page.getByRole('link', { name: 'Admin-wachtrij' }).count()).toBe(approvals ? 1 : 0);
      // The approvals route itself only opens for admins; the others land on the search.
      await page
        .getByRole('heading', { name: approvals ? 'Wachtende goedkeuringen' : 'Klant zoeken' })
        .waitFor();
    }
  });

  it('refuses a sign-in answer whose state does not match this tab, or whose verifier is not the tab’s', async () => {
    // An answer made for another request (a forged or swapped state): the console does not redeem it.
    const forged = await open();
    const tokenRequests: string[] = [];
    forged.on('request', (request) => {
      if (request.url().endsWith('/local/oidc/token')) tokenRequests.push(request.url());
    });
    await forged.route('**/local/oidc/auth?*', (route) => {
      const url = new URL(route.request().url());
      url.searchParams.set('state', 'someone-elses-state');
      return route.continue({ url: url.href });
    });
    await toLoginPage(forged);
    await typeCredentials(forged, 'agent-cees', suite.stack.staffPasswords['agent-cees']);
    await forged.getByTestId('sign-in-notice').waitFor();
    expect(await forged.getByTestId('sign-in-notice').textContent()).toBe(
      'Aanmelden is mislukt. Probeer het opnieuw.',
    );
    expect(await forged.getByTestId('signed-in-as').count()).toBe(0);
    expect(tokenRequests).toEqual([]);
    expect(new URL(forged.url()).search).toBe('');

    // The right state but another verifier (a code intercepted and redeemed by someone else's client).
    const intercepted = await open();
    await intercepted.route('**/local/oidc/token', (route) => {
      const body = new URLSearchParams(route.request().postData() ?? '');
      body.set('code_verifier', 'A'.repeat(43));
      return route.continue({ postData: body.toString() });
    });
    await toLoginPage(intercepted);
    await typeCredentials(intercepted, 'agent-cees', suite.stack.staffPasswords['agent-cees']);
    await intercepted.getByTestId('sign-in-notice').waitFor();
    expect(await intercepted.getByTestId('signed-in-as').count()).toBe(0);
    expect((await storedKeys(intercepted)).session).toEqual([]);
  });

  it('redeems a code once: a replayed code and the return address opened in another tab get nothing', async () => {
    const page = await open();
    let redeemed: string | undefined;
    let returnAddress: string | undefined;
    page.on('request', (request) => {
      if (request.url().endsWith('/local/oidc/token')) redeemed = request.postData() ?? undefined;
      if (/\/console\/\?code=/.test(request.url())) returnAddress = request.url();
    });
    await toLoginPage(page);
    await typeCredentials(page, 'agent-dora', suite.stack.staffPasswords['agent-dora']);
    await page.getByTestId('signed-in-as').waitFor();
    expect(redeemed).toContain('code_verifier=');
    expect(returnAddress).toContain('state=');

    const replay = await fetch(`${suite.stack.oidcIssuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: redeemed,
    });
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { error: string }).error).toBe('invalid_grant');

    const other = await open();
    await other.goto(returnAddress as string);
    await other.getByTestId('sign-in-notice').waitFor();
    expect(await other.getByTestId('signed-in-as').count()).toBe(0);
  });

  it('signs out at the provider too: back and reload do not bring the session back, and the next sign-in asks again', async () => {
    await createCustomer(suite.stack, 'e2e-signout', { email: 'e2e-signout@voltpark.nl' });
    const page = await open();
    const visited: string[] = [];
    page.on('request', (request) => visited.push(new URL(request.url()).pathname));
    await signIn(page, suite.stack, 'agent-erik', '#/customers/e2e-signout');
    await page.getByTestId('customer-name').waitFor();

    await page.locator('[data-key="sign-out"]').click();
    await page.waitForURL(consoleUrl());
    await page.locator('[data-key="sign-in"]').waitFor();
    expect(visited).toEqual(
      expect.arrayContaining(['/local/oidc/session/end', '/local/oidc/session/end/confirm']),
    );
    expect(await storedKeys(page)).toEqual({ session: [], local: [] });
    await screenshot(page, 'sign-in-03-signed-out');

    // Back through the history to the customer's page: signed out it stays.
    // (Back onto the provider's logout address bounces to the console again; one more step passes it.)
    for (let step = 0; step < 4 && !page.url().includes('#/customers/'); step += 1) {
      await page.goBack();
      await page.waitForURL(/\/console\//);
      await page.waitForLoadState();
    }
    expect(page.url()).toContain('#/customers/e2e-signout');
    await page.locator('[data-key="sign-in"]').waitFor();
    expect(await page.getByTestId('signed-in-as').count()).toBe(0);
    expect(await page.getByTestId('customer-name').count()).toBe(0);
    await page.reload();
    await page.locator('[data-key="sign-in"]').waitFor();
    expect(await page.getByTestId('signed-in-as').count()).toBe(0);

    // The provider's session ended too: signing in again asks for the password.
    await page.locator('[data-key="sign-in"]').click();
    await page.waitForURL(/\/local\/oidc\/interaction\//);
    await page.locator('#password').waitFor();
  });

  it('leaves nothing behind for the next person in the same tab: no checklist, no answers, no stored state', async () => {
    await createCustomer(suite.stack, 'e2e-shared-tab', { email: 'e2e-shared-tab@voltpark.nl' });
    await markEnrolled(suite.stack, 'e2e-shared-tab');
    const typed = {
      FULL_NAME: 'Jan de Vries',
      EMAIL: 'e2e-shared-tab@voltpark.nl',
      unsent: genuineAnswers.COMPANY_NAME as string,
    };

    const page = await open();
    await signIn(page, suite.stack, 'agent-bram', '#/');
    await page.getByLabel('E-mailadres of naam').fill(typed.EMAIL);
    await page.keyboard.press('Enter');
    await page.getByTestId('search-results').waitFor();
    await page.goto(`${consoleUrl()}#/customers/e2e-shared-tab`);
    await answerTriageToVerify(page);
    await page.getByRole('button', { name: 'Verificatie starten' }).click();
    for (const type of ['FULL_NAME', 'EMAIL'] as const) {
      const row = page.locator(`[data-check="${type}"]`);
      await row.getByLabel('Antwoord van de klant').fill(typed[type]);
      await row.getByLabel('Notitie (optioneel)').fill('notitie van bram');
      await row.getByRole('button', { name: 'Controleren' }).click();
      await row.locator('[data-result]').first().waitFor();
    }
    // An answer typed but not yet checked when the agent walks away.
    await page.locator('[data-check="COMPANY_NAME"]').getByLabel('Antwoord van de klant').fill(typed.unsent);
    await screenshot(page, 'sign-in-04-agent-mid-verification');
    // Whatever a view keeps in the tab's storage for this person (an outcome kept across reloads, a
    // draft) goes with them too.
    await page.evaluate(() => {
      sessionStorage.setItem('mfa-recovery.console.outcome.e2e-shared-tab', 'PASSED');
      localStorage.setItem('mfa-recovery.console.draft', 'notitie van bram');
    });

    await page.locator('[data-key="sign-out"]').click();
    await page.waitForURL(consoleUrl());
    await page.locator('[data-key="sign-in"]').waitFor();

    // An admin sits down at the same tab and signs in.
    await page.locator('[data-key="sign-in"]').click();
    await page.waitForURL(/\/local\/oidc\/interaction\//);
    await typeCredentials(page, 'admin-anna', suite.stack.staffPasswords['admin-anna']);
    await page.getByTestId('signed-in-as').waitFor();
    expect(await signedInAs(page)).toBe('Aangemeld als anna@helpdesk.local (admin)');
    expect(await storedKeys(page)).toEqual({ session: ['mfa-recovery.console.session'], local: [] });
    const session = await page.evaluate(() => sessionStorage.getItem('mfa-recovery.console.session'));
    expect(session).toContain('"sub":"admin-anna"');

    const leftovers = async () => {
      const html = await page.content();
      return [typed.FULL_NAME, typed.EMAIL, typed.unsent, 'notitie van bram', 'e2e-shared-tab'].filter(
        (text) => html.includes(text),
      );
    };
    // An admin starts in their queue; nothing of Bram's there either.
    await page.getByRole('heading', { name: 'Klaar voor een admin' }).waitFor();
    expect(await leftovers()).toEqual([]);
    // The search starts empty: not Bram's query, not his results.
    await page.getByRole('link', { name: 'Klant zoeken' }).click();
    expect(await page.getByLabel('E-mailadres of naam').inputValue()).toBe('');
    expect(await page.getByTestId('search-results').count()).toBe(0);
    expect(await leftovers()).toEqual([]);

    // On the customer's page Anna sees the customer, not Bram's checklist or answers.
    await page.goto(`${consoleUrl()}#/customers/e2e-shared-tab`);
    await page.getByTestId('customer-name').waitFor();
    await page.getByRole('button', { name: 'Verificatie starten' }).waitFor();
    expect(await page.locator('[data-check]').count()).toBe(0);
    const html = await page.content();
    for (const text of [typed.unsent, 'notitie van bram']) expect(html).not.toContain(text);
    await screenshot(page, 'sign-in-05-next-person-clean');
  });

  it('forgets the person when the session expires in the tab, before anyone signs in again', async () => {
    await createCustomer(suite.stack, 'e2e-expiry', { email: 'e2e-expiry@voltpark.nl' });
    await markEnrolled(suite.stack, 'e2e-expiry');
    const page = await open();
    await signIn(page, suite.stack, 'agent-cees', '#/customers/e2e-expiry');
    await answerTriageToVerify(page);
    await page.getByRole('button', { name: 'Verificatie starten' }).click();
    const row = page.locator('[data-check="FULL_NAME"]');
    await row.getByLabel('Antwoord van de klant').fill('Half getypt antwoord');
    // The token runs out while the agent is away (with something of theirs kept in the tab's storage).
    await page.evaluate(() => {
      sessionStorage.setItem('mfa-recovery.console.outcome.e2e-expiry', 'OPEN');
      const key = 'mfa-recovery.console.session';
      const stored = JSON.parse(sessionStorage.getItem(key) ?? '{}') as { expiresAt: number };
      sessionStorage.setItem(key, JSON.stringify({ ...stored, expiresAt: Date.now() }));
    });
    await row.getByRole('button', { name: 'Controleren' }).click();
    await page.getByTestId('sign-in-notice').waitFor();
    expect(await page.getByTestId('sign-in-notice').textContent()).toBe(
      'Uw sessie is verlopen. Meld u opnieuw aan.',
    );
    expect(await page.content()).not.toContain('Half getypt antwoord');
    expect(await page.locator('[data-check]').count()).toBe(0);
    expect(await storedKeys(page)).toEqual({ session: [], local: [] });
  });
});
