// The numbers on file in a real browser (Debian's Chromium): the security officer reads them in full
// beside the release and the limits reset, "call back on …"; the helpdesk agent sees them masked on
// the customer card.
import { createCustomer, emailOf, resetCustomer } from '../support/fixtures';
import { browserSuite, screenshot, signIn } from './browser';

const { suite, open } = browserSuite();

const mobile = '+31612345678';
const landline = '+31201234567';

describe('the call-back number on file', () => {
  it('stands in full beside the officer’s release and limits reset, and masked on the agent’s card', async () => {
    const customerId = 'e2e-callback';
    const agentToken = await suite.stack.helpdeskToken('agent-bram');
    const { ticket } = await resetCustomer(suite.stack, customerId, {
      agent: agentToken,
      admin: await suite.stack.adminToken('admin-anna'),
    });
    // The login service syncs the numbers it has (the reset's fixture synced the record without them).
    await createCustomer(suite.stack, customerId, {
      email: emailOf(customerId),
      phoneNumbers: [mobile, landline],
    });
    expect((await suite.stack.call('POST', '/enroll/report', { body: { ticket } })).status).toBe(200);
    // A caller's wrong answer under the lock: a cooldown the officer may reset after the call-back.
    const started = await suite.stack.call('POST', `/admin/customers/${customerId}/verifications`, {
      token: agentToken,
      body: { channel: 'phone' },
    });
    // A mismatch counts once the agent confirms the caller repeated it.
    for (const callerRepeated of [false, true])
      await suite.stack.call('POST', `/admin/verifications/${started.body.verificationId as string}/checks`, {
        token: agentToken,
        body: { type: 'FULL_NAME', answer: 'Piet Hein', ...(callerRepeated ? { callerRepeated } : {}) },
      });
    const again = await suite.stack.call('POST', `/admin/customers/${customerId}/verifications`, {
      token: agentToken,
      body: { channel: 'phone' },
    });
    expect(again.status).toBe(429);

    const officer = await open();
    await signIn(officer, suite.stack, 'officer-fatima', `#/security/${customerId}`);
    await officer.getByTestId('security-case').waitFor();
    expect(await officer.getByTestId('security-case').textContent()).toContain(`${mobile}, ${landline}`);
    const numbers = `Bel terug op ${mobile}, ${landline} (in het dossier)`;
    const release = officer.getByTestId('release-call-back');
    expect(await release.textContent()).toContain(numbers);
    expect(await officer.getByTestId('security-decision').textContent()).toContain('Blokkade opheffen');
    const limits = officer.getByTestId('recovery-limits');
    expect(await limits.getByTestId('limits-call-back').textContent()).toContain(numbers);
    expect(await limits.getByRole('button', { name: 'Limieten wissen' }).count()).toBe(1);
    await screenshot(officer, 'call-back-01-officer-case', { fullPage: true });

    const agent = await open();
    await signIn(agent, suite.stack, 'agent-cees', `#/customers/${customerId}`);
    const card = agent.getByTestId('customer');
    await card.getByTestId('two-factor-status').waitFor();
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('+31 •••• •••78, +31 •••• •••67');
    expect(text).not.toContain('612345678');
    expect(await agent.content()).not.toContain('201234567');
    await screenshot(agent, 'call-back-02-agent-card');
  });
});
