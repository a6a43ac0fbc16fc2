// Notices to every address on file (NIST SP 800-63B-4 §4.6): a customer's further notification
// addresses receive every notice of a reset, a replacement, a renewal and a lock, in their own inbox
// on the local SES server; never a link that could recover the account.
import { startTestStack, type Caller, type SentEmail, type TestStack } from '../support/stack';
import { auditEventsOf, expectIntactChain } from '../support/audit';
import {
  createCustomer as createFixtureCustomer,
  mailTo,
  markEnrolled,
  passVerification,
} from '../support/fixtures';
import { ticketFromUrl } from './enrollment-helpers';
import { awaitFreshStep, phoneApp, scanQr } from './self-service-helpers';

let stack: TestStack;
let service: Caller;

beforeAll(async () => {
  stack = await startTestStack({ pollStreams: true });
  service = await stack.serviceToken();
});
afterAll(async () => {
  await stack?.stop();
});

const sync = (customerId: string, body: Record<string, unknown>) =>
  stack.call('PUT', `/internal/customers/${customerId}`, { token: service, body });
const record = (email: string, notificationEmails?: string[]) => ({
  email,
  fullName: 'Lotte Jansen',
  locale: 'nl',
  chargePointIds: ['NL-ABC-001'],
  ...(notificationEmails ? { notificationEmails } : {}),
});
const inbox = (address: string) => mailTo(stack, address);
const subjects = (mail: SentEmail[]) => mail.map((email) => email.subject);

describe('notificationEmails in the customer sync', () => {
  it('keeps at most two further addresses, each a real address different from the others and from email', async () => {
    const refused = [
      ['a@example.nl', 'b@example.nl', 'c@example.nl'],
      ['not an address'],
      ['NA-1@Example.nl'],
      ['twin@example.nl', 'Twin@example.nl'],
      [42],
      'second@example.nl',
    ];
    for (const notificationEmails of refused) {
      const response = await sync('na-1', { ...record('na-1@example.nl'), notificationEmails });
      expect({ sent: notificationEmails, status: response.status, code: response.body.error?.code }).toEqual({
        sent: notificationEmails,
        status: 400,
        code: 'INVALID_REQUEST',
      });
    }
    expect((await stack.call('GET', '/internal/customers/na-1/2fa', { token: service })).status).toBe(404);

    expect((await sync('na-1', record('na-1@example.nl', ['home@example.nl']))).status).toBe(201);
    expect(
      (await sync('na-1', record('na-1@example.nl', ['home@example.nl', 'work@example.com']))).status,
    ).toBe(200);
    // A sync that leaves the field out removes the further addresses, as for every optional field.
    expect((await sync('na-1', record('na-1@example.nl'))).status).toBe(200);
    const changes = (await auditEventsOf(stack, 'na-1')).filter(
      (event) => event.type === 'CUSTOMER_RECORD_CHANGED',
    );
    expect(changes.map((event) => event.details.notificationEmailsChanged)).toEqual([true, true]);
    // The audit names no address.
    expect(JSON.stringify(changes)).not.toMatch(/home@|work@/);
  });
});

describe('every notice goes to every address on file', () => {
  it('a replacement, a renewal and a lock reach both inboxes', async () => {
    const main = 'nb-main@example.nl';
    const home = 'nb-home@example.nl';
    expect((await sync('nb-1', record(main, [home]))).status).toBe(201);
    const step = await awaitFreshStep();
    const ticket = ticketFromUrl(
      (await stack.call('POST', '/internal/customers/nb-1/2fa/enrollment-ticket', { token: service })).body
        .enrollUrl,
    );
    const phone = phoneApp(
      scanQr((await stack.call('POST', '/enroll/start', { body: { ticket } })).body.qrPng),
    );
    expect(
      (await stack.call('POST', '/enroll/confirm', { body: { ticket, code: phone.codeForStep(step - 1) } }))
        .status,
    ).toBe(200);

    const replaceTicket = ticketFromUrl(
      (
        await stack.call('POST', '/internal/customers/nb-1/2fa/enrollment-ticket', {
          token: service,
          body: { stepUpCode: phone.codeForStep(step) },
        })
      ).body.enrollUrl,
    );
    const newPhone = phoneApp(
      scanQr((await stack.call('POST', '/enroll/start', { body: { ticket: replaceTicket } })).body.qrPng),
    );
    expect(
      (
        await stack.call('POST', '/enroll/confirm', {
          body: { ticket: replaceTicket, code: newPhone.codeForStep(step) },
        })
      ).status,
    ).toBe(200);
    const renewed = await stack.call('POST', '/internal/customers/nb-1/2fa/backup-codes', {
      token: service,
      body: { stepUpCode: newPhone.codeForStep(step + 1) },
    });
    expect(renewed.status).toBe(200);
    for (let attempt = 0; attempt < 5; attempt += 1)
      await stack.call('POST', '/internal/customers/nb-1/2fa/verify', {
        token: service,
        body: { code: newPhone.wrongCodeAt(Date.now(), attempt) },
      });
    await stack.poller?.drain();

    const expected = [
      'Tweestapsverificatie staat aan',
      'Uw authenticator-app is vervangen',
      'Uw back-upcodes zijn vernieuwd',
    ];
    for (const address of [main, home]) {
      const mail = await inbox(address);
      expect(subjects(mail).slice(0, 3)).toEqual(expected);
      expect(subjects(mail).some((subject) => /geblokkeerd/.test(subject))).toBe(true);
      for (const email of mail) expect(email.body.text).toMatch(/Was u dit niet\?/);
    }
    const replacedMail = (await inbox(home)).find((email) => email.subject === expected[1]);
    expect(replacedMail?.body.text).toContain('oude back-upcodes werken niet meer');
    expect(replacedMail?.body.html).toContain('Was u dit niet?');

    const events = await expectIntactChain(stack, 'nb-1');
    const sent = events.filter((event) => event.type === 'NOTIFICATION_SENT');
    expect(sent.length).toBeGreaterThanOrEqual(4);
    for (const event of sent) expect(event.details).toMatchObject({ copiesTo: 1, copiesSent: true });
    expect(JSON.stringify(events)).not.toContain(home);
  });

  it('a reset: the main address gets the link, the further ones a notice with only its own "this wasn\'t me" link', async () => {
    const admin = await stack.adminToken('admin-nina');
    const agent = await stack.helpdeskToken('agent-nico');
    const main = 'nc-main@example.nl';
    const extras = ['nc-home@example.nl', 'nc-work@example.com'];
    await createFixtureCustomer(stack, 'nc-1', { email: main, notificationEmails: extras });
    await markEnrolled(stack, 'nc-1');
    const verificationId = await passVerification(stack, 'nc-1', agent, undefined, { EMAIL: main });
    const disabled = await stack.call('POST', '/admin/customers/nc-1/2fa/disable', {
      token: admin,
      body: { verificationId, reason: 'lost phone' },
    });
    expect(disabled.status).toBe(200);
    await stack.poller?.drain();
    const { caseNumber } = (
      await stack.call('GET', `/admin/verifications/${verificationId}`, { token: agent })
    ).body as { caseNumber: string };
    expect(caseNumber).toMatch(/^HD-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    const toMain = await inbox(main);
    expect(subjects(toMain)).toEqual(['Uw tweestapsverificatie is uitgeschakeld']);
    const ticket = /#ticket=([A-Za-z0-9_-]+)/.exec(toMain[0]?.body.text ?? '')?.[1];
    expect(ticket).toBeDefined();
    for (const address of extras) {
      const mail = await inbox(address);
      expect(subjects(mail)).toEqual(['De tweestapsverificatie van uw account is uitgeschakeld']);
      const copy = mail[0] as SentEmail;
      // One message per address: no address on file sees the others.
      expect(copy.destination.to).toEqual([address]);
      // No enrollment link: only the notice's own report link (recovery-delay.test.ts tries it).
      expect(`${copy.body.text} ${copy.body.html}`).not.toMatch(/ticket/);
      expect(copy.body.text?.match(/https?:\/\/\S+/g)).toEqual([expect.stringMatching(/\/enroll\/#notice=/)]);
      // The case as the customer names it on the phone: the same number as in the main email.
      expect(copy.body.text).toContain(caseNumber);
      expect(toMain[0]?.body.text).toContain(caseNumber);
      expect(copy.body.text).toMatch(/Was u dit niet\?/);
    }
    // The email code of the verification went to the main address only.
    const codeMails = (await stack.sentEmails()).filter(
      (email) =>
        /verificatiecode/i.test(email.subject) &&
        (email.body.text ?? '').includes(`Zaaknummer van dit gesprek: ${caseNumber}`),
    );
    expect(codeMails).toHaveLength(1);
    for (const email of codeMails) expect(email.destination.to).toEqual([main]);
    const sentEvent = (await auditEventsOf(stack, 'nc-1')).find((event) => event.type === 'RESET_EMAIL_SENT');
    expect(sentEvent?.details).toMatchObject({ copiesTo: 2, copiesSent: true });
  });
});
