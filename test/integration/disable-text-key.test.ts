// The disable's reason is sealed with the customer's audit-text key, read with the customer (no read of
// its own): a customer without a key gets it stored in the disable's own transaction. Whatever races
// it, every text that commits opens again for staff, and a customer never holds two keys.
import { expectIntactChain } from '../support/audit';
import { genuineAnswers } from '../support/fixtures';
import {
  check,
  customerOf,
  disable,
  historyText,
  passedWithoutKey,
  secondAdmin,
  stack,
  startSession,
  useTextKeyStack,
} from '../support/text-key-stack';

jest.setTimeout(150_000);

useTextKeyStack('tk');

describe("the disable's reason and the customer's audit-text key", () => {
  it('a customer without a key: the disable stores it with the change, and the reason opens for staff', async () => {
    const verificationId = await passedWithoutKey('tk-direct');
    const reason = 'telefoon in de gracht gevallen';
    const answer = await disable('tk-direct', verificationId, reason);
    expect(answer.status).toBe(200);
    const after = await customerOf('tk-direct');
    expect(after.textKey).toMatchObject({ v: 1, keySource: 'local' });
    const events = await expectIntactChain(stack, 'tk-direct');
    expect(events.find((event) => event.type === 'TWO_FA_DISABLED')?.details.reason).toMatchObject({
      sealed: 'aes-256-gcm/v1',
    });
    expect(JSON.stringify(events)).not.toContain('gracht');
    expect(await historyText('tk-direct')).toContain(reason);
  });

  it('a privileged customer without a key: the parked request stores it, and both admins read the reason', async () => {
    const verificationId = await passedWithoutKey('tk-parked', { privileged: true });
    const reason = 'nieuwe telefoon, oude ingeleverd';
    const parked = await disable('tk-parked', verificationId, reason);
    expect(parked.status).toBe(202);
    expect((await customerOf('tk-parked')).textKey).toMatchObject({ v: 1 });
    const approved = await stack.call(
      'POST',
      `/admin/approvals/${parked.body.approvalId as string}/approve`,
      {
        token: secondAdmin,
      },
    );
    expect(approved.status).toBe(200);
    await expectIntactChain(stack, 'tk-parked');
    const history = await historyText('tk-parked');
    expect(history.split(reason)).toHaveLength(3); // the request and the disable
  });

  it('a note sealed at the same moment (its own key write) and the disable: every text opens, one key', async () => {
    const customers = ['tk-race-1', 'tk-race-2', 'tk-race-3', 'tk-race-4'];
    const outcomes = await Promise.all(
      customers.map(async (customerId, index) => {
        const verificationId = await passedWithoutKey(customerId);
        // A second call: the agent opens a new session and types a note while the admin disables.
        const opened = await startSession(customerId);
        const note = `beller klonk anders ${index}`;
        const reason = `reden van de reset ${index}`;
        const [disabled, checked] = await Promise.all([
          disable(customerId, verificationId, reason),
          check(opened, { type: 'FULL_NAME', answer: genuineAnswers.FULL_NAME, note }),
        ]);
        return { customerId, disabled, checked, note, reason };
      }),
    );
    for (const { customerId, disabled, checked, reason } of outcomes) {
      // Either request may lose to the other's version bump; a loser says so plainly and wrote nothing.
      expect([200, 409]).toContain(disabled.status);
      expect([201, 409]).toContain(checked.status);
      expect((await customerOf(customerId)).textKey).toMatchObject({ v: 1 });
      await expectIntactChain(stack, customerId);
      const history = await historyText(customerId);
      expect(history).not.toContain('[sealed note]');
      if (disabled.status === 200) expect(history).toContain(reason);
    }
    expect(outcomes.filter(({ disabled }) => disabled.status === 200).length).toBeGreaterThan(0);
  });
});
