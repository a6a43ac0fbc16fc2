// Honest callers pass and nobody dead-ends (issue 24), in Chromium against the local stack: "complete"
// waits for what the policy needs and says what that is, a session a second admin rejected reads as
// ended with a new start on offer, the navigation's names hold their visible text, sign-in lands in the
// search, a phone's reload keeps the enrollment's QR code (and names an app's stale entry), and the
// reset mail's button opens the enrollment page from the SES inbox.
import type { Page } from 'playwright-core';
import {
  createCustomer,
  genuineAnswers,
  knowledgeChecks,
  markEnrolled,
  passVerification,
} from '../support/fixtures';
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { authenticatorFrom } from '../integration/enrollment-helpers';
import {
  answerTriageToVerify,
  browserSuite,
  phone,
  readBackEmailedCode,
  screenshot,
  signIn,
} from './browser';

const { suite, open } = browserSuite({ timezoneId: 'Europe/Amsterdam' });

const emailOf = (customerId: string) => `${customerId}@voltpark.nl`;

const enrolledCustomer = async (customerId: string, overrides: Record<string, unknown> = {}) => {
  await createCustomer(suite.stack, customerId, { email: emailOf(customerId), ...overrides });
  await markEnrolled(suite.stack, customerId);
};

const answer = async (agent: Page, type: string, value: string) => {
  const row = agent.locator(`[data-check="${type}"]`);
  await row.getByLabel('Antwoord van de klant').fill(value);
  await row.getByRole('button', { name: 'Controleren' }).click();
  await row.locator('[data-result="MATCH"]').waitFor();
};

/** The QR code's 15 minutes pass: the pending secret's expiry moves into the past. */
const expireQr = async (customerId: string) => {
  await suite.stack.dynamodb.send(
    new UpdateItemCommand({
      TableName: suite.stack.tableNames.customers,
      Key: { customerId: { S: customerId } },
      UpdateExpression: 'SET pendingEnrollment.expiresAt = :past',
      ExpressionAttributeValues: { ':past': { S: new Date(Date.now() - 1000).toISOString() } },
    }),
  );
};

const missingCodes = (agent: Page, testId: string) =>
  agent
    .getByTestId(testId)
    .locator('li')
    .evaluateAll((items) => items.map((item) => item.dataset.code));

/** What a sighted user reads in an element: its text without what only screen readers get. */
const visibleText = (page: Page, selector: string) =>
  page.locator(selector).evaluate((element) => {
    const parts: string[] = [];
    const walk = (node: Node) => {
      if (
        node instanceof HTMLElement &&
        (node.classList.contains('visually-hidden') || node.ariaHidden === 'true')
      )
        return;
      if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
      node.childNodes.forEach(walk);
    };
    walk(element);
    return parts.join('').replace(/\s+/g, ' ').trim();
  });

describe('the console: complete when the policy can pass, and after a rejection start again', () => {
  it('keeps “Verificatie afronden” disabled, naming what is missing, until the policy can pass; a reload keeps the list', async () => {
    await enrolledCustomer('nd-early');
    const agent = await open();
    await signIn(agent, suite.stack, 'agent-bram', '#/customers/nd-early');
    await answerTriageToVerify(agent);
    await agent.getByRole('button', { name: 'Verificatie starten' }).click();
    const finish = agent.getByRole('button', { name: 'Verificatie afronden' });
    await finish.waitFor();
    expect(await finish.isDisabled()).toBe(true);
    expect(await missingCodes(agent, 'complete-missing')).toEqual([
      'EMAIL_NOT_MATCHED',
      'FULL_NAME_NOT_MATCHED',
      'TOO_FEW_SECURITY_ANSWERS',
      'EMAIL_CODE_REQUIRED',
    ]);
    // The reason is the disabled button's description for a screen reader.
    const describedBy = await finish.getAttribute('aria-describedby');
    expect(await agent.locator(`[id="${describedBy}"]`).textContent()).toContain(
      '“E-mailadres” moet gecontroleerd zijn en overeenkomen.',
    );
    await screenshot(agent, 'no-dead-ends-01-complete-waits');

    const answers: Record<string, string> = { ...genuineAnswers, EMAIL: emailOf('nd-early') };
    await answer(agent, 'FULL_NAME', answers.FULL_NAME ?? '');
    await answer(agent, 'EMAIL', answers.EMAIL ?? '');
    expect(await missingCodes(agent, 'complete-missing')).toEqual([
      'TOO_FEW_SECURITY_ANSWERS',
      'EMAIL_CODE_REQUIRED',
    ]);
    // A reload (the page's state is in memory) reads the same from the server.
    await agent.reload();
    await agent.getByTestId('complete-missing').waitFor();
    expect(await missingCodes(agent, 'complete-missing')).toEqual([
      'TOO_FEW_SECURITY_ANSWERS',
      'EMAIL_CODE_REQUIRED',
    ]);
    for (const type of knowledgeChecks.slice(2)) await answer(agent, type, answers[type] ?? '');
    expect(await missingCodes(agent, 'complete-missing')).toEqual(['EMAIL_CODE_REQUIRED']);
    expect(await finish.isDisabled()).toBe(true);
    // Without possession proof nothing else is missing now: that (harder) path is open.
    await agent.getByText('Klant kan de code niet ontvangen?').click();
    expect(await agent.getByRole('button', { name: 'Afronden zonder bezitsbewijs' }).isDisabled()).toBe(
      false,
    );
    expect(await agent.getByTestId('without-proof-missing').count()).toBe(0);
    // The code read back: complete is offered, and passes.
    await readBackEmailedCode(agent, suite.stack, emailOf('nd-early'));
    expect(await agent.getByTestId('complete-missing').count()).toBe(0);
    expect(await agent.getByTestId('outcome-next').textContent()).toContain('30 minuten bruikbaar');
  });

  it('after a second admin rejects, the verifying agent reads the session as ended and can start a new triage and verification', async () => {
    await enrolledCustomer('nd-vip', { privileged: true, fullName: 'Klant nd-vip' });
    const agent = await open();
    await signIn(agent, suite.stack, 'agent-bram', '#/customers/nd-vip');
    await answerTriageToVerify(agent);
    await agent.getByRole('button', { name: 'Verificatie starten' }).click();
    const answers: Record<string, string> = {
      ...genuineAnswers,
      EMAIL: emailOf('nd-vip'),
      FULL_NAME: 'Klant nd-vip',
    };
    for (const type of knowledgeChecks) await answer(agent, type, answers[type] ?? '');
    await readBackEmailedCode(agent, suite.stack, emailOf('nd-vip'));
    const verificationId = (
      await suite.stack.call('GET', '/admin/customers/nd-vip', {
        token: await suite.stack.helpdeskToken('agent-bram'),
      })
    ).body.recentVerifications[0].verificationId as string;

    // A privileged customer: anna's disable waits for a second admin, and bob rejects it.
    const parked = await suite.stack.call('POST', '/admin/customers/nd-vip/2fa/disable', {
      token: await suite.stack.adminToken('admin-anna'),
      body: { verificationId, reason: 'Telefoon kwijt, beller geverifieerd' },
    });
    expect(parked.status).toBe(202);
    const rejected = await suite.stack.call('POST', `/admin/approvals/${parked.body.approvalId}/reject`, {
      token: await suite.stack.adminToken('admin-bob'),
      body: { reason: 'Beller kon de laadpaal niet noemen' },
    });
    expect(rejected.status).toBe(200);

    await agent.reload();
    await agent.getByTestId('disable-rejected').waitFor();
    // Nothing says "passed, usable for 30 minutes" any more: the session is gone from the card.
    expect(await agent.getByTestId('verification-outcome').count()).toBe(0);
    expect(await agent.getByTestId('verification').textContent()).not.toContain('30 minuten bruikbaar');
    await screenshot(agent, 'no-dead-ends-02-rejected-start-again');
    // A new triage and verification, on the same page.
    await answerTriageToVerify(agent);
    await agent.getByRole('button', { name: 'Verificatie starten' }).click();
    await agent.getByTestId('verification-id').filter({ hasText: 'loopt' }).waitFor();
    const sessions = (
      await suite.stack.call('GET', '/admin/customers/nd-vip', {
        token: await suite.stack.helpdeskToken('agent-bram'),
      })
    ).body.recentVerifications;
    expect(sessions.map((item: { status: string }) => item.status)).toEqual(['OPEN', 'REJECTED']);
  });

  it('names the navigation links by their visible text and more (WCAG 2.5.3), and sign-in lands in the search box', async () => {
    await enrolledCustomer('nd-nav', { privileged: true, fullName: 'Klant nd-nav' });
    const verificationId = await passVerification(
      suite.stack,
      'nd-nav',
      await suite.stack.helpdeskToken('agent-cees'),
      knowledgeChecks,
      { EMAIL: emailOf('nd-nav'), FULL_NAME: 'Klant nd-nav' },
    );
    await suite.stack.call('POST', '/admin/customers/nd-nav/2fa/disable', {
      token: await suite.stack.adminToken('admin-anna'),
      body: { verificationId, reason: 'Telefoon kwijt' },
    });

    const admin = await open();
    await signIn(admin, suite.stack, 'admin-frits');
    // Back from the sign-in page, an admin starts in their queue, at its heading.
    await admin.getByRole('heading', { name: 'Klaar voor een admin' }).waitFor();
    expect(await admin.evaluate(() => document.activeElement?.textContent)).toBe('Klaar voor een admin');
    const approvals = admin.getByTestId('nav-approvals');
    await admin.getByTestId('pending-count').waitFor();
    const shown = await visibleText(admin, '[data-testid="nav-approvals"]');
    expect(shown).toMatch(/^Admin-wachtrij \d+$/);
    await admin.getByRole('link', { name: `${shown} wachtend`, exact: true }).waitFor();
    expect(await approvals.count()).toBe(1);

    const officer = await open();
    await signIn(officer, suite.stack, 'officer-fatima');
    await officer.getByTestId('security-count').waitFor();
    const locks = await visibleText(officer, 'a[href="#/security"]');
    expect(locks).toMatch(/^Herstelblokkades \d+\+?$/);
    await officer.getByRole('link', { name: `${locks} open`, exact: true }).waitFor();
  });
});

describe('the enrollment page on a phone: a reload keeps the QR code', () => {
  const ticketFor = async (customerId: string) => {
    await createCustomer(suite.stack, customerId, { email: emailOf(customerId) });
    const issued = await suite.stack.call('POST', `/internal/customers/${customerId}/2fa/enrollment-ticket`, {
      token: await suite.stack.serviceToken(),
    });
    expect(issued.status).toBe(200);
    return issued.body.ticket as string;
  };

  const beginOnPhone = async (ticket: string) => {
    const page = await open({ viewport: phone });
    await page.goto(`${suite.stack.apiUrl}/enroll/#ticket=${ticket}`);
    await page.locator('[data-state="intro"]').waitFor();
    return page;
  };

  const shownSecret = async (page: Page) =>
    ((await page.getByTestId('secret').textContent()) ?? '').replace(/\s/g, '');

  it('comes back to the same QR code after the tab is reloaded, and the entry the app added confirms', async () => {
    const ticket = await ticketFor('nd-reload');
    const page = await beginOnPhone(ticket);
    // On a phone there is nothing to scan: the first step says to add the account with a tap.
    const steps = (await page.locator('[data-state="intro"] ol').textContent()) ?? '';
    expect(steps).not.toContain('Scan');
    expect(steps).toContain('Voeg uw account toe aan de app');
    await page.getByRole('button', { name: 'Beginnen' }).click();
    await page.locator('[data-state="scan"]').waitFor();
    const secret = await shownSecret(page);
    const uri = (await page.getByTestId('open-in-app').getAttribute('href')) ?? '';

    // The browser dropped the tab while the customer was in the app: the page loads again.
    await page.reload();
    await page.locator('[data-state="scan"]').waitFor();
    expect(page.url()).not.toContain(ticket);
    expect(await shownSecret(page)).toBe(secret);
    expect(await page.getByTestId('earlier-qr-replaced').count()).toBe(0);
    await screenshot(page, 'no-dead-ends-03-reloaded-scan');
    await page.locator('[data-key="code"]').fill(authenticatorFrom(uri).codeAt(Date.now()));
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await page.locator('[data-state="codes"]').waitFor();
    // Spent: a reload now has no link to go back to.
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  });

  it('after the QR code expired and the page made a new one, a code from the old app entry names that entry as the cause', async () => {
    const ticket = await ticketFor('nd-stale');
    const page = await beginOnPhone(ticket);
    await page.getByRole('button', { name: 'Beginnen' }).click();
    await page.locator('[data-state="scan"]').waitFor();
    const oldUri = (await page.getByTestId('open-in-app').getAttribute('href')) ?? '';
    await expireQr('nd-stale');
    await page.reload();
    await page.getByTestId('earlier-qr-replaced').waitFor();
    const newUri = (await page.getByTestId('open-in-app').getAttribute('href')) ?? '';
    expect(newUri).not.toBe(oldUri);
    await page.locator('[data-key="code"]').fill(authenticatorFrom(oldUri).codeAt(Date.now()));
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    const error = page.getByTestId('confirm-error');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('WRONG_CODE_STALE_ENTRY');
    expect(await error.textContent()).toContain('oudere invoer voor dit account');
    await screenshot(page, 'no-dead-ends-04-stale-entry');
    await page.locator('[data-key="code"]').fill(authenticatorFrom(newUri).codeAt(Date.now()));
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await page.locator('[data-state="codes"]').waitFor();
  });
});

describe('the five-minute procedure in the SES inbox', () => {
  it('opens the reset mail’s button in a new tab: the enrollment page, not a frame it refuses', async () => {
    await enrolledCustomer('nd-inbox');
    const verificationId = await passVerification(
      suite.stack,
      'nd-inbox',
      await suite.stack.helpdeskToken('agent-bram'),
      knowledgeChecks,
      { EMAIL: emailOf('nd-inbox') },
    );
    const disabled = await suite.stack.call('POST', '/admin/customers/nd-inbox/2fa/disable', {
      token: await suite.stack.adminToken('admin-anna'),
      body: { verificationId, reason: 'Telefoon kwijt' },
    });
    expect(disabled.status).toBe(200);
    const subject = 'Uw tweestapsverificatie is uitgeschakeld';
    for (let tries = 0; tries < 100; tries += 1) {
      const mails = await suite.stack.sentEmails();
      if (mails.some((mail) => mail.destination.to.includes(emailOf('nd-inbox')) && mail.subject === subject))
        break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    const inbox = await open();
    const context = inbox.context();
    await inbox.goto(`${suite.stack.sesEndpoint}/`);
    const mail = inbox
      .locator('.email')
      .filter({ hasText: emailOf('nd-inbox') })
      .filter({ hasText: subject });
    await mail.getByRole('button', { name: 'Toggle HTML view' }).click();
    const opened = context.waitForEvent('page');
    await mail.frameLocator('iframe').getByRole('link', { name: '2FA opnieuw instellen' }).click();
    const enroll = await opened;
    await enroll.locator('[data-state="intro"]').waitFor();
    expect(new URL(enroll.url()).pathname).toBe('/enroll/');
  });
});
