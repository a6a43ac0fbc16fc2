// A customer's whole audit trail for staff (GET /admin/customers/{id}/audit-events): every event once,
// newest first, across pages; narrowed to one case; sealed staff text readable as in the profile; the
// cursor is bound to its customer and filter; and printing a case record is itself audited.
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { nextAuditItem } from '../../lib/audit/chain';
import { readChainHead } from '../../lib/audit/store';
import type { AuditItem } from '../../lib/audit/events';
import { dynamoDb, tableName } from '../../lib/aws/dynamodb';
import { systemRandom } from '../../lib/clock';
import { auditEventsOf, expectIntactChain } from '../support/audit';
import { createCustomer, markEnrolled, passVerification } from '../support/fixtures';
import { noVelocityLimits, startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
let agent: string;
let admin: string;
let officer: string;

const DISABLE_REASON = 'Telefoon kwijt, klant gebeld op het nummer in het dossier';

beforeAll(async () => {
  stack = await startTestStack({ pollStreams: false, environment: noVelocityLimits });
  agent = await stack.helpdeskToken('agent-bram');
  admin = await stack.adminToken('admin-anna');
  officer = await stack.token('officer-fatima', ['security']);
}, 120000);
afterAll(async () => {
  await stack?.stop();
});

interface EventView {
  seq: number;
  type: string;
  caseId: string | null;
  details: Record<string, unknown>;
}

const history = (customerId: string, query: Record<string, string> = {}, token: string = admin) =>
  stack.call('GET', `/admin/customers/${customerId}/audit-events?${new URLSearchParams(query).toString()}`, {
    token,
  });

/** Follows the cursors to the end; every page answers 200. */
const allPages = async (customerId: string, query: Record<string, string>, token: string = admin) => {
  const pages: EventView[][] = [];
  let cursor: string | null = null;
  do {
    const response = await history(customerId, { ...query, ...(cursor ? { cursor } : {}) }, token);
    expect(response.status).toBe(200);
    pages.push(response.body.events);
    cursor = response.body.nextCursor;
  } while (cursor && pages.length < 100);
  return pages;
};

const print = (verificationId: string, token: string = admin) =>
  stack.call('POST', `/admin/verifications/${verificationId}/case-record`, { token, body: {} });

/** Two cases: A passed and used for a disable (with a sealed reason), B cancelled; plus prints of A. */
const customerWithTwoCases = async (customerId: string, printsOfA: number) => {
  await createCustomer(stack, customerId, { email: `${customerId}@voltpark.nl` });
  await markEnrolled(stack, customerId);
  const caseA = await passVerification(stack, customerId, agent, undefined, {
    EMAIL: `${customerId}@voltpark.nl`,
  });
  const disabled = await stack.call('POST', `/admin/customers/${customerId}/2fa/disable`, {
    token: admin,
    body: { verificationId: caseA, reason: DISABLE_REASON },
  });
  expect(disabled.status).toBe(200);
  await markEnrolled(stack, customerId);
  const startedB = await stack.call('POST', `/admin/customers/${customerId}/verifications`, {
    token: agent,
    body: { channel: 'chat' },
  });
  const caseB: string = startedB.body.verificationId;
  const cancelled = await stack.call('POST', `/admin/verifications/${caseB}/cancel`, {
    token: agent,
    body: { reason: 'Klant hing op' },
  });
  expect(cancelled.status).toBe(200);
  // Each by another admin: one person's prints of a case within a minute are one event.
  for (let index = 0; index < printsOfA; index += 1)
    expect((await print(caseA, await stack.adminToken(`admin-print-${index}`))).status).toBe(201);
  return { caseA, caseB };
};

describe("a customer's audit trail, paged", () => {
  it('returns every event exactly once, newest first, across pages of a bounded size', async () => {
    const { caseA } = await customerWithTwoCases('ah-all', 20);
    const stored = await expectIntactChain(stack, 'ah-all');
    expect(stored.length).toBeGreaterThan(25);
    const pages = await allPages('ah-all', { limit: '7' });
    expect(pages.length).toBe(Math.ceil(stored.length / 7));
    for (const page of pages.slice(0, -1)) expect(page).toHaveLength(7);
    const seqs = pages.flat().map((event) => event.seq);
    expect(seqs).toEqual(stored.map((event) => Number(event.seq)).sort((a, b) => b - a));
    // Sealed staff text reads as the profile shows it.
    const disable = pages.flat().find((event) => event.type === 'TWO_FA_DISABLED');
    expect(disable).toMatchObject({ caseId: caseA, details: { reason: DISABLE_REASON } });
    expect(JSON.stringify(pages)).not.toContain('aes-256-gcm');
    // Without a limit the default page holds everything this customer has (fewer than 50).
    const whole = await history('ah-all');
    expect(whole.body.events.map((event: EventView) => event.seq)).toEqual(seqs);
    expect(whole.body.nextCursor).toBeNull();
  });

  it("narrows to one case's events, every one of them, across pages", async () => {
    const { caseA, caseB } = await customerWithTwoCases('ah-case', 4);
    const stored = await auditEventsOf(stack, 'ah-case');
    for (const caseId of [caseA, caseB]) {
      const expected = stored
        .filter((event) => event.caseId === caseId)
        .map((event) => Number(event.seq))
        .sort((a, b) => b - a);
      expect(expected.length).toBeGreaterThan(1);
      const events = (await allPages('ah-case', { caseId, limit: '3' })).flat();
      expect(events.map((event) => event.seq)).toEqual(expected);
      expect(events.every((event) => event.caseId === caseId)).toBe(true);
    }
    const types = (await allPages('ah-case', { caseId: caseB })).flat().map((event) => event.type);
    expect(types).toEqual(['VERIFICATION_CANCELLED', 'VERIFICATION_STARTED']);
  });

  it('refuses a cursor that was altered, made for another customer, or for another filter', async () => {
    const { caseA } = await customerWithTwoCases('ah-cur', 3);
    await customerWithTwoCases('ah-cur-other', 0);
    const first = await history('ah-cur', { limit: '2' });
    const cursor: string = first.body.nextCursor;
    expect(cursor).toEqual(expect.any(String));
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const forged = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
    const refusals = [
      history('ah-cur', { limit: '2', cursor: `${cursor.slice(0, -3)}x!y` }),
      history('ah-cur', { limit: '2', cursor: 'not-a-cursor' }),
      history('ah-cur', { limit: '2', cursor: forged({ ...decoded, seq: 'last' }) }),
      history('ah-cur', { limit: '2', cursor: forged({ ...decoded, seq: -4 }) }),
      history('ah-cur', { limit: '2', cursor: forged({ ...decoded, extra: 1 }) }),
      // Another customer's place in their own chain.
      history('ah-cur-other', { limit: '2', cursor }),
      // The unfiltered cursor under a case filter (and the other way round).
      history('ah-cur', { limit: '2', cursor, caseId: caseA }),
      history('ah-cur', {
        limit: '2',
        cursor: (await history('ah-cur', { limit: '1', caseId: caseA })).body.nextCursor,
      }),
    ];
    for (const response of await Promise.all(refusals)) {
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('INVALID_CURSOR');
    }
    expect((await history('ah-cur', { limit: '2', cursor })).status).toBe(200);
  });

  it('finds a case behind a long history: pages may come back short, yet every event arrives once', async () => {
    await createCustomer(stack, 'ah-long');
    const started = await stack.call('POST', '/admin/customers/ah-long/verifications', {
      token: agent,
      body: { channel: 'phone' },
    });
    const oldCase: string = started.body.verificationId;
    await stack.call('POST', `/admin/verifications/${oldCase}/cancel`, {
      token: agent,
      body: { reason: 'Klant hing op' },
    });
    // 520 later events of the login service, chained onto the trail as the service writes them.
    let head = await readChainHead('ah-long');
    const later: AuditItem[] = [];
    for (let index = 0; index < 520; index += 1) {
      const at = new Date();
      const item = nextAuditItem(
        head,
        {
          type: 'VERIFY_FAILED',
          actorType: 'service',
          actorId: 'login-service',
          customerId: 'ah-long',
          details: { method: 'totp', consecutiveFailures: 1, attemptsLeft: 4 },
        },
        at,
        systemRandom.ulid(at),
      );
      later.push(item);
      head = { seq: item.seq, hash: item.hash };
    }
    for (let index = 0; index < later.length; index += 25)
      await dynamoDb().send(
        new BatchWriteCommand({
          RequestItems: {
            [tableName('auditEvents')]: later
              .slice(index, index + 25)
              .map((item) => ({ PutRequest: { Item: item } })),
          },
        }),
      );
    const stored = await expectIntactChain(stack, 'ah-long');
    const expected = stored
      .filter((event) => event.caseId === oldCase)
      .map((event) => Number(event.seq))
      .sort((a, b) => b - a);
    expect(expected).toHaveLength(2);

    const pages = await allPages('ah-long', { caseId: oldCase, limit: '50' });
    // One request reads a bounded part of the chain: the first answer is empty but says where to go on.
    expect(pages[0]).toEqual([]);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.flat().map((event) => event.seq)).toEqual(expected);
    // Unfiltered, the same trail comes in full pages.
    const all = await allPages('ah-long', { limit: '200' });
    expect(all.map((page) => page.length)).toEqual([200, 200, stored.length - 400]);
    expect(new Set(all.flat().map((event) => event.seq)).size).toBe(stored.length);
  });

  it('bounds the page size and checks the case id', async () => {
    await createCustomer(stack, 'ah-limits');
    const wrong: Record<string, string>[] = [
      { limit: '0' },
      { limit: '201' },
      { limit: 'many' },
      { caseId: 'HD-7K3Q-9M2X' },
    ];
    for (const query of wrong) {
      const response = await history('ah-limits', query);
      expect(response.status).toBe(400);
    }
    expect((await history('ah-limits', { unknownField: '1' })).status).toBe(400);
    expect((await history('ah-limits', { limit: '200' })).status).toBe(200);
  });

  it('answers helpdesk, admin and security, and no one else', async () => {
    await createCustomer(stack, 'ah-who');
    for (const token of [agent, admin, officer])
      expect((await history('ah-who', {}, token)).status).toBe(200);
    const service = await stack.token('login-service', ['service']);
    const nobody = await stack.token('intern-ivo', []);
    for (const token of [service, nobody]) {
      const response = await history('ah-who', {}, token);
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('FORBIDDEN');
    }
  });

  it('answers 404 for an unknown customer, and 404 ERASED as the profile does after erasure', async () => {
    const unknown = await history('ah-nobody');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('CUSTOMER_NOT_FOUND');
    await customerWithTwoCases('ah-erased', 0);
    const erased = await stack.call('POST', '/internal/customers/ah-erased/erase', {
      token: await stack.serviceToken(),
    });
    expect(erased.status).toBe(200);
    const profile = await stack.call('GET', '/admin/customers/ah-erased', { token: admin });
    const trail = await history('ah-erased');
    expect(trail.status).toBe(profile.status);
    expect(trail.body.error.code).toBe(profile.body.error.code);
    expect(trail.body.error.code).toBe('ERASED');
  });
});

describe('printing a case record', () => {
  it('is audited with who printed which case, as agent or admin', async () => {
    const { caseA } = await customerWithTwoCases('ah-print', 0);
    const byAgent = await print(caseA, agent);
    expect(byAgent.status).toBe(201);
    expect(byAgent.body).toMatchObject({ printedBy: 'agent-bram', caseNumber: expect.any(String) });
    const byAdmin = await print(caseA, admin);
    const printed = (await auditEventsOf(stack, 'ah-print')).filter(
      (event) => event.type === 'CASE_RECORD_PRINTED',
    );
    expect(printed).toEqual([
      expect.objectContaining({
        eventId: byAgent.body.auditEventId,
        at: byAgent.body.printedAt,
        actorType: 'agent',
        actorId: 'agent-bram',
        caseId: caseA,
        details: { verificationId: caseA, caseNumber: byAgent.body.caseNumber },
      }),
      expect.objectContaining({
        eventId: byAdmin.body.auditEventId,
        actorType: 'admin',
        actorId: 'admin-anna',
      }),
    ]);
    await expectIntactChain(stack, 'ah-print');
    // Printed again at once by both, within the minute: still one record each.
    const together = await Promise.all([print(caseA), print(caseA, agent), print(caseA)]);
    expect(together.map((response) => response.status)).toEqual([201, 201, 201]);
    expect(together.map((response) => response.body.auditEventId)).toEqual([
      byAdmin.body.auditEventId,
      byAgent.body.auditEventId,
      byAdmin.body.auditEventId,
    ]);
    const after = (await expectIntactChain(stack, 'ah-print')).filter(
      (event) => event.type === 'CASE_RECORD_PRINTED',
    );
    expect(after).toHaveLength(2);
  });

  it('is refused to another agent, for an unknown case, and after erasure', async () => {
    const { caseA } = await customerWithTwoCases('ah-print-no', 0);
    const otherAgent = await stack.helpdeskToken('agent-carla');
    const refused = await print(caseA, otherAgent);
    expect([refused.status, refused.body.error.code]).toEqual([403, 'VERIFICATION_OF_ANOTHER_AGENT']);
    // A security officer reviews cases and may print one.
    expect((await print(caseA, officer)).status).toBe(201);
    const unknown = await print('01JABCDEFGHJKMNPQRSTVWXYZ0');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('VERIFICATION_NOT_FOUND');
    await stack.call('POST', '/internal/customers/ah-print-no/erase', { token: await stack.serviceToken() });
    const erased = await print(caseA);
    expect(erased.status).toBe(404);
  });
});
