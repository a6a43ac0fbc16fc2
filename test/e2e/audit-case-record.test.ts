// The audit table and the printable case record in a real browser (Debian's Chromium), in the
// Amsterdam time zone: events as sentences in Dutch and English with local times, every event of a
// long history reachable, the table narrowed to one case, and a print view that names who printed
// it and when (the print itself is on file in the audit trail), without navigation or buttons on paper.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from '../../tooling/repo-root';
import { auditEventsOf } from '../support/audit';
import { createCustomer, markEnrolled, passVerification } from '../support/fixtures';
import { browserSuite, screenshot, signIn } from './browser';

const { suite, open } = browserSuite();
const ZONE = 'Europe/Amsterdam';
const DISABLE_REASON = 'Telefoon kwijt, klant teruggebeld op het nummer in het dossier';

// Pages in the Amsterdam time zone; script errors still fail the test.
const openInAmsterdam = () => open({ timezoneId: ZONE });

/** What a person in Amsterdam reads for this instant: "30-11-2026 14:02 CET" (nl), "30/11/2026 14:02 CET" (en). */
const amsterdam = (iso: string, lang: 'nl' | 'en' = 'nl') => {
  const parts = new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone: ZONE,
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((item) => item.type === type)?.value;
  const separator = lang === 'nl' ? '-' : '/';
  return `${part('day')}${separator}${part('month')}${separator}${part('year')} ${part('hour')}:${part('minute')} ${part('timeZoneName')}`;
};

const rows = (page: Page) => page.locator('[data-testid="events-table"] tbody tr');
const detailsOf = (page: Page, type: string) =>
  page.locator(`[data-testid="events-table"] tbody tr[data-type="${type}"] td.details`);

let caseA: string;
let caseB: string;
let caseNumberA: string;

beforeAll(async () => {
  const stack = suite.stack;
  const agent = await stack.helpdeskToken('agent-bram');
  const admin = await stack.adminToken('admin-anna');
  await createCustomer(stack, 'ac-1', { email: 'ac-1@voltpark.nl', fullName: 'Jan de Vries' });
  await markEnrolled(stack, 'ac-1');
  caseA = await passVerification(stack, 'ac-1', agent, undefined, { EMAIL: 'ac-1@voltpark.nl' });
  caseNumberA = (await stack.call('GET', `/admin/verifications/${caseA}`, { token: agent })).body.caseNumber;
  const disabled = await stack.call('POST', '/admin/customers/ac-1/2fa/disable', {
    token: admin,
    body: { verificationId: caseA, reason: DISABLE_REASON },
  });
  expect(disabled.status).toBe(200);
  await markEnrolled(stack, 'ac-1');
  const started = await stack.call('POST', '/admin/customers/ac-1/verifications', {
    token: agent,
    body: { channel: 'chat', reportedProblem: 'PHONE_LOST' },
  });
  caseB = started.body.verificationId;
  await stack.call('POST', `/admin/verifications/${caseB}/cancel`, {
    token: agent,
    body: { reason: 'Klant hing op' },
  });
}, 120000);

describe('the audit table', () => {
  it('shows every event as a sentence with the local time, in Dutch and after switching to English', async () => {
    const page = await openInAmsterdam();
    await signIn(page, suite.stack, 'admin-anna', '#/customers/ac-1');
    await rows(page).first().waitFor();
    const stored = await auditEventsOf(suite.stack, 'ac-1');
    const disable = stored.find((event) => event.type === 'TWO_FA_DISABLED');
    expect(disable).toBeDefined();

    await expect(detailsOf(page, 'VERIFICATION_CHECK_RECORDED').last().textContent()).resolves.toBe(
      'Controle Volledige naam: komt overeen (met notitie)',
    );
    await expect(detailsOf(page, 'TWO_FA_DISABLED').textContent()).resolves.toBe(
      `2FA uitgeschakeld door admin-anna, zaak ${caseNumberA}; geverifieerd door agent-bram; reden: “${DISABLE_REASON}”`,
    );
    await expect(detailsOf(page, 'VERIFICATION_STARTED').first().textContent()).resolves.toMatch(
      /^Verificatie gestart door agent-bram, zaak HD-[0-9A-Z]{4}-[0-9A-Z]{4}, via chat; melding: Telefoon kwijt$/,
    );
    await expect(detailsOf(page, 'VERIFICATION_CANCELLED').textContent()).resolves.toContain(
      'reden: “Klant hing op”',
    );
    const disableRow = page.locator('[data-testid="events-table"] tr[data-type="TWO_FA_DISABLED"]');
    await expect(disableRow.locator('td.time').textContent()).resolves.toBe(amsterdam(disable?.at));
    await expect(page.getByText(`Tijden in uw tijdzone (${ZONE}).`)).toBeTruthy();
    // Nothing of the stored form shows: no JSON, no sealed text, no placeholders left unfilled.
    const table = (await page.getByTestId('events-table').textContent()) ?? '';
    for (const raw of ['{', '}', 'sealed', 'aes-256', 'caseNumber', 'MATCH'])
      expect(table).not.toContain(raw);
    await screenshot(page, 'audit-01-table-nl');

    await page.getByTestId('lang-switch').click();
    await page.getByRole('heading', { name: 'Audit events' }).waitFor();
    await expect(detailsOf(page, 'VERIFICATION_CHECK_RECORDED').last().textContent()).resolves.toBe(
      'Check Full name: matches (with a note)',
    );
    await expect(detailsOf(page, 'TWO_FA_DISABLED').textContent()).resolves.toBe(
      `2FA disabled by admin-anna, case ${caseNumberA}; verified by agent-bram; reason: “${DISABLE_REASON}”`,
    );
    await expect(disableRow.locator('td.time').textContent()).resolves.toBe(amsterdam(disable?.at, 'en'));
    await screenshot(page, 'audit-02-table-en');
  });

  it('pages through every event of a customer with more than one page of them', async () => {
    const stack = suite.stack;
    const agent = await stack.helpdeskToken('agent-cees');
    await createCustomer(stack, 'ac-many', { email: 'ac-many@voltpark.nl' });
    await markEnrolled(stack, 'ac-many');
    const verificationId = await passVerification(stack, 'ac-many', agent, undefined, {
      EMAIL: 'ac-many@voltpark.nl',
    });
    // Each print of the record by another admin is an event (one person's within a minute are one):
    // more than two of the table's pages of 25.
    for (let index = 0; index < 45; index += 1)
      await stack.call('POST', `/admin/verifications/${verificationId}/case-record`, {
        token: await stack.adminToken(`admin-print-${index}`),
        body: {},
      });
    const stored = await auditEventsOf(stack, 'ac-many');
    expect(stored.length).toBeGreaterThan(50);

    const page = await openInAmsterdam();
    await signIn(page, stack, 'agent-dora', '#/customers/ac-many');
    await rows(page).first().waitFor();
    expect(await rows(page).count()).toBe(25);
    await expect(page.getByTestId('audit-count').textContent()).resolves.toBe('25 gebeurtenissen getoond.');
    await page.getByTestId('older-events').click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="events-table"] tbody tr').length === 50,
    );
    // The rest at once: page after page until the first event.
    await page.getByTestId('audit-load-all').click();
    await page.getByTestId('older-events').waitFor({ state: 'detached' });
    const seqs = await rows(page).evaluateAll((items) =>
      items.map((item) => Number(item.getAttribute('data-seq'))),
    );
    expect(seqs).toEqual(stored.map((event) => Number(event.seq)).sort((a, b) => b - a));
    await expect(page.getByTestId('audit-count').textContent()).resolves.toBe(
      `Alle ${stored.length} gebeurtenissen getoond.`,
    );
  });

  it("narrows the table to one case's events by its case number", async () => {
    const page = await openInAmsterdam();
    await signIn(page, suite.stack, 'agent-bram', '#/customers/ac-1');
    await rows(page).first().waitFor();
    const stored = await auditEventsOf(suite.stack, 'ac-1');
    const options = await page.getByTestId('audit-case').locator('option').allTextContents();
    expect(options[0]).toBe('Alle gebeurtenissen');
    expect(options.some((text) => text.startsWith(caseNumberA))).toBe(true);

    for (const caseId of [caseB, caseA]) {
      await page.getByTestId('audit-case').selectOption(caseId);
      const expected = stored
        .filter((event) => event.caseId === caseId)
        .map((event) => Number(event.seq))
        .sort((a, b) => b - a);
      await page.waitForFunction(
        (count) => document.querySelectorAll('[data-testid="events-table"] tbody tr').length === count,
        expected.length,
      );
      const shown = await rows(page).evaluateAll((items) =>
        items.map((item) => ({
          seq: Number(item.getAttribute('data-seq')),
          caseId: item.getAttribute('data-case'),
        })),
      );
      expect(shown.map((item) => item.seq)).toEqual(expected);
      expect(shown.every((item) => item.caseId === caseId)).toBe(true);
    }
    await screenshot(page, 'audit-03-filtered');
    await page.getByTestId('audit-case').selectOption('');
    await page.waitForFunction(
      (count) => document.querySelectorAll('[data-testid="events-table"] tbody tr').length === count,
      stored.length,
    );
  });
});

describe('the printable case record', () => {
  it('names the case, the customer, every step and who printed it when; on paper without navigation or buttons', async () => {
    const page = await openInAmsterdam();
    await signIn(page, suite.stack, 'admin-anna', '#/customers/ac-1');
    await page
      .locator('[data-testid="verifications-table"] tr', { hasText: caseNumberA })
      .getByTestId('print-case-record')
      .click();
    await page.getByTestId('case-record').waitFor();
    expect(page.url()).toContain(`#/cases/${caseA}/print`);
    await expect(page.getByTestId('case-record-title').textContent()).resolves.toBe(
      `Zaakdossier ${caseNumberA}`,
    );
    const record = (await page.getByTestId('case-record').textContent()) ?? '';
    for (const text of ['Jan de Vries', 'ac-1@voltpark.nl', 'agent-bram', 'Verificatie geslaagd'])
      expect(record).toContain(text);
    // Every step: the check, its result, the agent's note, the time and who.
    const view = (
      await suite.stack.call('GET', `/admin/verifications/${caseA}`, {
        token: await suite.stack.adminToken(),
      })
    ).body;
    const steps = page.locator('[data-testid="case-steps"] tbody tr');
    expect(await steps.count()).toBe(view.checks.length);
    const fullName = page.locator('[data-testid="case-steps"] tr[data-check="FULL_NAME"]');
    await expect(fullName.textContent()).resolves.toBe(
      `${amsterdam(view.checks[0].at)}Volledige naamKomt overeenasked FULL_NAMEagent-bram`,
    );
    // The case's events, the disable among them with its reason.
    await expect(detailsOf(page, 'TWO_FA_DISABLED').textContent()).resolves.toContain(DISABLE_REASON);
    expect(await detailsOf(page, 'VERIFICATION_CANCELLED').count()).toBe(0);

    // The print is on file before the record showed, and the footer says who and when.
    const printed = (await auditEventsOf(suite.stack, 'ac-1')).filter(
      (event) => event.type === 'CASE_RECORD_PRINTED' && event.caseId === caseA,
    );
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatchObject({ actorType: 'admin', actorId: 'admin-anna' });
    await expect(page.getByTestId('printed-by').locator('p').first().textContent()).resolves.toBe(
      `Afgedrukt door admin-anna op ${amsterdam(printed[0]?.at)}`,
    );
    await screenshot(page, 'audit-04-case-record-screen');

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header nav').isVisible()).toBe(false);
    expect(await page.getByTestId('print-now').isVisible()).toBe(false);
    expect(await page.getByRole('link', { name: 'Terug naar de klant' }).isVisible()).toBe(false);
    expect(await page.getByTestId('printed-by').isVisible()).toBe(true);
    expect(await page.getByTestId('case-steps').isVisible()).toBe(true);
    const visibleButtons = await page
      .locator('button')
      .evaluateAll(
        (buttons) => buttons.filter((button) => (button as HTMLElement).offsetParent !== null).length,
      );
    expect(visibleButtons).toBe(0);
    const dir = join(repoRoot(), 'test-artifacts');
    mkdirSync(dir, { recursive: true });
    const pdf = await page.pdf({ path: join(dir, 'case-record.pdf'), format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await screenshot(page, 'audit-05-case-record-print');
  });

  it("is not another agent's to open: no link on a colleague's session, the refusal at its address; an officer reads it", async () => {
    const page = await openInAmsterdam();
    await signIn(page, suite.stack, 'agent-erik', '#/customers/ac-1');
    const row = page.locator('[data-testid="verifications-table"] tr', { hasText: caseNumberA });
    await row.waitFor();
    expect(await row.getByTestId('print-case-record').count()).toBe(0);
    await page.goto(`${suite.stack.apiUrl}/console/#/cases/${caseA}/print`);
    await expect(page.getByTestId('case-record-error').textContent()).resolves.toContain(
      'van een andere medewerker',
    );
    expect(await page.getByTestId('case-record').count()).toBe(0);
    const printedBy = async () =>
      (await auditEventsOf(suite.stack, 'ac-1'))
        .filter((event) => event.type === 'CASE_RECORD_PRINTED')
        .map((event) => event.actorId);
    expect(await printedBy()).not.toContain('agent-erik');

    // A security officer, who reads no customer profiles, gets the whole record.
    await signIn(page, suite.stack, 'officer-fatima', `#/cases/${caseA}/print`);
    await page.getByTestId('case-record').waitFor();
    const record = (await page.getByTestId('case-record').textContent()) ?? '';
    for (const text of ['Jan de Vries', 'ac-1@voltpark.nl', 'asked FULL_NAME'])
      expect(record).toContain(text);
    expect(await printedBy()).toContain('officer-fatima');
  });
});
