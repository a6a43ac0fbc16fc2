// The console's runtime configuration (config.json beside the page): how staff sign in. Written by
// the build for the local stack (its OpenID provider) and by the CDK deployment (Cognito's hosted UI).

/** What both sign-ins share: the authorization code flow with PKCE (RFC 7636) for a public client. */
interface HostedSignIn {
  /** Absolute, or a path on the console's own origin. */
  authorizeUrl: string;
  /**
   * Same-origin, so the page's CSP keeps connect-src 'self': CloudFront forwards /oauth2/token to
   * the Cognito domain in AWS; the local provider is mounted under the API server.
   */
  tokenUrl: string;
  clientId: string;
  scopes: string[];
}

export type ConsoleAuthConfig =
  /** Cognito's hosted UI; its logout endpoint takes client_id and logout_uri. */
  | (HostedSignIn & { mode: 'cognito'; logoutUrl: string })
  /**
   * A standard OpenID provider: the local stack's (oidc-provider under /local/oidc, users from
   * local/staff.ts). Sign-out is RP-initiated logout at its end_session_endpoint.
   */
  | (HostedSignIn & { mode: 'oidc'; endSessionUrl: string });

export interface ConsoleRuntimeConfig {
  auth: ConsoleAuthConfig;
}

/** The local stack's provider, on the console's own origin (local/oidc-provider.ts). */
export const localConsoleConfig: ConsoleRuntimeConfig = {
  auth: {
    mode: 'oidc',
    authorizeUrl: '/local/oidc/auth',
    tokenUrl: '/local/oidc/token',
    endSessionUrl: '/local/oidc/session/end',
    clientId: 'mfa-recovery-console',
    scopes: ['openid', 'email', 'profile'],
  },
};

const isString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** Accepts only a well-formed config; anything else is a deployment fault the page reports. */
export const parseConsoleConfig = (value: unknown): ConsoleRuntimeConfig => {
  const auth = (value as { auth?: Record<string, unknown> } | null)?.auth;
  const hosted =
    isString(auth?.authorizeUrl) &&
    isString(auth.tokenUrl) &&
    isString(auth.clientId) &&
    Array.isArray(auth.scopes) &&
    auth.scopes.every(isString)
      ? {
          authorizeUrl: auth.authorizeUrl,
          tokenUrl: auth.tokenUrl,
          clientId: auth.clientId,
          scopes: auth.scopes as string[],
        }
      : undefined;
  if (hosted && auth?.mode === 'cognito' && isString(auth.logoutUrl))
    return { auth: { mode: 'cognito', ...hosted, logoutUrl: auth.logoutUrl } };
  if (hosted && auth?.mode === 'oidc' && isString(auth.endSessionUrl))
    return { auth: { mode: 'oidc', ...hosted, endSessionUrl: auth.endSessionUrl } };
  throw new Error('config.json does not describe a sign-in method');
};
