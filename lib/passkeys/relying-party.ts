// The WebAuthn relying party from configuration, and the WebAuthn library loaded only when a passkey
// ceremony runs: TOTP logins on the same function do not pay for parsing it at a cold start.
import { config } from '../config';
import { lazyModule } from '../lazy-module';

export const relyingParty = () => {
  const { passkeys, totpIssuer } = config();
  return { rpId: passkeys.rpId, origins: passkeys.origins, rpName: totpIssuer };
};

export const webAuthn = /* @__PURE__ */ lazyModule(() => import('@simplewebauthn/server'));

/** 32 random bytes; the options carry them base64url-encoded, and that string is what is stored and matched. */
export const newChallenge = (random: { bytes(length: number): Buffer }) => new Uint8Array(random.bytes(32));

export const challengeExpiry = (now: Date, capAt?: string) => {
  const end = now.getTime() + config().passkeys.challengeSeconds * 1000;
  return new Date(capAt ? Math.min(end, new Date(capAt).getTime()) : end);
};
