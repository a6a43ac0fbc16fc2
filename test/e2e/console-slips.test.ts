// Issue 24 in the console, in a real browser: an honest caller's slips do not fail them. The agent sees
// "incomplete: ask for more" and asks again; a first wrong answer waits, the agent ticks "the caller
// repeated it" and records what the caller says then; one misread digit of the code is read again.
import type { Page } from 'playwright-core';
import { createCustomer, markEnrolled } from '../support/fixtures';
import { mailOfKind } from '../support/mails';
import { answerTriageToVerify, browserSuite, focusedKey, screenshot, signIn } from './browser';

const { suite, open } = browserSuite();

const row = (page: Page, type: string) => page.locator(`[data-check="${type}"]`);
/** Types the caller's answer into the question's row and presses its check button (by data-key: any language). */
const answer = async (page: Page, type: string, said: string) => {
  await row(page, type).locator(`[data-key="answer-${type}"]`).fill(said);
  await row(page, type).locator(`[data-key="check-${type}"]`).click();
};
const shows = (page: Page, type: string, result: string) =>
  row(page, type).locator(`[data-testid="check-result"][data-result="${result}"]`).waitFor();

describe('honest slips in the console', () => {
  it('asks for more on an incomplete answer and has a wrong one repeated before it counts, then passes (Dutch)', async () => {
    const address = 'e2e-sarah@voltpark.nl';
    await createCustomer(suite.stack, 'e2e-sarah', {
      email: address,
      fullName: "Sarah O'Connor",
      companyInfo: 'KvK 81234567, Gent',
    });
    await markEnrolled(suite.stack, 'e2e-sarah');
    const agent = await open();
    await signIn(agent, suite.stack, 'agent-bram', '#/customers/e2e-sarah');
    await answerTriageToVerify(agent);
    await agent.getByRole('button', { name: 'Verificatie starten' }).click();

    await answer(agent, 'FULL_NAME', 'sarah oconnor');
    await shows(agent, 'FULL_NAME', 'MATCH');
    await answer(agent, 'EMAIL', address);
    await shows(agent, 'EMAIL', 'MATCH');

    // The right day alone: incomplete, the question stays open and keeps the focus.
    await answer(agent, 'LAST_TRANSACTION', '19 november');
    await shows(agent, 'LAST_TRANSACTION', 'INCOMPLETE');
    expect(await row(agent, 'LAST_TRANSACTION').getByTestId('check-result').textContent()).toBe(
      'Onvolledig: vraag door',
    );
    expect(
      await row(agent, 'LAST_TRANSACTION').getByTestId('check-hint-LAST_TRANSACTION').textContent(),
    ).toContain('Vraag door');
    expect(await focusedKey(agent)).toBe('answer-LAST_TRANSACTION');
    await screenshot(agent, 'slips-01-incomplete');
    await answer(agent, 'LAST_TRANSACTION', '19 november, 18,45 euro');
    await shows(agent, 'LAST_TRANSACTION', 'MATCH');

    // A wrong answer: it does not count yet; "does not know" is gone, the repeat must be ticked.
    await answer(agent, 'COMPANY_INFO', 'KvK 81234568');
    await shows(agent, 'COMPANY_INFO', 'MISMATCH_UNCONFIRMED');
    const info = row(agent, 'COMPANY_INFO');
    expect(await info.getByTestId('check-hint-COMPANY_INFO').textContent()).toContain('telt nog niet');
    expect(await info.locator('[data-key="unknown-COMPANY_INFO"]').count()).toBe(0);
    await screenshot(agent, 'slips-02-unconfirmed');
    await answer(agent, 'COMPANY_INFO', 'KvK 81234567');
    await info.getByTestId('check-error-COMPANY_INFO').waitFor();
    expect(await info.getByTestId('check-error-COMPANY_INFO').textContent()).toContain(
      'Vink eerst aan dat de klant het antwoord herhaalde',
    );
    // Nothing went to the server: the session still holds one answer to the question.
    await info.getByLabel('De klant herhaalde het antwoord').check();
    await answer(agent, 'COMPANY_INFO', 'KvK 81234567');
    await shows(agent, 'COMPANY_INFO', 'MATCH');

    // One misread digit of the code: read again, then right.
    await agent.getByRole('button', { name: 'Code e-mailen' }).click();
    await agent.getByTestId('email-code-sent').waitFor();
    const mail = await mailOfKind(suite.stack, address, 'EMAIL_CODE');
    const code = /^\s+(\d{6,})\s*$/m.exec(mail?.body.text ?? '')?.[1] ?? '';
    await answer(agent, 'EMAIL_CODE', `${code.slice(0, 5)}${(Number(code[5]) + 1) % 10}`);
    await shows(agent, 'EMAIL_CODE', 'MISMATCH_UNCONFIRMED');
    expect(await row(agent, 'EMAIL_CODE').getByTestId('check-hint-EMAIL_CODE').textContent()).toContain(
      'Pogingen over: 2',
    );
    await answer(agent, 'EMAIL_CODE', code);
    await shows(agent, 'EMAIL_CODE', 'MATCH');
    await agent.getByRole('button', { name: 'Verificatie afronden' }).click();
    await agent.locator('[data-testid="verification-outcome"][data-outcome="PASSED"]').waitFor();
    await screenshot(agent, 'slips-03-passed');

    const session = await suite.stack.call('GET', '/admin/customers/e2e-sarah', {
      token: await suite.stack.helpdeskToken('agent-bram'),
    });
    const id: string = session.body.recentVerifications[0].verificationId;
    const checks = (
      await suite.stack.call('GET', `/admin/verifications/${id}`, {
        token: await suite.stack.helpdeskToken('agent-bram'),
      })
    ).body.checks.map((check: { type: string; result: string }) => `${check.type}:${check.result}`);
    expect(checks.filter((check: string) => check.startsWith('COMPANY_INFO'))).toEqual([
      'COMPANY_INFO:MISMATCH_UNCONFIRMED',
      'COMPANY_INFO:MATCH',
    ]);
  });

  it('shows the confirm in English, keeps it after a reload, and fails the session on a repeated wrong answer', async () => {
    const address = 'e2e-olaf@voltpark.nl';
    await createCustomer(suite.stack, 'e2e-olaf', { email: address, fullName: 'Olaf Ødegård' });
    await markEnrolled(suite.stack, 'e2e-olaf');
    const agent = await open({ locale: 'en-GB' });
    await signIn(agent, suite.stack, 'agent-bram', '#/customers/e2e-olaf');
    await answerTriageToVerify(agent);
    await agent.getByRole('button', { name: 'Start verification' }).click();
    await answer(agent, 'FULL_NAME', 'olaf odegard');
    await shows(agent, 'FULL_NAME', 'MATCH');
    await answer(agent, 'LAST_LOGIN_DATE', '21 November');
    await shows(agent, 'LAST_LOGIN_DATE', 'MISMATCH_UNCONFIRMED');
    expect(await row(agent, 'LAST_LOGIN_DATE').getByTestId('check-result').textContent()).toBe(
      'Does not match (not counted yet)',
    );
    // After a reload the question still waits for the repeat.
    await agent.reload();
    await shows(agent, 'LAST_LOGIN_DATE', 'MISMATCH_UNCONFIRMED');
    const login = row(agent, 'LAST_LOGIN_DATE');
    await login.getByLabel('The caller repeated the answer').check();
    await answer(agent, 'LAST_LOGIN_DATE', '21 November');
    await shows(agent, 'LAST_LOGIN_DATE', 'MISMATCH');
    await agent.locator('[data-testid="verification-outcome"][data-outcome="FAILED"]').waitFor();
    expect(await agent.getByTestId('outcome-reasons').locator('li').allTextContents()).toEqual([
      'The answer to “Last login date (if known)” did not match.',
    ]);
    await screenshot(agent, 'slips-04-repeated-wrong-en');
  });
});
