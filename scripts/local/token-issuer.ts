// The local stand-in for Cognito: issues RS256 tokens and checks them the way API Gateway's
// JWT authorizer does (signature, issuer, audience, expiry), then hands the claims over flattened.
import {
  SignJWT,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  createLocalJWKSet,
  type JWTPayload,
  type JSONWebKeySet,
} from 'jose';
import { randomUUID } from 'node:crypto';

export const LOCAL_AUDIENCE = 'mfa-recovery-console';
export const knownGroups = ['helpdesk', 'admin', 'security'] as const;

export interface TokenIssuer {
  issuer: string;
  jwks: JSONWebKeySet;
  sign(input: { sub: string; groups: string[]; email?: string; expiresInSeconds?: number }): Promise<string>;
  /** Returns the claims as API Gateway passes them, or undefined where it would answer 401. */
  verify(authorizationHeader: string | undefined): Promise<Record<string, string> | undefined>;
}

/** API Gateway's HTTP API passes every claim as a string; arrays become "[a b]". */
export const flattenClaims = (payload: JWTPayload): Record<string, string> =>
  Object.fromEntries(
    Object.entries(payload).map(([name, value]) => [
      name,
      Array.isArray(value)
        ? `[${value.join(' ')}]`
        : typeof value === 'string'
          ? value
          : JSON.stringify(value),
    ]),
  );

export const createTokenIssuer = async (issuer: string): Promise<TokenIssuer> => {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  const jwks: JSONWebKeySet = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] };
  const keySet = createLocalJWKSet(jwks);
  return {
    issuer,
    jwks,
    sign: async ({ sub, groups, email, expiresInSeconds = 3600 }) =>
      new SignJWT({ 'cognito:groups': groups, token_use: 'id', ...(email ? { email } : {}) })
        .setProtectedHeader({ alg: 'RS256', kid })
        .setSubject(sub)
        .setIssuer(issuer)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds)
        .setJti(randomUUID())
        .sign(privateKey),
    verify: async (authorizationHeader) => {
      if (!authorizationHeader) return undefined;
      const token = authorizationHeader.replace(/^Bearer\s+/i, '').trim();
      try {
        const { payload } = await jwtVerify(token, keySet, {
          issuer,
          audience: LOCAL_AUDIENCE,
          algorithms: ['RS256'],
          requiredClaims: ['exp', 'sub'],
        });
        return flattenClaims(payload);
      } catch {
        return undefined;
      }
    },
  };
};
