// The numbers on file for the security officer's call-back: synced by the login service (E.164, at
// most two), read in full by officers only, masked for the helpdesk, never in the audit trail or the
// logs, and gone after an erasure.
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { logger } from '../../lib/observability/logger';
import { auditEventsOf } from '../support/audit';
import { startTestStack, type Caller, type TestStack } from '../support/stack';

let stack: TestStack;
let service: Caller;
let agent: string;
let admin: string;
let officer: string;
const captured: string[] = [];
let restore: () => void;

beforeAll(async () => {
  logger.setLogLevel('DEBUG');
  stack = await startTestStack({ pollStreams: true });
  service = await stack.serviceToken();
  agent = await stack.helpdeskToken('agent-pim');
  admin = await stack.adminToken('admin-pam');
  officer = await stack.token('sec-sem', ['security']);
  const restores = [process.stdout, process.stderr].map((stream) => {
    const originalWrite = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return (originalWrite as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    return () => {
      stream.write = originalWrite;
    };
  });
  restore = () => restores.forEach((undo) => undo());
}, 120000);
afterAll(async () => {
  restore?.();
  await stack?.stop();
});

const mobile = '+31612345678';
const landline = '+32475001122';
/** The digits an audit item or a log line must never hold (the last two alone are too common to search). */
const subscriberDigits = ['612345678', '475001122', '345678', '001122'];

const record = (phoneNumbers?: unknown) => ({
  email: 'pn@example.nl',
  fullName: 'Noor Visser',
  locale: 'nl',
  chargePointIds: ['NL-PN-001'],
  ...(phoneNumbers === undefined ? {} : { phoneNumbers }),
});
const sync = (customerId: string, body: Record<string, unknown>) =>
  stack.call('PUT', `/internal/customers/${customerId}`, { token: service, body });
const officerCase = (customerId: string, token = officer) =>
  stack.call('GET', `/security/customers/${customerId}/recovery-lock`, { token });
const profile = (customerId: string, token: string) =>
  stack.call('GET', `/admin/customers/${customerId}`, { token });

describe('phoneNumbers in the customer sync', () => {
  it('an officer sees both numbers in full, an agent and an admin only the last two digits', async () => {
    expect((await sync('pn-1', record([mobile, landline]))).status).toBe(201);

    const seen = await officerCase('pn-1');
    expect(seen.status).toBe(200);
    expect(seen.body.customer.phoneNumbers).toEqual([mobile, landline]);

    for (const token of [agent, admin]) {
      const card = await profile('pn-1', token);
      expect(card.status).toBe(200);
      expect(card.body.customer.phoneNumbersMasked).toEqual(['+31 •••• •••78', '+32 •••• •••22']);
      expect(JSON.stringify(card.body)).not.toMatch(/612345678|475001122|345678|001122/);
      // Nor through the officers' route: the API refuses it to the helpdesk.
      expect((await officerCase('pn-1', token)).status).toBe(403);
    }
  });

  it('refuses three numbers, a number that is not E.164 and one with spaces, and changes nothing', async () => {
    expect((await sync('pn-2', record([mobile]))).status).toBe(201);
    const before = (await officerCase('pn-2')).body.customer;
    const eventsBefore = (await auditEventsOf(stack, 'pn-2')).length;
    const refused: unknown[] = [
      [mobile, landline, '+4915112345678'],
      ['0612345678'],
      ['+31 6 12345678'],
      ['+31-612345678'],
      ['+0612345678'],
      ['+3161'],
      ['+3161234567890123'],
      mobile,
      [31612345678],
    ];
    for (const phoneNumbers of refused) {
      const response = await sync('pn-2', { ...record(phoneNumbers), fullName: 'Another Name' });
      expect({ sent: phoneNumbers, status: response.status, code: response.body.error?.code }).toEqual({
        sent: phoneNumbers,
        status: 400,
        code: 'INVALID_REQUEST',
      });
    }
    expect((await officerCase('pn-2')).body.customer).toEqual(before);
    expect(await auditEventsOf(stack, 'pn-2')).toHaveLength(eventsBefore);
  });

  it('keeps the same number sent twice once; a sync without the field removes the numbers, as for every optional field', async () => {
    expect((await sync('pn-3', record([mobile, mobile]))).status).toBe(201);
    expect((await officerCase('pn-3')).body.customer.phoneNumbers).toEqual([mobile]);
    expect((await sync('pn-3', record([landline, mobile]))).status).toBe(200);
    expect((await officerCase('pn-3')).body.customer.phoneNumbers).toEqual([landline, mobile]);
    // The same numbers in another order are no change.
    expect((await sync('pn-3', record([mobile, landline]))).status).toBe(200);
    // A full replace: the login service sends every number it has, and none when it has none.
    expect((await sync('pn-3', record())).status).toBe(200);
    expect((await officerCase('pn-3')).body.customer.phoneNumbers).toEqual([]);
    expect((await profile('pn-3', agent)).body.customer.phoneNumbersMasked).toEqual([]);

    const changes = (await auditEventsOf(stack, 'pn-3')).filter(
      (event) => event.type === 'CUSTOMER_RECORD_CHANGED',
    );
    expect(changes.map((event) => event.details.phoneNumbersChanged)).toEqual([true, true]);
  });

  it('the audit trail and the logs hold no digits of a number, and an erasure removes the numbers', async () => {
    expect((await sync('pn-4', record([mobile]))).status).toBe(201);
    expect((await sync('pn-4', record([mobile, landline]))).status).toBe(200);
    expect((await officerCase('pn-4')).status).toBe(200);
    expect((await profile('pn-4', agent)).status).toBe(200);

    for (const customerId of ['pn-1', 'pn-2', 'pn-3', 'pn-4']) {
      const items = JSON.stringify(await auditEventsOf(stack, customerId));
      for (const digits of subscriberDigits)
        expect({ customerId, has: items.includes(digits) }).toEqual({ customerId, has: false });
    }

    const erased = await stack.call('POST', '/internal/customers/pn-4/erase', { token: service });
    expect(erased.status).toBe(200);
    expect((await officerCase('pn-4')).status).toBe(404);
    const stored = await stack.dynamodb.send(
      new GetItemCommand({ TableName: stack.tableNames.customers, Key: { customerId: { S: 'pn-4' } } }),
    );
    expect(Object.keys(stored.Item ?? {}).sort()).toEqual(['customerId', 'erasedAt']);

    const logs = captured.join('');
    expect(logs.length).toBeGreaterThan(0);
    for (const digits of subscriberDigits)
      expect({ digits, inLogs: logs.includes(digits) }).toEqual({ digits, inLogs: false });
  });
});
