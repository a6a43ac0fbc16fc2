// The admin's queue in Chromium against the local stack: an admin starts in it, one count in the
// navigation covers sessions ready for an admin and approvals waiting, each ready row says what a
// disable would do (the server's own rule, read through the local API) and opens the disable on that
// session, which comes before triage; the dialog says which will happen. And the agent's harder path:
// going without possession proof needs a chosen reason and a confirmation.
import type { Browser, Page } from 'playwright-core';
import { buildPages } from '../support/built-pages';
import {
  createCustomer,
  genuineAnswers,
  knowledgeChecks,
  markEnrolled,
  passVerification,
} from '../support/fixtures';
import { noVelocityLimits, startTestStack, type TestStack } from '../support/stack';
import {
  answerTriageToVerify,
  launchBrowser,
  openPage,
  screenshot,
  signIn,
  type OpenedPage,
} from './browser';

let stack: TestStack;
let browser: Browser;
const opened: OpenedPage[] = [];

beforeAll(async () => {
  await buildPages();
  // One direct disable an hour for all admins together: the next one needs a second admin.
  [stack, browser] = await Promise.all([
    startTestStack({ environment: { ...noVelocityLimits, VELOCITY_DISABLES_PER_HOUR_TOTAL: '1' } }),
    launchBrowser(),
  ]);
}, 120000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});
afterEach(async () => {
  const problems = opened.flatMap((page) => page.problems);
  await Promise.all(opened.splice(0).map((page) => page.context.close()));
  expect(problems).toEqual([]);
});

const open = async () => {
  const page = await openPage(browser, { viewport: { width: 1400, height: 900 } });
  opened.push(page);
  return page.page;
};

const emailOf = (customerId: string) => `${customerId}@voltpark.nl`;

const passedCase = async (customerId: string, overrides: Record<string, unknown> = {}) => {
  await createCustomer(stack, customerId, {
    email: emailOf(customerId),
    fullName: `Klant ${customerId}`,
    ...overrides,
  });
  await markEnrolled(stack, customerId);
  return passVerification(stack, customerId, await stack.helpdeskToken('agent-cees'), knowledgeChecks, {
    EMAIL: emailOf(customerId),
    FULL_NAME: `Klant ${customerId}`,
  });
};

const readyList = async (admin: string) => {
  const response = await stack.call('GET', '/admin/verifications?status=PASSED', {
    token: await stack.adminToken(admin),
  });
  expect(response.status).toBe(200);
  return new Map<string, { disable: unknown }>(
    response.body.verifications.map((item: { verificationId: string; disable: unknown }) => [
      item.verificationId,
      item,
    ]),
  );
};

const readyRow = (page: Page, verificationId: string) => page.locator(`tr[data-ready="${verificationId}"]`);

describe('the admin’s queue', () => {
  it('starts the admin in one counted queue whose rows say what a disable does (as the disable then does) and open the disable on that session, before triage', async () => {
    const plain = await passedCase('aq-plain');
    const vip = await passedCase('aq-vip', { privileged: true });

    // The server's dry run, by the disable's own rule, for the admin who reads it.
    const before = await readyList('admin-frits');
    expect(before.get(plain)?.disable).toEqual({ kind: 'DIRECT' });
    expect(before.get(vip)?.disable).toEqual({ kind: 'NEEDS_APPROVAL', reasons: ['PRIVILEGED_CUSTOMER'] });

    const admin = await open();
    await signIn(admin, stack, 'admin-frits');
    // The start page is the queue, with focus on its first heading; the navigation counts both lists.
    const heading = admin.getByRole('heading', { name: 'Klaar voor een admin' });
    await heading.waitFor();
    expect(await admin.evaluate(() => document.activeElement?.textContent)).toBe('Klaar voor een admin');
    expect(admin.url()).toMatch(/#\/approvals$/);
    await admin.getByRole('link', { name: 'Admin-wachtrij 2 wachtend' }).waitFor();
    expect(await readyRow(admin, plain).getByTestId('ready-disable-preview').textContent()).toBe(
      '2FA gaat direct uit, tenzij de uurlimieten intussen bereikt worden: dan moet een tweede admin eerst goedkeuren.',
    );
    expect(await readyRow(admin, vip).getByTestId('ready-disable-preview').textContent()).toBe(
      'Een tweede admin moet goedkeuren (bevoorrechte klant); 2FA blijft aan tot dan.',
    );
    await screenshot(admin, 'admin-queue-01-start');

    // The privileged customer's row: the disable step opens on that session, above triage.
    await readyRow(admin, vip).getByRole('link', { name: '2FA uitschakelen…' }).click();
    await admin.getByTestId('disable').waitFor();
    expect(await admin.getByLabel('Op basis van verificatie').inputValue()).toBe(vip);
    const disableFirst = await admin.evaluate(() => {
      const disable = document.querySelector('[data-testid="disable"]');
      const verification = document.querySelector('[data-testid="verification"]');
      return Boolean(
        disable &&
        verification &&
        disable.compareDocumentPosition(verification) & Node.DOCUMENT_POSITION_FOLLOWING,
      );
    });
    expect(disableFirst).toBe(true);
    await admin.getByLabel('Reden (komt in het audit-logboek)').fill('Nieuwe telefoon, oude gewist');
    await admin.getByRole('button', { name: '2FA uitschakelen…' }).click();
    // The dialog says which will happen before anything does; Escape backs out.
    const dialog = admin.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Een tweede admin moet goedkeuren (bevoorrechte klant)');
    expect(await dialog.textContent()).not.toContain('werken daarna niet meer');
    await screenshot(admin, 'admin-queue-02-dialog-approval', { fullPage: false });
    await admin.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await admin.getByRole('button', { name: '2FA uitschakelen…' }).click();
    await admin.getByRole('button', { name: 'Ja, ter goedkeuring voorleggen' }).click();
    await admin.locator('[data-testid="disable-outcome"][data-outcome="pending"]').waitFor();

    // Back in the queue: one ready, one approval, still one count.
    await admin.getByRole('link', { name: 'Admin-wachtrij 2 wachtend' }).click();
    await readyRow(admin, plain).getByRole('link', { name: '2FA uitschakelen…' }).click();
    await admin.getByLabel('Reden (komt in het audit-logboek)').fill('Telefoon kwijt, beller geverifieerd');
    await admin.getByRole('button', { name: '2FA uitschakelen…' }).click();
    expect(await admin.getByRole('dialog').textContent()).toContain(
      '2FA gaat direct uit, tenzij de uurlimieten intussen bereikt worden',
    );
    await admin.getByRole('button', { name: 'Ja, 2FA uitschakelen' }).click();
    await admin.locator('[data-testid="disable-outcome"][data-outcome="disabled"]').waitFor();

    // The hour's one direct disable is spent: the dry run says so, and the disable does what it said.
    const third = await passedCase('aq-third');
    const after = await readyList('admin-frits');
    expect(after.get(third)?.disable).toEqual({ kind: 'NEEDS_APPROVAL', reasons: ['TOTAL_VELOCITY'] });
    const disabled = await stack.call('POST', '/admin/customers/aq-third/2fa/disable', {
      token: await stack.adminToken('admin-frits'),
      body: { verificationId: third, reason: 'Telefoon kwijt' },
    });
    expect(disabled.status).toBe(202);
    expect(disabled.body.approvalReasons).toEqual(['TOTAL_VELOCITY']);
    // Whoever verified may not disable (four eyes): as an admin, their row reads as refused.
    const asVerifier = await readyList('agent-cees');
    expect(asVerifier.get(plain)).toBeUndefined();
    const fourth = await passedCase('aq-fourth');
    expect((await readyList('agent-cees')).get(fourth)?.disable).toEqual({
      kind: 'REFUSED',
      code: 'DISABLER_IS_VERIFIER',
    });
  });

  it('going without possession proof asks for an explicit reason and a confirmation that Escape backs out of', async () => {
    await createCustomer(stack, 'aq-noproof', { email: emailOf('aq-noproof') });
    await markEnrolled(stack, 'aq-noproof');
    const agent = await open();
    await signIn(agent, stack, 'agent-bram', '#/customers/aq-noproof');
    await answerTriageToVerify(agent);
    await agent.getByRole('button', { name: 'Verificatie starten' }).click();
    const answers: Record<string, string> = { ...genuineAnswers, EMAIL: emailOf('aq-noproof') };
    for (const type of ['FULL_NAME', 'EMAIL', 'CHARGE_POINT_IDS', 'LAST_TRANSACTION']) {
      const check = agent.locator(`[data-check="${type}"]`);
      await check.getByLabel('Antwoord van de klant').fill(answers[type] as string);
      await check.getByRole('button', { name: 'Controleren' }).click();
      await check.locator('[data-result="MATCH"]').waitFor();
    }
    await agent.getByText('Klant kan de code niet ontvangen?').click();
    const reason = agent.getByLabel('Waarom niet?');
    // No reason is assumed.
    expect(await reason.inputValue()).toBe('');
    expect(await reason.locator('option:checked').textContent()).toBe('Kies een reden');
    const finish = agent.getByRole('button', { name: 'Afronden zonder bezitsbewijs' });
    await finish.click();
    const refusal = agent
      .getByTestId('without-proof')
      .getByText('Kies waarom de klant de code niet kan ontvangen.');
    await refusal.waitFor();
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    expect(await agent.getByRole('dialog').count()).toBe(0);
    expect(await agent.getByTestId('verification-outcome').count()).toBe(0);

    await reason.selectOption('MAILBOX_ON_LOST_DEVICE');
    await finish.click();
    const dialog = agent.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(
      'een tweede admin moet het uitschakelen van 2FA daarna goedkeuren',
    );
    // Focus starts on Cancel: a stray Enter does not complete.
    expect(await agent.evaluate(() => document.activeElement?.textContent)).toBe('Annuleren');
    await screenshot(agent, 'admin-queue-03-without-proof-confirm', { fullPage: false });
    await agent.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await agent.getByTestId('verification-outcome').count()).toBe(0);
    // The tired agent's second try: the chosen reason stayed, and confirming completes.
    expect(await reason.inputValue()).toBe('MAILBOX_ON_LOST_DEVICE');
    await finish.click();
    await agent.getByRole('button', { name: 'Ja, afronden zonder bezitsbewijs' }).click();
    await agent.locator('[data-testid="verification-outcome"][data-outcome="PASSED"]').waitFor();
    expect(await agent.getByTestId('without-proof-passed').textContent()).toContain('tweede admin');

    // The admin's step 2 shows what the agent established and the missing proof before any choice.
    const admin = await open();
    await signIn(admin, stack, 'admin-anna', '#/customers/aq-noproof');
    const checksLine = admin.getByTestId('disable-checks');
    await checksLine.waitFor();
    const text = (await checksLine.textContent()) ?? '';
    expect(text).toContain('komt overeen');
    expect(text).toContain('zonder bezitsbewijs');
    expect(await checksLine.getAttribute('class')).toContain('notice-warn');
  });
});
