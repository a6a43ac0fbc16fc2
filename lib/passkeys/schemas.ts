// What the browser sends back from a passkey ceremony (WebAuthn's JSON forms, as @simplewebauthn/browser
// produces them): bounded strings only; the cryptography is checked by the verify use cases.
import * as z from '../schema';

// Far above any real authenticator's output (an attestation with a certificate chain is a few KB).
const base64url = (max: number) =>
  z.string().check(z.minLength(1), z.maxLength(max), z.regex(/^[A-Za-z0-9_-]+$/));

const transports = z
  .array(z.enum(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']))
  .check(z.maxLength(8));

const common = {
  id: base64url(1400),
  rawId: base64url(1400),
  type: z.literal('public-key'),
  authenticatorAttachment: z.optional(z.enum(['platform', 'cross-platform'])),
  clientExtensionResults: z.record(z.string(), z.unknown()),
};

export const registrationResponseSchema = z.strictObject({
  ...common,
  response: z.looseObject({
    clientDataJSON: base64url(4096),
    attestationObject: base64url(16384),
    authenticatorData: z.optional(base64url(16384)),
    transports: z.optional(transports),
    publicKeyAlgorithm: z.optional(z.number().check(z.int())),
    publicKey: z.optional(base64url(4096)),
  }),
});

export const authenticationResponseSchema = z.strictObject({
  ...common,
  response: z.looseObject({
    clientDataJSON: base64url(4096),
    authenticatorData: base64url(4096),
    signature: base64url(2048),
    userHandle: z.optional(base64url(256)),
  }),
});

export type RegistrationResponseBody = z.infer<typeof registrationResponseSchema>;
export type AuthenticationResponseBody = z.infer<typeof authenticationResponseSchema>;
