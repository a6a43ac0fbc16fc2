// The same channel as the reset email tells the customer about every other change to their second
// factor: 2FA on again, sign-in locked, a backup code used, the last backup code left.
import { startTestStack, type Caller, type SentEmail, type TestStack } from '../support/stack';
import { expectIntactChain } from '../support/audit';
import { authenticatorFrom, createCustomer, ticketFromUrl } from './enrollment-helpers';

let stack: TestStack;
let service: Caller;

beforeAll(async () => {
  stack = await startTestStack({ pollStreams: true });
  service = await stack.serviceToken();
});
afterAll(async () => {
  await stack?.stop();
});

const mailTo = async (address: string) =>
  (await stack.sentEmails()).filter((email) => email.destination.to.includes(address));
const subjects = (mail: SentEmail[]) => mail.map((email) => email.subject);

it('mails the customer when 2FA is enabled, locked, and when backup codes are used, down to the last', async () => {
  await createCustomer(stack, 'notify-1');
  const address = 'notify-1@example.nl';
  const issued = await stack.call('POST', '/internal/customers/notify-1/2fa/enrollment-ticket', {
    token: service,
  });
  const ticket = ticketFromUrl(issued.body.enrollUrl);
  const started = await stack.call('POST', '/enroll/start', { body: { ticket } });
  const app = authenticatorFrom(started.body.otpauthUri);
  const confirmed = await stack.call('POST', '/enroll/confirm', {
    body: { ticket, code: app.codeAt(Date.now()) },
  });
  expect(confirmed.body.twoFactor).toBe('ENABLED');
  await stack.poller?.drain();
  expect(subjects(await mailTo(address))).toEqual(['Tweestapsverificatie staat aan']);

  for (let attempt = 0; attempt < 5; attempt += 1)
    await stack.call('POST', '/internal/customers/notify-1/2fa/verify', {
      token: service,
      body: { code: app.wrongCodeAt(Date.now(), attempt) },
    });
  await stack.poller?.drain();
  const locked = (await mailTo(address)).find((email) => email.subject.includes('geblokkeerd'));
  expect(locked?.body.text).toContain('5 keer achter elkaar');

  const codes = confirmed.body.backupCodes as string[];
  for (const code of codes.slice(0, 9)) {
    const used = await stack.call('POST', '/internal/customers/notify-1/2fa/verify', {
      token: service,
      body: { code },
    });
    expect(used.body).toMatchObject({ valid: true, method: 'backup_code' });
  }
  await stack.poller?.drain();
  const mail = await mailTo(address);
  const backupMails = mail.filter((email) => /back-upcode/.test(email.subject));
  expect(backupMails).toHaveLength(9);
  expect(backupMails[0]?.body.text).toContain('nog 9 back-upcodes over');
  expect(backupMails[8]?.subject).toBe('U heeft nog maar één back-upcode over');
  for (const email of mail) expect(email.body.text).toMatch(/Was u dit niet\?/);
  const events = await expectIntactChain(stack, 'notify-1');
  expect(events.filter((event) => event.type === 'NOTIFICATION_SENT')).toHaveLength(mail.length);
});
