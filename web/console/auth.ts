// Staff sign-in: authorization code + PKCE at Cognito's hosted UI in AWS, at the local OpenID
// provider in `npm start` and the tests, the same code either way. The session lives in
// sessionStorage: it ends with the tab, and the strict CSP leaves an injected script no way in to read it.
import type { StaffGroup } from '../../lib/routes';
import { LANG_STORAGE_KEY } from '../shared/i18n';
import type { ConsoleAuthConfig } from './runtime-config';

export type { StaffGroup };
/** lib's groups, restated as a value (lib/routes.ts is not bundled); tsc names a group missing here. */
const staffGroups = ['helpdesk', 'admin', 'security'] as const satisfies readonly StaffGroup[];
const everyGroupListed: Exclude<StaffGroup, (typeof staffGroups)[number]> extends never ? true : never = true;
void everyGroupListed;

export interface Session {
  /** Bearer token for the API: the provider's (Cognito's) access token. */
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

/**
 * The person at the console changes (sign-out, an expired session, someone else signing in): the
 * tab keeps nothing of theirs. Only the language choice stays; it belongs to the device.
 */
export const forgetEverything = () => {
  sessionStorage.clear();
  for (const key of Object.keys(localStorage)) if (key !== LANG_STORAGE_KEY) localStorage.removeItem(key);
};

export const isAdmin = (session: Session) => session.groups.includes('admin');
export const isSecurityOfficer = (session: Session) => session.groups.includes('security');

const redirectUri = () => `${window.location.origin}/console/`;
const absolute = (url: string) => new URL(url, window.location.origin);

/** A console route (`#/customers/c-1`, the mails' `#customer=c-1`): nothing else is restored. */
const returnableHash = /^#[\w\-/=.~%]{0,200}$/;

/**
 * Sends the browser to the sign-in page (Cognito's hosted UI, the local provider) with a fresh PKCE
 * verifier and state; the console route it was on comes back with them.
 */
export const beginHostedSignIn = async (config: ConsoleAuthConfig) => {
  const verifier = randomToken(32);
  const state = randomToken(16);
  const returnTo = returnableHash.test(window.location.hash) ? window.location.hash : '';
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state, returnTo }));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const url = absolute(config.authorizeUrl);
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

/**
 * Back from the sign-in page with ?code&state: checks the state, redeems the code with the verifier,
 * and removes both from the address bar. Returns undefined when this is not such a return.
 */
export const completeHostedSignIn = async (config: ConsoleAuthConfig): Promise<Session | undefined> => {
  const params = new URLSearchParams(window.location.search);
  const code = params.get('code');
  const error = params.get('error');
  if (!code && !error) return undefined;
  history.replaceState(null, '', `${window.location.pathname}${window.location.hash}`);
  const saved = sessionStorage.getItem(PKCE_KEY);
  sessionStorage.removeItem(PKCE_KEY);
  if (error) throw new Error(`sign-in refused: ${error}`);
  const pkce = saved ? (JSON.parse(saved) as { verifier?: string; state?: string; returnTo?: string }) : {};
  if (!pkce.verifier || !pkce.state || pkce.state !== params.get('state'))
    throw new Error('sign-in answer does not belong to this browser tab');
  const response = await fetch(absolute(config.tokenUrl), {
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
  forgetEverything();
  if (pkce.returnTo) history.replaceState(null, '', `${window.location.pathname}${pkce.returnTo}`);
  return store(
    sessionFrom(tokens.access_token, typeof tokens.id_token === 'string' ? tokens.id_token : undefined),
  );
};

/** Ends the session here and at the provider too, whose logout endpoint sends the browser back to the console. */
export const signOut = (config: ConsoleAuthConfig) => {
  forgetEverything();
  const url = config.mode === 'cognito' ? absolute(config.logoutUrl) : absolute(config.endSessionUrl);
  url.search = new URLSearchParams(
    config.mode === 'cognito'
      ? { client_id: config.clientId, logout_uri: redirectUri() }
      : { client_id: config.clientId, post_logout_redirect_uri: redirectUri() },
  ).toString();
  window.location.assign(url.toString());
};
