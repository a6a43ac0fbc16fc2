// The console's sign-in as a program walks it: authorization request with PKCE, the provider's
// login form, the redirect back with a code, the code redeemed at the token endpoint. Real HTTP
// against a real OpenID provider, with the cookies a browser would keep.
import { createHash, randomBytes } from 'node:crypto';

export interface ProviderSignIn {
  /** The issuer URL (where the provider is mounted). */
  issuer: string;
  clientId: string;
  redirectUri: string;
  username: string;
  password: string;
}

export interface ProviderTokens {
  access_token: string;
  id_token: string;
  token_type: string;
  expires_in: number;
}

/** Follows the redirects by hand so the cookies of every hop are kept, as a browser keeps them. */
class Browser {
  private readonly cookies = new Map<string, string>();

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}) {
    const response = await fetch(url, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (value && !/expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.set(name, value);
      else this.cookies.delete(name);
    }
    const location = response.headers.get('location');
    return { response, location: location ? new URL(location, url).href : undefined };
  }
}

const base64url = (bytes: Buffer) => bytes.toString('base64url');

/**
 * Signs in at the provider and returns where it sent the browser back to (the code and state in its
 * query), with the verifier that redeems the code. Throws if the login form refused the password.
 */
export const authorize = async (options: ProviderSignIn) => {
  const browser = new Browser();
  const verifier = base64url(randomBytes(32));
  const state = base64url(randomBytes(16));
  const authorizeUrl = new URL(`${options.issuer}/auth`);
  authorizeUrl.search = new URLSearchParams({
    response_type: 'code',
    client_id: options.clientId,
    redirect_uri: options.redirectUri,
    scope: 'openid email',
    state,
    code_challenge: base64url(createHash('sha256').update(verifier).digest()),
    code_challenge_method: 'S256',
  }).toString();
  let { location } = await browser.request(authorizeUrl.href);
  if (!location) throw new Error('the authorization endpoint did not redirect to the login page');
  const loginPage = location;
  await browser.request(loginPage);
  const login = await browser.request(`${loginPage}/login`, {
    method: 'POST',
    form: { username: options.username, password: options.password },
  });
  if (!login.location) throw new Error(`the provider refused the sign-in (${login.response.status})`);
  location = login.location;
  while (location && !location.startsWith(options.redirectUri)) {
    ({ location } = await browser.request(location));
  }
  if (!location) throw new Error('the provider did not send the browser back');
  const back = new URL(location);
  if (back.searchParams.get('state') !== state) throw new Error('the state did not come back');
  return { code: back.searchParams.get('code') ?? '', verifier };
};

export const redeemCode = async (
  options: Pick<ProviderSignIn, 'issuer' | 'clientId' | 'redirectUri'>,
  code: string,
  verifier: string,
) => {
  const response = await fetch(`${options.issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: options.clientId,
      code,
      redirect_uri: options.redirectUri,
      code_verifier: verifier,
    }).toString(),
  });
  return { status: response.status, body: (await response.json()) as ProviderTokens & { error?: string } };
};

/** The whole sign-in: the provider's tokens for this person. */
export const signInAtProvider = async (options: ProviderSignIn): Promise<ProviderTokens> => {
  const { code, verifier } = await authorize(options);
  const redeemed = await redeemCode(options, code, verifier);
  if (redeemed.status !== 200) throw new Error(`the token endpoint answered ${redeemed.status}`);
  return redeemed.body;
};
