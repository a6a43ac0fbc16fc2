// The security officer's side in a real browser (Debian's Chromium): a customer answers "this wasn't
// me", the console says why recovery is locked, the officer finds the report in the queue, a helpdesk
// colleague verifies the caller with the emailed code, and the officer releases (or keeps) the lock;
// the refusals an insider would meet (same person, no emailed code) in plain words; the security
// alert's link opens the customer after signing in.
import type { Page } from 'playwright-core';
import {
  createCustomer,
  genuineAnswers,
  markEnrolled,
  passVerification,
  knowledgeChecks,
} from '../support/fixtures';
import type { SentEmail } from '../support/stack';
import { minutesAgo, setStored } from '../support/stored-items';
import {
  browserSuite,
  phone,
  readBackEmailedCode,
  screenshot,
  signIn,
  answerTriageToVerify,
} from './browser';
import type { LocalStaffUsername } from '../../local/staff';
import { mailOfKind } from '../support/mails';

const { suite, open } = browserSuite();

const emailOf = (customerId: string) => `${customerId}@voltpark.nl`;

const mailsTo = async (address: string) =>
  (await suite.stack.sentEmails()).filter((sent) => sent.destination.to.includes(address));

const twoFactorOf = async (customerId: string) =>
  (
    await suite.stack.call('GET', `/internal/customers/${customerId}/2fa`, {
      token: await suite.stack.serviceToken(),
    })
  ).body;

const caseNumberOf = async (verificationId: string) =>
  (
    await suite.stack.call('GET', `/admin/verifications/${verificationId}`, {
      // An admin reads any agent's session; another agent may not.
      token: await suite.stack.adminToken('admin-anna'),
    })
  ).body.caseNumber as string;

/** A customer whose 2FA the helpdesk reset: the reset email (with its "this wasn't me" link) is in SES. */
const resetCustomer = async (customerId: string) => {
  await createCustomer(suite.stack, customerId, { email: emailOf(customerId) });
  await markEnrolled(suite.stack, customerId);
  const agent = await suite.stack.helpdeskToken('agent-bram');
  const caseId = await passVerification(suite.stack, customerId, agent, knowledgeChecks, {
    EMAIL: emailOf(customerId),
  });
  const disabled = await suite.stack.call('POST', `/admin/customers/${customerId}/2fa/disable`, {
    token: await suite.stack.adminToken('admin-anna'),
    body: { verificationId: caseId, reason: 'Telefoon kwijt' },
  });
  expect(disabled.status).toBe(200);
  await suite.stack.poller?.drain();
  const mail = (await mailOfKind(suite.stack, emailOf(customerId), 'RESET')) as SentEmail;
  expect(mail.subject).toBe('Uw tweestapsverificatie is uitgeschakeld');
  const reportLink = /(https?:\/\/\S+\/enroll\/#ticket=[A-Za-z0-9_-]+&report=1)/.exec(
    mail.body.text ?? '',
  )?.[1];
  expect(reportLink).toBeDefined();
  return { caseId, reportLink: reportLink as string };
};

/** The customer follows the mail's "this wasn't me" link on their phone and confirms. */
const reportNotMe = async (reportLink: string, shot?: string) => {
  const customer = await open({ viewport: phone });
  await customer.goto(reportLink);
  await customer.getByRole('button', { name: 'Ja, melden: dit was ik niet' }).click();
  await customer.getByRole('heading', { name: 'Bedankt, uw melding is ontvangen' }).waitFor();
  if (shot) await screenshot(customer, shot);
  await suite.stack.poller?.drain();
};

/** The security alert for this customer, as the security team's mailbox received it. */
const securityAlertFor = async (customerId: string) =>
  (await mailsTo('security@mfa-recovery.local'))
    .filter((mail) => mail.subject.startsWith('[Beveiliging] Klant meldt'))
    .find((mail) => (mail.body.text ?? '').includes(`${customerId})`));

/** An agent verifies the caller by the console's checklist, the emailed code included. */
const verifyInConsole = async (agent: Page, customerId: string) => {
  await answerTriageToVerify(agent);
  await agent.getByRole('button', { name: 'Verificatie starten' }).click();
  const answers: Record<string, string> = { ...genuineAnswers, EMAIL: emailOf(customerId) };
  for (const type of knowledgeChecks) {
    const row = agent.locator(`[data-check="${type}"]`);
    await row.getByLabel('Antwoord van de klant').fill(answers[type] as string);
    await row.getByRole('button', { name: 'Controleren' }).click();
    await row.locator('[data-result="MATCH"]').waitFor();
  }
  await readBackEmailedCode(agent, suite.stack, emailOf(customerId));
};

/** A session that passes "without possession proof": every answer right, but no emailed code. */
const passWithoutEmailCode = async (customerId: string, agentId: string) => {
  const token = await suite.stack.helpdeskToken(agentId);
  const started = await suite.stack.call('POST', `/admin/customers/${customerId}/verifications`, {
    token,
    body: { channel: 'phone' },
  });
  const verificationId: string = started.body.verificationId;
  for (const type of knowledgeChecks)
    await suite.stack.call('POST', `/admin/verifications/${verificationId}/checks`, {
      token,
      body: { type, answer: type === 'EMAIL' ? emailOf(customerId) : genuineAnswers[type] },
    });
  const completed = await suite.stack.call('POST', `/admin/verifications/${verificationId}/complete`, {
    token,
    body: { withoutPossessionProof: { reason: 'MAILBOX_ON_LOST_DEVICE' } },
  });
  expect(completed.body.outcome).toBe('PASSED');
  return verificationId;
};

/** The officer picks a session by its case number, gives a reason and confirms the release. */
const releaseOn = async (officer: Page, caseNumber: string, reason: string) => {
  await officer.locator(`[data-testid="release-candidate"][data-case-number="${caseNumber}"] input`).check();
  await officer.getByLabel('Reden (komt in het audit-logboek)').fill(reason);
  await officer.getByRole('button', { name: 'Blokkade opheffen…' }).click();
  await officer.getByRole('button', { name: 'Ja, blokkade opheffen' }).click();
};

const refusal = async (officer: Page) => {
  const error = officer.getByTestId('release-error');
  await error.waitFor();
  return { code: await error.getAttribute('data-code'), text: await error.textContent() };
};

describe('the security officer in the console', () => {
  // The whole officer's day in one browser session: ~50 s on a quiet 2-core machine, so room for a busy one.
  jest.setTimeout(150_000);
  it('finds the report in the queue, keeps the lock with a note, refuses the insider’s moves, and releases on a colleague’s verification with the emailed code', async () => {
    const customerId = 'e2e-sofie';
    const { caseId, reportLink } = await resetCustomer(customerId);
    await reportNotMe(reportLink, 'security-01-customer-reported');
    expect(await twoFactorOf(customerId)).toEqual({
      twoFactor: 'LOCKED',
      lockReason: 'REPORTED_BY_CUSTOMER',
      methods: [],
    });
    const reportedCase = await caseNumberOf(caseId);

    // The helpdesk sees why: "melding klant", not "te veel foute codes"; in search and on the page.
    const agent = await open();
    await signIn(agent, suite.stack, 'agent-cees');
    await agent.getByLabel('E-mailadres of naam').fill(emailOf(customerId));
    await agent.getByRole('button', { name: 'Zoeken' }).click();
    const hit = agent.getByTestId('search-results').getByTestId('two-factor-status');
    await hit.waitFor();
    expect(await hit.getAttribute('data-lock-reason')).toBe('REPORTED_BY_CUSTOMER');
    expect(await hit.textContent()).toBe('Herstel geblokkeerd – melding klant');
    await agent.getByRole('link', { name: 'Jan de Vries' }).click();
    await agent.getByTestId('recovery-locked').waitFor();
    expect(await agent.getByTestId('customer').getByTestId('two-factor-status').textContent()).toBe(
      'Herstel geblokkeerd – melding klant',
    );
    expect(await agent.getByTestId('release-only-verification').textContent()).toContain(
      'dient alleen om de blokkade op te heffen',
    );
    await screenshot(agent, 'security-02-agent-sees-lock-reason');

    // The queue is for the security group: an agent who opens its address is told so.
    await agent.goto(`${suite.stack.apiUrl}/console/#/security`);
    await agent.getByTestId('security-only').waitFor();
    expect(await agent.getByRole('link', { name: /^Herstelblokkades/ }).count()).toBe(0);
    await agent.goto(`${suite.stack.apiUrl}/console/#/customers/${customerId}`);

    // The officer's queue: the report, its case number, and the count in the navigation.
    const fatima = await open();
    await signIn(fatima, suite.stack, 'officer-fatima', '#/security');
    const row = fatima.locator(`[data-testid="security-locks"] tr[data-customer="${customerId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(reportedCase);
    expect(await row.textContent()).toContain('Via de link in de reset-e-mail van de helpdesk');
    expect(await fatima.getByTestId('security-count').textContent()).toBe('1');
    expect(await fatima.getByRole('link', { name: 'Herstelblokkades 1 open' }).count()).toBe(1);
    // An officer has no customer search (the API would refuse it): the queue is their start page.
    expect(await fatima.getByRole('link', { name: 'Klant zoeken' }).count()).toBe(0);
    await screenshot(fatima, 'security-03-queue');

    await row.getByRole('link', { name: 'Jan de Vries' }).click();
    await fatima.getByTestId('security-case').waitFor();
    const timeline = fatima.getByTestId('case-timeline');
    await timeline.locator('tr[data-type="UNAUTHORIZED_RESET_REPORTED"]').waitFor();
    expect(await timeline.locator('tbody tr').first().getAttribute('data-type')).toBe('VERIFICATION_STARTED');
    expect(await fatima.getByTestId('release-no-candidates').count()).toBe(1);

    // Keep locked with a note: the note is in the timeline, the queue shows the review.
    const note = fatima.getByLabel(
      'Notitie (wat u vond en waarom de blokkade blijft; komt in het audit-logboek)',
    );
    await note.fill(' ok ');
    await fatima.getByRole('button', { name: 'Geblokkeerd houden' }).click();
    expect(await fatima.getByTestId('security-decision').locator('.error').textContent()).toBe(
      'Schrijf een notitie van minstens 3 tekens.',
    );
    await note.fill('Klant niet bereikt op het bekende nummer; blokkade blijft');
    await fatima.getByRole('button', { name: 'Geblokkeerd houden' }).click();
    await fatima.getByTestId('keep-outcome').waitFor();
    const kept = timeline.locator('tr[data-type="RECOVERY_LOCK_KEPT"]');
    await kept.waitFor();
    expect(await kept.textContent()).toContain('Klant niet bereikt op het bekende nummer');
    expect(await fatima.getByTestId('security-case').textContent()).toContain('officer-fatima');
    await screenshot(fatima, 'security-04-kept-with-note');

    // The customer calls back: agent Cees verifies them, the emailed code included. The session can
    // only serve the release, so the outcome names the case for the security team.
    await agent.reload();
    await agent.getByTestId('recovery-locked').waitFor();
    await verifyInConsole(agent, customerId);
    const agentOutcome = await agent.getByTestId('outcome-next').textContent();
    expect(agentOutcome).toContain('Meld zaak HD-');
    expect(agentOutcome).toContain('beveiligingsteam');
    await screenshot(agent, 'security-05-agent-verified-for-release');
    const ceesCase = /(HD-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(agentOutcome ?? '')?.[1] as string;

    // An admin is not offered a disable on it.
    const admin = await open();
    await signIn(admin, suite.stack, 'admin-anna', `#/customers/${customerId}`);
    await admin.getByTestId('disable-blocked').waitFor();
    expect(await admin.getByTestId('disable-form').count()).toBe(0);

    // Officer Gijs verifies the caller himself (he also holds the helpdesk role) and tries to release.
    const gijsAsAgent = await suite.stack.token('officer-gijs', ['security', 'helpdesk']);
    const gijsSession = await passVerification(suite.stack, customerId, gijsAsAgent, knowledgeChecks, {
      EMAIL: emailOf(customerId),
    });
    const gijs = await open();
    await signIn(gijs, suite.stack, 'officer-gijs', `#/security/${customerId}`);
    await gijs.getByTestId('release-form').waitFor();
    const gijsCase = await caseNumberOf(gijsSession);
    expect(
      await gijs.locator(`[data-testid="release-candidate"][data-case-number="${gijsCase}"]`).textContent(),
    ).toContain('door uzelf');
    await releaseOn(gijs, gijsCase, 'Ik heb de klant zelf gesproken');
    expect(await refusal(gijs)).toEqual({
      code: 'RELEASER_IS_VERIFIER',
      text: expect.stringContaining(
        'U verifieerde deze klant zelf; een andere security officer moet de blokkade opheffen',
      ),
    });
    await screenshot(gijs, 'security-06-refused-same-person');
    // The same refusal in English, for an officer who works in English.
    await gijs.getByRole('button', { name: 'Switch to English' }).click();
    await gijs.getByRole('button', { name: 'Release the lock…' }).click();
    await gijs.getByRole('button', { name: 'Yes, release the lock' }).click();
    await gijs.getByTestId('release-error').filter({ hasText: 'another security officer' }).waitFor();
    expect((await twoFactorOf(customerId)).twoFactor).toBe('LOCKED');

    // A verification older than 30 minutes does not count (Gijs's, which Fatima could otherwise use).
    await setStored(
      suite.stack,
      'verifications',
      { verificationId: gijsSession },
      { completedAt: minutesAgo(31) },
    );
    await fatima.reload();
    await fatima.getByTestId('release-form').waitFor();
    await releaseOn(fatima, gijsCase, 'Klant gesproken door Gijs');
    expect(await refusal(fatima)).toEqual({
      code: 'VERIFICATION_STALE',
      text: expect.stringContaining('Deze verificatie is te oud'),
    });

    // A pass without the emailed code does not count either.
    const withoutCode = await caseNumberOf(await passWithoutEmailCode(customerId, 'agent-dora'));
    await fatima.reload();
    await fatima.getByTestId('release-form').waitFor();
    expect(
      await fatima
        .locator(`[data-testid="release-candidate"][data-case-number="${withoutCode}"]`)
        .textContent(),
    ).toContain('zonder e-mailcode');
    await releaseOn(fatima, withoutCode, 'Klant kende alle antwoorden');
    expect(await refusal(fatima)).toEqual({
      code: 'EMAIL_CODE_REQUIRED',
      text: expect.stringContaining('geslaagd zonder de code per e-mail'),
    });
    await screenshot(fatima, 'security-07-refused-no-email-code');
    expect((await twoFactorOf(customerId)).twoFactor).toBe('LOCKED');

    // Fatima releases on Cees's verification.
    await releaseOn(fatima, ceesCase, 'Klant teruggebeld op bekend nummer; melding was een vergissing');
    await fatima.getByTestId('release-outcome').waitFor();
    expect(await fatima.getByTestId('release-outcome').textContent()).toContain(
      `De blokkade is opgeheven op basis van zaak ${ceesCase}.`,
    );
    await fatima.getByTestId('not-locked').waitFor();
    await fatima.locator('[data-testid="security-count"]', { hasText: /^0$/ }).waitFor();
    await timeline.locator('tr[data-type="RECOVERY_LOCK_RELEASED"]').waitFor();
    await screenshot(fatima, 'security-08-released');

    // The customer is told (in Dutch), and recovery is no longer locked.
    await suite.stack.poller?.drain();
    const released = await mailOfKind(suite.stack, emailOf(customerId), 'LOCK_RELEASED');
    expect(released?.subject).toBe('De blokkade van uw account is opgeheven');
    expect(released?.body.text).toContain(`Zaaknummer: ${ceesCase}`);
    expect(await twoFactorOf(customerId)).toEqual({ twoFactor: 'DISABLED', methods: [] });
    await agent.reload();
    const status = agent.getByTestId('customer').getByTestId('two-factor-status');
    await status.waitFor();
    expect(await status.getAttribute('data-status')).toBe('DISABLED');
    expect(await agent.getByTestId('recovery-locked').count()).toBe(0);

    await fatima.getByRole('link', { name: '← Terug naar de herstelblokkades' }).click();
    await fatima.getByTestId('security-empty').waitFor();
  });

  it('opens the customer from the security alert’s link after signing in, for an officer and an agent, through the OpenID provider’s sign-in round trip', async () => {
    const customerId = 'e2e-link';
    const { reportLink } = await resetCustomer(customerId);
    await reportNotMe(reportLink);
    const alert = await securityAlertFor(customerId);
    const consoleLink = /(https?:\/\/\S+\/console\/\S+)/.exec(alert?.body.text ?? '')?.[1];
    expect(consoleLink).toBe(`${suite.stack.apiUrl}/console/#customer=${customerId}`);

    // The sign-in leaves the console for the OpenID provider and comes back to a redirect URI without
    // the fragment, as with Cognito's hosted UI in AWS: the mail's link must survive that round trip.
    const signInFromLink = async (page: Page, username: LocalStaffUsername) => {
      await page.goto(consoleLink as string);
      await page.getByRole('heading', { name: 'Aanmelden' }).waitFor();
      await page.locator('[data-key="sign-in"]').click();
      await page.waitForURL(/\/local\/oidc\/interaction\//);
      await page.locator('#username').fill(username);
      await page.locator('#password').fill(suite.stack.staffPasswords[username]);
      await page.locator('#password').press('Enter');
      await page.getByTestId('signed-in-as').waitFor();
    };

    const officer = await open();
    await signInFromLink(officer, 'officer-fatima');
    await officer.getByTestId('security-case').waitFor();
    expect(officer.url()).toBe(consoleLink);
    expect(await officer.getByTestId('customer-name').textContent()).toBe('Jan de Vries');
    expect(await officer.getByTestId('security-case').textContent()).toContain(customerId);
    await screenshot(officer, 'security-09-alert-link-officer');

    const agent = await open();
    await signInFromLink(agent, 'agent-dora');
    await agent.getByTestId('recovery-locked').waitFor();
    expect(agent.url()).toBe(consoleLink);
    expect(await agent.getByTestId('customer-name').textContent()).toBe('Jan de Vries');
    expect(await agent.getByTestId('customer').textContent()).toContain(customerId);
  });
});
