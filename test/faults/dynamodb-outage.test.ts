// DynamoDB goes away: every request that needs it answers 503 SERVICE_UNAVAILABLE with Retry-After in
// the contract's shape (never a 500, never a stack trace); and when it goes away in the middle of a
// burst of disables, nothing is half-written: each customer is either fully disabled (state, used
// verification, one audit event) or untouched, an acknowledged disable is never lost, and a retry with
// the same Idempotency-Key finishes the job exactly once.
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifySubjectChain } from '../../lib/audit/chain';
import { hotp, timeStep } from '../../lib/totp/totp';
import { inPool, passedVerification, writeEnrolledCustomers } from '../../bench/fixtures';
import { auditEventsOf } from '../support/audit';
import { noVelocityLimits, startTestStack, type TestStack } from '../support/stack';
import { customerItem } from '../integration/enrollment-helpers';
import { inFlight, scaled } from '../load/scale';

let stack: TestStack;
// On disk, so that a restarted DynamoDB Local still has the tables and items (in memory they would be gone).
const dataDir = mkdtempSync(join(tmpdir(), 'mfa-faults-'));

beforeAll(async () => {
  // One admin disables a burst of cases here; the velocity limits have their own suite.
  stack = await startTestStack({
    ownServices: true,
    pollStreams: false,
    dynamodbDataDir: dataDir,
    environment: noVelocityLimits,
  });
}, 120000);
afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const expectUnavailable = (response: { status: number; body: any; headers: Headers }) => {
  expect(response.status).toBe(503);
  expect(response.body).toEqual({
    error: {
      code: 'SERVICE_UNAVAILABLE',
      message: expect.stringMatching(/unavailable/i),
      requestId: expect.any(String),
    },
  });
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(JSON.stringify(response.body)).not.toMatch(/\bat .+\.(ts|js):\d+|ECONNREFUSED/);
};

const verificationStatus = async (verificationId: string) => {
  const result = await stack.dynamodb.send(
    new GetItemCommand({
      TableName: stack.tableNames.verifications,
      Key: { verificationId: { S: verificationId } },
      ConsistentRead: true,
    }),
  );
  return result.Item ? unmarshall(result.Item).status : undefined;
};

describe('DynamoDB Local stopped', () => {
  it('answers 503 SERVICE_UNAVAILABLE with Retry-After on every kind of route, and works again after a restart', async () => {
    const [login] = await writeEnrolledCustomers(['outage-login']);
    const verificationId = await passedVerification('outage-login', 'agent-outage');
    const service = await stack.serviceToken();
    const admin = await stack.adminToken('admin-outage');
    const helpdesk = await stack.helpdeskToken('agent-outage');
    const code = hotp(login?.key as Buffer, timeStep(new Date()) + 1);

    await stack.stopDynamoDb();
    const requests = [
      () =>
        stack.call('POST', '/internal/customers/outage-login/2fa/verify', { token: service, body: { code } }),
      () => stack.call('GET', '/internal/customers/outage-login/2fa', { token: service }),
      () =>
        stack.call('PUT', '/internal/customers/outage-new', {
          token: service,
          body: { email: 'outage-new@example.nl', fullName: 'Nieuw', locale: 'nl', chargePointIds: [] },
        }),
      () =>
        stack.call('POST', '/admin/customers/outage-login/2fa/disable', {
          token: admin,
          body: { verificationId, reason: 'lost phone' },
          headers: { 'idempotency-key': 'outage-disable-1' },
        }),
      () => stack.call('GET', '/admin/customers?query=jan', { token: helpdesk }),
      () => stack.call('POST', '/enroll/start', { body: { ticket: 'x'.repeat(43) } }),
    ];
    for (const request of requests) expectUnavailable(await request());

    await stack.restartDynamoDb();
    const verified = await requests[0]?.();
    expect(verified?.status).toBe(200);
    expect(verified?.body.valid).toBe(true);
    const disabled = await requests[3]?.();
    expect(disabled?.status).toBe(200);
    expect(disabled?.body.twoFactor).toBe('DISABLED');
    // The PUT refused during the outage left nothing behind.
    expect(await customerItem(stack, 'outage-new')).toBeUndefined();
    expect(await auditEventsOf(stack, 'outage-new')).toEqual([]);
  }, 120000);

  it('in the middle of a burst of disables: nothing half-written, nothing acknowledged lost, retries finish once', async () => {
    const count = scaled(24, 120);
    const customers = Array.from({ length: count }, (_, index) => `burst-${index}`);
    await writeEnrolledCustomers(customers);
    const verifications = await inPool(customers, 4, (customerId) =>
      passedVerification(customerId, 'agent-burst'),
    );
    const admin = await stack.adminToken('admin-burst');
    const disable = (index: number) =>
      stack.call('POST', `/admin/customers/${customers[index]}/2fa/disable`, {
        token: admin,
        body: { verificationId: verifications[index], reason: 'lost phone' },
        headers: { 'idempotency-key': `burst-key-${index}` },
      });

    let answered = 0;
    let stopping: Promise<void> | undefined;
    const answers = await inFlight(
      customers.map((_, index) => index),
      6,
      async (index) => {
        const response = await disable(index);
        answered += 1;
        // Pull the plug once a quarter of the burst has been answered, with the rest in flight.
        if (answered === Math.ceil(count / 4)) stopping = stack.stopDynamoDb();
        return response;
      },
    );
    await stopping;
    for (const response of answers) {
      expect([200, 503]).toContain(response.status);
      if (response.status === 503) expectUnavailable(response);
    }
    expect(answers.filter((response) => response.status === 200).length).toBeGreaterThan(0);
    expect(answers.filter((response) => response.status === 503).length).toBeGreaterThan(0);

    await stack.restartDynamoDb();
    for (const [index, customerId] of customers.entries()) {
      const events = await auditEventsOf(stack, customerId);
      expect(verifySubjectChain(`customer#${customerId}`, events)).toEqual([]);
      const disabledEvents = events.filter((event) => event.type === 'TWO_FA_DISABLED').length;
      const item = await customerItem(stack, customerId);
      const status = await verificationStatus(verifications[index] as string);
      // All of the transaction or none of it.
      if (disabledEvents === 1) {
        expect({ twoFactor: item?.twoFactor, secret: item?.totpSecret, status }).toEqual({
          twoFactor: 'DISABLED',
          secret: undefined,
          status: 'USED',
        });
      } else {
        expect(disabledEvents).toBe(0);
        expect(answers[index]?.status).toBe(503);
        expect({ twoFactor: item?.twoFactor, hasSecret: item?.totpSecret !== undefined, status }).toEqual({
          twoFactor: 'ENABLED',
          hasSecret: true,
          status: 'PASSED',
        });
      }
    }

    // The client retries what was not acknowledged, with the same key: every customer ends disabled once.
    for (const [index, response] of answers.entries()) {
      if (response.status !== 503) continue;
      const retried = await disable(index);
      expect(retried.status).toBe(200);
      expect(retried.body.twoFactor).toBe('DISABLED');
    }
    for (const customerId of customers) {
      const events = await auditEventsOf(stack, customerId);
      expect(verifySubjectChain(`customer#${customerId}`, events)).toEqual([]);
      expect(events.filter((event) => event.type === 'TWO_FA_DISABLED')).toHaveLength(1);
    }
  }, 300000);
});
