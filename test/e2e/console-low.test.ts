// Small things a Dutch helpdesk trips over, in Chromium against the local stack: a refused form speaks
// the console's language (not the browser's bubble), each answer field has its own name and reads its
// expected form, every time on a page has one format with its zone, the page offers the start again
// when a cooldown ends, and a failed session gives the agent the words for the caller.
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { createCustomer, knowledgeChecks, markEnrolled, passVerification } from '../support/fixtures';
import { answerTriageToVerify, browserSuite, signIn } from './browser';

jest.setTimeout(150_000);

// An English browser on the Dutch console: a native bubble would say "Please fill out this field."
const { suite, open } = browserSuite({
  timezoneId: 'Europe/Amsterdam',
  locale: 'en-US',
  viewport: { width: 1400, height: 900 },
});

const emailOf = (customerId: string) => `${customerId}@voltpark.nl`;

const enrolledAndVerified = async (customerId: string) => {
  await createCustomer(suite.stack, customerId, { email: emailOf(customerId) });
  await markEnrolled(suite.stack, customerId);
  return passVerification(
    suite.stack,
    customerId,
    await suite.stack.helpdeskToken('agent-bram'),
    knowledgeChecks,
    { EMAIL: emailOf(customerId) },
  );
};

/** "30-11-2026 14:02 CET": the audit table's format, the one every time in the console now uses. */
const consoleTime = /\d{2}-\d{2}-\d{4} \d{2}:\d{2} CES?T/;

describe('the console in its own words and formats', () => {
  it('an empty disable reason is refused in the console language; no browser bubble stops the form first', async () => {
    await enrolledAndVerified('low-1');
    const admin = await open();
    await signIn(admin, suite.stack, 'admin-anna', '#/customers/low-1');
    // The page speaks Dutch whatever the browser says.
    if ((await admin.locator('html').getAttribute('lang')) !== 'nl')
      await admin.getByTestId('lang-switch').click();
    const form = admin.getByTestId('disable-form');
    await form.waitFor();
    expect(await form.getAttribute('novalidate')).not.toBeNull();
    await form.getByRole('button', { name: '2FA uitschakelen…' }).click();
    await form.getByText('Geef een reden van minstens 3 tekens.').waitFor();
    expect(await admin.getByRole('dialog').count()).toBe(0);
  });

  it('each answer field has its own name and is described by its expected form', async () => {
    await createCustomer(suite.stack, 'low-2', { email: emailOf('low-2') });
    await markEnrolled(suite.stack, 'low-2');
    const started = await suite.stack.call('POST', '/admin/customers/low-2/verifications', {
      token: await suite.stack.helpdeskToken('agent-bram'),
      body: { channel: 'phone' },
    });
    expect(started.status).toBe(201);
    const agent = await open();
    await signIn(agent, suite.stack, 'agent-bram', '#/customers/low-2');
    // The page's language is read once the customer page is drawn, not on a page the sign-in passes through.
    await agent.locator('[data-check="FULL_NAME"] input').first().waitFor();
    if ((await agent.locator('html').getAttribute('lang')) !== 'nl') {
      await agent.getByTestId('lang-switch').click();
      await agent.locator('html[lang="nl"]').waitFor({ state: 'attached' });
      await agent.locator('[data-check="FULL_NAME"] input').first().waitFor();
    }
    const fields = await agent.evaluate(() =>
      Array.from(
        document.querySelectorAll<HTMLInputElement>('[data-check] input:not([type="checkbox"])'),
      ).map((input: HTMLInputElement) => ({
        name: input.name,
        describedBy: (input.getAttribute('aria-describedby') ?? '')
          .split(' ')
          .filter(Boolean)
          .map((id: string) => document.getElementById(id)?.textContent ?? `(missing ${id})`),
      })),
    );
    const names = fields.map((field) => field.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['answer-FULL_NAME', 'note-FULL_NAME', 'answer-EMAIL']));
    const answers = fields.filter((field) => field.name.startsWith('answer-'));
    expect(answers.length).toBeGreaterThanOrEqual(4);
    for (const answer of answers)
      expect({ name: answer.name, hint: answer.describedBy[0] }).toEqual({
        name: answer.name,
        hint: expect.stringMatching(/^Verwacht: /),
      });
  });

  it('times on the customer page carry the zone, in the same format as the audit table', async () => {
    const verificationId = await enrolledAndVerified('low-3');
    const disabled = await suite.stack.call('POST', '/admin/customers/low-3/2fa/disable', {
      token: await suite.stack.adminToken('admin-anna'),
      body: { verificationId, reason: 'Telefoon kwijt' },
    });
    expect(disabled.status).toBe(200);
    const admin = await open();
    await signIn(admin, suite.stack, 'admin-bob', '#/customers/low-3');
    if ((await admin.locator('html').getAttribute('lang')) !== 'nl')
      await admin.getByTestId('lang-switch').click();
    const card = admin.getByTestId('reset-link');
    await card.waitFor();
    expect(await card.textContent()).toMatch(consoleTime);
    const mainText = (await admin.locator('main').textContent()) ?? '';
    // No second date format ("7 dec 2026") beside the audit table's.
    expect(mainText).not.toMatch(/\d{1,2} (jan|feb|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec)\.? \d{4}/);
  });

  it('when the cooldown ends the page offers the triage and the start again, without a reload', async () => {
    await createCustomer(suite.stack, 'low-4', { email: emailOf('low-4') });
    await markEnrolled(suite.stack, 'low-4');
    // A failed session's cooldown, ending shortly (as if the 15 minutes were nearly over).
    const until = new Date(Date.now() + 20_000).toISOString();
    await suite.stack.dynamodb.send(
      new UpdateItemCommand({
        TableName: suite.stack.tableNames.customers,
        Key: { customerId: { S: 'low-4' } },
        UpdateExpression: 'SET verificationCooldownUntil = :until',
        ExpressionAttributeValues: { ':until': { S: until } },
      }),
    );
    const agent = await open();
    await signIn(agent, suite.stack, 'agent-bram', '#/customers/low-4');
    await agent.getByTestId('verification-cooldown').waitFor();
    await agent.evaluate(() => Object.assign(window, { notReloaded: true }));
    await agent.getByTestId('verification-cooldown').waitFor({ state: 'detached', timeout: 60_000 });
    expect(await agent.getByTestId('start-cooldown').count()).toBe(0);
    await agent.locator('[data-key="reported-problem"]').waitFor();
    expect(await agent.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );
  });

  it('a failed session gives the agent what to tell the caller: no disable, when to call again, not which answer', async () => {
    await createCustomer(suite.stack, 'low-5', { email: emailOf('low-5') });
    await markEnrolled(suite.stack, 'low-5');
    const agent = await open();
    await signIn(agent, suite.stack, 'agent-bram', '#/customers/low-5');
    if ((await agent.locator('html').getAttribute('lang')) !== 'nl')
      await agent.getByTestId('lang-switch').click();
    await answerTriageToVerify(agent);
    await agent.getByRole('button', { name: 'Verificatie starten' }).click();
    const login = agent.locator('[data-check="LAST_LOGIN_DATE"]');
    const wrong = async (result: string) => {
      await login.getByLabel('Antwoord van de klant').fill('21 november');
      await login.getByRole('button', { name: 'Controleren' }).click();
      await login.locator(`[data-result="${result}"]`).waitFor();
    };
    await wrong('MISMATCH_UNCONFIRMED');
    await login.getByLabel('De klant herhaalde het antwoord').check();
    await wrong('MISMATCH');
    await agent.locator('[data-testid="verification-outcome"][data-outcome="FAILED"]').waitFor();
    const say = (await agent.getByTestId('outcome-say').textContent()) ?? '';
    expect(say).toMatch(/^Zeg tegen de klant: “Ik kan uw identiteit nu niet voldoende bevestigen/);
    expect(say).toMatch(consoleTime);
    expect(say).not.toMatch(/inlog/i);
  });
});
