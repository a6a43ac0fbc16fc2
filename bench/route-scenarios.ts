// One scenario per route: how to build its state, the event it is invoked with, and the DynamoDB and
// SES calls no implementation of it can avoid (and why), stage by stage. warm.ts times each handler
// against those calls replayed raw; load.ts takes its baseline server's calls from the same list.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { startEnrollment } from '../lib/enrollment/enrollment';
import { base32Decode } from '../lib/totp/base32';
import { totpAt } from '../lib/totp/totp';
import { apiEvent, findRoute, type Caller } from './events';
import {
  answerFor,
  createCustomer,
  deps,
  inPool,
  nextCode,
  openVerification,
  passedVerification,
  pendingApproval,
  writeEnrolledCustomers,
  writeTicketHolders,
  type Authenticator,
} from './fixtures';
import { replay, type Operation, type RecordedCall } from './recorder';

const agent: Caller = { kind: 'staff', sub: 'agent-bench', groups: ['helpdesk'] };
const admin: Caller = { kind: 'staff', sub: 'admin-bench', groups: ['admin'] };
const secondAdmin: Caller = { kind: 'staff', sub: 'admin-second', groups: ['admin'] };
const service: Caller = { kind: 'service' };

export type Stage = Operation | Operation[];

export interface RouteScenario {
  method: string;
  path: string;
  /** Tells two scenarios of one route apart. */
  variant?: string;
  /**
   * The calls no implementation of this route can avoid, stage by stage: a stage is one call, or calls
   * that need nothing from each other and so can share one round trip (sent in parallel).
   */
  unavoidable: Stage[];
  /** Why it cannot be fewer (README "Performance"). */
  why: string;
  status: number;
  /** Share of the run's sample count, for routes whose fixtures are expensive. */
  sampleShare?: number;
  /** Builds the state for `count` invocations (untimed); each returned function makes one event. */
  prepare(count: number, run: string): Promise<(() => APIGatewayProxyEventV2)[]>;
}

const ids = (run: string, label: string, count: number) =>
  Array.from({ length: count }, (_, index) => `${run}-${label}-${index}`);

const same = <T>(count: number, make: (index: number) => T) =>
  Array.from({ length: count }, (_, index) => make(index));

const APPEND =
  'append its audit event: read the chain head (seq, hash) and write the change with the event in one transaction';

export const routeScenarios: RouteScenario[] = [
  {
    method: 'GET',
    path: '/health',
    unavoidable: [],
    why: 'touches no data',
    status: 200,
    prepare: async (count) => same(count, () => () => apiEvent(findRoute('GET', '/health'))),
  },
  {
    method: 'GET',
    path: '/admin/customers',
    unavoidable: ['Query', 'BatchGetItem'],
    why: 'one Query on the search terms of the most selective word; one BatchGetItem for the current 2FA status, which lives on the customer (copied into every term item, each 2FA change would rewrite them all)',
    status: 200,
    prepare: async (count, run) => {
      await inPool(ids(run, 'search', 30), 4, (customerId) => createCustomer(customerId));
      const route = findRoute('GET', '/admin/customers');
      return same(count, () => () => apiEvent(route, { caller: agent, query: { query: 'vries' } }));
    },
  },
  {
    method: 'GET',
    path: '/admin/customers/{customerId}',
    unavoidable: [['GetItem', 'Query', 'Query']],
    why: 'the customer, its recent verifications and its recent audit events: three independent reads, one round trip',
    status: 200,
    prepare: async (count, run) => {
      const customers = ids(run, 'profile', 5);
      await inPool(customers, 5, async (customerId) => {
        await createCustomer(customerId);
        await openVerification(customerId, 'agent-bench', ['FULL_NAME']);
      });
      const route = findRoute('GET', '/admin/customers/{customerId}');
      return same(
        count,
        (index) => () =>
          apiEvent(route, { caller: agent, pathParameters: { customerId: customers[index % 5] ?? '' } }),
      );
    },
  },
  {
    method: 'POST',
    path: '/admin/customers/{customerId}/verifications',
    unavoidable: [['GetItem', 'Query'], 'TransactWriteItems'],
    why: `read the customer (recovery lock, cooldown, the one open session) and ${APPEND}; the customer names the new open session in the same transaction`,
    status: 201,
    prepare: async (count, run) => {
      // One open session per customer: each start needs a customer without one.
      const customers = ids(run, 'start', count);
      await inPool(customers, 4, (customerId) => createCustomer(customerId));
      const route = findRoute('POST', '/admin/customers/{customerId}/verifications');
      return same(
        count,
        (index) => () =>
          apiEvent(route, {
            caller: agent,
            pathParameters: { customerId: customers[index % customers.length] ?? '' },
            body: { channel: 'phone' },
          }),
      );
    },
  },
  {
    method: 'POST',
    path: '/admin/verifications/{verificationId}/checks',
    unavoidable: ['GetItem', ['GetItem', 'Query'], 'TransactWriteItems'],
    why: `read the session (owner, state; it names the customer), then the customer (the answer is compared server-side) and ${APPEND}`,
    status: 201,
    prepare: async (count, run) => {
      const customers = ids(run, 'check', count);
      const sessions = await inPool(customers, 4, async (customerId) => {
        await createCustomer(customerId);
        return openVerification(customerId, 'agent-bench');
      });
      const route = findRoute('POST', '/admin/verifications/{verificationId}/checks');
      return sessions.map(
        (verificationId, index) => () =>
          apiEvent(route, {
            caller: agent,
            pathParameters: { verificationId },
            body: { type: 'EMAIL', answer: answerFor(customers[index] ?? '', 'EMAIL'), note: 'bench' },
          }),
      );
    },
  },
  {
    method: 'POST',
    path: '/admin/verifications/{verificationId}/email-code',
    unavoidable: ['GetItem', ['GetItem', 'Query'], 'TransactWriteItems', 'SendEmail'],
    why: 'read the session, then the customer (the address on file, its sends in 24 h) and the chain head, record the send with its audit event (conditional on both versions, so a lost race sends nothing), then send the email (SES)',
    status: 202,
    sampleShare: 0.5,
    prepare: async (count, run) => {
      const customers = ids(run, 'emailcode', count);
      const sessions = await inPool(customers, 4, async (customerId) => {
        await createCustomer(customerId);
        // A code goes out only once the caller's name and address matched.
        return openVerification(customerId, 'agent-bench', ['FULL_NAME', 'EMAIL']);
      });
      const route = findRoute('POST', '/admin/verifications/{verificationId}/email-code');
      return sessions.map(
        (verificationId) => () => apiEvent(route, { caller: agent, pathParameters: { verificationId } }),
      );
    },
  },
  {
    method: 'POST',
    path: '/admin/verifications/{verificationId}/complete',
    unavoidable: ['GetItem', ['GetItem', 'Query'], 'TransactWriteItems'],
    why: `read the session (its checks; it names the customer), then the customer (cooldown, privileged?) and ${APPEND}; the customer's open-session mark is cleared in the same transaction`,
    status: 200,
    sampleShare: 0.5,
    prepare: async (count, run) => {
      const customers = ids(run, 'complete', count);
      const sessions = await inPool(customers, 4, async (customerId) => {
        await createCustomer(customerId);
        return openVerification(
          customerId,
          'agent-bench',
          ['FULL_NAME', 'EMAIL', 'CHARGE_POINT_IDS', 'LAST_TRANSACTION'],
          true,
        );
      });
      const route = findRoute('POST', '/admin/verifications/{verificationId}/complete');
      return sessions.map(
        (verificationId) => () => apiEvent(route, { caller: agent, pathParameters: { verificationId } }),
      );
    },
  },
  {
    method: 'GET',
    path: '/admin/verifications/{verificationId}',
    unavoidable: ['GetItem', 'GetItem'],
    why: "the session, then the customer it names: the answer's toPass follows the customer's privileged flag as it is now (a sync may change it during the call), sealed notes open only with the key on the customer (erasure destroys it there), and an erased customer's sessions answer as erased while the erasure still deletes them",
    status: 200,
    prepare: async (count, run) => {
      const [customerId] = ids(run, 'getver', 1);
      await createCustomer(customerId ?? '');
      const verificationId = await openVerification(customerId ?? '', 'agent-bench', ['FULL_NAME']);
      const route = findRoute('GET', '/admin/verifications/{verificationId}');
      return same(count, () => () => apiEvent(route, { caller: agent, pathParameters: { verificationId } }));
    },
  },
  ...(['without', 'with'] as const).map((key): RouteScenario => ({
    method: 'POST',
    path: '/admin/customers/{customerId}/2fa/disable',
    variant: `${key} Idempotency-Key`,
    unavoidable: [
      key === 'with' ? ['GetItem', 'GetItem', 'GetItem', 'Query'] : ['GetItem', 'GetItem', 'Query'],
      'BatchGetItem',
      'TransactWriteItems',
    ],
    why: `read the customer (its audit-text key too) and the verification (the policy decides on both)${key === 'with' ? ', the Idempotency-Key record' : ''} and the chain head, then the velocity windows in one consistent BatchGetItem (the verifying agent's passes are named by the verification), and ${APPEND} — customer, verification${key === 'with' ? ', idempotency record' : ''}, the windows' claims and TWO_FA_DISABLED in one transaction`,
    status: 200,
    sampleShare: 0.5,
    prepare: async (count, run) => {
      const customers = ids(run, `disable-${key}`, count);
      await writeEnrolledCustomers(customers);
      // One agent and one admin per case: the bench measures the route, not the velocity alarm.
      const sessions = await inPool(customers, 4, (customerId, index) =>
        passedVerification(customerId, `agent-bench-${key}-${index}`),
      );
      const route = findRoute('POST', '/admin/customers/{customerId}/2fa/disable');
      return sessions.map(
        (verificationId, index) => () =>
          apiEvent(route, {
            caller: { ...admin, sub: `admin-bench-${key}-${index}` },
            pathParameters: { customerId: customers[index] ?? '' },
            body: { verificationId, reason: 'bench: lost phone' },
            ...(key === 'with' ? { headers: { 'idempotency-key': `bench-${run}-${index}` } } : {}),
          }),
      );
    },
  })),
  {
    method: 'GET',
    path: '/admin/approvals',
    unavoidable: ['Query'],
    why: 'one Query on the sparse `pending` index',
    status: 200,
    prepare: async (count) => {
      const route = findRoute('GET', '/admin/approvals');
      return same(count, () => () => apiEvent(route, { caller: admin }));
    },
  },
  {
    method: 'POST',
    path: '/admin/approvals/{approvalId}/approve',
    unavoidable: ['GetItem', ['GetItem', 'GetItem', 'Query'], 'TransactWriteItems'],
    why: `read the approval (it names the customer and the verification), then both (all three are re-checked) and ${APPEND}`,
    status: 200,
    // Half, not a quarter: at a quarter a full run took 50 samples, whose p99 is the slowest one.
    sampleShare: 0.5,
    prepare: async (count, run) => {
      const approvals = await inPool(ids(run, 'approve', count), 4, (customerId) =>
        pendingApproval(customerId, 'agent-bench', 'admin-bench'),
      );
      const route = findRoute('POST', '/admin/approvals/{approvalId}/approve');
      return approvals.map(
        (approvalId) => () => apiEvent(route, { caller: secondAdmin, pathParameters: { approvalId } }),
      );
    },
  },
  {
    method: 'PUT',
    path: '/internal/customers/{customerId}',
    unavoidable: [['GetItem', 'Query'], 'TransactWriteItems'],
    why: `read the current record (version, old search terms, email change) and ${APPEND}; the search terms are in the same transaction`,
    status: 201,
    prepare: async (count, run) => {
      const route = findRoute('PUT', '/internal/customers/{customerId}');
      return ids(run, 'upsert', count).map(
        (customerId) => () =>
          apiEvent(route, {
            caller: service,
            pathParameters: { customerId },
            body: {
              email: `${customerId}@bench.example.nl`,
              fullName: 'Jan de Vries',
              companyName: 'VoltPark B.V.',
              locale: 'nl',
              chargePointIds: ['NL-VPK-00017'],
            },
          }),
      );
    },
  },
  {
    method: 'GET',
    path: '/internal/customers/{customerId}/2fa',
    unavoidable: ['GetItem'],
    why: 'one item',
    status: 200,
    prepare: async (count, run) => {
      const [customerId = ''] = ids(run, 'status', 1);
      await createCustomer(customerId);
      const route = findRoute('GET', '/internal/customers/{customerId}/2fa');
      return same(count, () => () => apiEvent(route, { caller: service, pathParameters: { customerId } }));
    },
  },
  ...(
    [
      {
        variant: 'right TOTP code',
        unavoidable: ['GetItem', 'UpdateItem'] as Stage[],
        why: 'read the sealed secret, last used step and lock state (consistent), then one conditional UpdateItem (step only moves forward, version as read); no audit event for a success',
        code: (authenticator: Authenticator) => nextCode(authenticator),
        perCustomer: 1,
      },
      {
        variant: 'wrong TOTP code',
        unavoidable: ['GetItem', 'Query', 'TransactWriteItems'] as Stage[],
        why: `read the customer and judge the code, then ${APPEND} (VERIFY_FAILED, counted under the version condition); reading the head alongside the customer would cost every successful login a Query`,
        code: () => '000000',
        perCustomer: 4,
      },
      {
        variant: 'backup code',
        unavoidable: ['GetItem', 'Query', 'TransactWriteItems'] as Stage[],
        why: `read the customer (the hash must be in the set), then ${APPEND} (BACKUP_CODE_USED; the code is deleted from the set in the same transaction)`,
        code: (authenticator: Authenticator) => authenticator.backupCodes.pop() ?? '',
        perCustomer: 8,
      },
    ] as const
  ).map((kind): RouteScenario => ({
    method: 'POST',
    path: '/internal/customers/{customerId}/2fa/verify',
    variant: kind.variant,
    unavoidable: kind.unavoidable,
    why: kind.why,
    status: 200,
    prepare: async (count, run) => {
      const customers = await writeEnrolledCustomers(
        ids(run, `verify-${kind.variant.replace(/\W+/g, '')}`, Math.ceil(count / kind.perCustomer)),
      );
      const route = findRoute('POST', '/internal/customers/{customerId}/2fa/verify');
      return same(count, (index) => () => {
        const authenticator = customers[Math.floor(index / kind.perCustomer)] as Authenticator;
        return apiEvent(route, {
          caller: service,
          pathParameters: { customerId: authenticator.customerId },
          body: { code: kind.code(authenticator) },
        });
      });
    },
  })),
  {
    method: 'POST',
    path: '/internal/customers/{customerId}/2fa/enrollment-ticket',
    unavoidable: [['GetItem', 'Query', 'Query'], 'TransactWriteItems'],
    why: `read the customer (2FA off, not locked) and its older live tickets to void them (byCustomer index) and ${APPEND}`,
    status: 200,
    prepare: async (count, run) => {
      const customers = ids(run, 'selfticket', count);
      await inPool(customers, 4, (customerId) => createCustomer(customerId));
      const route = findRoute('POST', '/internal/customers/{customerId}/2fa/enrollment-ticket');
      return customers.map(
        (customerId) => () => apiEvent(route, { caller: service, pathParameters: { customerId } }),
      );
    },
  },
  ...(
    [
      {
        variant: undefined,
        qr: 'png',
        label: 'enrollstart',
        what: 'the QR code as a PNG (what API clients get)',
      },
      {
        variant: 'the page: qr none',
        qr: 'none',
        label: 'enrollpage',
        what: 'no PNG: the page draws the QR code',
      },
    ] as const
  ).map(({ variant, qr, label, what }): RouteScenario => ({
    method: 'POST',
    path: '/enroll/start',
    ...(variant ? { variant } : {}),
    unavoidable: ['GetItem', ['GetItem', 'Query'], 'TransactWriteItems'],
    why: `read the ticket (by its hash; it names the customer), then the customer (consistent: is this still the current ticket?) and ${APPEND} with the ticket's condition check; ${what}`,
    status: 200,
    prepare: async (count, run) => {
      const tickets = await writeTicketHolders(ids(run, label, count));
      const route = findRoute('POST', '/enroll/start');
      return tickets.map(
        (ticket) => () => apiEvent(route, { body: qr === 'png' ? { ticket } : { ticket, qr } }),
      );
    },
  })),
  {
    method: 'POST',
    path: '/enroll/confirm',
    unavoidable: ['GetItem', ['GetItem', 'Query'], 'TransactWriteItems'],
    why: `read the ticket, then its customer (the pending secret) and ${APPEND}; the ticket is spent in the same transaction`,
    status: 200,
    prepare: async (count, run) => {
      const tickets = await writeTicketHolders(ids(run, 'enrollconfirm', count));
      const started = await inPool(tickets, 4, async (ticket) => ({
        ticket,
        key: base32Decode((await startEnrollment(ticket, deps)).secret),
      }));
      const route = findRoute('POST', '/enroll/confirm');
      return started.map(
        ({ ticket, key }) =>
          () =>
            apiEvent(route, { body: { ticket, code: totpAt(key, new Date()) } }),
      );
    },
  },
  {
    method: 'POST',
    path: '/enroll/report',
    unavoidable: ['GetItem', ['GetItem', 'Query'], 'TransactWriteItems'],
    why: `read the ticket, then its customer and ${APPEND}; the ticket is spent and recovery locked in the same transaction`,
    status: 200,
    prepare: async (count, run) => {
      const tickets = await writeTicketHolders(ids(run, 'enrollreport', count), 'RESET');
      const route = findRoute('POST', '/enroll/report');
      return tickets.map((ticket) => () => apiEvent(route, { body: { ticket } }));
    },
  },
];

/** Picks, stage by stage, the recorded calls that match the unavoidable operations; the rest are avoidable. */
export const unavoidableCalls = (calls: RecordedCall[], wanted: readonly Stage[]) => {
  const remaining = [...calls];
  const stages: RecordedCall[][] = [];
  for (const stage of wanted) {
    const picked: RecordedCall[] = [];
    for (const operation of Array.isArray(stage) ? stage : [stage]) {
      const index = remaining.findIndex((call) => call.operation === operation);
      if (index < 0)
        throw new Error(
          `expected a ${operation} call, saw ${calls.map((call) => call.operation).join(', ')}`,
        );
      picked.push(...remaining.splice(index, 1));
    }
    stages.push(picked);
  }
  return { stages, picked: stages.flat(), extra: remaining };
};

/** The raw floor: each stage's calls together, the stages one after another. */
export const replayStages = async (clients: Parameters<typeof replay>[0], stages: RecordedCall[][]) => {
  for (const stage of stages) await Promise.all(stage.map((call) => replay(clients, call)));
};
