// Erasure (AVG/GDPR art. 17) through the login service's route: afterwards nothing of the customer is
// left in any table or in search but a tombstone with the id and the pseudonymous audit chain, which an
// export made after the erasure still verifies; every later call for the id answers 404 ERASED, and a
// retry after a fault halfway finishes the job. Staff free text in the trail is sealed with the
// customer's key, which erasure destroys: readable through `audit query` before, never after.
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { join } from 'node:path';
import { dynamoDb } from '../../lib/aws/dynamodb';
import { tableKeys, type TableKey } from '../../lib/data/tables';
import { verifyExports } from '../../auditor/verify-export';
import { queryExports } from '../../auditor/query';
import { SEALED_PLACEHOLDER } from '../../lib/audit/sealed-text';
import { textKeyOf } from '../../lib/customers/text-key';
import type { AuditItem } from '../../lib/audit/events';
import { systemClock, systemRandom } from '../../lib/clock';
import { deliverNotification } from '../../lib/notify/notifier';
import { auditEventsOf, expectIntactChain } from '../support/audit';
import { createCustomer, customerRecord, markEnrolled, passVerification } from '../support/fixtures';
import { noVelocityLimits, startTestStack, type Caller, type TestStack } from '../support/stack';
import { exportStack, removeTempDirs, tempDir } from '../audit/export-fixtures';

let stack: TestStack;
let agent: string;
let admin: string;
let secondAdmin: string;

beforeAll(async () => {
  // Notifications stay pending (no stream poller): erasure must remove the unsent ones.
  stack = await startTestStack({ pollStreams: false, environment: noVelocityLimits });
  agent = await stack.helpdeskToken('agent-bram');
  admin = await stack.adminToken('admin-anna');
  secondAdmin = await stack.adminToken('admin-dirk');
}, 60000);
afterAll(async () => {
  await stack?.stop();
  await removeTempDirs();
});

const erase = async (customerId: string) =>
  stack.call('POST', `/internal/customers/${customerId}/erase`, { token: await stack.serviceToken() });

const allItems = async (table: TableKey) => {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, any> | undefined;
  do {
    const page = await stack.dynamodb.send(
      new ScanCommand({
        TableName: stack.tableNames[table],
        ExclusiveStartKey: startKey,
        ConsistentRead: true,
      }),
    );
    items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
};

/** Every item, in every table, that mentions any of the strings. */
const itemsMentioning = async (needles: string[]) => {
  const found: { table: TableKey; item: Record<string, unknown> }[] = [];
  for (const table of tableKeys)
    for (const item of await allItems(table)) {
      const text = JSON.stringify(item).toLowerCase();
      if (needles.some((needle) => text.includes(needle.toLowerCase()))) found.push({ table, item });
    }
  return found;
};

const DISABLE_REASON = 'lost phone, called from the number on file';

/**
 * A customer with something in every table erasure must reach: search terms, an enrollment ticket, a
 * verification with answers' hashes and notes, an approval with its free-text reason, a pending reset
 * mail in the outbox.
 */
const customerWithHistory = async (customerId: string, person: { fullName: string; email: string }) => {
  await createCustomer(stack, customerId, { ...person, privileged: true });
  const ticket = await stack.call('POST', `/internal/customers/${customerId}/2fa/enrollment-ticket`, {
    token: await stack.serviceToken(),
  });
  expect(ticket.status).toBe(200);
  await markEnrolled(stack, customerId);
  const verificationId = await passVerification(
    stack,
    customerId,
    agent,
    ['FULL_NAME', 'EMAIL', 'CHARGE_POINT_IDS', 'COMPANY_INFO'],
    { FULL_NAME: person.fullName, EMAIL: person.email },
  );
  const pending = await stack.call('POST', `/admin/customers/${customerId}/2fa/disable`, {
    token: admin,
    body: { verificationId, reason: DISABLE_REASON },
  });
  expect(pending.status).toBe(202);
  const approved = await stack.call('POST', `/admin/approvals/${pending.body.approvalId}/approve`, {
    token: secondAdmin,
  });
  expect(approved.status).toBe(200);
  return { verificationId, approvalId: pending.body.approvalId as string };
};

describe('erasing a customer', () => {
  it('leaves nothing of the customer in any table or in search but the tombstone and the audit chain', async () => {
    const person = { fullName: 'Erika Zwanenburg', email: 'erika.zwanenburg@voltpark.nl' };
    await customerWithHistory('e-erika', person);
    await createCustomer(stack, 'e-other', { fullName: 'Otto Zwanenburg', email: 'otto@voltpark.nl' });
    const before = await itemsMentioning(['e-erika']);
    // Every table erasure must reach holds something of the customer before it runs.
    expect(new Set(before.map((found) => found.table))).toEqual(
      new Set([
        'customers',
        'customerSearch',
        'verifications',
        'auditEvents',
        'tickets',
        'notifications',
        'approvals',
        // The event outbox's markers of the recovery events (lib/events/): ids only.
        'eventPublications',
      ]),
    );

    const erased = await erase('e-erika');
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ customerId: 'e-erika', erased: true, erasedNow: true });
    expect(erased.body.removed).toEqual({ verifications: 1, tickets: 1, approvals: 1, notifications: 1 });

    const after = await itemsMentioning(['e-erika']);
    // The tombstone and the id's claim (its letters are never synced again, in any case): ids only.
    // The event outbox's markers name the customer by id, as the audit chain does, and expire in 90 days.
    expect(
      after
        .filter((found) => found.table === 'eventPublications')
        .every((found) => found.item.auditSubject === 'customer#e-erika'),
    ).toBe(true);
    expect(
      after.filter((found) => found.table !== 'auditEvents' && found.table !== 'eventPublications'),
    ).toEqual([
      { table: 'customers', item: { customerId: 'e-erika', erasedAt: erased.body.erasedAt } },
      { table: 'customerSearch', item: { prefix: 'id#', term: 'e-erika', customerId: 'e-erika' } },
    ]);
    // Names, addresses, answers: nowhere, not even in the audit trail.
    const personal = await itemsMentioning([
      'zwanenburg',
      person.email,
      'KvK 81234567',
      'NL-VPK-00017',
      DISABLE_REASON,
    ]);
    expect(personal.map((found) => found.item.customerId)).toContain('e-other');
    expect(personal.filter((found) => found.item.customerId !== 'e-other')).toEqual([]);

    const search = await stack.call('GET', '/admin/customers?query=zwanenburg', { token: agent });
    expect(search.body.customers.map((hit: { customerId: string }) => hit.customerId)).toEqual(['e-other']);
    expect(
      (await stack.call('GET', '/admin/customers?query=erika', { token: agent })).body.customers,
    ).toEqual([]);

    const events = await expectIntactChain(stack, 'e-erika');
    const last = events[events.length - 1];
    expect(last).toMatchObject({ type: 'CUSTOMER_ERASED', actorType: 'service', details: {} });
  });

  it('answers 404 ERASED on every later call for the id, and a sync does not bring the id back', async () => {
    await createCustomer(stack, 'e-later');
    expect((await erase('e-later')).status).toBe(200);
    const service = await stack.serviceToken();
    const calls: [string, string, Caller, unknown][] = [
      ['PUT', '/internal/customers/e-later', service, customerRecord()],
      ['GET', '/internal/customers/e-later/2fa', service, undefined],
      ['POST', '/internal/customers/e-later/2fa/verify', service, { code: '123456' }],
      ['POST', '/internal/customers/e-later/2fa/enrollment-ticket', service, undefined],
      ['GET', '/admin/customers/e-later', agent, undefined],
      ['POST', '/admin/customers/e-later/verifications', agent, { channel: 'phone' }],
    ];
    const auditBefore = (await auditEventsOf(stack, 'e-later')).length;
    for (const [method, path, token, body] of calls) {
      const response = await stack.call(method, path, { token, body });
      expect({ method, path, status: response.status, code: response.body.error?.code }).toEqual({
        method,
        path,
        status: 404,
        code: 'ERASED',
      });
    }
    // Refused calls changed nothing: the tombstone is still all there is, the chain did not grow.
    expect((await allItems('customers')).filter((item) => item.customerId === 'e-later')).toEqual([
      { customerId: 'e-later', erasedAt: expect.any(String) },
    ]);
    expect(await auditEventsOf(stack, 'e-later')).toHaveLength(auditBefore);
  });

  it('can be called again: the second call finishes what is left and appends nothing', async () => {
    await createCustomer(stack, 'e-twice');
    const first = await erase('e-twice');
    const second = await erase('e-twice');
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ erasedNow: false, erasedAt: first.body.erasedAt });
    const erasures = (await auditEventsOf(stack, 'e-twice')).filter(
      (event) => event.type === 'CUSTOMER_ERASED',
    );
    expect(erasures).toHaveLength(1);
  });

  it('erases once when two erasures of the same customer race', async () => {
    await createCustomer(stack, 'e-race');
    const answers = await Promise.all([erase('e-race'), erase('e-race'), erase('e-race')]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(answers.filter((answer) => answer.body.erasedNow)).toHaveLength(1);
    const events = await expectIntactChain(stack, 'e-race');
    expect(events.filter((event) => event.type === 'CUSTOMER_ERASED')).toHaveLength(1);
  });

  /**
   * Runs `change` once (or on every attempt) just before the erasure's tombstone transaction is sent: a
   * real write to DynamoDB Local landing between the erasure's read and its write.
   */
  const changingBeforeTombstone = async <T>(
    change: () => Promise<unknown>,
    times: number,
    run: () => Promise<T>,
  ): Promise<T> => {
    let changed = 0;
    let inChange = false;
    dynamoDb().middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { TransactItems?: { Put?: { TableName?: string; Item?: object } }[] };
        const tombstone = input.TransactItems?.some(
          (item) => item.Put?.TableName === stack.tableNames.customers && 'erasedAt' in (item.Put.Item ?? {}),
        );
        if (
          context.commandName === 'TransactWriteItemsCommand' &&
          tombstone &&
          !inChange &&
          changed < times
        ) {
          changed += 1;
          inChange = true;
          try {
            await change();
          } finally {
            inChange = false;
          }
        }
        return next(args);
      },
      { step: 'initialize', name: 'changeBeforeTombstone' },
    );
    try {
      return await run();
    } finally {
      dynamoDb().middlewareStack.remove('changeBeforeTombstone');
    }
  };

  it('erases what is there when the customer changes between its read and its write (a sync renames them)', async () => {
    await createCustomer(stack, 'e-moving', { fullName: 'Mira Verhuizer', email: 'mira@voltpark.nl' });
    const resync = () =>
      createCustomer(stack, 'e-moving', { fullName: 'Mira Nieuwenhuis', email: 'mira.n@voltpark.nl' });
    const erased = await changingBeforeTombstone(resync, 1, () => erase('e-moving'));
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ erased: true, erasedNow: true });
    // The name the sync wrote meanwhile is gone from search too, not only the one first read.
    expect(await itemsMentioning(['nieuwenhuis', 'verhuizer', 'mira.n@voltpark.nl'])).toEqual([]);
    const events = await expectIntactChain(stack, 'e-moving');
    expect(events.filter((event) => event.type === 'CUSTOMER_ERASED')).toHaveLength(1);
  });

  it('answers 409 and erases nothing when the customer keeps changing; sent again, it erases', async () => {
    await createCustomer(stack, 'e-busy', { fullName: 'Bas Bezig', email: 'bas@voltpark.nl' });
    let version = 0;
    const resync = () =>
      createCustomer(stack, 'e-busy', { fullName: `Bas Bezig ${(version += 1)}`, email: 'bas@voltpark.nl' });
    const refused = await changingBeforeTombstone(resync, 10, () => erase('e-busy'));
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('CONCURRENT_CHANGE');
    const untouched = (await allItems('customers')).find((item) => item.customerId === 'e-busy');
    expect(untouched).toMatchObject({ email: 'bas@voltpark.nl' });
    expect(untouched).not.toHaveProperty('erasedAt');
    const before = await expectIntactChain(stack, 'e-busy');
    expect(before.filter((event) => event.type === 'CUSTOMER_ERASED')).toHaveLength(0);

    const again = await erase('e-busy');
    expect(again.status).toBe(200);
    expect(await itemsMentioning(['bezig', 'bas@voltpark.nl'])).toEqual([]);
  });

  it('answers 404 for an id never synced, and writes nothing for it', async () => {
    const response = await erase('e-never');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('CUSTOMER_NOT_FOUND');
    expect(await itemsMentioning(['e-never'])).toEqual([]);
  });

  it('is refused to unsigned callers, to other IAM principals and to staff', async () => {
    await createCustomer(stack, 'e-guarded');
    const path = '/internal/customers/e-guarded/erase';
    const refused = [
      await stack.call('POST', path),
      await stack.call('POST', path, { token: stack.otherIamCaller() }),
      await stack.call('POST', path, { token: admin }),
    ];
    for (const response of refused) expect([401, 403]).toContain(response.status);
    expect((await allItems('customers')).find((item) => item.customerId === 'e-guarded')).toMatchObject({
      fullName: 'Jan de Vries',
    });
  });

  it('finishes the job when retried after DynamoDB failed halfway through the deletions', async () => {
    await customerWithHistory('e-fault', { fullName: 'Frits Foutmans', email: 'frits@voltpark.nl' });
    // The fault a real DynamoDB Local cannot be asked for: the first delete of a ticket fails.
    let failed = 0;
    dynamoDb().middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { TableName?: string };
        if (context.commandName === 'DeleteItemCommand' && input.TableName === stack.tableNames.tickets) {
          failed += 1;
          if (failed === 1) throw Object.assign(new Error('injected fault'), { name: 'InternalServerError' });
        }
        return next(args);
      },
      { step: 'initialize', name: 'erasureFault' },
    );
    try {
      const interrupted = await erase('e-fault');
      expect(interrupted.status).toBeGreaterThanOrEqual(500);
      // The record is already a tombstone: nobody can use the customer while the rest waits for the retry.
      expect((await stack.call('GET', '/admin/customers/e-fault', { token: agent })).body.error.code).toBe(
        'ERASED',
      );
      expect((await itemsMentioning(['e-fault'])).map((found) => found.table)).toContain('tickets');

      const retried = await erase('e-fault');
      expect(retried.status).toBe(200);
      expect(retried.body).toMatchObject({ erasedNow: false });
      expect(retried.body.removed.tickets).toBe(1);
    } finally {
      dynamoDb().middlewareStack.remove('erasureFault');
    }
    const left = await itemsMentioning(['e-fault']);
    // The tombstone, the trail and the id's claim (customerSearch, id only).
    expect(
      left.filter((found) => found.table === 'customerSearch').map((found) => found.item.prefix),
    ).toEqual(['id#']);
    expect([...new Set(left.map((found) => found.table))].sort()).toEqual([
      'auditEvents',
      'customerSearch',
      'customers',
      // The event outbox's markers: ids only (see above).
      'eventPublications',
    ]);
    const events = await expectIntactChain(stack, 'e-fault');
    expect(events.filter((event) => event.type === 'CUSTOMER_ERASED')).toHaveLength(1);
  });

  it('seals the reason in the audit trail: readable with the key before erasure, never after', async () => {
    await customerWithHistory('e-sealed', { fullName: 'Saskia Slot', email: 'saskia@voltpark.nl' });
    const disabledEvents = (await auditEventsOf(stack, 'e-sealed')).filter((event) =>
      ['TWO_FA_DISABLED', 'TWO_FA_DISABLE_PENDING_APPROVAL'].includes(event.type),
    );
    expect(disabledEvents).toHaveLength(2);
    for (const event of disabledEvents) {
      expect(event.details.reason).toMatchObject({
        sealed: 'aes-256-gcm/v1',
        ciphertext: expect.any(String),
      });
      expect(JSON.stringify(event)).not.toContain('lost phone');
    }
    const reasonsIn = async (outDir: string, withKeys: boolean) => {
      let output = '';
      await queryExports(
        outDir,
        { customer: 'e-sealed', types: ['TWO_FA_DISABLED', 'TWO_FA_DISABLE_PENDING_APPROVAL'] },
        {
          format: 'json',
          write: (chunk) => {
            output += chunk;
          },
          ...(withKeys ? { textKeyOf } : {}),
        },
      );
      return output
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line).details.reason);
    };
    // Staff of the live service read the reasons in the customer's history.
    const profile = await stack.call('GET', '/admin/customers/e-sealed', { token: admin });
    expect(
      profile.body.recentEvents
        .filter((event: { type: string }) => event.type === 'TWO_FA_DISABLED')
        .map((event: { details: { reason: unknown } }) => event.details.reason),
    ).toEqual([DISABLE_REASON]);
    const keyFile = join(await tempDir('sealed-key'), 'audit-digest-key.pem');
    const before = join(await tempDir('sealed-before'), 'run');
    await exportStack(stack, before, keyFile);
    expect(await reasonsIn(before, true)).toEqual([DISABLE_REASON, DISABLE_REASON]);
    expect(await reasonsIn(before, false)).toEqual([SEALED_PLACEHOLDER, SEALED_PLACEHOLDER]);

    expect((await erase('e-sealed')).status).toBe(200);
    const after = join(await tempDir('sealed-after'), 'run');
    await exportStack(stack, after, keyFile);
    expect((await verifyExports(after)).ok).toBe(true);
    // The key went with the record: even with key access the text is gone, the chain still checks.
    expect(await textKeyOf('e-sealed')).toBeUndefined();
    expect(await reasonsIn(after, true)).toEqual([SEALED_PLACEHOLDER, SEALED_PLACEHOLDER]);
    await expectIntactChain(stack, 'e-sealed');
  });

  it('sends nothing to an erased customer when the stream delivers their reset mail late', async () => {
    await createCustomer(stack, 'e-mail', { email: 'late.mail@voltpark.nl', fullName: 'Lotte Laat' });
    await markEnrolled(stack, 'e-mail');
    const verificationId = await passVerification(stack, 'e-mail', agent, undefined, {
      FULL_NAME: 'Lotte Laat',
      EMAIL: 'late.mail@voltpark.nl',
    });
    const disabled = await stack.call('POST', '/admin/customers/e-mail/2fa/disable', {
      token: admin,
      body: { verificationId, reason: 'new phone' },
    });
    expect(disabled.status).toBe(200);
    expect((await erase('e-mail')).body.removed.notifications).toBe(1);
    // The stream record of TWO_FA_DISABLED arrives after the erasure (no poller runs in this suite).
    const event = (await auditEventsOf(stack, 'e-mail')).find((item) => item.type === 'TWO_FA_DISABLED');
    const mailsBefore = (await stack.sentEmails()).length;
    expect(await deliverNotification(event as AuditItem, { clock: systemClock, random: systemRandom })).toBe(
      'FAILED_PERMANENTLY',
    );
    const mails = (await stack.sentEmails()).slice(mailsBefore);
    expect(mails.filter((mail) => mail.destination.to.includes('late.mail@voltpark.nl'))).toEqual([]);
    // Whatever the failure recorded holds no personal data, and the chain still verifies.
    expect(await itemsMentioning(['late.mail@voltpark.nl', 'laat'])).toEqual([]);
    await expectIntactChain(stack, 'e-mail');
  });

  it('leaves an audit trail whose export, made after the erasure, still verifies', async () => {
    const outDir = join(await tempDir('erasure-export'), 'run');
    const keyFile = join(await tempDir('erasure-key'), 'audit-digest-key.pem');
    await exportStack(stack, outDir, keyFile);
    const report = await verifyExports(outDir);
    expect(report.findings.filter((finding) => finding.level === 'error')).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.eventsVerified).toBeGreaterThan(0);
  });
});
