// The waiting period after a risky reset (issue 29 §1), tried through the local API the way an attacker
// who talked past the helpdesk, a coached insider and the real owner would: the link stays closed until
// the wait is over, every address on file can stop it with its own link, and only a security officer who
// took no part in the reset may cut it short. Time passing is simulated by moving the stored end back.
import { formatDateTime } from '../../lib/notify/render';
import { auditEventsOf, expectIntactChain } from '../support/audit';
import {
  createCustomer,
  emailOf,
  genuineAnswers,
  knowledgeChecks,
  markEnrolled,
  passVerification,
  ticketIn,
} from '../support/fixtures';
import {
  stack,
  agent,
  admin,
  secondAdmin,
  approve,
  disable,
  itemOf,
  securityMailAbout,
  setStored,
  twoFactorOf,
  useHelpdeskAttackStack,
} from '../support/helpdesk-attack-stack';
import { minutesAgo } from '../support/stored-items';
import { mailOfKind } from '../support/mails';
import { authenticatorFrom } from './enrollment-helpers';

useHelpdeskAttackStack();

let officer: string;
let secondOfficer: string;
beforeAll(async () => {
  officer = await stack.token('sec-sara', ['security']);
  secondOfficer = await stack.token('sec-sem', ['security']);
});

const MINUTE = 60_000;
const home = (customerId: string) => `${customerId}.home@example.com`;
const work = (customerId: string) => `${customerId}.work@example.org`;

const status = (ticket: string) => stack.call('POST', '/enroll/status', { body: { ticket } });
const startWith = (ticket: string) => stack.call('POST', '/enroll/start', { body: { ticket } });
const noticeReport = (notice: string) => stack.call('POST', '/enroll/notice-report', { body: { notice } });
const endDelay = (customerId: string, body: unknown, token = officer) =>
  stack.call('POST', `/security/customers/${customerId}/recovery-delay/end`, { token, body });
const noticeIn = (text: string | undefined) => /#notice=([A-Za-z0-9_.%-]+)/.exec(text ?? '')?.[1] ?? '';
const eventsOf = async (customerId: string, type: string) =>
  (await auditEventsOf(stack, customerId)).filter((event) => event.type === type);

/** Within a minute of `minutes` from now: the API runs on the real clock. */
const expectAbout = (at: string, minutes: number) => {
  expect(Math.abs(new Date(at).getTime() - (Date.now() + minutes * MINUTE))).toBeLessThan(MINUTE);
};

/**
 * A customer with two further addresses on file, reset after a phone call: a privileged one (or one
 * verified without possession proof) needs a second admin, whose approval disables. Returns the
 * disable's answer and the mails.
 */
const resetOf = async (
  customerId: string,
  options: {
    privileged?: boolean;
    withoutPossession?: boolean;
    verifier?: string;
    requester?: string;
    approver?: string;
  } = {},
) => {
  await createCustomer(stack, customerId, {
    email: emailOf(customerId),
    notificationEmails: [home(customerId), work(customerId)],
    privileged: options.privileged ?? false,
  });
  await markEnrolled(stack, customerId);
  const verifier = options.verifier ?? agent;
  let verificationId: string;
  if (options.withoutPossession) {
    const started = await stack.call('POST', `/admin/customers/${customerId}/verifications`, {
      token: verifier,
      body: { channel: 'phone' },
    });
    verificationId = started.body.verificationId;
    for (const type of knowledgeChecks)
      await stack.call('POST', `/admin/verifications/${verificationId}/checks`, {
        token: verifier,
        body: { type, answer: type === 'EMAIL' ? emailOf(customerId) : genuineAnswers[type] },
      });
    const completed = await stack.call('POST', `/admin/verifications/${verificationId}/complete`, {
      token: verifier,
      body: { withoutPossessionProof: { reason: 'MAILBOX_ON_LOST_DEVICE' } },
    });
    expect(completed.body).toMatchObject({ outcome: 'PASSED', withoutPossessionProof: true });
  } else
    verificationId = await passVerification(stack, customerId, verifier, knowledgeChecks, {
      EMAIL: emailOf(customerId),
    });
  let disabled = await disable(customerId, verificationId, options.requester ?? admin);
  if (disabled.status === 202)
    disabled = await approve(disabled.body.approvalId, options.approver ?? secondAdmin);
  expect(disabled.status).toBe(200);
  await stack.poller?.drain();
  const mainMail = await mailOfKind(stack, emailOf(customerId), 'RESET');
  const noticeTo = (address: string) => mailOfKind(stack, address, 'RESET_NOTICE');
  return {
    verificationId,
    disabled: disabled.body,
    mainMail,
    ticket: ticketIn(mainMail),
    homeNotice: await noticeTo(home(customerId)),
    workNotice: await noticeTo(work(customerId)),
  };
};

describe('a privileged reset waits', () => {
  it('keeps the link closed for RECOVERY_DELAY_PRIVILEGED_MINUTES: status and mails say until when, start answers 409 RECOVERY_PENDING, a profile-page link waits too', async () => {
    const reset = await resetOf('rd-vip', { privileged: true });
    const availableAt: string = reset.disabled.recoveryAvailableAt;
    expectAbout(availableAt, 1440);

    const opened = await status(reset.ticket);
    expect(opened.body).toMatchObject({ state: 'VALID', availableAt });
    const refused = await startWith(reset.ticket);
    expect([refused.status, refused.body.error.code, refused.body.error.details]).toEqual([
      409,
      'RECOVERY_PENDING',
      { availableAt },
    ]);
    // A passkey waits as an app does: no options, no registration during the wait.
    const passkeyOptions = await stack.call('POST', '/enroll/passkey/options', {
      body: { ticket: reset.ticket },
    });
    expect([passkeyOptions.status, passkeyOptions.body.error.code]).toEqual([409, 'RECOVERY_PENDING']);
    const passkeyRegister = await stack.call('POST', '/enroll/passkey/register', {
      body: {
        ticket: reset.ticket,
        response: {
          id: 'x',
          rawId: 'x',
          type: 'public-key',
          response: { clientDataJSON: 'x', attestationObject: 'x' },
          clientExtensionResults: {},
        },
      },
    });
    expect(passkeyRegister.status).toBeGreaterThanOrEqual(400);
    expect(passkeyRegister.status).toBeLessThan(500);
    // A reload, a second try: the same answer, and nothing was started.
    expect((await startWith(reset.ticket)).status).toBe(409);
    const customer = await itemOf('customers', { customerId: 'rd-vip' });
    expect(customer?.pendingEnrollment).toBeUndefined();
    expect(await eventsOf('rd-vip', 'ENROLLMENT_STARTED')).toHaveLength(0);

    // The attacker who has the password asks the profile page for a link of their own: it waits too.
    const selfService = await stack.call('POST', '/internal/customers/rd-vip/2fa/enrollment-ticket', {
      token: await stack.serviceToken(),
    });
    expect(selfService.status).toBe(200);
    const own = /#ticket=([A-Za-z0-9_-]+)/.exec(selfService.body.enrollUrl)?.[1] ?? '';
    const ownStart = await startWith(own);
    expect([ownStart.status, ownStart.body.error.code]).toEqual([409, 'RECOVERY_PENDING']);
    // A link that waits lives its full time after it opens.
    expect(new Date(selfService.body.expiresAt).getTime()).toBe(
      new Date(availableAt).getTime() + 72 * 3_600_000,
    );

    // The mail and both notices say when, in the customer's language and the operator's time zone.
    const when = formatDateTime(availableAt, 'nl');
    expect(reset.mainMail?.body.text).toContain(`pas vanaf ${when}`);
    expect(reset.mainMail?.body.html).toContain(when);
    for (const notice of [reset.homeNotice, reset.workNotice]) {
      expect(notice?.body.text).toContain(`pas vanaf ${when}`);
      expect(notice?.body.text).not.toMatch(/ticket=/);
    }
    const disabledEvent = (await eventsOf('rd-vip', 'TWO_FA_DISABLED'))[0];
    expect(disabledEvent?.details).toMatchObject({
      recoveryAvailableAt: availableAt,
      recoveryDelayReason: 'PRIVILEGED',
      recoveryDelayMinutes: 1440,
    });
  });

  it('waits longest for a pass without possession proof (RECOVERY_DELAY_WITHOUT_POSSESSION_MINUTES)', async () => {
    const reset = await resetOf('rd-nocode', { withoutPossession: true });
    expectAbout(reset.disabled.recoveryAvailableAt, 4320);
    const profile = await stack.call('GET', '/admin/customers/rd-nocode', { token: admin });
    expect(profile.body.customer.recoveryDelay).toMatchObject({
      availableAt: reset.disabled.recoveryAvailableAt,
      reason: 'WITHOUT_POSSESSION',
    });
  });

  it('the standard case does not wait: the link opens at once and the mails name no wait', async () => {
    const reset = await resetOf('rd-plain');
    expectAbout(reset.disabled.recoveryAvailableAt, 0);
    const opened = await status(reset.ticket);
    expect(opened.body.state).toBe('VALID');
    expect(opened.body).not.toHaveProperty('availableAt');
    expect((await startWith(reset.ticket)).status).toBe(200);
    expect(reset.mainMail?.body.text).not.toContain('pas vanaf');
    // The notices still carry their own "this wasn't me" link.
    expect(noticeIn(reset.homeNotice?.body.text)).not.toBe('');
    const profile = await stack.call('GET', '/admin/customers/rd-plain', { token: admin });
    expect(profile.body.customer.recoveryDelay).toBeNull();
  });
});

describe("every address on file can stop it: the notice's own link", () => {
  it('a report from the second address cancels the pending recovery and locks it; twice, or from the third address, is harmless', async () => {
    const reset = await resetOf('rd-stop', { privileged: true });
    const homeToken = decodeURIComponent(noticeIn(reset.homeNotice?.body.text));
    const workToken = decodeURIComponent(noticeIn(reset.workNotice?.body.text));
    expect(homeToken).not.toBe('');
    expect(workToken).not.toBe(homeToken);
    // Each link is its address's: the stored notices name them, by the link's hash only.
    const stored = (await itemOf('customers', { customerId: 'rd-stop' }))?.recoveryNotices as Record<
      string,
      { address: string }
    >;
    expect(
      Object.values(stored)
        .map((notice) => notice.address)
        .sort(),
    ).toEqual([home('rd-stop'), work('rd-stop')].sort());
    expect(JSON.stringify(stored)).not.toContain(homeToken);

    const reported = await noticeReport(homeToken);
    expect([reported.status, reported.body]).toEqual([
      200,
      { status: 'RECOVERY_LOCKED', reportedAt: expect.any(String), alreadyReported: false },
    ]);
    expect(await twoFactorOf('rd-stop')).toBe('LOCKED');
    const customer = await itemOf('customers', { customerId: 'rd-stop' });
    expect(customer?.recoveryLockedAt).toBeDefined();
    expect(customer?.recoveryAvailableAt).toBeUndefined();
    // The mailed link no longer opens anything, not even after the wait would have ended.
    expect((await startWith(reset.ticket)).status).not.toBe(200);
    expect((await status(reset.ticket)).body).toMatchObject({ recoveryLocked: true });

    for (const again of [homeToken, workToken]) {
      const twice = await noticeReport(again);
      expect([twice.status, twice.body.alreadyReported, twice.body.reportedAt]).toEqual([
        200,
        true,
        reported.body.reportedAt,
      ]);
    }
    const reports = await eventsOf('rd-stop', 'UNAUTHORIZED_RESET_REPORTED');
    expect(reports).toHaveLength(1);
    expect(reports[0]?.details).toMatchObject({ ticketPurpose: 'NOTICE', previousStatus: 'DISABLED' });
    // The address is personal data: sealed in the audit, never in clear.
    expect(JSON.stringify(reports[0]?.details)).not.toContain(home('rd-stop'));
    expect(await securityMailAbout('rd-stop')).toBeDefined();
    // The existing release applies: the customer is in the officers' queue.
    const queue = await stack.call('GET', '/security/recovery-locks?limit=100', { token: officer });
    expect(queue.body.locks).toContainEqual(
      expect.objectContaining({
        customerId: 'rd-stop',
        report: expect.objectContaining({ ticketPurpose: 'NOTICE' }),
      }),
    );
    await expectIntactChain(stack, 'rd-stop');
  });

  it('parallel reports from both addresses lock once', async () => {
    const reset = await resetOf('rd-both', { privileged: true });
    const tokens = [reset.homeNotice, reset.workNotice, reset.homeNotice].map((mail) =>
      decodeURIComponent(noticeIn(mail?.body.text)),
    );
    const answers = await Promise.all(tokens.map(noticeReport));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(answers.filter((answer) => answer.body.alreadyReported === false)).toHaveLength(1);
    expect(await eventsOf('rd-both', 'UNAUTHORIZED_RESET_REPORTED')).toHaveLength(1);
  });

  it('refuses a made-up, altered or cross-customer link (404) and changes nothing', async () => {
    const reset = await resetOf('rd-forge', { privileged: true });
    const token = decodeURIComponent(noticeIn(reset.homeNotice?.body.text));
    const [prefix = '', secret = ''] = token.split('.');
    const otherCustomer = `${Buffer.from('rd-vip').toString('base64url')}.${secret}`;
    const flipped = `${prefix}.${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    for (const notice of ['x', `${prefix}.`, flipped, otherCustomer, `${token}.extra`, '..', prefix]) {
      const refused = await noticeReport(notice);
      expect([notice, refused.status, refused.body.error.code]).toEqual([notice, 404, 'NOTICE_UNKNOWN']);
    }
    const empty = await stack.call('POST', '/enroll/notice-report', { body: {} });
    expect(empty.status).toBe(400);
    expect(await twoFactorOf('rd-forge')).toBe('DISABLED');
    expect(await eventsOf('rd-forge', 'UNAUTHORIZED_RESET_REPORTED')).toHaveLength(0);
  });

  it("works only for its own reset: after the customer enrolled it says so, and a later reset's notices replace it", async () => {
    const first = await resetOf('rd-later');
    const oldToken = decodeURIComponent(noticeIn(first.homeNotice?.body.text));
    const started = await startWith(first.ticket);
    const app = authenticatorFrom(started.body.otpauthUri);
    const confirmed = await stack.call('POST', '/enroll/confirm', {
      body: { ticket: first.ticket, code: app.codeAt(Date.now()) },
    });
    expect(confirmed.body.twoFactor).toBe('ENABLED');
    const late = await noticeReport(oldToken);
    expect([late.status, late.body.error.code]).toEqual([410, 'RECOVERY_COMPLETED']);
    expect(await twoFactorOf('rd-later')).toBe('ENABLED');

    // A second reset (a recent one: a second admin approves) mails new notices.
    const verificationId = await passVerification(stack, 'rd-later', agent, knowledgeChecks, {
      EMAIL: emailOf('rd-later'),
    });
    const pending = await disable('rd-later', verificationId);
    expect((await approve(pending.body.approvalId)).status).toBe(200);
    await stack.poller?.drain();
    // The new reset replaced the old notices' links: the old one is simply unknown now.
    const superseded = await noticeReport(oldToken);
    expect([superseded.status, superseded.body.error.code]).toEqual([404, 'NOTICE_UNKNOWN']);
    const newToken = decodeURIComponent(
      noticeIn((await mailOfKind(stack, home('rd-later'), 'RESET_NOTICE'))?.body.text),
    );
    expect(newToken).not.toBe(oldToken);
    expect((await noticeReport(newToken)).body.alreadyReported).toBe(false);
  });
});

describe('who can cut the wait short', () => {
  it('shows the countdown and the reset staff; an officer who took no part ends it with a reason, and the customer gets in', async () => {
    const verifierOfficer = await stack.token('agent-olga', ['helpdesk', 'security']);
    const disablerOfficer = await stack.token('admin-piet', ['admin', 'security']);
    const requesterOfficer = await stack.token('admin-riek', ['admin', 'security']);
    const reset = await resetOf('rd-end', {
      privileged: true,
      verifier: verifierOfficer,
      requester: requesterOfficer,
      approver: disablerOfficer,
    });
    const availableAt: string = reset.disabled.recoveryAvailableAt;
    const caseView = await stack.call('GET', '/security/customers/rd-end/recovery-lock', { token: officer });
    expect(caseView.body.recoveryDelay).toEqual({
      availableAt,
      reason: 'PRIVILEGED',
      caseId: reset.verificationId,
      staff: { verifiedBy: 'agent-olga', requestedBy: 'admin-riek', approvedBy: 'admin-piet' },
    });

    const reason = { reason: 'Klant teruggebeld op nummer in dossier, bevestigt verzoek' };
    const refusals = [
      [verifierOfficer, reason, 403, 'DELAY_ENDER_IS_VERIFIER'],
      [disablerOfficer, reason, 403, 'DELAY_ENDER_IS_DISABLER'],
      [requesterOfficer, reason, 403, 'DELAY_ENDER_IS_DISABLER'],
      // Helpdesk and admin roles without the security role: not their decision.
      [admin, reason, 403, 'FORBIDDEN'],
      [agent, reason, 403, 'FORBIDDEN'],
      [officer, {}, 400, 'INVALID_REQUEST'],
      [officer, { reason: '  ' }, 400, 'INVALID_REQUEST'],
      [officer, { reason: 'ok', extra: true }, 400, 'INVALID_REQUEST'],
    ] as const;
    for (const [token, body, code, error] of refusals) {
      const refused = await endDelay('rd-end', body, token);
      expect([refused.status, refused.body.error.code]).toEqual([code, error]);
    }
    expect((await status(reset.ticket)).body.availableAt).toBe(availableAt);
    expect(await eventsOf('rd-end', 'RECOVERY_DELAY_ENDED')).toHaveLength(0);

    // Five parallel ends by two officers: exactly one commits, the others find no wait left.
    const ends = await Promise.all(
      [0, 1, 2, 3, 4].map((index) =>
        endDelay('rd-end', { reason: `${reason.reason} (${index})` }, index % 2 ? secondOfficer : officer),
      ),
    );
    expect(ends.filter((end) => end.status === 200)).toHaveLength(1);
    for (const end of ends.filter((answer) => answer.status !== 200))
      expect([end.status, end.body.error.code]).toEqual([
        409,
        expect.stringMatching(/^(NO_RECOVERY_DELAY|CONCURRENT_CHANGE)$/),
      ]);
    const ended = await eventsOf('rd-end', 'RECOVERY_DELAY_ENDED');
    expect(ended).toHaveLength(1);
    expect(ended[0]?.details).toMatchObject({
      actorRole: 'security',
      availableAtWas: availableAt,
      verifiedBy: 'agent-olga',
      disabledBy: 'admin-piet',
    });
    expect(JSON.stringify(ended[0]?.details)).not.toContain('teruggebeld');
    const again = await endDelay('rd-end', reason);
    expect([again.status, again.body.error.code]).toEqual([409, 'NO_RECOVERY_DELAY']);

    // The real owner's link opens now.
    expect((await status(reset.ticket)).body).not.toHaveProperty('availableAt');
    const started = await startWith(reset.ticket);
    expect(started.status).toBe(200);
    const app = authenticatorFrom(started.body.otpauthUri);
    const confirmed = await stack.call('POST', '/enroll/confirm', {
      body: { ticket: reset.ticket, code: app.codeAt(Date.now()) },
    });
    expect(confirmed.body.twoFactor).toBe('ENABLED');
    await expectIntactChain(stack, 'rd-end');
  });

  it('refuses to end what is not waiting: a standard reset, an unknown customer', async () => {
    await resetOf('rd-nothing');
    const nothing = await endDelay('rd-nothing', { reason: 'called back' });
    expect([nothing.status, nothing.body.error.code]).toEqual([409, 'NO_RECOVERY_DELAY']);
    const unknown = await endDelay('rd-nobody', { reason: 'called back' });
    expect(unknown.status).toBe(404);
  });
});

describe('the honest side', () => {
  it('the real owner who waits gets in after availableAt, with the link from the mail', async () => {
    const reset = await resetOf('rd-honest', { privileged: true });
    expect((await startWith(reset.ticket)).status).toBe(409);
    // The day passes.
    await setStored('customers', { customerId: 'rd-honest' }, { recoveryAvailableAt: minutesAgo(1) });
    const opened = await status(reset.ticket);
    expect(opened.body.state).toBe('VALID');
    expect(opened.body).not.toHaveProperty('availableAt');
    const started = await startWith(reset.ticket);
    expect(started.status).toBe(200);
    // A reload on the phone hands out the same QR code.
    expect((await startWith(reset.ticket)).body.secret).toBe(started.body.secret);
    const app = authenticatorFrom(started.body.otpauthUri);
    const confirmed = await stack.call('POST', '/enroll/confirm', {
      body: { ticket: reset.ticket, code: app.codeAt(Date.now()) },
    });
    expect(confirmed.body.twoFactor).toBe('ENABLED');
    expect(await twoFactorOf('rd-honest')).toBe('ENABLED');
  });
});
