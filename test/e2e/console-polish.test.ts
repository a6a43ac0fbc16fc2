// What a newcomer tripped over in the console, in Chromium at 1280×900 against the local stack: an
// erased customer in plain Dutch (no raw API text, no reference for an expected state), the approvals
// list whose decision buttons are in view, a security officer named as such in the tables, views that
// read the history again after an action, and the case record with the call's triage.
import type { Page } from 'playwright-core';
import { createCustomer, markEnrolled, passVerification, knowledgeChecks } from '../support/fixtures';
import type { SentEmail } from '../support/stack';
import { mailOfKind } from '../support/mails';
import { browserSuite, desktop, phone, screenshot, signIn } from './browser';

const { suite, open } = browserSuite();

const emailOf = (customerId: string) => `${customerId}@voltpark.nl`;

const enrolled = async (customerId: string, overrides: Record<string, unknown> = {}) => {
  await createCustomer(suite.stack, customerId, { email: emailOf(customerId), ...overrides });
  await markEnrolled(suite.stack, customerId);
};

const verifiedBy = async (customerId: string, agent: string, answers: Record<string, string> = {}) =>
  passVerification(suite.stack, customerId, await suite.stack.helpdeskToken(agent), knowledgeChecks, {
    EMAIL: emailOf(customerId),
    ...answers,
  });

/** 2FA off after a helpdesk reset (admin-anna on agent-bram's verification); the reset mail is in SES. */
const resetCustomer = async (customerId: string, options: { enrolled?: boolean } = {}) => {
  if (!options.enrolled) await enrolled(customerId);
  const verificationId = await verifiedBy(customerId, 'agent-bram');
  const disabled = await suite.stack.call('POST', `/admin/customers/${customerId}/2fa/disable`, {
    token: await suite.stack.adminToken('admin-anna'),
    body: { verificationId, reason: 'Telefoon kwijt' },
  });
  expect(disabled.status).toBe(200);
  await suite.stack.poller?.drain();
  return verificationId;
};

const auditEvents = async (customerId: string) =>
  (
    await suite.stack.call('GET', `/admin/customers/${customerId}/audit-events?limit=200`, {
      token: await suite.stack.adminToken('admin-anna'),
    })
  ).body.events as { type: string; actorId: string; actorType: string }[];

/** The element lies wholly inside the window: seen without scrolling either way. */
const inView = async (page: Page, selector: ReturnType<Page['locator']>) => {
  const box = await selector.boundingBox();
  const size = page.viewportSize() ?? desktop;
  return (
    box !== null &&
    box.x >= 0 &&
    box.y >= 0 &&
    box.x + box.width <= size.width &&
    box.y + box.height <= size.height
  );
};

const liveRegions = (page: Page) =>
  page.evaluate(() => [
    document.getElementById('announcer')?.textContent ?? '',
    document.getElementById('alerter')?.textContent ?? '',
  ]);

describe('console polish', () => {
  it('shows an erased customer in plain Dutch with a heading that says so and no reference to quote; an unknown id likewise', async () => {
    await enrolled('pol-erased', { fullName: 'Erik Gewist' });
    const erased = await suite.stack.call('POST', '/internal/customers/pol-erased/erase', {
      token: await suite.stack.serviceToken(),
    });
    expect(erased.status).toBe(200);
    const admin = await open();
    await signIn(admin, suite.stack, 'admin-anna', '#/customers/pol-erased');
    const refusal = admin.getByTestId('load-error');
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-code')).toBe('ERASED');
    expect(await admin.getByRole('heading', { level: 2 }).textContent()).toBe('Klant gewist');
    expect(await refusal.textContent()).toBe(
      'Deze klant is gewist (AVG): de gegevens zijn verwijderd en dit klantnummer wordt niet meer gebruikt. Is de persoon weer klant, zoek dan op naam of e-mailadres (hij heeft dan een nieuw klantnummer).',
    );
    const main = (await admin.locator('main').textContent()) ?? '';
    expect(main).toContain('Klantnummer pol-erased');
    expect(main).not.toContain('Referentie');
    expect(main).not.toMatch(/was erased|Sync the person/);
    await screenshot(admin, 'polish-01-erased-customer');

    await admin.goto(`${suite.stack.apiUrl}/console/#/customers/pol-nobody`);
    await admin.locator('[data-testid="load-error"][data-code="CUSTOMER_NOT_FOUND"]').waitFor();
    expect(await admin.getByRole('heading', { level: 2 }).textContent()).toBe('Klant niet gevonden');
    expect(await admin.locator('main').textContent()).not.toContain('Referentie');

    // A security officer opening the erased id reads the same.
    const officer = await open();
    await signIn(officer, suite.stack, 'officer-fatima', '#/security/pol-erased');
    await officer.locator('[data-testid="load-error"][data-code="ERASED"]').waitFor();
    expect(await officer.getByRole('heading', { level: 2 }).textContent()).toBe('Klant gewist');
    expect(await officer.locator('main').textContent()).not.toContain('Referentie');
  });

  it('keeps Goedkeuren and Afwijzen in view at 1280×900, and the approval speaks of the customer by name without doubled punctuation', async () => {
    await enrolled('pol-vip', { privileged: true, fullName: 'Vera Polak' });
    const verificationId = await verifiedBy('pol-vip', 'agent-cees', { FULL_NAME: 'Vera Polak' });
    const parked = await suite.stack.call('POST', '/admin/customers/pol-vip/2fa/disable', {
      token: await suite.stack.adminToken('admin-anna'),
      body: { verificationId, reason: 'Telefoon kwijt, beller teruggebeld op het bekende nummer.' },
    });
    expect(parked.status).toBe(202);

    const bob = await open({ viewport: desktop });
    await signIn(bob, suite.stack, 'admin-bob', '#/approvals');
    const row = bob.locator(`tr[data-approval="${parked.body.approvalId as string}"]`);
    await row.waitFor();
    const approve = row.getByRole('button', { name: 'Goedkeuren…' });
    const reject = row.getByRole('button', { name: 'Afwijzen…' });
    expect(await inView(bob, approve)).toBe(true);
    expect(await inView(bob, reject)).toBe(true);
    // Nothing of the table is cut off to the right either: no sideways scroll, in the page or the table.
    expect(await bob.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(
      await bob
        .getByTestId('approvals-table')
        .evaluate(
          (table) => (table.parentElement?.scrollWidth ?? 0) <= (table.parentElement?.clientWidth ?? 0),
        ),
    ).toBe(true);
    const text = (await row.textContent()) ?? '';
    for (const shown of ['Vera Polak', 'admin-anna', 'agent-cees', 'bevoorrechte klant', 'Verloopt'])
      expect(text).toContain(shown);
    await screenshot(bob, 'polish-02-approvals-1280', { fullPage: false });

    await approve.click();
    const dialog = bob.getByRole('dialog');
    await dialog.waitFor();
    const body = (await dialog.locator('p').textContent()) ?? '';
    expect(body).toContain('2FA van Vera Polak wordt uitgeschakeld');
    expect(body).toContain('“Telefoon kwijt, beller teruggebeld op het bekende nummer.”');
    expect(body).not.toMatch(/[.!?][”"]\./);
    await screenshot(bob, 'polish-03-approve-dialog', { fullPage: false });
    await dialog.getByRole('button', { name: 'Ja, goedkeuren' }).click();
    await bob.getByTestId('approval-result').waitFor();
    expect(await bob.getByTestId('approval-result').textContent()).toBe(
      'Goedgekeurd: 2FA van Vera Polak is uitgeschakeld.',
    );
  });

  it('reads the history again after re-sending the reset link, names the login service without its ARN, and says back-upcodes', async () => {
    // The call began with a triage: lost backup codes, nothing else left.
    await enrolled('pol-link');
    const triage = await suite.stack.call('POST', '/admin/customers/pol-link/triage', {
      token: await suite.stack.helpdeskToken('agent-dora'),
      body: {
        reportedProblem: 'BACKUP_CODES_LOST',
        oldAuthenticatorWorks: false,
        backupCodesAvailable: false,
        channel: 'phone',
      },
    });
    expect(triage.status).toBe(201);
    await resetCustomer('pol-link', { enrolled: true });
    const admin = await open();
    await signIn(admin, suite.stack, 'admin-bob', '#/customers/pol-link');
    const table = admin.getByTestId('events-table');
    await table.waitFor();
    const before = await table.locator('tbody tr').count();
    expect(before).toBe((await auditEvents('pol-link')).length);
    expect(await table.locator('tr[data-type="RESET_LINK_RESENT"]').count()).toBe(0);
    expect(
      await table.locator('tr[data-type="HELPDESK_TRIAGE_RECORDED"] td.details').textContent(),
    ).toContain('Back-upcodes kwijt');

    // The login service is named, its role ARN kept in the title.
    const created = table.locator('tr[data-type="CUSTOMER_CREATED"] td.actor');
    expect(await created.textContent()).toBe('loginservice');
    const service = (await auditEvents('pol-link')).find((event) => event.type === 'CUSTOMER_CREATED');
    expect(await created.getAttribute('title')).toBe(service?.actorId);

    await admin.getByRole('button', { name: 'Herstel-link opnieuw sturen' }).click();
    await admin.getByTestId('reset-link-result').waitFor();
    // The send is in the table without a reload of the page.
    await table.locator('tr[data-type="RESET_LINK_RESENT"]').waitFor();
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(before);
    // The mails come a moment later (the notifier); "Vernieuwen" reads them in.
    await suite.stack.poller?.drain();
    const now = (await auditEvents('pol-link')).length;
    await admin.getByTestId('audit-refresh').click();
    await admin
      .getByTestId('audit-count')
      .filter({ hasText: String(now) })
      .waitFor();
    expect(await table.locator('tbody tr').count()).toBe(now);
    await screenshot(admin, 'polish-04-history-after-resend');
  });

  it('names a security officer as security officer in the case timeline and the audit table, shows the release first, and leaves no release notice on the queue', async () => {
    const customerId = 'pol-sofie';
    await resetCustomer(customerId);
    const mail = (await mailOfKind(suite.stack, emailOf(customerId), 'RESET')) as SentEmail;
    const reportLink = /(https?:\/\/\S+\/enroll\/#ticket=[A-Za-z0-9_-]+&report=1)/.exec(
      mail.body.text ?? '',
    )?.[1];
    expect(reportLink).toBeDefined();
    const customer = await open({ viewport: phone });
    await customer.goto(reportLink as string);
    await customer.getByRole('button', { name: 'Ja, melden: dit was ik niet' }).click();
    await customer.getByRole('heading', { name: 'Bedankt, uw melding is ontvangen' }).waitFor();
    await suite.stack.poller?.drain();
    await verifiedBy(customerId, 'agent-cees');

    const fatima = await open();
    await signIn(fatima, suite.stack, 'officer-fatima', `#/security/${customerId}`);
    await fatima.getByTestId('release-form').waitFor();
    await fatima.locator('[data-testid="release-candidate"] input').first().check();
    await fatima.getByLabel('Reden (komt in het audit-logboek)').fill('Klant teruggebeld op bekend nummer');
    await fatima.getByRole('button', { name: 'Blokkade opheffen…' }).click();
    await fatima.getByRole('button', { name: 'Ja, blokkade opheffen' }).click();
    const outcome = fatima.getByTestId('release-outcome');
    await outcome.waitFor();
    await fatima.getByTestId('not-locked').waitFor();
    // The outcome comes first; "nothing to decide" below it.
    expect(
      await outcome.evaluate(
        (element) =>
          (element.compareDocumentPosition(document.querySelector('[data-testid="not-locked"]') as Node) &
            Node.DOCUMENT_POSITION_FOLLOWING) !==
          0,
      ),
    ).toBe(true);
    const released = fatima.locator('[data-testid="case-timeline"] tr[data-type="RECOVERY_LOCK_RELEASED"]');
    await released.waitFor();
    expect(await released.locator('td.actor').textContent()).toBe('security officer officer-fatima');
    await screenshot(fatima, 'polish-05-released');

    // Back to the queue: what was said about the release stays with its page.
    await fatima.getByRole('link', { name: '← Terug naar de herstelblokkades' }).click();
    await fatima.getByTestId('security-empty').waitFor();
    expect(await liveRegions(fatima)).toEqual(['', '']);
    expect(await fatima.locator('body').innerText()).not.toContain('De blokkade is opgeheven');

    // The admin's audit table names her role the same way; an admin's own decision stays "admin".
    const admin = await open();
    await signIn(admin, suite.stack, 'admin-frits', `#/customers/${customerId}`);
    const table = admin.getByTestId('events-table');
    await table.waitFor();
    expect(await table.locator('tr[data-type="RECOVERY_LOCK_RELEASED"] td.actor').textContent()).toBe(
      'security officer officer-fatima',
    );
    expect(await table.locator('tr[data-type="TWO_FA_DISABLED"] td.actor').textContent()).toBe(
      'admin admin-anna',
    );
  });

  it("prints the call's triage with the case record, and not a later triage of another call", async () => {
    await enrolled('pol-record');
    const agent = await suite.stack.helpdeskToken('agent-bram');
    const triage = await suite.stack.call('POST', '/admin/customers/pol-record/triage', {
      token: agent,
      body: {
        reportedProblem: 'PHONE_LOST',
        oldAuthenticatorWorks: false,
        backupCodesAvailable: false,
        channel: 'phone',
      },
    });
    expect(triage.status).toBe(201);
    const started = await suite.stack.call('POST', '/admin/customers/pol-record/verifications', {
      token: agent,
      body: { channel: 'phone', triageId: triage.body.triageId },
    });
    expect(started.status).toBe(201);
    const verificationId = started.body.verificationId as string;
    // A later call of the same customer, with its own triage: not part of this case.
    const later = await suite.stack.call('POST', '/admin/customers/pol-record/triage', {
      token: await suite.stack.helpdeskToken('agent-cees'),
      body: {
        reportedProblem: 'NEW_PHONE',
        oldAuthenticatorWorks: true,
        backupCodesAvailable: true,
        channel: 'phone',
      },
    });
    expect(later.status).toBe(201);

    const page = await open();
    await signIn(page, suite.stack, 'agent-bram', `#/cases/${verificationId}/print`);
    await page.getByTestId('case-record').waitFor();
    const triageRows = page.locator('[data-testid="events-table"] tr[data-type="HELPDESK_TRIAGE_RECORDED"]');
    expect(await triageRows.count()).toBe(1);
    expect(await triageRows.locator('td.details').textContent()).toContain('Telefoon kwijt');
    // Oldest first: the triage is the first row, before the start it led to.
    const types = await page
      .locator('[data-testid="events-table"] tbody tr')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-type')));
    expect(types.slice(0, 2)).toEqual(['HELPDESK_TRIAGE_RECORDED', 'VERIFICATION_STARTED']);
    expect(await page.getByTestId('case-record-triage').textContent()).toContain(
      'Telefoon kwijt · app werkt: nee · back-upcodes: nee → verificatie',
    );
    await screenshot(page, 'polish-06-case-record-triage');
  });
});
