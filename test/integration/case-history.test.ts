// Cases keep their history, through the local API: a re-sent reset link still belongs to the reset's
// case however many sessions came after it (the report, the security queue, the alert mail and the
// release rules all name it), and a session, notes included, is read and printed only by its agent,
// admins and security officers, each print on file once a minute per person and case.
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { auditEventsOf, expectIntactChain } from '../support/audit';
import { emailOf, mailTo, passOwnMail, resetCustomer, ticketIn } from '../support/fixtures';
import { noVelocityLimits, startTestStack, type TestStack } from '../support/stack';
import { minutesAgo, setStored, storedItem } from '../support/stored-items';
import { mailOfKind } from '../support/mails';

let stack: TestStack;
let agent: string;
let otherAgent: string;
let admin: string;
let officer: string;

beforeAll(async () => {
  stack = await startTestStack({ pollStreams: true, environment: noVelocityLimits });
  agent = await stack.helpdeskToken('agent-bram');
  otherAgent = await stack.helpdeskToken('agent-carla');
  admin = await stack.adminToken('admin-anna');
  officer = await stack.token('sec-sara', ['security']);
}, 120000);
afterAll(async () => {
  await stack?.stop();
});

const SECURITY = 'security@mfa-recovery.local';

const resend = (customerId: string) =>
  stack.call('POST', `/admin/customers/${customerId}/2fa/reset-link`, { token: admin });
const release = (customerId: string, verificationId: string, token = officer) =>
  stack.call('POST', `/security/customers/${customerId}/recovery-lock/release`, {
    token,
    body: { verificationId, reason: 'called back on the number on file' },
  });
const sessionOf = (verificationId: string, token: string) =>
  stack.call('GET', `/admin/verifications/${verificationId}`, { token });
const print = (verificationId: string, token: string) =>
  stack.call('POST', `/admin/verifications/${verificationId}/case-record`, { token, body: {} });

/** Sessions an agent starts and cancels at no cost: each is newer than the reset's own session. */
const startAndCancel = async (customerId: string, count: number) => {
  for (let index = 0; index < count; index += 1) {
    const started = await stack.call('POST', `/admin/customers/${customerId}/verifications`, {
      token: agent,
      body: { channel: 'phone' },
    });
    expect(started.status).toBe(201);
    const cancelled = await stack.call('POST', `/admin/verifications/${started.body.verificationId}/cancel`, {
      token: agent,
      body: { reason: 'caller hung up' },
    });
    expect(cancelled.status).toBe(200);
  }
};

describe('a re-sent reset link keeps the case of the reset', () => {
  it('after eleven newer sessions, the report locks with the reset case: queue, alert mail and release rules name it', async () => {
    const { caseId } = await resetCustomer(stack, 'h-resend', { agent, admin });
    const caseNumber: string = (await sessionOf(caseId, admin)).body.caseNumber;
    expect(caseNumber).toMatch(/^HD-/);
    await startAndCancel('h-resend', 11);

    const sent = await resend('h-resend');
    expect(sent.status).toBe(202);
    await stack.poller?.drain();
    const mail = await mailOfKind(stack, emailOf('h-resend'), 'RESET');
    const ticket = ticketIn(mail);
    expect(mail?.body.text).toContain(`Zaaknummer: ${caseNumber}`);

    // The customer answers the re-sent mail: "this wasn't me".
    const reported = await stack.call('POST', '/enroll/report', { body: { ticket } });
    expect([reported.status, reported.body.status]).toEqual([200, 'RECOVERY_LOCKED']);
    const events = await expectIntactChain(stack, 'h-resend');
    for (const type of ['RESET_LINK_RESENT', 'UNAUTHORIZED_RESET_REPORTED'])
      expect(events.find((event) => event.type === type)?.caseId).toBe(caseId);

    const queue = await stack.call('GET', '/security/recovery-locks?limit=100', { token: officer });
    expect(
      queue.body.locks.find((lock: { customerId: string }) => lock.customerId === 'h-resend'),
    ).toMatchObject({ caseId, caseNumber });

    await stack.poller?.drain();
    const alert = (await mailTo(stack, SECURITY)).find((mail) =>
      (mail.body.text ?? '').includes('h-resend)'),
    );
    expect(alert?.body.text).toContain(`Zaak: ${caseNumber}`);
    expect(alert?.body.text).not.toContain('niet bij een helpdeskzaak');

    // The reported case's verifier cannot be the call-back a release rests on…
    const byVerifier = await passOwnMail(stack, 'h-resend', agent);
    const refused = await release('h-resend', byVerifier);
    expect([refused.status, refused.body.error?.code]).toEqual([409, 'VERIFIER_IN_REPORTED_CASE']);
    // …nor its admin the officer who releases.
    const uninvolved = await passOwnMail(stack, 'h-resend', await stack.helpdeskToken('agent-cas'));
    const byItsAdmin = await release(
      'h-resend',
      uninvolved,
      await stack.token('admin-anna', ['admin', 'security']),
    );
    expect([byItsAdmin.status, byItsAdmin.body.error?.code]).toEqual([403, 'RELEASER_IN_REPORTED_CASE']);
    // An officer with no part in it releases on an uninvolved agent's call-back.
    expect((await release('h-resend', uninvolved)).status).toBe(200);
    // The release's link is the release's case, and so is a re-sent one after more sessions.
    await startAndCancel('h-resend', 11);
    expect((await resend('h-resend')).status).toBe(202);
    const resent = (await expectIntactChain(stack, 'h-resend')).filter(
      (event) => event.type === 'RESET_LINK_RESENT',
    );
    expect(resent.map((event) => event.caseId)).toEqual([caseId, uninvolved]);
  });

  it('for a customer reset before the customer item named the case, the current link still carries it', async () => {
    const { caseId } = await resetCustomer(stack, 'h-legacy', { agent, admin });
    await stack.dynamodb.send(
      new UpdateItemCommand({
        TableName: stack.tableNames.customers,
        Key: { customerId: { S: 'h-legacy' } },
        UpdateExpression: 'REMOVE lastResetCaseId',
      }),
    );
    await startAndCancel('h-legacy', 11);
    expect((await resend('h-legacy')).status).toBe(202);
    const events = await expectIntactChain(stack, 'h-legacy');
    expect(events.find((event) => event.type === 'RESET_LINK_RESENT')?.caseId).toBe(caseId);
  });
});

describe('who reads a session and prints its case record', () => {
  const NOTE = 'Beller klonk gehaast, noemde laadpas 4471';

  /** The case a customer was reset on: agent-bram's passed session, used by admin-anna. */
  const resetCase = async (customerId: string) => {
    const { caseId } = await resetCustomer(stack, customerId, { agent, admin });
    return caseId;
  };

  it("another agent cannot read an agent's session: 403, and no note or answer leaks", async () => {
    await resetCase('h-read');
    const own = await stack.call('POST', '/admin/customers/h-read/verifications', {
      token: agent,
      body: { channel: 'phone' },
    });
    expect(own.status).toBe(201);
    const id: string = own.body.verificationId;
    const noted = await stack.call('POST', `/admin/verifications/${id}/checks`, {
      token: agent,
      body: { type: 'FULL_NAME', answer: 'Jan de Vries', note: NOTE },
    });
    expect(noted.status).toBe(201);

    const refused = await sessionOf(id, otherAgent);
    expect([refused.status, refused.body.error?.code]).toEqual([403, 'VERIFICATION_OF_ANOTHER_AGENT']);
    expect(JSON.stringify(refused.body)).not.toContain(NOTE);
    expect(JSON.stringify(refused.body)).not.toContain('h-read');

    // Its own agent, an admin and a security officer read it, note included.
    for (const token of [agent, admin, officer]) {
      const read = await sessionOf(id, token);
      expect(read.status).toBe(200);
      expect(read.body.checks[0].note).toBe(NOTE);
    }

    // Stored sealed with the customer's key: the table (and its backups) hold no readable note.
    const stored = await storedItem(stack, 'verifications', { verificationId: id });
    expect(stored?.checks[0].note).toMatchObject({ sealed: 'aes-256-gcm/v1' });
    expect(JSON.stringify(stored)).not.toMatch(/gehaast|4471/);
  });

  it('reads a note stored in plain before sealing as it was written, next to a sealed one', async () => {
    await resetCase('h-legacy-note');
    const own = await stack.call('POST', '/admin/customers/h-legacy-note/verifications', {
      token: agent,
      body: { channel: 'phone' },
    });
    const id: string = own.body.verificationId;
    for (const note of ['first note', 'second note'])
      expect(
        (
          await stack.call('POST', `/admin/verifications/${id}/checks`, {
            token: agent,
            body: { type: 'FULL_NAME', answer: 'Jan de Vries', note },
          })
        ).status,
      ).toBe(201);
    await stack.dynamodb.send(
      new UpdateItemCommand({
        TableName: stack.tableNames.verifications,
        Key: { verificationId: { S: id } },
        UpdateExpression: 'SET checks[0].note = :plain',
        ExpressionAttributeValues: { ':plain': { S: 'written before sealing' } },
      }),
    );
    const read = await sessionOf(id, agent);
    expect(read.body.checks.map((check: { note: string }) => check.note)).toEqual([
      'written before sealing',
      'second note',
    ]);
  });

  it('another agent cannot print it (403, nothing on file); its agent, an admin and an officer can', async () => {
    const caseId = await resetCase('h-print');
    const printed = () =>
      auditEventsOf(stack, 'h-print').then((events) =>
        events.filter((event) => event.type === 'CASE_RECORD_PRINTED'),
      );
    const refused = await print(caseId, otherAgent);
    expect([refused.status, refused.body.error?.code]).toEqual([403, 'VERIFICATION_OF_ANOTHER_AGENT']);
    expect(await printed()).toEqual([]);

    const answers = [await print(caseId, agent), await print(caseId, admin), await print(caseId, officer)];
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201]);
    expect(answers.map((answer) => answer.body.printedBy)).toEqual(['agent-bram', 'admin-anna', 'sec-sara']);
    expect((await printed()).map((event) => [event.actorId, event.actorType])).toEqual([
      ['agent-bram', 'agent'],
      ['admin-anna', 'admin'],
      ['sec-sara', 'admin'],
    ]);
    // The audit's actorType has no security officer; the role is stated in the details, as for a release.
    expect((await printed())[2]?.details).toMatchObject({ actorRole: 'security', verificationId: caseId });
    await expectIntactChain(stack, 'h-print');
  });

  it('prints of one case by one person within a minute are one event, even five at once; two people are two', async () => {
    const caseId = await resetCase('h-burst');
    const printed = async () =>
      (await expectIntactChain(stack, 'h-burst')).filter((event) => event.type === 'CASE_RECORD_PRINTED');

    const burst = await Promise.all(Array.from({ length: 5 }, () => print(caseId, admin)));
    expect(burst.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201]);
    const once = await printed();
    expect(once).toHaveLength(1);
    // Every answer names the one event on file, as the console shows it.
    expect(new Set(burst.map((answer) => answer.body.auditEventId))).toEqual(new Set([once[0]?.eventId]));
    expect(new Set(burst.map((answer) => answer.body.printedAt))).toEqual(new Set([once[0]?.at]));

    // A second person's prints at the same moment are their own event.
    const both = await Promise.all([print(caseId, agent), print(caseId, agent), print(caseId, admin)]);
    expect(both.map((answer) => answer.status)).toEqual([201, 201, 201]);
    expect((await printed()).map((event) => event.actorId)).toEqual(['admin-anna', 'agent-bram']);

    // A minute later the admin's print is a new event.
    const marker = `case-record-print#admin-anna#${caseId}`;
    await setStored(stack, 'idempotency', { idempotencyKey: marker }, { printedAt: minutesAgo(1.05) });
    const later = await print(caseId, admin);
    expect(later.status).toBe(201);
    expect(later.body.auditEventId).not.toBe(once[0]?.eventId);
    expect((await printed()).map((event) => event.actorId)).toEqual([
      'admin-anna',
      'agent-bram',
      'admin-anna',
    ]);
  });
});
