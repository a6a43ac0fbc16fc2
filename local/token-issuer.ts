// The API tests' token issuer (POST /local/token): issues RS256 tokens for any name and group. And
// the local JWT authorizer: checks a bearer token the way API Gateway's does (signature against the
// issuer's keys, issuer, audience or client_id, expiry), then hands the claims over flattened. It
// trusts this issuer and the local OpenID provider the console signs in with.
import {
  SignJWT,
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  type JWTPayload,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
} from 'jose';
import { randomUUID } from 'node:crypto';

export const LOCAL_AUDIENCE = 'mfa-recovery-console';

/** A bearer token check: the claims as API Gateway passes them, or undefined where it would answer 401. */
export type BearerVerifier = (
  authorizationHeader: string | undefined,
) => Promise<Record<string, string> | undefined>;

export interface TokenIssuer {
  issuer: string;
  jwks: JSONWebKeySet;
  sign(input: { sub: string; groups: string[]; email?: string; expiresInSeconds?: number }): Promise<string>;
  verify: BearerVerifier;
}

export interface TrustedIssuer {
  issuer: string;
  keys: JWTVerifyGetKey;
}

const bearerToken = (authorizationHeader: string | undefined) =>
  authorizationHeader?.replace(/^Bearer\s+/i, '').trim() || undefined;

/**
 * API Gateway's JWT authorizer with one audience and, locally, several issuers: the token's `iss`
 * picks the issuer, whose keys must have signed it; `aud` or `client_id` must be the audience
 * (Cognito's access tokens carry client_id, its ID tokens aud); `exp` must be in the future.
 */
export const jwtAuthorizer =
  (issuers: readonly TrustedIssuer[], audience = LOCAL_AUDIENCE): BearerVerifier =>
  async (authorizationHeader) => {
    const token = bearerToken(authorizationHeader);
    if (!token) return undefined;
    try {
      const trusted = issuers.find((candidate) => candidate.issuer === decodeJwt(token).iss);
      if (!trusted) return undefined;
      const { payload } = await jwtVerify(token, trusted.keys, {
        issuer: trusted.issuer,
        algorithms: ['RS256'],
        requiredClaims: ['exp', 'sub'],
      });
      const audiences = Array.isArray(payload.aud) ? payload.aud : payload.aud ? [payload.aud] : [];
      if (!audiences.includes(audience) && payload.client_id !== audience) return undefined;
      return flattenClaims(payload);
    } catch {
      return undefined;
    }
  };

/** An issuer whose keys are fetched from its JWKS URL, as API Gateway fetches Cognito's. */
export const remoteIssuer = (issuer: string, jwksUri: string): TrustedIssuer => ({
  issuer,
  keys: createRemoteJWKSet(new URL(jwksUri), { cooldownDuration: 1000 }),
});

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
  const verify = jwtAuthorizer([{ issuer, keys: createLocalJWKSet(jwks) }]);
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
    verify,
  };
};
