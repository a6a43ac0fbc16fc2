// The outside review's findings about the reset itself, each tried again through the local API the way an
// attacker or a coached insider would, and each refused: four eyes, the freshness rule on approval, silent record
// changes, evidence pushed out of view, the velocity limits. Time passing is simulated by moving stored timestamps
// back (the API runs on the real clock); nothing of our own is mocked.
import { auditEventsOf } from '../support/audit';
import { createCustomer, markEnrolled, passVerification } from '../support/fixtures';
import { minutesAgo } from '../support/stored-items';
import {
  stack,
  agent,
  admin,
  thirdAdmin,
  start,
  unknown,
  complete,
  disable,
  approve,
  twoFactorOf,
  itemOf,
  setStored,
  knowledge,
  securityMailAbout,
  useHelpdeskAttackStack,
} from '../support/helpdesk-attack-stack';

useHelpdeskAttackStack();

describe('finding 2: no one-person reset — four eyes between verifying and disabling', () => {
  it('refuses a token with helpdesk and admin that verified the caller and now disables the same case; another admin can', async () => {
    await createCustomer(stack, 'a2-both', { email: 'a2-both@example.nl' });
    await markEnrolled(stack, 'a2-both');
    const both = await stack.token('staff-both', ['helpdesk', 'admin']);
    const id = await passVerification(stack, 'a2-both', both, knowledge, { EMAIL: 'a2-both@example.nl' });
    const self = await disable('a2-both', id, both);
    expect([self.status, self.body.error.code]).toEqual([403, 'DISABLER_IS_VERIFIER']);
    expect(await twoFactorOf('a2-both')).toBe('ENABLED');
    const other = await disable('a2-both', id, admin);
    expect(other.status).toBe(200);
    const events = await auditEventsOf(stack, 'a2-both');
    expect(events.find((event) => event.type === 'TWO_FA_DISABLED')?.details).toMatchObject({
      verifiedBy: 'staff-both',
      samePersonVerifiedAndDisabled: false,
    });
  });

  it('refuses the verifier as approver of a disable someone else requested', async () => {
    await createCustomer(stack, 'a2-approve', { email: 'a2-approve@example.nl', privileged: true });
    await markEnrolled(stack, 'a2-approve');
    const both = await stack.token('staff-both2', ['helpdesk', 'admin']);
    const id = await passVerification(stack, 'a2-approve', both, knowledge, {
      EMAIL: 'a2-approve@example.nl',
    });
    const pending = await disable('a2-approve', id, admin);
    expect(pending.status).toBe(202);
    const self = await approve(pending.body.approvalId, both);
    expect([self.status, self.body.error.code]).toEqual([403, 'APPROVER_IS_VERIFIER']);
    expect(await twoFactorOf('a2-approve')).toBe('ENABLED');
  });
});

describe('finding 6: approve re-applies the freshness rule', () => {
  it('refuses a second admin approving on a verification older than the maximum age, with 409 VERIFICATION_STALE', async () => {
    await createCustomer(stack, 'a6-stale', { email: 'a6-stale@example.nl', privileged: true });
    await markEnrolled(stack, 'a6-stale');
    const id = await passVerification(stack, 'a6-stale', agent, knowledge, { EMAIL: 'a6-stale@example.nl' });
    const parked = await disable('a6-stale', id);
    expect(parked.status).toBe(202);
    await setStored('verifications', { verificationId: id }, { completedAt: minutesAgo(31) });
    const late = await approve(parked.body.approvalId);
    expect([late.status, late.body.error.code]).toEqual([409, 'VERIFICATION_STALE']);
    expect(await twoFactorOf('a6-stale')).toBe('ENABLED');
  });
});

describe('finding 7: no silent record changes', () => {
  it('keeps privileged when a sync leaves the field out, and audits every change of email, name or privileged without the values', async () => {
    const service = await stack.serviceToken();
    await createCustomer(stack, 'a7-sync', { email: 'a7-old@example.nl', privileged: true });
    const sync = (overrides: Record<string, unknown>) =>
      stack.call('PUT', '/internal/customers/a7-sync', {
        token: service,
        body: {
          email: 'a7-old@example.nl',
          fullName: 'Jan de Vries',
          locale: 'nl',
          chargePointIds: ['NL-VPK-00017'],
          ...overrides,
        },
      });
    expect((await sync({})).status).toBe(200);
    expect((await itemOf('customers', { customerId: 'a7-sync' }))?.privileged).toBe(true);
    const changes = async () =>
      (await auditEventsOf(stack, 'a7-sync')).filter((event) => event.type === 'CUSTOMER_RECORD_CHANGED');
    expect(await changes()).toHaveLength(0);

    await sync({ privileged: false });
    await sync({ privileged: false, email: 'a7-new@example.nl', fullName: 'Jan van Vries' });
    const recorded = await changes();
    expect(recorded.map((event) => event.details)).toEqual([
      {
        emailChanged: false,
        nameChanged: false,
        privilegedChanged: true,
        privilegedBefore: true,
        privilegedAfter: false,
      },
      {
        emailChanged: true,
        nameChanged: true,
        privilegedChanged: false,
        privilegedBefore: false,
        privilegedAfter: false,
      },
    ]);
    expect(JSON.stringify(recorded)).not.toMatch(/a7-old|a7-new|Vries/);
  });
});

describe('finding 8: no evidence pushed out of view', () => {
  it('holds at most 30 checks in a session and answers the 31st with a clear 409', async () => {
    await createCustomer(stack, 'a8-checks');
    const id = (await start('a8-checks')).body.verificationId;
    for (let index = 0; index < 30; index += 1)
      expect((await unknown(id, 'LAST_LOGIN_DATE')).status).toBe(201);
    const over = await unknown(id, 'LAST_LOGIN_DATE');
    expect([over.status, over.body.error.code]).toEqual([409, 'TOO_MANY_CHECKS']);
    expect(
      (await stack.call('GET', `/admin/verifications/${id}`, { token: agent })).body.checks,
    ).toHaveLength(30);
  });

  it('pages the profile through every session and every audit event, so a disable is never out of reach', async () => {
    await createCustomer(stack, 'a8-pages', { email: 'a8-pages@example.nl' });
    await markEnrolled(stack, 'a8-pages');
    const pagesAgent = await stack.helpdeskToken('agent-hugo');
    const passed = await passVerification(stack, 'a8-pages', pagesAgent, knowledge, {
      EMAIL: 'a8-pages@example.nl',
    });
    expect((await disable('a8-pages', passed, await stack.adminToken('admin-hans'))).status).toBe(200);
    // Then eleven sessions and many checks are piled on top of it.
    for (let round = 0; round < 11; round += 1) {
      const id = (await start('a8-pages')).body.verificationId;
      await unknown(id, 'COMPANY_INFO');
      await unknown(id, 'LAST_LOGIN_DATE');
      await complete(id);
    }
    /** Follows one list's cursor from the first page to the last. */
    const walk = async <T>(list: 'Verifications' | 'Events', pick: (body: any) => T[]) => {
      const all: T[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = cursor
          ? `?${list === 'Events' ? 'eventsCursor' : 'verificationsCursor'}=${cursor}`
          : '';
        const page = await stack.call('GET', `/admin/customers/a8-pages${query}`, { token: agent });
        expect(page.status).toBe(200);
        all.push(...pick(page.body));
        cursor = page.body[`next${list}Cursor`];
        pages += 1;
      } while (cursor && pages < 20);
      return { all, pages };
    };
    const sessions = await walk('Verifications', (body) =>
      body.recentVerifications.map((item: { verificationId: string }) => item.verificationId),
    );
    const events = await walk('Events', (body) =>
      body.recentEvents.map((event: { seq: number }) => event.seq),
    );
    expect([sessions.pages, new Set(sessions.all).size]).toEqual([2, 12]);
    expect(sessions.all).toContain(passed);
    const chain = await auditEventsOf(stack, 'a8-pages');
    expect(events.pages).toBeGreaterThan(2);
    expect(events.all).toEqual(chain.map((event) => event.seq).reverse());
    const forged = await stack.call(
      'GET',
      `/admin/customers/a8-pages?eventsCursor=${Buffer.from('{"seq":"1"}').toString('base64url')}`,
      {
        token: agent,
      },
    );
    expect([forged.status, forged.body.error.code]).toEqual([400, 'INVALID_CURSOR']);
  });
});

describe('the reported problem', () => {
  it('is stored on the session from the manual’s list and shown in the audit; anything else is refused', async () => {
    await createCustomer(stack, 'a-problem');
    const odd = await start('a-problem', agent, { channel: 'phone', reportedProblem: 'FORGOT_PASSWORD' });
    expect(odd.status).toBe(400);
    const id = (await start('a-problem', agent, { channel: 'chat', reportedProblem: 'NEW_PHONE' })).body
      .verificationId;
    expect(
      (await stack.call('GET', `/admin/verifications/${id}`, { token: agent })).body.reportedProblem,
    ).toBe('NEW_PHONE');
    await unknown(id, 'COMPANY_INFO');
    await complete(id);
    const events = await auditEventsOf(stack, 'a-problem');
    expect(events.find((event) => event.type === 'VERIFICATION_STARTED')?.details.reportedProblem).toBe(
      'NEW_PHONE',
    );
    expect(events.find((event) => event.type === 'VERIFICATION_COMPLETED')?.details.reportedProblem).toBe(
      'NEW_PHONE',
    );
  });
});

describe('velocity limits against a helpdesk attack wave', () => {
  it('turns an admin’s fourth disable within an hour into a second-admin approval and mails security', async () => {
    const results: number[] = [];
    // Four agents who each pass one caller: only the admin's pace is unusual here.
    const agents = await Promise.all(
      ['fenna', 'gijs', 'ilse', 'joep'].map((name) => stack.helpdeskToken(`agent-${name}`)),
    );
    for (const [index, token] of agents.entries()) {
      const customerId = `av-admin-${index}`;
      await createCustomer(stack, customerId, { email: `${customerId}@example.nl` });
      await markEnrolled(stack, customerId);
      const id = await passVerification(stack, customerId, token, knowledge, {
        EMAIL: `${customerId}@example.nl`,
      });
      const response = await disable(customerId, id, thirdAdmin);
      results.push(response.status);
      if (index === 3) {
        expect(response.body.approvalReasons).toEqual(['ADMIN_VELOCITY']);
        expect((await securityMailAbout(customerId))?.body.text).toContain('uitschakelingen door deze admin');
      }
    }
    expect(results).toEqual([200, 200, 200, 202]);
  });

  it('turns the disable of an agent’s sixth passed verification within an hour into a second-admin approval', async () => {
    const fast = await stack.helpdeskToken('agent-snel');
    const admins = await Promise.all(
      ['v1', 'v1', 'v2', 'v2', 'v3', 'v3'].map((name) => stack.adminToken(`admin-${name}`)),
    );
    const results: unknown[] = [];
    for (let index = 0; index < 6; index += 1) {
      const customerId = `av-agent-${index}`;
      await createCustomer(stack, customerId, { email: `${customerId}@example.nl` });
      await markEnrolled(stack, customerId);
      const id = await passVerification(stack, customerId, fast, knowledge, {
        EMAIL: `${customerId}@example.nl`,
      });
      const response = await disable(customerId, id, admins[index]);
      results.push(response.status === 202 ? response.body.approvalReasons : response.status);
    }
    expect(results).toEqual([200, 200, 200, 200, 200, ['AGENT_VELOCITY']]);
  });
});
