// Attacks on the ways in: forged, unsigned, re-signed and expired tokens on every protected route; a
// ticket or a verification of one customer used in another customer's context; and whether a refusal
// tells an unknown ticket from a malformed one (it must not). Where answers legitimately differ — the
// login service is a trusted IAM caller that must tell "no such customer" from "wrong code" — the
// difference is pinned here, so it stays the documented one.
import { SignJWT, base64url, generateKeyPair } from 'jose';
import { randomBytes } from 'node:crypto';
import { routes } from '../../lib/routes';
import { base32Decode } from '../../lib/totp/base32';
import { totpAt } from '../../lib/totp/totp';
import { LOCAL_AUDIENCE } from '../../local/token-issuer';
import { passedVerification, writeEnrolledCustomers, writeTicketHolders } from '../../bench/fixtures';
import { auditEventsOf } from '../support/audit';
import { startTestStack, type TestStack } from '../support/stack';
import { customerItem } from '../integration/enrollment-helpers';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ pollStreams: false });
});
afterAll(async () => {
  await stack?.stop();
});

const protectedRoutes = routes.filter((route) => route.auth.type !== 'none');
const samplePath = (path: string) =>
  path
    .replace('{customerId}', 'sec-nobody')
    .replace('{verificationId}', '01JABCDEFGHJKMNPQRSTVWXYZ0')
    .replace('{approvalId}', '01JABCDEFGHJKMNPQRSTVWXYZ1');

const decodeJson = (part: string) =>
  JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
const encodeJson = (value: unknown) => base64url.encode(JSON.stringify(value));

/**
 * Tokens an attacker could bring, each refused by the authorizer before any handler runs: 401 from the
 * JWT authorizer, 403 from the IAM authorizer of the login service routes (a token is no signature).
 */
const attackerTokens = async () => {
  const genuine = await stack.token('sec-helpdesk', ['helpdesk']);
  const [header = '', payload = '', signature = ''] = genuine.split('.');
  const claims = decodeJson(payload);
  const escalated = encodeJson({ ...claims, 'cognito:groups': ['admin', 'helpdesk', 'service'] });
  const foreign = await generateKeyPair('RS256');
  const kid = decodeJson(header).kid as string;
  return {
    // The signature of another payload: groups escalated after signing.
    'tampered payload': `${header}.${escalated}.${signature}`,
    // RFC 7519 "none": no signature at all.
    'alg none': `${encodeJson({ alg: 'none', typ: 'JWT' })}.${escalated}.`,
    'alg none, signature kept': `${encodeJson({ alg: 'none', kid })}.${escalated}.${signature}`,
    // Key confusion: HS256 "signed" with a guessable secret, claiming the real key id.
    'HS256 with the kid of the RSA key': await new SignJWT({ 'cognito:groups': ['admin', 'service'] })
      .setProtectedHeader({ alg: 'HS256', kid })
      .setSubject('attacker')
      .setIssuer(stack.issuer.issuer)
      .setAudience(LOCAL_AUDIENCE)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(JSON.stringify(stack.issuer.jwks))),
    // Right issuer, audience and kid, wrong key.
    'signed by another key with our kid': await new SignJWT({ 'cognito:groups': ['admin', 'service'] })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setSubject('attacker')
      .setIssuer(stack.issuer.issuer)
      .setAudience(LOCAL_AUDIENCE)
      .setExpirationTime('1h')
      .sign(foreign.privateKey),
    expired: await stack.token('sec-admin', ['admin', 'helpdesk', 'service'], { expiresInSeconds: -120 }),
    'signature truncated': genuine.slice(0, -4),
    'not a JWT': 'Bearer-looking-but-not-a-token',
  };
};

describe('forged, unsigned and expired tokens', () => {
  it('are refused with 401 on every staff route and 403 on every IAM route, and nothing is written', async () => {
    const tokens = await attackerTokens();
    const before = (await auditEventsOf(stack, 'sec-nobody')).length;
    for (const route of protectedRoutes) {
      for (const [kind, token] of Object.entries(tokens)) {
        const response = await stack.call(
          route.method,
          `${samplePath(route.path)}${route.query ? '?query=jan' : ''}`,
          {
            token,
            ...(route.body ? { body: {} } : {}),
          },
        );
        expect({ route: `${route.method} ${route.path}`, kind, status: response.status }).toEqual({
          route: `${route.method} ${route.path}`,
          kind,
          status: route.auth.type === 'iam' ? 403 : 401,
        });
        expect(response.body.error.code).toMatch(/^[A-Z_]+$/);
      }
    }
    expect(await auditEventsOf(stack, 'sec-nobody')).toHaveLength(before);
  });
});

describe("one customer's ticket or verification in another customer's context", () => {
  it("a ticket cannot confirm or start anything for another customer, nor accept the other's code", async () => {
    // Reset tickets, as mailed after a helpdesk disable: the kind "this wasn't me" works with.
    const [ticketA = '', ticketB = ''] = await writeTicketHolders(['sec-ta', 'sec-tb'], 'RESET');
    const startedA = await stack.call('POST', '/enroll/start', { body: { ticket: ticketA } });
    expect(startedA.status).toBe(200);
    const codeOfA = () => totpAt(base32Decode(startedA.body.secret), new Date());
    const pendingA = (await customerItem(stack, 'sec-ta'))?.pendingEnrollment;

    // B's ticket with A's code: B has nothing pending, and A's enrollment is not touched.
    const crossed = await stack.call('POST', '/enroll/confirm', {
      body: { ticket: ticketB, code: codeOfA() },
    });
    expect(crossed.status).toBe(409);
    expect(crossed.body.error.code).toBe('NO_PENDING_ENROLLMENT');
    expect((await customerItem(stack, 'sec-ta'))?.pendingEnrollment).toEqual(pendingA);
    expect((await customerItem(stack, 'sec-tb'))?.twoFactor).toBe('DISABLED');

    // B starts its own enrollment; A's ticket with B's code is a wrong code for A.
    const startedB = await stack.call('POST', '/enroll/start', { body: { ticket: ticketB } });
    expect(startedB.status).toBe(200);
    const wrong = await stack.call('POST', '/enroll/confirm', {
      body: { ticket: ticketA, code: totpAt(base32Decode(startedB.body.secret), new Date()) },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('WRONG_CODE');

    // "This wasn't me" with B's ticket locks B only.
    expect((await stack.call('POST', '/enroll/report', { body: { ticket: ticketB } })).status).toBe(200);
    expect((await customerItem(stack, 'sec-tb'))?.recoveryLockedAt).toBeDefined();
    expect((await customerItem(stack, 'sec-ta'))?.recoveryLockedAt).toBeUndefined();
    const confirmedA = await stack.call('POST', '/enroll/confirm', {
      body: { ticket: ticketA, code: codeOfA() },
    });
    expect(confirmedA.status).toBe(200);
  });

  it("a passed verification of one customer cannot disable another customer's 2FA", async () => {
    await writeEnrolledCustomers(['sec-va', 'sec-vb']);
    const verificationOfA = await passedVerification('sec-va', 'agent-sec');
    const eventsOfB = (await auditEventsOf(stack, 'sec-vb')).length;
    const response = await stack.call('POST', '/admin/customers/sec-vb/2fa/disable', {
      token: await stack.adminToken('admin-sec'),
      body: { verificationId: verificationOfA, reason: 'lost phone' },
    });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('VERIFICATION_OTHER_CUSTOMER');
    expect((await customerItem(stack, 'sec-vb'))?.twoFactor).toBe('ENABLED');
    expect(await auditEventsOf(stack, 'sec-vb')).toHaveLength(eventsOfB);
    // The verification is still unused: it can still serve the customer it belongs to.
    const own = await stack.call('POST', '/admin/customers/sec-va/2fa/disable', {
      token: await stack.adminToken('admin-sec'),
      body: { verificationId: verificationOfA, reason: 'lost phone' },
    });
    expect(own.status).toBe(200);
  });

  it("one customer's valid TOTP code is a wrong code for another customer", async () => {
    const [a, b] = await writeEnrolledCustomers(['sec-la', 'sec-lb']);
    const now = new Date();
    const codeOfA = totpAt(a?.key as Buffer, now);
    // One chance in a million that both phones show the same code; then the test proves nothing, so skip it.
    if (codeOfA === totpAt(b?.key as Buffer, now)) return;
    const response = await stack.call('POST', '/internal/customers/sec-lb/2fa/verify', {
      token: await stack.serviceToken(),
      body: { code: codeOfA },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ valid: false, reason: 'WRONG_CODE' });
  });
});

const headerNames = (headers: Headers) => {
  const names: string[] = [];
  headers.forEach((_, name) => names.push(name));
  return names.sort();
};

const median = (values: number[]) =>
  [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] as number;

describe('what a refusal gives away', () => {
  it('an unknown, a malformed and a never-issued ticket are answered alike: status, body and headers, and in about the same time', async () => {
    const variants = {
      unknown: () => randomBytes(32).toString('base64url'),
      malformed: () => `!!${randomBytes(5).toString('hex')}`,
      'longest allowed': () => randomBytes(96).toString('base64url'),
    };
    const answers: Record<string, { status: number; body: any; headers: string[] }[]> = {};
    const times: Record<string, number[]> = {};
    for (let round = 0; round < 15; round += 1) {
      for (const [name, make] of Object.entries(variants)) {
        const started = performance.now();
        const response = await stack.call('POST', '/enroll/start', { body: { ticket: make() } });
        (times[name] ??= []).push(performance.now() - started);
        (answers[name] ??= []).push({
          status: response.status,
          body: { ...response.body, error: { ...response.body.error, requestId: '(differs)' } },
          headers: headerNames(response.headers),
        });
      }
    }
    const [first, ...rest] = Object.values(answers).flat();
    expect(first?.status).toBe(404);
    expect(first?.body.error.code).toBe('TICKET_UNKNOWN');
    for (const answer of rest) expect(answer).toEqual(first);
    // The same work for all three (one hash, one GetItem); medians within a generous margin for a busy machine.
    const medians = Object.values(times).map(median);
    expect(Math.max(...medians)).toBeLessThan(Math.min(...medians) * 2 + 5);
  });

  it('the login service (a trusted IAM caller) is told unknown customer, 2FA off and wrong code apart, as documented', async () => {
    const service = await stack.serviceToken();
    await writeEnrolledCustomers(['sec-known']);
    await writeTicketHolders(['sec-off']);
    const verify = (customerId: string) =>
      stack.call('POST', `/internal/customers/${customerId}/2fa/verify`, {
        token: service,
        body: { code: '000000' },
      });
    const unknown = await verify('sec-nobody-at-all');
    const off = await verify('sec-off');
    const wrong = await verify('sec-known');
    expect([unknown.status, unknown.body.error?.code]).toEqual([404, 'CUSTOMER_NOT_FOUND']);
    expect([off.status, off.body.error?.code]).toEqual([409, 'TWO_FA_NOT_ENABLED']);
    expect([wrong.status, wrong.body.valid, wrong.body.reason]).toEqual([200, false, 'WRONG_CODE']);
  });

  it('staff searching for someone who is not there get the same shape as a search with hits', async () => {
    const helpdesk = await stack.helpdeskToken('agent-sec');
    const none = await stack.call('GET', '/admin/customers?query=nobodyhasthisname', { token: helpdesk });
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ customers: [], nextCursor: null });
  });
});
