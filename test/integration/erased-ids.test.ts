// What is left of a customer after erasure, tried as someone holding a copy of the tables or replaying
// old requests would: the disable's Idempotency-Key record is no offline oracle for the sealed reason
// (a keyed hash, not SHA-256) and goes with the customer; a replay of the old disable answers 404
// ERASED, not 200; and an erased id cannot come back in another case. The honest side: a double
// submit before erasure still replays, an id with capitals syncs and re-syncs as sent.
import { PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../lib/audit/canonical-json';
import { auditEventsOf } from '../support/audit';
import { createCustomer, customerRecord, markEnrolled, passVerification } from '../support/fixtures';
import { noVelocityLimits, startTestStack, type Caller, type TestStack } from '../support/stack';

let stack: TestStack;
let service: Caller;
let agent: string;
let admin: string;
let secondAdmin: string;

beforeAll(async () => {
  stack = await startTestStack({ pollStreams: false, environment: noVelocityLimits });
  service = await stack.serviceToken();
  agent = await stack.helpdeskToken('agent-bram');
  admin = await stack.adminToken('admin-anna');
  secondAdmin = await stack.adminToken('admin-dirk');
}, 60000);
afterAll(async () => {
  await stack?.stop();
});

const REASON = 'caller lost phone on holiday in Lisbon';

const sync = (customerId: string, overrides: Record<string, unknown> = {}) =>
  stack.call('PUT', `/internal/customers/${customerId}`, { token: service, body: customerRecord(overrides) });
const erase = (customerId: string) =>
  stack.call('POST', `/internal/customers/${customerId}/erase`, { token: service });
const disable = (customerId: string, body: Record<string, string>, key: string, token = admin) =>
  stack.call('POST', `/admin/customers/${customerId}/2fa/disable`, {
    token,
    body,
    headers: { 'idempotency-key': key },
  });
const statusOf = (customerId: string) =>
  stack.call('GET', `/internal/customers/${customerId}/2fa`, { token: service });

const idempotencyRecords = async () => {
  const page = await stack.dynamodb.send(
    new ScanCommand({ TableName: stack.tableNames.idempotency, ConsistentRead: true }),
  );
  return (page.Items ?? []).map((item) => unmarshall(item));
};

describe('the disable’s Idempotency-Key record', () => {
  it('holds no fingerprint a guess at the sealed reason can be checked against offline', async () => {
    await createCustomer(stack, 'idem-1');
    await markEnrolled(stack, 'idem-1');
    const verificationId = await passVerification(stack, 'idem-1', agent);
    const disabled = await disable('idem-1', { verificationId, reason: REASON }, 'idem-1-key-0001');
    expect(disabled.status).toBe(200);
    const [record] = (await idempotencyRecords()).filter(
      (item) => item.idempotencyKey === 'disable#admin-anna#idem-1-key-0001',
    );
    expect(record).toBeDefined();
    // Both ids are in the audit trail; the right guess must not hash to the stored fingerprint.
    const guesses = [REASON, 'lost phone', 'phone stolen', ''].map((reason) =>
      createHash('sha256')
        .update(canonicalJson({ customerId: 'idem-1', verificationId, reason }))
        .digest('hex'),
    );
    expect(guesses).not.toContain(record?.fingerprint);
    expect(JSON.stringify(record)).not.toContain(REASON);
  });

  it('still replays an honest double submit, and refuses the key for another reason (409)', async () => {
    await createCustomer(stack, 'idem-2');
    await markEnrolled(stack, 'idem-2');
    const verificationId = await passVerification(stack, 'idem-2', agent);
    const body = { verificationId, reason: REASON };
    const [first, second] = await Promise.all([
      disable('idem-2', body, 'idem-2-key-0001'),
      disable('idem-2', body, 'idem-2-key-0001'),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body).toEqual(first.body);
    const other = await disable('idem-2', { ...body, reason: 'another reason' }, 'idem-2-key-0001');
    expect([other.status, other.body.error.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
  });
});

describe('a replay after erasure', () => {
  it('answers the old disable with 404 ERASED, not 200 DISABLED, and the record is gone with the customer', async () => {
    await createCustomer(stack, 'idem-3');
    await markEnrolled(stack, 'idem-3');
    const verificationId = await passVerification(stack, 'idem-3', agent);
    const body = { verificationId, reason: REASON };
    expect((await disable('idem-3', body, 'idem-3-key-0001')).status).toBe(200);
    expect((await erase('idem-3')).status).toBe(200);
    expect((await idempotencyRecords()).filter((item) => item.subject === 'customer#idem-3')).toEqual([]);
    const auditBefore = (await auditEventsOf(stack, 'idem-3')).length;
    for (const token of [admin, secondAdmin]) {
      const replay = await disable('idem-3', body, 'idem-3-key-0001', token);
      expect([replay.status, replay.body.error?.code]).toEqual([404, 'ERASED']);
    }
    expect((await auditEventsOf(stack, 'idem-3')).length).toBe(auditBefore);
  });

  it('answers the second admin’s approval replayed after erasure with 404, not 200 DISABLED', async () => {
    await createCustomer(stack, 'idem-4', { privileged: true });
    await markEnrolled(stack, 'idem-4');
    const verificationId = await passVerification(stack, 'idem-4', agent);
    const pending = await disable('idem-4', { verificationId, reason: REASON }, 'idem-4-key-0001');
    expect(pending.status).toBe(202);
    const approve = () =>
      stack.call('POST', `/admin/approvals/${pending.body.approvalId}/approve`, {
        token: secondAdmin,
        headers: { 'idempotency-key': 'idem-4-approve-01' },
      });
    expect((await approve()).status).toBe(200);
    expect((await approve()).status).toBe(200);
    expect((await erase('idem-4')).status).toBe(200);
    const subjects = (await idempotencyRecords()).map((item) => item.subject);
    expect(subjects).not.toContain('customer#idem-4');
    expect(subjects).not.toContain(`approval#${pending.body.approvalId}`);
    const replay = await approve();
    expect([replay.status, replay.body.error?.code]).toEqual([404, 'APPROVAL_NOT_FOUND']);
  });
});

describe('customer ids and case: one customer per id whatever its case', () => {
  it('refuses to sync an erased id in another case (404 ERASED), and creates nothing', async () => {
    expect((await sync('gdpr-7001')).status).toBe(201);
    expect((await erase('gdpr-7001')).status).toBe(200);
    for (const twin of ['GDPR-7001', 'Gdpr-7001', 'gdpr-7001']) {
      const again = await sync(twin);
      expect([twin, again.status, again.body.error?.code]).toEqual([twin, 404, 'ERASED']);
    }
    const lookup = await statusOf('GDPR-7001');
    expect([lookup.status, lookup.body.error?.code]).toEqual([404, 'CUSTOMER_NOT_FOUND']);
  });

  it('refuses a second customer whose id differs from a live one only in case (409), and the first keeps syncing', async () => {
    expect((await sync('Cust-42')).status).toBe(201);
    const twin = await sync('CUST-42');
    expect([twin.status, twin.body.error?.code]).toEqual([409, 'CUSTOMER_ID_TAKEN']);
    expect(twin.body.error.message).toContain('Cust-42');
    // Every other route takes the id exactly as first synced: another case is an unknown id.
    const lookup = await statusOf('cust-42');
    expect([lookup.status, lookup.body.error?.code]).toEqual([404, 'CUSTOMER_NOT_FOUND']);
    const profile = await stack.call('GET', '/admin/customers/CUST-42', { token: agent });
    expect(profile.status).toBe(404);
    // The honest side: the id with its capitals re-syncs and answers as sent.
    const resync = await sync('Cust-42', { fullName: 'Jan de Vries-Bakker' });
    expect([resync.status, resync.body.customerId]).toEqual([200, 'Cust-42']);
    expect((await statusOf('Cust-42')).body.twoFactor).toBe('DISABLED');
  });

  it('creates exactly one customer of parallel syncs of one id in several cases', async () => {
    const cases = ['par-9', 'PAR-9', 'Par-9', 'pAR-9', 'par-9', 'PAR-9'];
    const answers = await Promise.all(cases.map((id) => sync(id)));
    const created = cases.filter((_, index) => answers[index]?.status === 201);
    expect(created).toHaveLength(1);
    const winner = created[0] ?? '';
    for (const [index, answer] of answers.entries()) {
      if (answer.status < 300) expect(cases[index]).toBe(winner);
      else
        expect([answer.status, answer.body.error.code]).toEqual([
          409,
          cases[index] === winner ? 'CONCURRENT_CHANGE' : 'CUSTOMER_ID_TAKEN',
        ]);
    }
    for (const id of new Set(cases))
      expect([id, (await statusOf(id)).status]).toEqual([id, id === winner ? 200 : 404]);
  });

  it('holds a customer synced before the rule to it from its next sync or its erasure', async () => {
    // Written as before claims existed: the record without its id's claim.
    for (const id of ['old-1', 'old-2'])
      await stack.dynamodb.send(
        new PutItemCommand({
          TableName: stack.tableNames.customers,
          Item: {
            customerId: { S: id },
            email: { S: `${id}@example.nl` },
            emailKey: { S: `${id}@example.nl` },
            fullName: { S: 'Old Record' },
            locale: { S: 'nl' },
            chargePointIds: { L: [] },
            privileged: { BOOL: false },
            twoFactor: { S: 'DISABLED' },
            createdAt: { S: '2026-01-01T00:00:00.000Z' },
            updatedAt: { S: '2026-01-01T00:00:00.000Z' },
            version: { N: '1' },
          },
        }),
      );
    expect((await sync('old-1')).status).toBe(200);
    const twin = await sync('OLD-1');
    expect([twin.status, twin.body.error?.code]).toEqual([409, 'CUSTOMER_ID_TAKEN']);
    expect((await erase('old-2')).status).toBe(200);
    const erasedTwin = await sync('Old-2');
    expect([erasedTwin.status, erasedTwin.body.error?.code]).toEqual([404, 'ERASED']);
  });
});
