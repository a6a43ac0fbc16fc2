// Backup codes of 13 characters (65 bits, NIST SP 800-63B-4's saved recovery codes), typed the way a
// customer types them; and the 24-character codes issued before, which keep working until renewed.
// Through the local API, with oathtool as the phone and zbarimg as its camera.
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { createHash } from 'node:crypto';
import { startTestStack, type Caller, type TestStack } from '../support/stack';
import { createCustomer, customerItem, rawCustomerItem, ticketFromUrl } from './enrollment-helpers';
import { awaitFreshStep, phoneApp, scanQr } from './self-service-helpers';

let stack: TestStack;
let service: Caller;

beforeAll(async () => {
  stack = await startTestStack({ pollStreams: false });
  service = await stack.serviceToken();
});
afterAll(async () => {
  await stack?.stop();
});

const verify = (customerId: string, code: string) =>
  stack.call('POST', `/internal/customers/${customerId}/2fa/verify`, { token: service, body: { code } });
const renew = (customerId: string, stepUpCode: string) =>
  stack.call('POST', `/internal/customers/${customerId}/2fa/backup-codes`, {
    token: service,
    body: { stepUpCode },
  });

const newFormat = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{5}$/;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A customer with 2FA on through the enrollment page's API: the phone app, a fresh step, the codes shown. */
const enrolled = async (customerId: string) => {
  const step = await awaitFreshStep();
  await createCustomer(stack, customerId);
  const issued = await stack.call('POST', `/internal/customers/${customerId}/2fa/enrollment-ticket`, {
    token: service,
  });
  const ticket = ticketFromUrl(issued.body.enrollUrl);
  const started = await stack.call('POST', '/enroll/start', { body: { ticket } });
  const app = phoneApp(scanQr(started.body.qrPng));
  const confirmed = await stack.call('POST', '/enroll/confirm', {
    body: { ticket, code: app.codeForStep(step - 1) },
  });
  expect(confirmed.status).toBe(200);
  return { app, step, backupCodes: confirmed.body.backupCodes as string[] };
};

/** One character changed to another of the alphabet: what a misread letter gives. */
const oneCharWrong = (code: string) => code.slice(0, -1) + (code.endsWith('Z') ? 'Y' : 'Z');

describe('new backup codes', () => {
  it('are 13 characters in three groups, stored only as keyed hashes, and work once however they are typed', async () => {
    const { backupCodes } = await enrolled('codes-new');
    expect(backupCodes).toHaveLength(10);
    for (const code of backupCodes) expect(code).toMatch(newFormat);
    expect(new Set(backupCodes).size).toBe(10);

    // Neither the codes nor their plain SHA-256 are in the table: 65 bits would not survive an offline search.
    const raw = await rawCustomerItem(stack, 'codes-new');
    for (const code of backupCodes) {
      const canonical = code.replace(/-/g, '');
      expect(raw).not.toContain(canonical);
      expect(raw).not.toContain(sha256(canonical));
    }

    const [first = '', second = ''] = backupCodes;
    const typed = first.toLowerCase().replace(/-/g, ' ');
    const used = await verify('codes-new', typed);
    expect(used.status).toBe(200);
    expect(used.body).toEqual({ valid: true, method: 'backup_code', backupCodesLeft: 9 });

    // The same code again, as printed this time: one use only.
    const again = await verify('codes-new', first);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ valid: false, reason: 'WRONG_CODE', backupCodesLeft: 9 });

    // One misread character is another code, refused and counted like any wrong code.
    const wrong = await verify('codes-new', oneCharWrong(second));
    expect(wrong.body).toMatchObject({ valid: false, reason: 'WRONG_CODE', backupCodesLeft: 9 });
    expect((await customerItem(stack, 'codes-new'))?.verifyFailures).toBe(2);

    // The honest customer who typed O for 0 or l for 1 still gets in with the right code.
    const lookAlikes = second.replace(/0/g, 'O').replace(/1/g, 'l');
    const honest = await verify('codes-new', lookAlikes);
    expect(honest.body).toEqual({ valid: true, method: 'backup_code', backupCodesLeft: 8 });
  });

  it('of the wrong length are a format error that changes nothing, not a counted guess', async () => {
    const { backupCodes } = await enrolled('codes-short');
    const short = await verify('codes-short', (backupCodes[0] ?? '').slice(0, -1));
    expect(short.status).toBe(400);
    expect(short.body.error.code).toBe('INVALID_CODE_FORMAT');
    expect(short.body.error.message).toContain('13 letters and digits');
    expect((await customerItem(stack, 'codes-short'))?.verifyFailures).toBe(0);
  });
});

describe('24-character codes issued before', () => {
  // Canonical old codes, in the old alphabet (the same Crockford alphabet), stored as plain SHA-256.
  const oldCodes = [
    '000111101000000011111101',
    '7K3QM9XD2HBPW4TNR8FJ6CYV',
    ...Array.from({ length: 8 }, (_, index) => `${index}`.repeat(24)),
  ];
  const storeOldCodes = (customerId: string) =>
    stack.dynamodb.send(
      new UpdateItemCommand({
        TableName: stack.tableNames.customers,
        Key: { customerId: { S: customerId } },
        UpdateExpression: 'SET backupCodeHashes = :hashes',
        ExpressionAttributeValues: { ':hashes': { SS: oldCodes.map(sha256) } },
      }),
    );

  it('still work, typed with look-alikes and in lower case, until renewal gives new codes and voids them', async () => {
    const { app, step } = await enrolled('codes-old');
    await storeOldCodes('codes-old');

    // `0001-1110-…` typed with O, I and l: Crockford's reading must not turn it into another code.
    const used = await verify('codes-old', 'OOOI-lIlo-IoOO-oOOO-IiLl-LlOl');
    expect(used.body).toEqual({ valid: true, method: 'backup_code', backupCodesLeft: 9 });
    const again = await verify('codes-old', '0001-1110-1000-0000-1111-1101');
    expect(again.body).toMatchObject({ valid: false, reason: 'WRONG_CODE' });

    const lower = await verify('codes-old', '7k3q m9xd 2hbp w4tn r8fj 6cyv');
    expect(lower.body).toEqual({ valid: true, method: 'backup_code', backupCodesLeft: 8 });

    const renewed = await renew('codes-old', app.codeForStep(step));
    expect(renewed.status).toBe(200);
    const fresh = renewed.body.backupCodes as string[];
    expect(fresh).toHaveLength(10);
    for (const code of fresh) expect(code).toMatch(newFormat);

    const voided = await verify('codes-old', '2222-2222-2222-2222-2222-2222');
    expect(voided.body).toMatchObject({ valid: false, reason: 'WRONG_CODE', backupCodesLeft: 10 });
    const current = await verify('codes-old', (fresh[0] ?? '').toLowerCase());
    expect(current.body).toEqual({ valid: true, method: 'backup_code', backupCodesLeft: 9 });
  });
});
