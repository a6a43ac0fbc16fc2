// Transaction conflicts: many writers on one customer at once. Each lost race is retried from a fresh
// read or answered 409 CONCURRENT_CHANGE — never a 500 — and the audit chain stays gap-free with exactly
// one event per acknowledged change.
import { verifySubjectChain } from '../../lib/audit/chain';
import { auditEventsOf } from '../support/audit';
import { createCustomer, customerRecord } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/stack';
import { customerItem } from '../integration/enrollment-helpers';
import { scaled } from '../load/scale';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ pollStreams: false });
});
afterAll(async () => {
  await stack?.stop();
});

const expectIntactChain = (customerId: string, events: Record<string, unknown>[]) => {
  expect(verifySubjectChain(`customer#${customerId}`, events)).toEqual([]);
  expect(events.map((event) => Number(event.seq)).sort((a, b) => a - b)).toEqual(
    events.map((_, index) => index + 1),
  );
};

describe('concurrent writers on one customer', () => {
  it('verification starts racing: exactly one session opens, the others are told it is open, one event for it', async () => {
    await createCustomer(stack, 'race-start');
    const agent = await stack.helpdeskToken('agent-race');
    const parallel = scaled(20, 60);
    const answers = await Promise.all(
      Array.from({ length: parallel }, () =>
        stack.call('POST', '/admin/customers/race-start/verifications', {
          token: agent,
          body: { channel: 'phone' },
        }),
      ),
    );
    for (const answer of answers) {
      expect([201, 409]).toContain(answer.status);
      // One open session per customer; a start that lost every retry says so instead.
      if (answer.status === 409)
        expect(['VERIFICATION_ALREADY_OPEN', 'CONCURRENT_CHANGE']).toContain(answer.body.error.code);
    }
    const started = answers.filter((answer) => answer.status === 201);
    expect(started).toHaveLength(1);
    const events = await auditEventsOf(stack, 'race-start');
    expectIntactChain('race-start', events);
    const startedEvents = events.filter((event) => event.type === 'VERIFICATION_STARTED');
    expect(startedEvents.map((event) => event.caseId).sort()).toEqual(
      started.map((answer) => answer.body.verificationId).sort(),
    );
  });

  it('upserts of the same customer with different records: each lands whole or is refused with 409', async () => {
    const service = await stack.serviceToken();
    await createCustomer(stack, 'race-upsert');
    const parallel = scaled(12, 40);
    const names = Array.from({ length: parallel }, (_, index) => `Naam Nummer ${index}`);
    const answers = await Promise.all(
      names.map((fullName, index) =>
        stack.call('PUT', '/internal/customers/race-upsert', {
          token: service,
          body: customerRecord({ fullName, email: `race-${index}@example.nl` }),
        }),
      ),
    );
    for (const answer of answers) {
      expect([200, 409]).toContain(answer.status);
      if (answer.status === 409) expect(answer.body.error.code).toBe('CONCURRENT_CHANGE');
    }
    const applied = answers.filter((answer) => answer.status === 200);
    expect(applied.length).toBeGreaterThan(0);
    // The stored record is exactly one of the requests (name and email together), never a mix.
    const item = await customerItem(stack, 'race-upsert');
    const winner = names.indexOf(item?.fullName);
    expect(winner).toBeGreaterThanOrEqual(0);
    expect(item?.email).toBe(`race-${winner}@example.nl`);
    expect(item?.version).toBe(1 + applied.length);
    const events = await auditEventsOf(stack, 'race-upsert');
    expectIntactChain('race-upsert', events);
    expect(
      events.filter(
        (event) => event.type === 'CUSTOMER_RECORD_CHANGED' && event.details.emailChanged === true,
      ),
    ).toHaveLength(applied.length);
  });
});
