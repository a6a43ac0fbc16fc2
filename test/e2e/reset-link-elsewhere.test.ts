// A caller who cannot open the mailbox the reset link goes to, in Chromium against the local stack: the
// agent's outcome and the admin's step 2 say how this customer sets 2FA up again; after the approval an
// admin (not the agent) picks a further address on file for the link, from the record only (no field to
// type one), and the choice reaches the mail and the history.
import { knowledgeChecks, genuineAnswers, createCustomer, markEnrolled } from '../support/fixtures';
import { browserSuite, signIn } from './browser';

jest.setTimeout(150_000);

const { suite, open } = browserSuite({ viewport: { width: 1400, height: 900 } });

const emailOf = (customerId: string) => `${customerId}@voltpark.nl`;
const homeOf = (customerId: string) => `${customerId}.thuis@example.nl`;

/** An agent's pass without possession proof: the caller says the mailbox is on the lost phone. */
const passWithoutProof = async (customerId: string, notificationEmails: string[]) => {
  const { stack } = suite;
  await createCustomer(stack, customerId, { email: emailOf(customerId), notificationEmails });
  await markEnrolled(stack, customerId);
  const agent = await stack.helpdeskToken('agent-bram');
  const started = await stack.call('POST', `/admin/customers/${customerId}/verifications`, {
    token: agent,
    body: { channel: 'phone' },
  });
  const verificationId: string = started.body.verificationId;
  const answers: Record<string, string> = { ...genuineAnswers, EMAIL: emailOf(customerId) };
  for (const type of knowledgeChecks) {
    const check = await suite.stack.call('POST', `/admin/verifications/${verificationId}/checks`, {
      token: agent,
      body: { type, answer: answers[type] },
    });
    expect(check.body.result).toBe('MATCH');
  }
  const completed = await stack.call('POST', `/admin/verifications/${verificationId}/complete`, {
    token: agent,
    body: { withoutPossessionProof: { reason: 'MAILBOX_ON_LOST_DEVICE' } },
  });
  expect(completed.body.outcome).toBe('PASSED');
  return verificationId;
};

describe('the reset link for a caller who cannot open the mailbox', () => {
  it('tells agent and admin how the customer re-enrolls, and lets only the admin send the link to a further address on file', async () => {
    const { stack } = suite;
    const verificationId = await passWithoutProof('rl-1', [homeOf('rl-1')]);

    // The agent's outcome: where the link goes, that an admin can send it elsewhere, what to say.
    const agent = await open();
    await signIn(agent, stack, 'agent-bram', '#/customers/rl-1');
    const agentNotice = agent.getByTestId('re-enroll');
    await agentNotice.waitFor();
    const agentText = (await agentNotice.textContent()) ?? '';
    expect(agentText).toContain('Hoe de klant 2FA weer instelt');
    expect(agentText).toContain(emailOf('rl-1'));
    expect(agentText).toContain('nog 1 ander adres in het dossier');
    expect(agentText).toContain('neem geen nieuw adres aan');
    // The agent gets no choice of address, and the further address is not read out to them either.
    expect(agentText).not.toContain(homeOf('rl-1'));
    expect(await agent.getByTestId('reset-link-recipient').count()).toBe(0);

    // The admin's step 2 says it before the disable.
    const admin = await open();
    await signIn(admin, stack, 'admin-anna', '#/customers/rl-1');
    await admin.getByTestId('disable-checks').waitFor();
    expect(await admin.getByTestId('re-enroll').textContent()).toContain('nog 1 ander adres in het dossier');

    const disabled = await stack.call('POST', '/admin/customers/rl-1/2fa/disable', {
      token: await stack.adminToken('admin-anna'),
      body: { verificationId, reason: 'Telefoon met mailbox kwijt' },
    });
    expect(disabled.status).toBe(202);
    const approved = await stack.call('POST', `/admin/approvals/${disabled.body.approvalId}/approve`, {
      token: await stack.adminToken('admin-bob'),
    });
    expect(approved.status).toBe(200);

    // The reset-link card: the main address is the default, the further one a choice; nothing to type.
    await admin.reload();
    const card = admin.getByTestId('reset-link');
    await card.waitFor();
    expect(await card.locator('input[type="email"], input[type="text"], textarea').count()).toBe(0);
    const main = card.getByLabel(`${emailOf('rl-1')} (hoofdadres)`);
    expect(await main.isChecked()).toBe(true);
    await card.getByLabel(`${homeOf('rl-1')} (ander adres in het dossier)`).check();
    await card.getByRole('button', { name: `Herstel-link sturen naar ${homeOf('rl-1')}` }).click();
    await card.getByTestId('reset-link-result').waitFor();
    expect(await card.getByTestId('reset-link-result').textContent()).toContain(
      `Nieuwe link verstuurd naar ${homeOf('rl-1')}`,
    );
    // The history names the choice: who sent it where.
    const history = admin.locator('tr', { hasText: 'Herstellink opnieuw verstuurd door admin-anna' });
    await history.first().waitFor();
    expect(await history.first().textContent()).toContain(
      `naar een ander adres in het dossier: ${homeOf('rl-1')}`,
    );

    // The API itself: the same send from the agent's session is refused.
    const byAgent = await stack.call('POST', '/admin/customers/rl-1/2fa/reset-link', {
      token: await stack.helpdeskToken('agent-bram'),
      body: { sendTo: homeOf('rl-1') },
    });
    expect(byAgent.status).toBe(403);
  });

  it('without a further address on file, the words say the link can only go to the main mailbox', async () => {
    const { stack } = suite;
    await passWithoutProof('rl-2', []);
    const agent = await open();
    await signIn(agent, stack, 'agent-bram', '#/customers/rl-2');
    const notice = agent.getByTestId('re-enroll');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('er staat geen ander adres in het dossier');
  });
});
