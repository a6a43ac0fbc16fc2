// What a security officer reads before deciding (GET /security/customers/{id}/recovery-lock), the
// backfill that puts customers locked before the queue's index into the queue, and the reset-link
// limit as configuration.
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../../tooling/repo-root';
import { localTableNames } from '../../local/tables';
import { backfillRecoveryLockFlags } from '../../lib/security/backfill';
import { genuineAnswers, knowledgeChecks, emailOf, resetCustomer } from '../support/fixtures';
import { tsxNodeArgs } from '../support/child-scripts';
import {
  stack,
  agent,
  admin,
  officer,
  pass,
  lockedCustomer,
  useSecurityStack,
} from '../support/security-stack';

useSecurityStack({ RESET_LINKS_PER_DAY: '1' });

const caseOf = (customerId: string, token = officer) =>
  stack.call('GET', `/security/customers/${customerId}/recovery-lock`, { token });
const queued = async (customerId: string) =>
  (await stack.call('GET', '/security/recovery-locks?limit=100', { token: officer })).body.locks.some(
    (lock: { customerId: string }) => lock.customerId === customerId,
  );

describe('the case an officer decides on', () => {
  it('shows the lock, the timeline from the reported reset on, the kept notes in words, and the sessions started under the lock', async () => {
    const { caseId } = await lockedCustomer('k-case');
    const kept = await stack.call('POST', '/security/customers/k-case/recovery-lock/keep', {
      token: officer,
      body: { note: 'called back, no answer' },
    });
    expect(kept.status).toBe(200);
    // The call-back by an agent who had no part in the reported reset (agent-bram verified that one).
    const released = await pass('k-case', await stack.helpdeskToken('agent-cas'));
    // A pass "without possession proof" is listed too, marked as such: the officer sees why it cannot serve.
    const started = await stack.call('POST', '/admin/customers/k-case/verifications', {
      token: agent,
      body: { channel: 'phone' },
    });
    const withoutCode: string = started.body.verificationId;
    for (const type of knowledgeChecks)
      await stack.call('POST', `/admin/verifications/${withoutCode}/checks`, {
        token: agent,
        body: { type, answer: type === 'EMAIL' ? emailOf('k-case') : genuineAnswers[type] },
      });
    await stack.call('POST', `/admin/verifications/${withoutCode}/complete`, {
      token: agent,
      body: { withoutPossessionProof: { reason: 'MAILBOX_ON_LOST_DEVICE' } },
    });

    const answer = await caseOf('k-case');
    expect(answer.status).toBe(200);
    expect(answer.body.customer).toMatchObject({
      customerId: 'k-case',
      twoFactor: 'LOCKED',
      lockReason: 'REPORTED_BY_CUSTOMER',
    });
    const reportedNumber = (await stack.call('GET', `/admin/verifications/${caseId}`, { token: agent })).body
      .caseNumber;
    expect(answer.body.lock).toMatchObject({
      caseId,
      caseNumber: reportedNumber,
      report: { previousStatus: 'DISABLED' },
    });
    // The queue names the reported case by the same number.
    const inQueue = (
      await stack.call('GET', '/security/recovery-locks?limit=100', { token: officer })
    ).body.locks.find((lock: { customerId: string }) => lock.customerId === 'k-case');
    expect(inQueue).toMatchObject({ caseId, caseNumber: reportedNumber });
    expect(answer.body.lock.lastReview).toMatchObject({ officerId: 'sec-sara' });
    const timeline = answer.body.timeline as { type: string; caseId: string | null; details: object }[];
    // Oldest first, starting at the reported reset's session; the customer's creation is not part of it.
    expect(timeline[0]).toMatchObject({ type: 'VERIFICATION_STARTED', caseId });
    expect(timeline.map((event) => event.type)).not.toContain('CUSTOMER_CREATED');
    expect(timeline.map((event) => event.type)).toEqual(
      expect.arrayContaining(['TWO_FA_DISABLED', 'UNAUTHORIZED_RESET_REPORTED', 'RECOVERY_LOCK_KEPT']),
    );
    expect(timeline.find((event) => event.type === 'RECOVERY_LOCK_KEPT')?.details).toMatchObject({
      note: 'called back, no answer',
    });
    // Only sessions under the lock: not the reported reset's own session.
    const sessions = answer.body.verifications as { verificationId: string }[];
    expect(sessions.map((item) => item.verificationId)).toEqual([withoutCode, released]);
    expect(answer.body.verifications[0]).toMatchObject({
      status: 'PASSED',
      emailCodeMatched: false,
      withoutPossessionProof: 'MAILBOX_ON_LOST_DEVICE',
    });
    expect(answer.body.verifications[1]).toMatchObject({
      status: 'PASSED',
      agentId: 'agent-cas',
      emailCodeMatched: true,
      withoutPossessionProof: null,
      caseNumber: expect.stringMatching(/^HD-/),
    });

    // After the release there is no lock to decide on: the case says so and lists nothing to pick.
    expect(
      (
        await stack.call('POST', '/security/customers/k-case/recovery-lock/release', {
          token: officer,
          body: { verificationId: released, reason: 'confirmed by email code' },
        })
      ).status,
    ).toBe(200);
    const after = await caseOf('k-case');
    expect(after.body.lock).toBeNull();
    expect(after.body.verifications).toEqual([]);
    expect(after.body.customer).toMatchObject({ twoFactor: 'DISABLED', lockReason: null });
  });

  it('is for the security group only; an unknown customer is 404', async () => {
    await lockedCustomer('k-group');
    expect((await caseOf('k-group', agent)).status).toBe(403);
    expect((await caseOf('k-group', admin)).status).toBe(403);
    expect((await stack.call('GET', '/security/customers/k-group/recovery-lock')).status).toBe(401);
    const unknown = await caseOf('k-nobody');
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'CUSTOMER_NOT_FOUND']);
  });
});

/** `npm run backfill:recovery-locks` in a child process. */
const backfillScript = (args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const root = repoRoot();
    const prefix = stack.tableNames.customers.slice(0, -localTableNames('').customers.length);
    execFile(
      process.execPath,
      [...tsxNodeArgs(), join(root, 'ops', 'backfill-recovery-locks.ts'), '--table-prefix', prefix, ...args],
      { cwd: root, env: { ...process.env } },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });

describe('customers locked before the queue had its index', () => {
  it('are put in the queue by the backfill, once; a customer released meanwhile is left alone', async () => {
    await lockedCustomer('k-old-lock');
    await lockedCustomer('k-old-released');
    // As stored before the flag existed: locked, but without the index key.
    for (const customerId of ['k-old-lock', 'k-old-released'])
      await stack.dynamodb.send(
        new UpdateItemCommand({
          TableName: stack.tableNames.customers,
          Key: { customerId: { S: customerId } },
          UpdateExpression: 'REMOVE recoveryLockFlag',
        }),
      );
    expect(await queued('k-old-lock')).toBe(false);
    await stack.dynamodb.send(
      new UpdateItemCommand({
        TableName: stack.tableNames.customers,
        Key: { customerId: { S: 'k-old-released' } },
        UpdateExpression: 'REMOVE recoveryLockedAt',
      }),
    );

    const dryRun = await backfillRecoveryLockFlags({ dryRun: true });
    expect(dryRun.flagged).toEqual(['k-old-lock']);
    expect(await queued('k-old-lock')).toBe(false);

    // As an operator runs it, in a child process, against this file's stack.
    const run = await backfillScript(['--local', '--endpoint', stack.dynamodbEndpoint]);
    expect(run.stdout).toContain('put 1 locked customer(s) in the queue');
    expect(run.stdout).toContain('  k-old-lock');
    expect(await queued('k-old-lock')).toBe(true);
    expect(await queued('k-old-released')).toBe(false);
    expect((await backfillRecoveryLockFlags()).flagged).toEqual([]);
  });
});

describe('the reset-link limit', () => {
  it('is configuration (RESET_LINKS_PER_DAY): with 1, the second re-send is 429', async () => {
    await resetCustomer(stack, 'k-resend', { agent, admin });
    const resend = () =>
      stack.call('POST', '/admin/customers/k-resend/2fa/reset-link', { token: admin, body: {} });
    const first = await resend();
    expect([first.status, first.body.sendsLeftToday]).toEqual([202, 0]);
    const second = await resend();
    expect([second.status, second.body.error.code]).toEqual([429, 'RESET_LINK_DAILY_LIMIT']);
    expect(second.body.error.message).toContain('At most 1 ');
  });
});
