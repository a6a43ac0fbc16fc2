// What an open session still needs before it can pass, as the API tells the console (the session view
// and each check's answer, from lib/verification/policy.ts): the console disables "complete" until it
// is empty, so the rule is the server's, once. Through the local API.
import { createCustomer, genuineAnswers, markEnrolled, readBackEmailCode } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
let agent: string;

beforeAll(async () => {
  stack = await startTestStack({ pollStreams: false });
  agent = await stack.helpdeskToken('agent-bram');
});
afterAll(async () => {
  await stack?.stop();
});

const codes = (reasons: { code: string }[]) => reasons.map((reason) => reason.code);

const start = async (customerId: string) =>
  (
    await stack.call('POST', `/admin/customers/${customerId}/verifications`, {
      token: agent,
      body: { channel: 'phone' },
    })
  ).body.verificationId as string;

const check = (id: string, type: string, answer: string) =>
  stack.call('POST', `/admin/verifications/${id}/checks`, { token: agent, body: { type, answer } });

const view = async (id: string) =>
  (await stack.call('GET', `/admin/verifications/${id}`, { token: agent })).body;

describe('what completing a session still needs', () => {
  it('lists every missing requirement at the start, shrinks with each answer, and is empty once the code is read back', async () => {
    await createCustomer(stack, 'tp-honest');
    await markEnrolled(stack, 'tp-honest');
    const id = await start('tp-honest');
    const fresh = (await view(id)).toPass;
    expect(codes(fresh.withEmailCode)).toEqual([
      'EMAIL_NOT_MATCHED',
      'FULL_NAME_NOT_MATCHED',
      'TOO_FEW_SECURITY_ANSWERS',
      'EMAIL_CODE_REQUIRED',
    ]);
    // Without possession proof the code is not asked, the rest is.
    expect(codes(fresh.withoutPossessionProof)).toEqual([
      'EMAIL_NOT_MATCHED',
      'FULL_NAME_NOT_MATCHED',
      'TOO_FEW_SECURITY_ANSWERS',
    ]);

    const seen: string[][] = [];
    for (const type of ['FULL_NAME', 'EMAIL', 'CHARGE_POINT_IDS', 'LAST_TRANSACTION']) {
      const answered = await check(id, type, genuineAnswers[type] ?? '');
      expect(answered.body.result).toBe('MATCH');
      seen.push(codes(answered.body.toPass.withEmailCode));
    }
    expect(seen).toEqual([
      ['EMAIL_NOT_MATCHED', 'TOO_FEW_SECURITY_ANSWERS', 'EMAIL_CODE_REQUIRED'],
      ['TOO_FEW_SECURITY_ANSWERS', 'EMAIL_CODE_REQUIRED'],
      ['TOO_FEW_SECURITY_ANSWERS', 'EMAIL_CODE_REQUIRED'],
      ['EMAIL_CODE_REQUIRED'],
    ]);
    // The page after a reload reads the same from the session view.
    expect((await view(id)).toPass).toEqual({
      withEmailCode: [expect.objectContaining({ code: 'EMAIL_CODE_REQUIRED' })],
      withoutPossessionProof: [],
    });

    await readBackEmailCode(stack, id, agent);
    expect((await view(id)).toPass).toEqual({ withEmailCode: [], withoutPossessionProof: [] });
    const completed = await stack.call('POST', `/admin/verifications/${id}/complete`, { token: agent });
    expect(completed.body.outcome).toBe('PASSED');
    // An ended session needs nothing: there is nothing to complete.
    expect((await view(id)).toPass).toBeNull();
  });

  it('waits for a wrong answer to be repeated before completing, and a counted one ends the session with no list', async () => {
    await createCustomer(stack, 'tp-guess');
    await markEnrolled(stack, 'tp-guess');
    const id = await start('tp-guess');
    const unconfirmed = await check(id, 'FULL_NAME', 'Piet Puk');
    expect(unconfirmed.body).toMatchObject({ result: 'MISMATCH_UNCONFIRMED', status: 'OPEN' });
    // Completing now would count the wrong answer: the finish button waits for it to be repeated or corrected.
    expect(codes(unconfirmed.body.toPass.withEmailCode)).toContain('REPEAT_PENDING_FULL_NAME');
    expect(codes(unconfirmed.body.toPass.withoutPossessionProof)).toContain('REPEAT_PENDING_FULL_NAME');
    const wrong = await stack.call('POST', `/admin/verifications/${id}/checks`, {
      token: agent,
      body: { type: 'FULL_NAME', answer: 'Piet Puk', callerRepeated: true },
    });
    expect(wrong.body).toMatchObject({ result: 'MISMATCH', status: 'FAILED' });
    expect(wrong.body.toPass).toBeUndefined();
    expect((await view(id)).toPass).toBeNull();
  });

  it('does not ask the code of a privileged-only policy’s ordinary customer, and does of a privileged one', async () => {
    const tiered = await startTestStack({
      pollStreams: false,
      environment: { REQUIRE_EMAIL_CODE: 'privileged' },
    });
    try {
      const token = await tiered.helpdeskToken('agent-bram');
      await createCustomer(tiered, 'tp-plain');
      await createCustomer(tiered, 'tp-vip', { privileged: true });
      for (const [customerId, expected] of [
        ['tp-plain', []],
        ['tp-vip', ['EMAIL_CODE_REQUIRED']],
      ] as const) {
        const started = await tiered.call('POST', `/admin/customers/${customerId}/verifications`, {
          token,
          body: { channel: 'phone' },
        });
        let last: { withEmailCode: { code: string }[] } | undefined;
        for (const type of ['FULL_NAME', 'EMAIL', 'CHARGE_POINT_IDS', 'LAST_TRANSACTION'])
          last = (
            await tiered.call('POST', `/admin/verifications/${started.body.verificationId}/checks`, {
              token,
              body: { type, answer: genuineAnswers[type] },
            })
          ).body.toPass;
        expect(codes(last?.withEmailCode ?? [{ code: 'none' }])).toEqual(expected);
      }
    } finally {
      await tiered.stop();
    }
  });
});
