// The recovery limits in a real browser (Debian's Chromium): a caller gives one wrong answer and the
// customer is on a cooldown; the security officer finds the customer under "Herstel opgehouden" with
// the session that caused it, opens the case, reads the call-back reminder, gives a reason and
// resets the limits; the helpdesk can start a verification again.
import { createCustomer, markEnrolled } from '../support/fixtures';
import { browserSuite, screenshot, signIn } from './browser';

const { suite, open } = browserSuite();

describe('the security officer resets a customer’s recovery limits in the console', () => {
  it('lists the held-up customer with the causing session, and resets the limits with a reason after the call-back reminder', async () => {
    const customerId = 'e2e-limits';
    await createCustomer(suite.stack, customerId, { email: `${customerId}@voltpark.nl` });
    await markEnrolled(suite.stack, customerId);
    const agent = await suite.stack.helpdeskToken('agent-bram');
    const start = () =>
      suite.stack.call('POST', `/admin/customers/${customerId}/verifications`, {
        token: agent,
        body: { channel: 'phone' },
      });
    const verificationId = (await start()).body.verificationId as string;
    // A mismatch counts once the agent confirms the caller repeated it.
    for (const callerRepeated of [false, true])
      await suite.stack.call('POST', `/admin/verifications/${verificationId}/checks`, {
        token: agent,
        body: { type: 'FULL_NAME', answer: 'Piet Hein', ...(callerRepeated ? { callerRepeated } : {}) },
      });
    expect((await start()).status).toBe(429);

    const officer = await open();
    await signIn(officer, suite.stack, 'officer-fatima', '#/security');
    const row = officer.locator(`[data-testid="limited-customers"] tr[data-customer="${customerId}"]`);
    await row.waitFor();
    expect(await row.locator(`[data-verification="${verificationId}"]`).textContent()).toContain(
      'fout antwoord',
    );
    await screenshot(officer, 'security-limits-01-queue');
    await row.getByRole('link', { name: 'Jan de Vries' }).click();

    const card = officer.getByTestId('recovery-limits');
    await card.waitFor();
    // This customer has no number on file: the reminder says how to reach them instead.
    expect(await card.getByTestId('limits-call-back').textContent()).toContain(
      `Geen nummer in het dossier: neem contact op met een mail naar het adres in het dossier (${customerId}@voltpark.nl)`,
    );
    await card
      .getByLabel('Reden (wie u belde, op welk nummer uit het dossier)')
      .fill('Klant teruggebeld op 06-nummer uit het dossier');
    await card.getByRole('button', { name: 'Limieten wissen' }).click();
    await officer.getByRole('button', { name: 'Ja, wissen' }).click();
    await card.getByTestId('limits-reset-outcome').waitFor();
    await card.getByTestId('limits-calm').waitFor();
    await screenshot(officer, 'security-limits-02-reset');

    expect((await start()).status).toBe(201);
  });
});
