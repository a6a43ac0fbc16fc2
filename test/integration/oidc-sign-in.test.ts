// The console's sign-in locally: the local OpenID provider (oidc-provider, mounted under the API)
// signs staff in with authorization code + PKCE, and the local API accepts its access tokens the way
// API Gateway's JWT authorizer accepts Cognito's: right signature, issuer, audience, not expired.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { CONSOLE_CLIENT_ID, startLocalOidcProvider, type LocalOidcProvider } from '../../local/oidc-provider';
import type { LocalStaffUsername } from '../../local/staff';
import { authorize, redeemCode, signInAtProvider } from '../support/oidc-flow';
import { startTestStack, type TestStack } from '../support/stack';

const ACCESS_TOKEN_TTL = 8;
let stack: TestStack;
const servers: Server[] = [];

beforeAll(async () => {
  stack = await startTestStack({
    pollStreams: false,
    oidc: { accessTokenTtlSeconds: ACCESS_TOKEN_TTL, otherClientIds: ['mfa-recovery-reports'] },
  });
  // The handler's first load is slow; the short-lived tokens below should not pay for it.
  await stack.call('GET', '/admin/approvals', { token: await stack.adminToken() });
});
afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  await stack?.stop();
});

const consoleClient = () => ({
  issuer: stack.oidcIssuer,
  clientId: CONSOLE_CLIENT_ID,
  redirectUri: `${stack.apiUrl}/console/`,
});

const tokensOf = (username: LocalStaffUsername, client = consoleClient()) =>
  signInAtProvider({ ...client, username, password: stack.staffPasswords[username] });

/** Another OpenID provider on its own port: the same software and staff, but not the one the API trusts. */
const otherProvider = async (issuerOf: (origin: string) => string) => {
  const mounted: { provider?: LocalOidcProvider } = {};
  const server = createServer((request, response) => {
    void (mounted.provider?.handle(request, response) ?? Promise.resolve(false)).then((handled) => {
      if (!handled) response.writeHead(404).end();
    });
  });
  servers.push(server);
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  mounted.provider = startLocalOidcProvider({
    issuer: issuerOf(origin),
    consoleUrl: `${stack.apiUrl}/console/`,
    passwords: stack.staffPasswords,
  });
  return { url: `${origin}/local/oidc` };
};

describe('the local OpenID provider', () => {
  it('signs staff in with code + PKCE and issues JWT access tokens like Cognito’s, which the API accepts by their groups', async () => {
    const anna = await tokensOf('admin-anna');
    expect(decodeProtectedHeader(anna.access_token)).toMatchObject({ alg: 'RS256' });
    expect(decodeJwt(anna.access_token)).toMatchObject({
      iss: stack.oidcIssuer,
      sub: 'admin-anna',
      client_id: CONSOLE_CLIENT_ID,
      aud: CONSOLE_CLIENT_ID,
      token_use: 'access',
      'cognito:groups': ['admin'],
    });
    expect(decodeJwt(anna.id_token)).toMatchObject({
      sub: 'admin-anna',
      aud: CONSOLE_CLIENT_ID,
      email: 'anna@helpdesk.local',
      'cognito:groups': ['admin'],
    });
    expect((await stack.call('GET', '/admin/approvals', { token: anna.access_token })).status).toBe(200);

    const bram = await tokensOf('agent-bram');
    expect(decodeJwt(bram.access_token)['cognito:groups']).toEqual(['helpdesk']);
    expect(
      (await stack.call('GET', '/admin/customers?query=nobody', { token: bram.access_token })).status,
    ).toBe(200);
    expect((await stack.call('GET', '/admin/approvals', { token: bram.access_token })).status).toBe(403);

    const fatima = await tokensOf('officer-fatima');
    expect((await stack.call('GET', '/security/recovery-locks', { token: fatima.access_token })).status).toBe(
      200,
    );
    expect((await stack.call('GET', '/admin/approvals', { token: fatima.access_token })).status).toBe(403);
  });

  it('refuses a wrong password, a password of someone else and a person it does not know', async () => {
    const client = consoleClient();
    await expect(authorize({ ...client, username: 'admin-anna', password: 'wrong' })).rejects.toThrow(
      'refused the sign-in (401)',
    );
    await expect(
      authorize({ ...client, username: 'admin-anna', password: stack.staffPasswords['agent-bram'] }),
    ).rejects.toThrow('refused the sign-in (401)');
    await expect(
      authorize({ ...client, username: 'mallory', password: stack.staffPasswords['agent-bram'] }),
    ).rejects.toThrow('refused the sign-in (401)');
  });

  it('redeems a code once, only with its PKCE verifier and redirect URI', async () => {
    const client = consoleClient();
    const first = await authorize({
      ...client,
      username: 'agent-cees',
      password: stack.staffPasswords['agent-cees'],
    });
    const wrongVerifier = await redeemCode(client, first.code, `${first.verifier.slice(0, -4)}AAAA`);
    expect(wrongVerifier).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });

    const second = await authorize({
      ...client,
      username: 'agent-cees',
      password: stack.staffPasswords['agent-cees'],
    });
    const elsewhere = await redeemCode(
      { ...client, redirectUri: `${stack.apiUrl}/enroll/` },
      second.code,
      second.verifier,
    );
    expect(elsewhere).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });

    const third = await authorize({
      ...client,
      username: 'agent-cees',
      password: stack.staffPasswords['agent-cees'],
    });
    expect((await redeemCode(client, third.code, third.verifier)).status).toBe(200);
    const replayed = await redeemCode(client, third.code, third.verifier);
    expect(replayed).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('refuses an authorization request without PKCE', async () => {
    const url = new URL(`${stack.oidcIssuer}/auth`);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: CONSOLE_CLIENT_ID,
      redirect_uri: `${stack.apiUrl}/console/`,
      scope: 'openid',
      state: 'x',
    }).toString();
    const response = await fetch(url, { redirect: 'manual' });
    const back = new URL(response.headers.get('location') ?? '', url);
    expect(back.pathname).toBe('/console/');
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('code')).toBeNull();
  });

  it('the API refuses a token of another app client, another provider, a provider posing as ours, and an expired one', async () => {
    const reports = await tokensOf('admin-anna', { ...consoleClient(), clientId: 'mfa-recovery-reports' });
    expect(decodeJwt(reports.access_token)).toMatchObject({
      iss: stack.oidcIssuer,
      aud: 'mfa-recovery-reports',
    });
    expect((await stack.call('GET', '/admin/approvals', { token: reports.access_token })).status).toBe(401);

    const other = await otherProvider((origin) => `${origin}/local/oidc`);
    const foreign = await tokensOf('admin-anna', { ...consoleClient(), issuer: other.url });
    expect(decodeJwt(foreign.access_token).aud).toBe(CONSOLE_CLIENT_ID);
    expect((await stack.call('GET', '/admin/approvals', { token: foreign.access_token })).status).toBe(401);

    // Same issuer name, same client, other keys: only the signature gives it away.
    const impostor = await otherProvider(() => stack.oidcIssuer);
    const posing = await signInAtProvider({
      issuer: impostor.url,
      clientId: CONSOLE_CLIENT_ID,
      redirectUri: `${stack.apiUrl}/console/`,
      username: 'admin-anna',
      password: stack.staffPasswords['admin-anna'],
    });
    expect(decodeJwt(posing.access_token).iss).toBe(stack.oidcIssuer);
    expect((await stack.call('GET', '/admin/approvals', { token: posing.access_token })).status).toBe(401);

    const anna = await tokensOf('admin-anna');
    expect((await stack.call('GET', '/admin/approvals', { token: anna.access_token })).status).toBe(200);
    const expiresAt = (decodeJwt(anna.access_token).exp ?? 0) * 1000;
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(ACCESS_TOKEN_TTL * 1000);
    await new Promise((done) => setTimeout(done, expiresAt - Date.now() + 1100));
    expect((await stack.call('GET', '/admin/approvals', { token: anna.access_token })).status).toBe(401);
  }, 30000);

  it('signs out a tab the provider holds no session for (a restart) with a page policy the browser accepts', async () => {
    const url = new URL(`${stack.oidcIssuer}/session/end`);
    url.search = new URLSearchParams({
      client_id: CONSOLE_CLIENT_ID,
      post_logout_redirect_uri: `${stack.apiUrl}/console/`,
    }).toString();
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(200);
    const page = await response.text();
    const scriptSrc = /script-src ([^;]*)/.exec(response.headers.get('content-security-policy') ?? '')?.[1];
    // The page's auto-submitting form runs by its hash, the only source: 'none' beside it is an error.
    const [hash, ...others] = (scriptSrc ?? '').trim().split(/\s+/);
    expect(others).toEqual([]);
    const script = /<script>([\s\S]*?)<\/script>/.exec(page)?.[1] ?? '';
    expect(hash).toBe(`'sha256-${createHash('sha256').update(script).digest('base64')}'`);
  });
});
