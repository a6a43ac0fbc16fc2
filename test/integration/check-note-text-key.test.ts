// An agent's note on a check is sealed with the customer's audit-text key, taken from the customer the
// step reads anyway: a customer without a key gets it stored in the check's own transaction (no read or
// write of its own before it). Whatever races it, every note that commits opens again for staff, a
// customer never holds two keys, and a note never lands without the key that opens it.
import { expectIntactChain } from '../support/audit';
import { emailOf, genuineAnswers } from '../support/fixtures';
import {
  agent,
  check,
  customerOf,
  disable,
  historyText,
  newCustomer,
  passedWithoutKey,
  sessionItem,
  stack,
  startSession,
  useTextKeyStack,
} from '../support/text-key-stack';

jest.setTimeout(150_000);

useTextKeyStack('nk');

/** The notes of the session as staff read them: opened, or the sealed placeholder. */
const notesOf = async (verificationId: string) => {
  const view = await stack.call('GET', `/admin/verifications/${verificationId}`, { token: agent });
  expect(view.status).toBe(200);
  return (view.body.checks as { note: string | null }[]).map((entry) => entry.note);
};

describe("a check's note and the customer's audit-text key", () => {
  it('the first note stores the key with the check, and the agent reads the note back', async () => {
    await newCustomer('nk-first');
    const verificationId = await startSession('nk-first');
    const note = 'beller belt vanaf een ander nummer';
    const answer = await check(verificationId, { type: 'FULL_NAME', answer: genuineAnswers.FULL_NAME, note });
    expect(answer.status).toBe(201);
    expect(answer.body.result).toBe('MATCH');
    expect((await customerOf('nk-first')).textKey).toMatchObject({ v: 1, keySource: 'local' });
    const stored = await sessionItem(verificationId);
    expect(stored.checks[0].note).toMatchObject({ sealed: 'aes-256-gcm/v1' });
    expect(JSON.stringify(stored)).not.toContain('ander nummer');
    expect(await notesOf(verificationId)).toEqual([note]);
    // A second note uses the stored key: it opens, and the key is the same one.
    const keyBefore = (await customerOf('nk-first')).textKey;
    const second = await check(verificationId, {
      type: 'EMAIL',
      answer: emailOf('nk-first'),
      note: 'adres gespeld',
    });
    expect(second.status).toBe(201);
    expect((await customerOf('nk-first')).textKey).toEqual(keyBefore);
    expect(await notesOf(verificationId)).toEqual([note, 'adres gespeld']);
    await expectIntactChain(stack, 'nk-first');
  });

  it('a wrong answer that ends the session stores the key on the same customer write as the cooldown', async () => {
    await newCustomer('nk-fail');
    const verificationId = await startSession('nk-fail');
    const first = await check(verificationId, { type: 'FULL_NAME', answer: 'Piet Puk' });
    expect(first.body.result).toBe('MISMATCH_UNCONFIRMED');
    expect((await customerOf('nk-fail')).textKey).toBeUndefined();
    const note = 'bleef bij dezelfde naam';
    const counted = await check(verificationId, {
      type: 'FULL_NAME',
      answer: 'Piet Puk',
      callerRepeated: true,
      note,
    });
    expect(counted.status).toBe(201);
    expect(counted.body).toMatchObject({ result: 'MISMATCH', status: 'FAILED' });
    const customer = await customerOf('nk-fail');
    expect(customer.textKey).toMatchObject({ v: 1 });
    expect(customer.verificationCooldownUntil).toBe(counted.body.cooldownUntil);
    expect(customer.openVerificationId).toBeUndefined();
    expect(await notesOf(verificationId)).toEqual([null, note]);
    await expectIntactChain(stack, 'nk-fail');
  });

  it('two notes on one session at once: one lands with the key, the other is told to record it again', async () => {
    await newCustomer('nk-twice');
    const verificationId = await startSession('nk-twice');
    const answers = await Promise.all(
      ['eerste notitie', 'tweede notitie'].map((note) =>
        check(verificationId, { type: 'FULL_NAME', answer: genuineAnswers.FULL_NAME, note }),
      ),
    );
    // Sent together, they race when they overlap (one 201, one 409 to record again); on a busy machine
    // the second may start after the first committed, and then both land. Either way no note is lost
    // unseen and the customer gets one key.
    const statuses = answers.map((answer) => answer.status).sort();
    expect([
      [201, 409],
      [201, 201],
    ]).toContainEqual(statuses);
    for (const answer of answers)
      if (answer.status === 409) expect(answer.body.error?.code).toBe('VERIFICATION_CHANGED');
    const landed = ['eerste notitie', 'tweede notitie'].filter((_, index) => answers[index]?.status === 201);
    const notes = await notesOf(verificationId);
    expect([...notes].sort()).toEqual([...landed].sort());
    expect((await customerOf('nk-twice')).textKey).toMatchObject({ v: 1 });
    // The agent records the lost one again: it lands, with the same key.
    const again = await check(verificationId, {
      type: 'EMAIL',
      answer: emailOf('nk-twice'),
      note: 'opnieuw genoteerd',
    });
    expect(again.status).toBe(201);
    expect((await notesOf(verificationId)).at(-1)).toBe('opnieuw genoteerd');
    await expectIntactChain(stack, 'nk-twice');
  });

  it('a note while an admin disables with a reason (the first key either way): both land, both open, one key', async () => {
    const customers = ['nk-race-1', 'nk-race-2', 'nk-race-3', 'nk-race-4'];
    for (const [index, customerId] of customers.entries()) {
      // A verification passed without a note, then a second call while the admin disables.
      const passed = await passedWithoutKey(customerId);
      const open = await startSession(customerId);
      const note = `beller klonk anders ${index}`;
      const reason = `telefoon kwijt ${index}`;
      const [disabled, checked] = await Promise.all([
        disable(customerId, passed, reason),
        check(open, { type: 'FULL_NAME', answer: genuineAnswers.FULL_NAME, note }),
      ]);
      // Neither writes what the other decides on, so whichever stores the key first, the other plans again.
      expect(checked.status).toBe(201);
      expect(disabled.status).toBe(200);
      expect((await customerOf(customerId)).textKey).toMatchObject({ v: 1 });
      expect(await notesOf(open)).toEqual([note]);
      const history = await historyText(customerId);
      expect(history).toContain(reason);
      expect(history).not.toContain('[sealed note]');
      await expectIntactChain(stack, customerId);
    }
  });
});
