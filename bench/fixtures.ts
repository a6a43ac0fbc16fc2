// State the bench needs before it measures: customers, authenticators, tickets, verifications.
// Made through the same lib/ functions the handlers use, or — where thousands are needed — written
// directly with the same item shapes, so measurements never start from a state the service cannot reach.
import { BatchWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDb, tableName } from '../lib/aws/dynamodb';
import { generateBackupCodes } from '../lib/backup-codes/backup-codes';
import { systemClock, systemRandom } from '../lib/clock';
import type { CustomerItem } from '../lib/customers/customer';
import { normalizeEmail } from '../lib/customers/normalize';
import type { CustomerRecord } from '../lib/customers/schemas';
import { upsertCustomer } from '../lib/customers/store';
import { requestDisable } from '../lib/reset/store';
import { sealSecret } from '../lib/secrets/sealed-secret';
import { issueTicket } from '../lib/tickets/store';
import { newTicket, ticketDeletionEpoch, type TicketItem, type TicketPurpose } from '../lib/tickets/ticket';
import { generateTotpSecret } from '../lib/totp/key-uri';
import { hotp, timeStep } from '../lib/totp/totp';
import {
  completeVerification,
  recordCheck,
  sendEmailCode,
  startVerification,
} from '../lib/verification/store';
import { enrollDemoAuthenticator } from '../local/demo-data';
import { customerRecord, genuineAnswers } from '../test/support/fixtures';
import { base32Decode } from '../lib/totp/base32';

export const deps = { clock: systemClock, random: systemRandom };

/** Runs `work` for every item with at most `concurrency` at a time. */
export const inPool = async <T, R>(
  items: T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
) => {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next;
        next += 1;
        results[index] = await work(items[index] as T, index);
      }
    }),
  );
  return results;
};

export const recordOf = (customerId: string, overrides: Partial<CustomerRecord> = {}): CustomerRecord =>
  customerRecord({ email: `${customerId}@bench.example.nl`, ...overrides }) as CustomerRecord;

export const createCustomer = (customerId: string, overrides: Partial<CustomerRecord> = {}) =>
  upsertCustomer(customerId, recordOf(customerId, overrides), 'bench', deps);

/** An authenticator as the customer's phone holds it: the key, and the step of the last code used. */
export interface Authenticator {
  customerId: string;
  key: Buffer;
  lastUsedStep?: number;
  backupCodes: string[];
}

/**
 * The code of the current step, or of the next unused one the service still accepts from this
 * authenticator now. Not the step before: on a loaded machine the handler may read its clock after a
 * step boundary, and then that code is refused (the bench would time the wrong-code path).
 */
export const nextCode = (authenticator: Authenticator, at = new Date()) => {
  const current = timeStep(at);
  const step = Math.max(current, (authenticator.lastUsedStep ?? -Infinity) + 1);
  if (step > current + 1) throw new Error(`${authenticator.customerId} used every code of this window`);
  authenticator.lastUsedStep = step;
  return hotp(authenticator.key, step);
};

/** Creates and enrolls a customer through the real flow: ticket, start, confirm. */
export const enrolledCustomer = async (customerId: string, overrides: Partial<CustomerRecord> = {}) => {
  await createCustomer(customerId, overrides);
  const enrolled = await enrollDemoAuthenticator(customerId, deps);
  const secret = new URL(enrolled.otpauthUri).searchParams.get('secret') ?? '';
  return {
    customerId,
    key: base32Decode(secret),
    // confirm marks the step of its code as used
    lastUsedStep: timeStep(new Date()),
    backupCodes: enrolled.backupCodes,
  } satisfies Authenticator;
};

/** A verification that passed the default policy, by `agentId`, ready for a disable. */
export const passedVerification = async (customerId: string, agentId: string) => {
  const verificationId = await openVerification(
    customerId,
    agentId,
    ['FULL_NAME', 'EMAIL', 'CHARGE_POINT_IDS', 'LAST_TRANSACTION'],
    true,
  );
  const completed = await completeVerification(verificationId, agentId, undefined, deps);
  if (completed.outcome !== 'PASSED') throw new Error(`fixture verification of ${customerId} did not pass`);
  return verificationId;
};

/** What a genuine caller answers for a bench customer (recordOf): the manual's answers, their own email. */
export const answerFor = (customerId: string, type: string) =>
  type === 'EMAIL' ? recordOf(customerId).email : (genuineAnswers[type] ?? '');

/** An open verification with the given checks already recorded, all matching (and the emailed code read back). */
export const openVerification = async (
  customerId: string,
  agentId: string,
  checks: string[] = [],
  readBackCode = false,
) => {
  const started = await startVerification(customerId, agentId, { channel: 'phone' }, deps);
  for (const type of checks) {
    const { result } = await recordCheck(
      started.verificationId,
      agentId,
      { type: type as 'EMAIL', answer: answerFor(customerId, type) },
      deps,
    );
    if (result !== 'MATCH') throw new Error(`fixture check ${type} of ${customerId} did not match`);
  }
  if (readBackCode) {
    // Possession is the proof: the code the service emails is read back, as a caller would.
    let code = '';
    await sendEmailCode(started.verificationId, agentId, {
      ...deps,
      sendCode: async (_customer, sent) => {
        code = sent;
      },
    });
    const { result } = await recordCheck(
      started.verificationId,
      agentId,
      { type: 'EMAIL_CODE', answer: code },
      deps,
    );
    if (result !== 'MATCH') throw new Error(`fixture EMAIL_CODE of ${customerId} did not match`);
  }
  return started.verificationId;
};

/** A disable parked for a second admin: the customer was reset less than a day ago (RECENT_RESET). */
export const pendingApproval = async (customerId: string, agentId: string, adminId: string) => {
  await enrolledCustomer(customerId);
  await dynamoDb().send(
    new UpdateCommand({
      TableName: tableName('customers'),
      Key: { customerId },
      UpdateExpression: 'SET lastResetAt = :recent, version = version + :one',
      ExpressionAttributeValues: { ':recent': new Date(Date.now() - 3600_000).toISOString(), ':one': 1 },
    }),
  );
  const verificationId = await passedVerification(customerId, agentId);
  const parked = await requestDisable(
    { customerId, verificationId, reason: 'bench: lost phone', adminId },
    deps,
  );
  const approvalId = parked.body.approvalId;
  if (parked.status !== 202 || typeof approvalId !== 'string')
    throw new Error(`fixture disable of ${customerId} was not parked: ${JSON.stringify(parked.body)}`);
  return approvalId;
};

/** A usable enrollment ticket for a new customer, issued the way the profile page gets one. */
export const ticketForNewCustomer = async (customerId: string) => {
  await createCustomer(customerId);
  const { ticket } = await issueTicket(
    { customerId, purpose: 'SELF_SERVICE', actor: { type: 'service', id: 'bench' } },
    deps,
  );
  return ticket;
};

const batchPut = async (table: string, items: object[]) => {
  for (let offset = 0; offset < items.length; offset += 25) {
    let pending: Record<string, unknown>[] = items
      .slice(offset, offset + 25)
      .map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > 20) throw new Error(`BatchWriteItem on ${table} kept leaving items unprocessed`);
      const result = await dynamoDb().send(
        new BatchWriteCommand({ RequestItems: { [table]: pending as never } }),
      );
      pending = (result.UnprocessedItems?.[table] ?? []) as Record<string, unknown>[];
      if (pending.length) await new Promise((done) => setTimeout(done, 20 * (attempt + 1)));
    }
  }
};

const baseCustomerItem = (customerId: string, now: string): CustomerItem => {
  const record = recordOf(customerId);
  return {
    ...record,
    customerId,
    emailKey: normalizeEmail(record.email),
    privileged: false,
    createdAt: now,
    updatedAt: now,
    twoFactor: 'DISABLED',
    version: 1,
  } as CustomerItem;
};

/**
 * Thousands of enrolled customers for load runs, written directly (25 per BatchWriteItem) with the
 * item shape confirmEnrollment leaves: a sealed secret, hashed backup codes, no step used yet.
 */
export const writeEnrolledCustomers = async (customerIds: string[]): Promise<Authenticator[]> => {
  const now = new Date().toISOString();
  const authenticators: Authenticator[] = [];
  const items: CustomerItem[] = [];
  for (const customerId of customerIds) {
    const key = generateTotpSecret(systemRandom);
    const { codes, hashes } = await generateBackupCodes(systemRandom);
    items.push({
      ...baseCustomerItem(customerId, now),
      twoFactor: 'ENABLED',
      totpSecret: await sealSecret(Buffer.from(key), { customerId, purpose: 'totp-secret' }, deps),
      backupCodeHashes: new Set(hashes),
      backupCodesIssuedAt: now,
      twoFactorEnabledAt: now,
      verifyFailures: 0,
    });
    authenticators.push({ customerId, key, backupCodes: codes });
  }
  await batchPut(tableName('customers'), items);
  return authenticators;
};

/**
 * Customers without 2FA, each holding one current ticket, as issueTicket leaves them. RESET for those
 * who will say "this wasn't me": only a mailed reset ticket reports (lib/reset/report.ts).
 */
export const writeTicketHolders = async (
  customerIds: string[],
  purpose: TicketPurpose = 'SELF_SERVICE',
): Promise<string[]> => {
  const now = new Date();
  const expiresAt = new Date(now.getTime() + 72 * 3600_000);
  const tickets: string[] = [];
  const customers: CustomerItem[] = [];
  const ticketItems: TicketItem[] = [];
  for (const customerId of customerIds) {
    const { ticket, ticketHash } = newTicket(systemRandom);
    tickets.push(ticket);
    customers.push({ ...baseCustomerItem(customerId, now.toISOString()), enrollmentTicketHash: ticketHash });
    ticketItems.push({
      ticketHash,
      customerId,
      purpose,
      createdAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
      expiresAtEpoch: ticketDeletionEpoch(expiresAt),
    });
  }
  await batchPut(tableName('customers'), customers);
  await batchPut(tableName('tickets'), ticketItems);
  return tickets;
};
