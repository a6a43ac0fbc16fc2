// Staff sign-in: the local token issuer in `npm start`, Cognito's hosted UI (authorization code +
// PKCE) in AWS. The session lives in sessionStorage: it ends with the tab, and the strict CSP leaves
// an injected script no way in to read it.
import { api } from '../shared/api';
import type { ConsoleAuthConfig } from './runtime-config';

export type StaffGroup = 'helpdesk' | 'admin' | 'security';
const staffGroups: readonly StaffGroup[] = ['helpdesk', 'admin', 'security'];

export interface Session {
  /** Bearer token for the API: the local issuer's token, or Cognito's access token. */
  token: string;
  sub: string;
  /** What the header shows: email or user name where the token has one, else the subject. */
  name: string;
  groups: StaffGroup[];
  /** Epoch milliseconds. */
  expiresAt: number;
}

const SESSION_KEY = 'mfa-recovery.console.session';
const PKCE_KEY = 'mfa-recovery.console.pkce';

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const randomToken = (bytes = 32) => base64url(crypto.getRandomValues(new Uint8Array(bytes)));

/** The claims of a JWT, for display and expiry only: the API (API Gateway) is what verifies it. */
export const jwtClaims = (token: string): Record<string, unknown> => {
  const payload = token.split('.')[1] ?? '';
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(json, (char) => char.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

const groupsOf = (claim: unknown): StaffGroup[] => {
  const values = Array.isArray(claim) ? claim : typeof claim === 'string' ? claim.split(/[\s,[\]]+/) : [];
  return values.filter((value): value is StaffGroup => staffGroups.includes(value as StaffGroup));
};

const sessionFrom = (token: string, idToken?: string): Session => {
  const claims = jwtClaims(token);
  const identity = idToken ? jwtClaims(idToken) : {};
  const sub = typeof claims.sub === 'string' ? claims.sub : '';
  const name = [identity.email, claims.email, claims.username, sub].find(
    (value): value is string => typeof value === 'string' && value.length > 0,
  );
  return {
    token,
    sub,
    name: name ?? sub,
    groups: groupsOf(claims['cognito:groups']),
    expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : 0,
  };
};

const store = (session: Session) => {
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  return session;
};

/** The current session, if there is one that has not expired (a minute's margin for clock skew). */
export const currentSession = (): Session | undefined => {
  const raw = sessionStorage.getItem(SESSION_KEY);
  if (!raw) return undefined;
  try {
    const session = JSON.parse(raw) as Session;
    if (typeof session.token === 'string' && session.expiresAt > Date.now() + 60_000) return session;
  } catch {
    /* a damaged entry is dropped below */
  }
  sessionStorage.removeItem(SESSION_KEY);
  return undefined;
};

export const forgetSession = () => sessionStorage.removeItem(SESSION_KEY);

export const isAdmin = (session: Session) => session.groups.includes('admin');
export const isSecurityOfficer = (session: Session) => session.groups.includes('security');

/** Local stack only: the dev issuer signs a token for any name and group (it never exists in AWS). */
export const signInLocally = async (sub: string, groups: StaffGroup[]): Promise<Session> => {
  const response = await api<{ token: string }>('POST', '/local/token', { body: { sub, groups } });
  return store(sessionFrom(response.body.token));
};

const redirectUri = () => `${window.location.origin}/console/`;

/** Sends the browser to Cognito's hosted UI with a fresh PKCE verifier and state. */
export const beginHostedSignIn = async (config: Extract<ConsoleAuthConfig, { mode: 'cognito' }>) => {
  const verifier = randomToken(32);
  const state = randomToken(16);
  // The page the sign-in interrupted (a mailed deep link): the redirect URI has no fragment, so it is kept here.
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state, returnTo: window.location.hash }));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const url = new URL(config.authorizeUrl);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: config.scopes.join(' '),
    state,
    code_challenge: base64url(digest),
    code_challenge_method: 'S256',
  }).toString();
  window.location.assign(url.toString());
};

/** A console route (`#/customers/c-1`, the mails' `#customer=c-1`): nothing else is restored. */
const returnableHash = /^#[\w\-/=.~%]{0,200}$/;

/**
 * Back from the hosted UI with ?code&state: checks the state, redeems the code with the verifier,
 * and removes both from the address bar. Returns undefined when this is not such a return.
 */
export const completeHostedSignIn = async (
  config: Extract<ConsoleAuthConfig, { mode: 'cognito' }>,
): Promise<Session | undefined> => {
  const params = new URLSearchParams(window.location.search);
  const code = params.get('code');
  const error = params.get('error');
  if (!code && !error) return undefined;
  history.replaceState(null, '', `${window.location.pathname}${window.location.hash}`);
  const saved = sessionStorage.getItem(PKCE_KEY);
  sessionStorage.removeItem(PKCE_KEY);
  if (error) throw new Error(`sign-in refused: ${error}`);
  const pkce = saved ? (JSON.parse(saved) as { verifier?: string; state?: string; returnTo?: unknown }) : {};
  if (!pkce.verifier || !pkce.state || pkce.state !== params.get('state'))
    throw new Error('sign-in answer does not belong to this browser tab');
  if (!window.location.hash && typeof pkce.returnTo === 'string' && returnableHash.test(pkce.returnTo))
    history.replaceState(null, '', `${window.location.pathname}${pkce.returnTo}`);
  const response = await fetch(config.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: config.clientId,
      code: code ?? '',
      redirect_uri: redirectUri(),
      code_verifier: pkce.verifier,
    }).toString(),
    credentials: 'omit',
    cache: 'no-store',
  });
  if (!response.ok) throw new Error(`token endpoint answered ${response.status}`);
  const tokens = (await response.json()) as { access_token?: unknown; id_token?: unknown };
  if (typeof tokens.access_token !== 'string') throw new Error('token endpoint sent no access token');
  return store(
    sessionFrom(tokens.access_token, typeof tokens.id_token === 'string' ? tokens.id_token : undefined),
  );
};

/** Ends the session here and, in AWS, at Cognito too (its logout endpoint returns to the console). */
export const signOut = (config: ConsoleAuthConfig) => {
  forgetSession();
  if (config.mode === 'cognito') {
    const url = new URL(config.logoutUrl);
    url.search = new URLSearchParams({ client_id: config.clientId, logout_uri: redirectUri() }).toString();
    window.location.assign(url.toString());
  }
};
