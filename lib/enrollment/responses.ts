// Response body of the enrollment link the login service asks for on the customer's profile page.
import { customerLocales } from '../locales';
import * as z from '../schema';
import { twoFactorMethodsSchema } from '../customers/responses';

/** POST /internal/customers/{customerId}/2fa/enrollment-ticket. */
export const enrollmentTicketIssuedSchema = z.object({
  ticket: z.string(),
  enrollUrl: z.url(),
  expiresAt: z.iso.datetime({ offset: true }),
});

export type EnrollmentTicketIssued = z.infer<typeof enrollmentTicketIssuedSchema>;

/** POST /enroll/start: what the authenticator app needs, shown once. */
const mode = z.enum(['ENROLL', 'REPLACE', 'ADD']);

/** The ADD ticket for a second authenticator, to the page that finished this one (lib/enrollment/add-another.ts). */
export const addAnotherSchema = z.object({
  ticket: z.string(),
  expiresAt: z.iso.datetime({ offset: true }),
});

/** POST /enroll/passkey/register: 2FA is on with the passkey; the backup codes, shown once. */
export const passkeyRegisteredSchema = z.object({
  twoFactor: z.literal('ENABLED'),
  method: z.literal('passkey'),
  mode: z.enum(['ENROLL', 'REPLACE', 'ADD']),
  /** Ten new codes; none for an addition (ADD), whose codes on file stay. */
  backupCodes: z.array(z.string()).check(z.maxLength(10)),
  addAnother: addAnotherSchema,
});

export type PasskeyRegistered = z.infer<typeof passkeyRegisteredSchema>;

/** POST …/passkeys/{credentialRef}/remove: the passkey no longer signs in; the ways left. */
export const passkeyRemovedSchema = z.object({
  removed: z.literal(true),
  credentialRef: z.string(),
  methods: twoFactorMethodsSchema,
});

export type PasskeyRemoved = z.infer<typeof passkeyRemovedSchema>;

export const enrollmentStartedSchema = z.looseObject({
  mode,
  otpauthUri: z.string().check(z.startsWith('otpauth://totp/')),
  /** The name the app lists under the issuer: the address, in replace mode with the day (and time) it was made. */
  accountName: z.string(),
  /** Left out when the request asked for `qr: "none"`. */
  qrPng: z.optional(z.string().check(z.startsWith('data:image/png;base64,'))),
  secret: z.string().check(z.regex(/^[A-Z2-7]+$/)),
  expiresAt: z.string(),
  /** An earlier, unconfirmed QR code of this account is replaced: an app entry made from it will not work. */
  earlierQrReplaced: z.boolean(),
});

/** POST /enroll/confirm: 2FA on, and the ten backup codes, shown once. */
export const enrollmentConfirmedSchema = z.looseObject({
  twoFactor: z.literal('ENABLED'),
  mode,
  /** Ten new codes; none for an addition (ADD), whose codes on file stay. */
  backupCodes: z.array(z.string()).check(z.maxLength(10)),
  addAnother: addAnotherSchema,
});

/** POST /enroll/report: "this wasn't me" recorded. */
export const unauthorizedResetReportedSchema = z.looseObject({});

/**
 * POST /enroll/status: the link's state when the page opens. The account's address only while the link
 * works; a used, voided or expired link names nobody (the strict object refuses the field).
 */
const linkStatusFields = {
  purpose: z.enum(['RESET', 'SELF_SERVICE', 'REPLACE', 'ADD']),
  mode,
  expiresAt: z.iso.datetime({ offset: true }),
  serviceName: z.string(),
  reportable: z.boolean(),
  recoveryLocked: z.boolean(),
  caseNumber: z.optional(z.string()),
  locale: z.optional(z.enum(customerLocales)),
  /** While the reset's waiting period runs: when the link opens; start answers RECOVERY_PENDING until then. */
  availableAt: z.optional(z.iso.datetime({ offset: true })),
  /** An ADD link while it works: the account has an app already, so the page offers passkeys only. */
  appOnFile: z.optional(z.boolean()),
};

export const enrollmentLinkStatusSchema = z.discriminatedUnion('state', [
  z.strictObject({ state: z.literal('VALID'), ...linkStatusFields, accountEmail: z.string() }),
  z.strictObject({ state: z.enum(['USED', 'VOIDED', 'EXPIRED']), ...linkStatusFields }),
]);
