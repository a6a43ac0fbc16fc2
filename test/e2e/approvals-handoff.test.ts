// The staff side of a case between its steps, in Chromium against the local stack: a second admin
// rejects a disable (the requester reads why, the verification is spent), an admin's own request cannot
// be approved, the navigation counts what waits, a case number is copied and found by search, the
// agent's outcome survives a reload and reaches the admins' ready list, a session is cancelled, and a
// reset link is sent again (the old one dead, the new one working, the fourth of a day refused).
import type { Browser, Page } from 'playwright-core';
import { buildPages } from '../support/built-pages';
import type { LocalStaffUsername } from '../../local/staff';
import {
  createCustomer,
  genuineAnswers,
  markEnrolled,
  passVerification,
  knowledgeChecks,
} from '../support/fixtures';
import { noVelocityLimits, startTestStack, type SentEmail, type TestStack } from '../support/stack';
import {
  launchBrowser,
  openPage,
  phone,
  screenshot,
  signIn,
  type OpenedPage,
  answerTriageToVerify,
} from './browser';
import { mailOfKind } from '../support/mails';

let stack: TestStack;
let browser: Browser;
const opened: OpenedPage[] = [];
// Local time is the browser's: a zone other than the machine's (UTC) shows that the console converts.
const timezoneId = 'Europe/Amsterdam';

beforeAll(async () => {
  await buildPages();
  // Reset emails come from the notifier, which reads the audit stream.
  [stack, browser] = await Promise.all([
    startTestStack({ pollStreams: true, environment: noVelocityLimits }),
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

const open = async (options: Parameters<typeof openPage>[1] = {}) => {
  const page = await openPage(browser, options);
  opened.push(page);
  return page;
};

/** A staff member's console, in Amsterdam time; it fails the test on any script error or CSP refusal. */
const consoleOf = async (username: LocalStaffUsername, hash: string) => {
  const { page, context } = await open({ timezoneId, viewport: { width: 1400, height: 900 } });
  await signIn(page, stack, username, hash);
  return { page, context };
};

const emailOf = (customerId: string) => `${customerId}@voltpark.nl`;

const enrolledCustomer = async (customerId: string, overrides: Record<string, unknown> = {}) => {
  await createCustomer(stack, customerId, { email: emailOf(customerId), ...overrides });
  await markEnrolled(stack, customerId);
};

/** A privileged customer, verified by an agent; admin-anna's disable waits for a second admin. */
const parkedDisable = async (customerId: string) => {
  await enrolledCustomer(customerId, { privileged: true, fullName: `Klant ${customerId}` });
  const verificationId = await passVerification(
    stack,
    customerId,
    await stack.helpdeskToken('agent-cees'),
    knowledgeChecks,
    { EMAIL: emailOf(customerId), FULL_NAME: `Klant ${customerId}` },
  );
  const parked = await stack.call('POST', `/admin/customers/${customerId}/2fa/disable`, {
    token: await stack.adminToken('admin-anna'),
    body: { verificationId, reason: 'Telefoon kwijt, beller geverifieerd' },
  });
  expect(parked.status).toBe(202);
  return { verificationId, approvalId: parked.body.approvalId as string };
};

/** The console's one format: "30-11-2026 14:02 CET", in the browser's zone. */
const amsterdam = (iso: string) => {
  const parts = new Intl.DateTimeFormat('nl-NL', {
    timeZone: timezoneId,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((item) => item.type === type)?.value;
  return `${part('day')}-${part('month')}-${part('year')} ${part('hour')}:${part('minute')} ${part('timeZoneName')}`;
};

const approvalRow = (page: Page, approvalId: string) => page.locator(`tr[data-approval="${approvalId}"]`);

const ticketIn = (email: SentEmail | undefined) =>
  /#ticket=([A-Za-z0-9_-]+)/.exec(email?.body.text ?? '')?.[1] ?? '';

describe('approvals and the hand-off in the console', () => {
  it('counts pending approvals in the navigation; the requester cannot approve her own; a second admin rejects with a reason the requester reads, and the verification is spent', async () => {
    const first = await parkedDisable('ho-vip1');
    const second = await parkedDisable('ho-vip2');

    const anna = await consoleOf('admin-anna', '#/approvals');
    // The count is in the link's accessible name, not only in the picture.
    await anna.page.getByRole('link', { name: 'Admin-wachtrij 2 wachtend' }).waitFor();
    expect(await anna.page.getByTestId('pending-count').textContent()).toBe('2');
    const own = approvalRow(anna.page, first.approvalId);
    await own.waitFor();
    expect(await own.getByRole('button', { name: 'Goedkeuren…' }).isDisabled()).toBe(true);
    expect(await own.getByRole('button', { name: 'Afwijzen…' }).isDisabled()).toBe(true);
    expect(await own.getByTestId('approve-note').textContent()).toBe(
      'U vroeg dit zelf aan; een andere admin beslist erover.',
    );
    // The explanation is the disabled button's description for screen readers.
    const describedBy = await own
      .getByRole('button', { name: 'Goedkeuren…' })
      .getAttribute('aria-describedby');
    expect(await anna.page.locator(`[id="${describedBy}"]`).textContent()).toContain('U vroeg dit zelf aan');
    await screenshot(anna.page, 'handoff-01-own-request');

    const bob = await consoleOf('admin-bob', '#/approvals');
    const row = approvalRow(bob.page, first.approvalId);
    await row.waitFor();
    const listed = (
      await stack.call('GET', '/admin/approvals', { token: await stack.adminToken('admin-bob') })
    ).body.approvals.find((approval: { approvalId: string }) => approval.approvalId === first.approvalId);
    const text = (await row.textContent()) ?? '';
    for (const shown of [
      'Klant ho-vip1',
      listed.caseNumber,
      'admin-anna',
      'agent-cees',
      'komt overeen: naam, e-mail, laadpalen, laatste transactie, e-mailcode',
      'bevoorrechte klant',
      'Telefoon kwijt, beller geverifieerd',
    ])
      expect(text).toContain(shown);
    // Requested and expiry time in the browser's time zone and language.
    expect(await row.getByTestId('requested-at').textContent()).toBe(amsterdam(listed.requestedAt));
    expect(await row.getByTestId('expires-at').textContent()).toBe(amsterdam(listed.expiresAt));
    expect(await row.getByRole('button', { name: 'Goedkeuren…' }).isDisabled()).toBe(false);
    await screenshot(bob.page, 'handoff-02-approvals');

    await row.getByRole('button', { name: 'Afwijzen…' }).click();
    const dialog = bob.page.getByRole('dialog', { name: 'Uitschakeling voor Klant ho-vip1 afwijzen?' });
    await dialog.waitFor();
    // No reason, no rejection: the dialog says what is missing and stays.
    await dialog.getByRole('button', { name: 'Ja, afwijzen' }).click();
    await dialog.getByRole('alert').waitFor();
    expect(await dialog.getByRole('alert').textContent()).toBe('Geef een reden van minstens 3 tekens.');
    await dialog.getByLabel('Reden van afwijzing').fill('Beller kon de laadpaal niet noemen');
    await screenshot(bob.page, 'handoff-03-reject-dialog', { fullPage: false });
    await dialog.getByRole('button', { name: 'Ja, afwijzen' }).click();
    await bob.page.locator('[data-testid="approval-result"][data-kind="rejected"]').waitFor();
    await row.waitFor({ state: 'detached' });
    // The badge follows: one request still waits.
    await bob.page.getByRole('link', { name: 'Admin-wachtrij 1 wachtend' }).waitFor();
    expect(await approvalRow(bob.page, second.approvalId).count()).toBe(1);

    // The requester reads the "no" and its reason on the customer's page.
    await anna.page.goto(`${stack.apiUrl}/console/#/customers/ho-vip1`);
    await anna.page.getByTestId('disable-rejected').waitFor();
    const notice = (await anna.page.getByTestId('disable-rejected').textContent()) ?? '';
    expect(notice).toContain('admin-bob');
    expect(notice).toContain(listed.caseNumber);
    expect(await anna.page.getByTestId('rejected-reason').textContent()).toBe(
      'Reden: “Beller kon de laadpaal niet noemen”',
    );
    expect(await anna.page.getByTestId('no-passed-verification').textContent()).toContain(
      'Er is geen geslaagde, ongebruikte verificatie',
    );
    await screenshot(anna.page, 'handoff-04-requester-sees-rejection');
    // The verification is spent: a new disable with it is refused.
    const again = await stack.call('POST', '/admin/customers/ho-vip1/2fa/disable', {
      token: await stack.adminToken('admin-frits'),
      body: { verificationId: first.verificationId, reason: 'nog een keer' },
    });
    expect([again.status, again.body.error.code]).toEqual([409, 'VERIFICATION_REJECTED']);
  });

  it('an agent’s passed case: the case number is copied, the outcome survives a reload, the admins’ ready list shows it with the time left, search finds it by case number, and it can be cancelled', async () => {
    await enrolledCustomer('ho-case');
    const agent = await consoleOf('agent-bram', '#/customers/ho-case');
    await agent.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.apiUrl });
    await answerTriageToVerify(agent.page);
    await agent.page.getByRole('button', { name: 'Verificatie starten' }).click();
    const answers: Record<string, string> = { ...genuineAnswers, EMAIL: emailOf('ho-case') };
    for (const type of knowledgeChecks) {
      const check = agent.page.locator(`[data-check="${type}"]`);
      await check.getByLabel('Antwoord van de klant').fill(answers[type] as string);
      await check.getByRole('button', { name: 'Controleren' }).click();
      await check.locator('[data-result="MATCH"]').waitFor();
    }
    await agent.page.getByRole('button', { name: 'Code e-mailen' }).click();
    await agent.page.getByTestId('email-code-sent').waitFor();
    const codeMail = await mailOfKind(stack, emailOf('ho-case'), 'EMAIL_CODE');
    const code = /^\s+(\d{6,})\s*$/m.exec(codeMail?.body.text ?? '')?.[1] ?? 'no code';
    const codeRow = agent.page.locator('[data-check="EMAIL_CODE"]');
    await codeRow.getByLabel('Antwoord van de klant').fill(code);
    await codeRow.getByRole('button', { name: 'Controleren' }).click();
    await codeRow.locator('[data-result="MATCH"]').waitFor();
    await agent.page.getByRole('button', { name: 'Verificatie afronden' }).click();
    await agent.page.locator('[data-testid="verification-outcome"][data-outcome="PASSED"]').waitFor();

    // The case number, as the agent reads it out and pastes it: the button copies it.
    const caseNumber = (await agent.page.getByTestId('case-number').textContent()) ?? '';
    expect(caseNumber).toMatch(/^HD-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(await agent.page.getByTestId('verification-outcome').textContent()).toContain(caseNumber);
    await agent.page.getByRole('button', { name: `Zaaknummer ${caseNumber} kopiëren` }).click();
    await agent.page.getByRole('button', { name: 'Gekopieerd' }).waitFor();
    expect(await agent.page.evaluate(() => navigator.clipboard.readText())).toBe(caseNumber);
    await screenshot(agent.page, 'handoff-05-case-number-copied');

    // A reload keeps the outcome on the agent's screen (it is looked up again, not kept in memory).
    await agent.page.reload();
    await agent.page.locator('[data-testid="verification-outcome"][data-outcome="PASSED"]').waitFor();
    expect(await agent.page.getByTestId('case-number').textContent()).toBe(caseNumber);
    expect(await agent.page.getByRole('button', { name: 'Verificatie starten' }).count()).toBe(0);

    // The admins' hand-off list: the agent's case, newest first, with the time left.
    const admin = await consoleOf('admin-frits', '#/approvals');
    const ready = admin.page.locator(`tr[data-case="${caseNumber}"]`);
    await ready.waitFor();
    expect(await admin.page.locator('tr[data-ready]').first().getAttribute('data-case')).toBe(caseNumber);
    expect(await ready.textContent()).toContain('agent-bram');
    expect(await ready.textContent()).toContain('Jan de Vries');
    expect(await ready.getByTestId('time-left').textContent()).toMatch(
      /^nog (29|30) min \(tot \d\d:\d\d CES?T\)$/,
    );
    await screenshot(admin.page, 'handoff-06-ready-for-admin');

    // Search by the number as it is typed from a phone call: lower case, spaces for hyphens.
    await admin.page.getByRole('link', { name: 'Klant zoeken' }).click();
    const spoken = caseNumber.toLowerCase().replace(/-/g, ' ');
    await admin.page.getByLabel('E-mailadres of naam').fill(spoken);
    await admin.page.getByRole('button', { name: 'Zoeken' }).click();
    await admin.page.getByTestId('search-results').waitFor();
    expect(await admin.page.getByTestId('search-results').locator('tbody tr').count()).toBe(1);
    expect(await admin.page.getByTestId('matched-case').textContent()).toBe(`Zaak ${caseNumber}`);
    await screenshot(admin.page, 'handoff-07-search-by-case');
    await admin.page.getByRole('link', { name: 'Jan de Vries' }).click();
    await admin.page.getByTestId('customer-name').waitFor();

    // Cancelled from the hand-off list, with a reason: it leaves the list and cannot be used.
    await admin.page.getByRole('link', { name: /^Admin-wachtrij/ }).click();
    await ready.getByRole('button', { name: 'Verificatie annuleren…' }).click();
    const dialog = admin.page.getByRole('dialog', { name: `Verificatie ${caseNumber} annuleren?` });
    await dialog.getByLabel('Reden').fill('Beller belt later terug');
    await dialog.getByRole('button', { name: 'Ja, verificatie annuleren' }).click();
    await admin.page.getByTestId('ready-notice').waitFor();
    expect(await admin.page.getByTestId('ready-notice').textContent()).toBe(
      `Verificatie ${caseNumber} is geannuleerd.`,
    );
    await ready.waitFor({ state: 'detached' });
    const profile = await stack.call('GET', '/admin/customers/ho-case', { token: await stack.adminToken() });
    expect(profile.body.recentVerifications[0].status).toBe('CANCELLED');

    // The agent's next reload: the cancelled case is gone from the screen, a new one can start.
    await agent.page.reload();
    await agent.page.getByRole('button', { name: 'Verificatie starten' }).waitFor();
  });

  it('selects the case number where the clipboard is refused, and lets the verifying agent cancel an open session from the checklist, with a reason', async () => {
    await enrolledCustomer('ho-open');
    const agent = await consoleOf('agent-dora', '#/customers/ho-open');
    await answerTriageToVerify(agent.page);
    await agent.page.getByRole('button', { name: 'Verificatie starten' }).click();
    await agent.page.getByTestId('case-number').waitFor();
    const caseNumber = (await agent.page.getByTestId('case-number').textContent()) ?? '';
    // A browser that refuses the clipboard: the number is selected instead, and the page says so.
    await agent.page.addInitScript(() => {
      Object.defineProperty(navigator, 'clipboard', {
        value: {
          writeText: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')),
        },
      });
    });
    await agent.page.reload();
    await agent.page.getByRole('button', { name: `Zaaknummer ${caseNumber} kopiëren` }).click();
    await agent.page
      .getByTestId('case-number-line')
      .getByText('Geselecteerd: kopieer met Ctrl+C (Cmd+C op een Mac).')
      .waitFor();
    expect(await agent.page.evaluate(() => window.getSelection()?.toString())).toBe(caseNumber);

    await agent.page.getByRole('button', { name: 'Verificatie annuleren…' }).click();
    const dialog = agent.page.getByRole('dialog', { name: `Verificatie ${caseNumber} annuleren?` });
    // Backing out changes nothing.
    await dialog.getByRole('button', { name: 'Terug' }).click();
    await dialog.waitFor({ state: 'detached' });
    await agent.page.getByRole('button', { name: 'Verificatie annuleren…' }).click();
    await dialog.getByLabel('Reden').fill('Verbinding verbroken');
    await screenshot(agent.page, 'handoff-08-cancel-dialog', { fullPage: false });
    await dialog.getByRole('button', { name: 'Ja, verificatie annuleren' }).click();
    await agent.page.getByTestId('cancel-result').waitFor();
    expect(await agent.page.getByTestId('cancel-result').textContent()).toBe(
      `Verificatie ${caseNumber} is geannuleerd.`,
    );
    await agent.page.getByRole('button', { name: 'Verificatie starten' }).waitFor();
    const history = agent.page.getByTestId('verifications-table').locator('td[data-status="CANCELLED"]');
    await history.waitFor();
  });

  it('re-sends the reset link: the old link is dead, the new one works, and the fourth of a day is refused in plain words', async () => {
    await enrolledCustomer('ho-link');
    const verificationId = await passVerification(
      stack,
      'ho-link',
      await stack.helpdeskToken('agent-erik'),
      knowledgeChecks,
      { EMAIL: emailOf('ho-link') },
    );
    const disabled = await stack.call('POST', '/admin/customers/ho-link/2fa/disable', {
      token: await stack.adminToken('admin-anna'),
      body: { verificationId, reason: 'Telefoon kwijt' },
    });
    expect(disabled.status).toBe(200);
    await stack.poller?.drain();
    const oldTicket = ticketIn(await mailOfKind(stack, emailOf('ho-link'), 'RESET'));
    expect(oldTicket).not.toBe('');

    const admin = await consoleOf('admin-bob', '#/customers/ho-link');
    await admin.page.getByTestId('reset-link').waitFor();
    await admin.page.getByRole('button', { name: 'Herstel-link opnieuw sturen' }).click();
    await admin.page.getByTestId('reset-link-result').waitFor();
    expect(await admin.page.getByTestId('reset-link-result').textContent()).toBe(
      'Nieuwe link verstuurd naar het e-mailadres in onze gegevens. De vorige link werkt niet meer. Vandaag kan dit nog 2 keer.',
    );
    await screenshot(admin.page, 'handoff-09-reset-link-sent');
    await stack.poller?.drain();
    const newTicket = ticketIn(await mailOfKind(stack, emailOf('ho-link'), 'RESET'));
    expect(newTicket).not.toBe(oldTicket);

    // The customer opens the first mail's link: the page says a newer one was sent.
    const customer = await open({ viewport: phone });
    await customer.page.goto(`${stack.apiUrl}/enroll/#ticket=${oldTicket}`);
    await customer.page.getByRole('heading', { name: 'Er is een nieuwere link verstuurd' }).waitFor();
    expect(await customer.page.textContent('main')).toContain('Deze link werkt niet meer');
    // It says so when the page opens: there is nothing to begin.
    expect(await customer.page.getByRole('button', { name: 'Beginnen' }).count()).toBe(0);
    await screenshot(customer.page, 'handoff-10-old-link-dead');
    // The new link starts the enrollment: the QR code is shown.
    await customer.page.goto(`${stack.apiUrl}/enroll/#ticket=${newTicket}`);
    await customer.page.getByRole('button', { name: 'Beginnen' }).click();
    await customer.page.locator('img[src^="data:image/png"]').waitFor();

    // Two more today, then the limit in plain words.
    for (const left of [1, 0]) {
      await admin.page.getByRole('button', { name: 'Herstel-link opnieuw sturen' }).click();
      await admin.page
        .getByTestId('reset-link-result')
        .filter({ hasText: left ? `Vandaag kan dit nog ${left} keer.` : 'Dit was de laatste voor vandaag' })
        .waitFor();
    }
    await admin.page.getByRole('button', { name: 'Herstel-link opnieuw sturen' }).click();
    await admin.page.getByTestId('reset-link-error').waitFor();
    expect(await admin.page.getByTestId('reset-link-error').getAttribute('data-code')).toBe(
      'RESET_LINK_DAILY_LIMIT',
    );
    expect(await admin.page.getByTestId('reset-link-error').textContent()).toContain(
      'Er zijn de afgelopen 24 uur al 3 herstel-links naar deze klant gestuurd; meer kan niet.',
    );
    await screenshot(admin.page, 'handoff-11-reset-link-limit');
  });
});
