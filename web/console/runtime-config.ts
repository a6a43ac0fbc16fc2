// The console's runtime configuration (config.json beside the page): how staff sign in. Written by
// the build for the local stack and by the CDK deployment (Cognito's hosted UI) in AWS.

export type ConsoleAuthConfig =
  /** The local stack's token issuer (POST /local/token); exists only in `npm start` and the tests. */
  | { mode: 'local' }
  /**
   * Cognito's hosted UI, authorization code flow with PKCE (RFC 7636) for a public client.
   * `tokenUrl` is same-origin (CloudFront forwards /oauth2/token to the Cognito domain), so the
   * page's CSP keeps connect-src 'self'.
   */
  | {
      mode: 'cognito';
      authorizeUrl: string;
      tokenUrl: string;
      logoutUrl: string;
      clientId: string;
      scopes: string[];
    };

export interface ConsoleRuntimeConfig {
  auth: ConsoleAuthConfig;
}

export const localConsoleConfig: ConsoleRuntimeConfig = { auth: { mode: 'local' } };

const isString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** Accepts only a well-formed config; anything else is a deployment fault the page reports. */
export const parseConsoleConfig = (value: unknown): ConsoleRuntimeConfig => {
  const auth = (value as { auth?: Record<string, unknown> } | null)?.auth;
  if (auth?.mode === 'local') return { auth: { mode: 'local' } };
  if (
    auth?.mode === 'cognito' &&
    isString(auth.authorizeUrl) &&
    isString(auth.tokenUrl) &&
    isString(auth.logoutUrl) &&
    isString(auth.clientId) &&
    Array.isArray(auth.scopes) &&
    auth.scopes.every(isString)
  )
    return {
      auth: {
        mode: 'cognito',
        authorizeUrl: auth.authorizeUrl,
        tokenUrl: auth.tokenUrl,
        logoutUrl: auth.logoutUrl,
        clientId: auth.clientId,
        scopes: auth.scopes,
      },
    };
  throw new Error('config.json does not describe a sign-in method');
};
