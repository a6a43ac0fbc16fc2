// The local stack holds each function to its declared table grants, as IAM does in AWS: a route that
// forgets `tables: { tickets: 'readWrite' }` fails here, not only after a deploy. Shown by taking a grant
// away from the route table at run time (and putting it back) while calling the real routes.
import { functions, routesOf, type FunctionName, type TableAccess } from '../../lib/routes';
import type { TableKey } from '../../lib/data/tables';
import { grantRefusal, tableCallsOf } from '../../local/table-grants';
import { startTestStack, type Caller, type TestStack } from '../support/stack';
import { createCustomer, issuedTicket } from './enrollment-helpers';

let stack: TestStack;
let service: Caller;

beforeAll(async () => {
  stack = await startTestStack({ pollStreams: false });
  service = await stack.serviceToken();
});
afterAll(async () => {
  await stack?.stop();
});

type Grants = Partial<Record<TableKey, TableAccess>>;

/** Sets `table`'s access (or removes it) on every route of `name` and on its definition; returns the undo. */
const changeGrant = (name: FunctionName, table: TableKey, access: TableAccess | undefined) => {
  const holders = ([...routesOf(name), functions[name]] as { tables?: Grants }[]).filter(
    (holder): holder is { tables: Grants } => holder.tables?.[table] !== undefined,
  );
  const before = holders.map((holder) => holder.tables[table]);
  for (const holder of holders) {
    if (access) holder.tables[table] = access;
    else delete holder.tables[table];
  }
  return () =>
    holders.forEach((holder, index) => {
      holder.tables[table] = before[index];
    });
};

const linkStatus = (ticket: string) => stack.call('POST', '/enroll/status', { body: { ticket } });

describe('a function without the grant a route needs', () => {
  it('fails the route as AWS would, and works again once the grant is back', async () => {
    await createCustomer(stack, 'grants-read');
    const { ticket } = await issuedTicket(stack, service, 'grants-read');
    expect((await linkStatus(ticket)).status).toBe(200);

    const restore = changeGrant('enrollmentApi', 'tickets', undefined);
    try {
      const refused = await linkStatus(ticket);
      expect(refused.status).toBe(500);
      expect(refused.body.error.code).toBe('INTERNAL_ERROR');
    } finally {
      restore();
    }
    expect((await linkStatus(ticket)).status).toBe(200);
  });

  it('checks writes too: read access on customers cannot start an enrollment', async () => {
    await createCustomer(stack, 'grants-write');
    const { ticket } = await issuedTicket(stack, service, 'grants-write');
    const restore = changeGrant('enrollmentApi', 'customers', 'read');
    try {
      expect((await stack.call('POST', '/enroll/start', { body: { ticket } })).status).toBe(500);
    } finally {
      restore();
    }
    const started = await stack.call('POST', '/enroll/start', { body: { ticket } });
    expect(started.status).toBe(200);
  });
});

describe('what counts as an action on a table', () => {
  it('names the table and the access a refused call lacked', () => {
    const tickets = process.env.TICKETS_TABLE ?? '';
    expect(tickets).not.toBe('');
    expect(grantRefusal('adminApi', 'PutItemCommand', { TableName: tickets })).toMatch(
      /adminApi may not PutItem on tickets/,
    );
    expect(grantRefusal('enrollmentApi', 'GetItemCommand', { TableName: tickets })).toBeUndefined();
  });

  it('refuses what no access level grants, and a table the function was never given', () => {
    expect(grantRefusal('enrollmentApi', 'ScanCommand', { TableName: 'x' })).toMatch(/Scan on no table/);
    expect(grantRefusal('enrollmentApi', 'BatchWriteItemCommand', {})).toMatch(/BatchWriteItem on no table/);
    expect(grantRefusal('health', 'GetItemCommand', { TableName: 'someone-elses-table' })).toMatch(
      /health may not GetItem on someone-elses-table \(granted: nothing\)/,
    );
  });

  it('reads each item of a transaction and each table of a batch', () => {
    expect(
      tableCallsOf('TransactWriteItemsCommand', {
        TransactItems: [
          { Put: { TableName: 'a' } },
          { Update: { TableName: 'b' } },
          { ConditionCheck: { TableName: 'c' } },
        ],
      }),
    ).toEqual([
      { action: 'PutItem', tableName: 'a' },
      { action: 'UpdateItem', tableName: 'b' },
      { action: 'ConditionCheckItem', tableName: 'c' },
    ]);
    expect(tableCallsOf('BatchGetItemCommand', { RequestItems: { a: {}, b: {} } })).toEqual([
      { action: 'BatchGetItem', tableName: 'a' },
      { action: 'BatchGetItem', tableName: 'b' },
    ]);
  });
});
