// Response bodies of the passkey routes: the WebAuthn options JSON the browser hands to
// navigator.credentials, and the login verification's outcome (the registration's, which ends an
// enrollment, is in lib/enrollment/responses.ts).
import * as z from '../schema';

const descriptor = z.looseObject({
  id: z.string(),
  type: z.literal('public-key'),
  transports: z.optional(z.array(z.string())),
});

/** POST /enroll/passkey/options: PublicKeyCredentialCreationOptionsJSON. */
export const passkeyCreationOptionsSchema = z.builtOnFirstUse(() =>
  z.looseObject({
    challenge: z.string(),
    rp: z.looseObject({ name: z.string(), id: z.optional(z.string()) }),
    user: z.looseObject({ id: z.string(), name: z.string(), displayName: z.string() }),
    pubKeyCredParams: z.array(z.looseObject({ type: z.literal('public-key'), alg: z.number() })),
    timeout: z.optional(z.number()),
    excludeCredentials: z.optional(z.array(descriptor)),
    authenticatorSelection: z.optional(z.looseObject({ userVerification: z.optional(z.string()) })),
    attestation: z.optional(z.string()),
  }),
);

/** POST /internal/customers/{customerId}/passkeys/authentication-options: PublicKeyCredentialRequestOptionsJSON. */
export const passkeyRequestOptionsSchema = z.builtOnFirstUse(() =>
  z.looseObject({
    challenge: z.string(),
    rpId: z.optional(z.string()),
    timeout: z.optional(z.number()),
    allowCredentials: z.optional(z.array(descriptor)),
    userVerification: z.optional(z.string()),
  }),
);

/** Why an assertion was refused; the audit's VERIFY_FAILED says it too. */
export const passkeyRefusalSchema = z.enum([
  'UNKNOWN_CREDENTIAL',
  'CHALLENGE_NOT_ISSUED',
  'CHALLENGE_EXPIRED',
  'WRONG_ORIGIN',
  'WRONG_RP_ID',
  'USER_NOT_VERIFIED',
  'COUNTER_WENT_BACKWARDS',
  'INVALID_ASSERTION',
]);

/** POST /internal/customers/{customerId}/passkeys/verify. */
export const passkeyVerifyOutcomeSchema = z.builtOnFirstUse(() =>
  z.discriminatedUnion('valid', [
    z.object({ valid: z.literal(true), method: z.literal('passkey') }),
    z.object({
      valid: z.literal(false),
      method: z.literal('passkey'),
      reason: passkeyRefusalSchema,
      /** Failures still allowed before the lock (the same count as wrong TOTP codes). */
      attemptsLeft: z.number().check(z.int(), z.nonnegative()),
    }),
  ]),
);

export type PasskeyCreationOptions = z.infer<typeof passkeyCreationOptionsSchema>;
export type PasskeyRequestOptions = z.infer<typeof passkeyRequestOptionsSchema>;
export type PasskeyRefusal = z.infer<typeof passkeyRefusalSchema>;
export type PasskeyVerifyOutcome = z.infer<typeof passkeyVerifyOutcomeSchema>;
