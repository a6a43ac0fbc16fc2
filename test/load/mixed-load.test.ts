// Nothing lost under load: logins, enrollment starts and 2FA disables (pairs with the same
// Idempotency-Key, pairs without one) all at once through the local API, then the books are checked:
// every chain verifies, every disable has one event and one email, no customer holds two secrets,
// and the audit trail grew by exactly what the answers said happened.
// 100 requests in `npm test`, 1,000 with `npm run test:load`.
import { verifySubjectChain } from '../../lib/audit/chain';
import type { SealedSecret } from '../../lib/secrets/sealed-secret';
import { openSecret } from '../../lib/secrets/sealed-secret';
import { base32Encode } from '../../lib/totp/base32';
import { hotp, timeStep } from '../../lib/totp/totp';
import { passedVerification, writeEnrolledCustomers, writeTicketHolders, inPool } from '../../bench/fixtures';
import { auditEventsOf } from '../support/audit';
import { noVelocityLimits, startTestStack, type TestStack } from '../support/stack';
import { customerItem } from '../integration/enrollment-helpers';
import { inFlight, scaled, shuffled } from './scale';

let stack: TestStack;

beforeAll(async () => {
  // One admin disables a burst of cases here; the velocity limits have their own suite.
  stack = await startTestStack({ pollStreams: true, environment: noVelocityLimits });
}, 120000);
afterAll(async () => {
  await stack?.stop();
});

type Kind = 'verify-right' | 'verify-wrong' | 'enroll' | 'disable-key' | 'disable-nokey';
interface Planned {
  kind: Kind;
  customerId: string;
  send: () => Promise<{ status: number; body: any }>;
}

const total = scaled(100, 1000);

describe(`${total} concurrent mixed requests`, () => {
  it(
    'lose nothing: chains verify, one event and one email per disable, one secret per customer, counts add up',
    async () => {
      const run = `ld${Date.now().toString(36)}`;
      const service = await stack.serviceToken();
      const admin = await stack.adminToken('admin-load');

      // 40 % logins (a quarter of them with a wrong code), 30 % enrollment starts (every other ticket
      // sent twice at once), 30 % disables sent twice at once (half with one Idempotency-Key per pair).
      const verifyCount = Math.round(total * 0.4);
      const ticketCount = Math.round((total * 0.3) / 1.5);
      const disablePairs = Math.round((total * 0.3) / 2);

      const logins = await writeEnrolledCustomers(
        Array.from({ length: verifyCount }, (_, index) => `${run}-v${index}`),
      );
      const tickets = await writeTicketHolders(
        Array.from({ length: ticketCount }, (_, index) => `${run}-e${index}`),
      );
      const disableCustomers = Array.from({ length: disablePairs }, (_, index) => `${run}-d${index}`);
      await writeEnrolledCustomers(disableCustomers);
      const verifications = await inPool(disableCustomers, 4, (customerId) =>
        passedVerification(customerId, 'agent-load'),
      );
      await stack.poller?.drain();
      const auditBefore = await stack.countItems(stack.tableNames.auditEvents);

      const step = timeStep(new Date()) + 1;
      const planned: Planned[] = [];
      logins.forEach((login, index) => {
        const wrong = index % 4 === 3;
        // A wrong code is none of the codes of the steps around now (any of those would be accepted).
        const window = new Set([-2, -1, 0, 1].map((offset) => hotp(login.key, step + offset)));
        let code = hotp(login.key, step);
        for (let n = 100000 + index; wrong && (code === hotp(login.key, step) || window.has(code)); n += 1)
          code = String(n % 1e6).padStart(6, '0');
        planned.push({
          kind: wrong ? 'verify-wrong' : 'verify-right',
          customerId: login.customerId,
          send: () =>
            stack.call('POST', `/internal/customers/${login.customerId}/2fa/verify`, {
              token: service,
              body: { code },
            }),
        });
      });
      tickets.forEach((ticket, index) => {
        const customerId = `${run}-e${index}`;
        const send = () => stack.call('POST', '/enroll/start', { body: { ticket } });
        planned.push({ kind: 'enroll', customerId, send });
        if (index % 2 === 0) planned.push({ kind: 'enroll', customerId, send });
      });
      disableCustomers.forEach((customerId, index) => {
        const withKey = index % 2 === 0;
        const send = () =>
          stack.call('POST', `/admin/customers/${customerId}/2fa/disable`, {
            token: admin,
            body: { verificationId: verifications[index], reason: 'load test: lost phone' },
            ...(withKey ? { headers: { 'idempotency-key': `${run}-key-${index}` } } : {}),
          });
        for (let copy = 0; copy < 2; copy += 1)
          planned.push({ kind: withKey ? 'disable-key' : 'disable-nokey', customerId, send });
      });

      const order = shuffled(planned);
      const answers = await inFlight(order, scaled(25, 50), async (request) => ({
        request,
        response: await request.send(),
      }));

      // No fault, and no answer outside what the contract promises for each kind of request.
      const byCustomer = new Map<string, typeof answers>();
      for (const answer of answers) {
        expect(answer.response.status).toBeLessThan(500);
        const list = byCustomer.get(answer.request.customerId) ?? [];
        list.push(answer);
        byCustomer.set(answer.request.customerId, list);
      }
      for (const answer of answers) {
        const { kind } = answer.request;
        const { status, body } = answer.response;
        if (kind === 'verify-right')
          expect({ status, valid: body.valid }).toEqual({ status: 200, valid: true });
        if (kind === 'verify-wrong')
          expect({ status, valid: body.valid, reason: body.reason }).toEqual({
            status: 200,
            valid: false,
            reason: 'WRONG_CODE',
          });
        if (kind === 'enroll') {
          expect([200, 409]).toContain(status);
          if (status === 409) expect(body.error.code).toBe('CONCURRENT_CHANGE');
        }
      }

      await stack.poller?.drain();
      // The SES server is shared with other test files: only this run's addresses count.
      const emails = (await stack.sentEmails()).filter((email) =>
        email.destination.to.some((address) => address.startsWith(`${run}-`)),
      );
      let expectedNewEvents = 0;
      for (const [customerId, list] of byCustomer) {
        const events = await auditEventsOf(stack, customerId);
        expect(verifySubjectChain(`customer#${customerId}`, events)).toEqual([]);
        const types = events.map((event) => String(event.type));
        const count = (type: string) => types.filter((candidate) => candidate === type).length;
        const item = await customerItem(stack, customerId);
        const kind = list[0]?.request.kind;

        if (kind === 'verify-right') {
          expect(item?.totpLastUsedStep).toBe(step);
          expect(types).toEqual([]);
        } else if (kind === 'verify-wrong') {
          expect(count('VERIFY_FAILED')).toBe(1);
          expect(item?.verifyFailures).toBe(1);
          expectedNewEvents += 1;
        } else if (kind === 'enroll') {
          const started = list.filter((answer) => answer.response.status === 200);
          expect(started.length).toBeGreaterThanOrEqual(1);
          expect(count('ENROLLMENT_STARTED')).toBe(started.length);
          expectedNewEvents += started.length;
          // One pending secret, and it is one a customer was shown: the last start that won.
          expect(item?.twoFactor).toBe('DISABLED');
          expect(item?.totpSecret).toBeUndefined();
          const pending = await openSecret(item?.pendingEnrollment.secret as SealedSecret, {
            customerId,
            purpose: 'totp-secret',
          });
          expect(started.map((answer) => answer.response.body.secret)).toContain(base32Encode(pending));
        } else {
          const ok = list.filter((answer) => answer.response.status === 200);
          if (kind === 'disable-key') {
            // Same key: the second request gets the first one's answer, whichever committed.
            expect(ok).toHaveLength(2);
            expect(ok[0]?.response.body).toEqual(ok[1]?.response.body);
          } else {
            expect(ok).toHaveLength(1);
            const other = list.find((answer) => answer.response.status !== 200);
            expect(other?.response.status).toBe(409);
          }
          expect(count('TWO_FA_DISABLED')).toBe(1);
          expect(count('ENROLLMENT_TICKET_ISSUED')).toBe(1);
          expect(count('RESET_EMAIL_SENT')).toBe(1);
          expectedNewEvents += 3;
          expect(item?.twoFactor).toBe('DISABLED');
          expect(item?.totpSecret).toBeUndefined();
          expect(item?.backupCodeHashes).toBeUndefined();
          expect(
            emails.filter((email) => email.destination.to.includes(`${customerId}@bench.example.nl`)),
          ).toHaveLength(1);
        }
      }
      expect(await stack.countItems(stack.tableNames.auditEvents)).toBe(auditBefore + expectedNewEvents);
      expect(emails).toHaveLength(disablePairs);
      expect(stack.poller?.deadLetters ?? []).toEqual([]);
    },
    scaled(120_000, 900_000),
  );
});
