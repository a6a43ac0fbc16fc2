// The customer's enrollment page's routes (no login: the emailed ticket in the body authorizes, or a
// notice's own link), with the schemas of their input and answers.
import { customerLocales } from '../locales';
import { passkeyCreationOptionsSchema } from '../passkeys/responses';
import { registrationResponseSchema } from '../passkeys/schemas';
import { appendAudit, type RouteEntry } from '../route-entry';
import * as z from '../schema';
import { ticketSchema } from '../tickets/schemas';
import { typedCodeSchema } from '../totp/schemas';

/** POST /enroll/start: what the authenticator app needs, shown once. */
const mode = z.enum(['ENROLL', 'REPLACE', 'ADD']);

/** The ADD ticket for a second authenticator, to the page that finished this one (lib/enrollment/add-another.ts). */
export const addAnotherSchema = z.object({
  ticket: z.string(),
  expiresAt: z.iso.datetime({ offset: true }),
});

/** POST /enroll/passkey/register: 2FA is on with the passkey; the backup codes, shown once. */
export const passkeyRegisteredSchema = z.builtOnFirstUse(() =>
  z.object({
    twoFactor: z.literal('ENABLED'),
    method: z.literal('passkey'),
    mode,
    /** Ten new codes; none for an addition (ADD), whose codes on file stay. */
    backupCodes: z.array(z.string()).check(z.maxLength(10)),
    addAnother: addAnotherSchema,
  }),
);

export type PasskeyRegistered = z.infer<typeof passkeyRegisteredSchema>;

export const enrollmentStartedSchema = z.builtOnFirstUse(() =>
  z.looseObject({
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
  }),
);

/** POST /enroll/confirm: 2FA on, and the ten backup codes, shown once. */
export const enrollmentConfirmedSchema = z.builtOnFirstUse(() =>
  z.looseObject({
    twoFactor: z.literal('ENABLED'),
    mode,
    /** Ten new codes; none for an addition (ADD), whose codes on file stay. */
    backupCodes: z.array(z.string()).check(z.maxLength(10)),
    addAnother: addAnotherSchema,
  }),
);

/** POST /enroll/report: "this wasn't me" recorded. */
export const unauthorizedResetReportedSchema = z.builtOnFirstUse(() => z.looseObject({}));

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

export const enrollmentLinkStatusSchema = z.builtOnFirstUse(() =>
  z.discriminatedUnion('state', [
    z.strictObject({ state: z.literal('VALID'), ...linkStatusFields, accountEmail: z.string() }),
    z.strictObject({ state: z.enum(['USED', 'VOIDED', 'EXPIRED']), ...linkStatusFields }),
  ]),
);

/**
 * A notice's "this wasn't me" token (lib/reset/notice-report.ts). Any string within the bound: a
 * malformed one is simply unknown (404 NOTICE_UNKNOWN), as for tickets.
 */
export const noticeTokenSchema = z.string().check(z.minLength(1), z.maxLength(400));

/** POST /enroll/notice-report: recovery is locked (now, or already by an earlier report). */
export const noticeReportedSchema = z.builtOnFirstUse(() =>
  z.strictObject({
    status: z.literal('RECOVERY_LOCKED'),
    reportedAt: z.string(),
    alreadyReported: z.boolean(),
  }),
);

export const enrollmentRoutes = [
  {
    method: 'POST',
    // POST, not GET: the ticket stays in a body, out of URLs, access logs and CloudFront's cache keys.
    path: '/enroll/status',
    operation: 'enrollmentLinkStatus',
    responses: { 200: enrollmentLinkStatusSchema },
    function: 'enrollmentApi',
    auth: { type: 'none' },
    body: z.strictObject({ ticket: ticketSchema }),
    // verifications: the case number the page names beside the helpdesk's phone number.
    tables: { customers: 'read', tickets: 'read', verifications: 'read' },
  },
  {
    method: 'POST',
    path: '/enroll/start',
    operation: 'startEnrollment',
    responses: { 200: enrollmentStartedSchema },
    function: 'enrollmentApi',
    auth: { type: 'none' },
    body: z.strictObject({
      ticket: ticketSchema,
      /** `none`: the answer leaves out `qrPng` (the enrollment page draws the QR code from `otpauthUri`). */
      qr: z.optional(z.enum(['png', 'none'])),
    }),
    tables: { customers: 'readWrite', tickets: 'read', ...appendAudit },
    services: ['sealSecrets'],
  },
  {
    method: 'POST',
    path: '/enroll/confirm',
    operation: 'confirmEnrollment',
    responses: { 200: enrollmentConfirmedSchema },
    function: 'enrollmentApi',
    auth: { type: 'none' },
    body: z.strictObject({ ticket: ticketSchema, code: typedCodeSchema }),
    tables: { customers: 'readWrite', tickets: 'readWrite', ...appendAudit },
    services: ['openSecrets', 'answerHashKey'],
  },
  {
    method: 'POST',
    // The passkey way to the same end as start + confirm: options bound to the ticket, then the new passkey.
    path: '/enroll/passkey/options',
    operation: 'passkeyRegistrationOptions',
    responses: { 200: passkeyCreationOptionsSchema },
    function: 'enrollmentApi',
    auth: { type: 'none' },
    body: z.strictObject({ ticket: ticketSchema }),
    tables: { customers: 'readWrite', tickets: 'read', ...appendAudit },
  },
  {
    method: 'POST',
    path: '/enroll/passkey/register',
    operation: 'registerPasskey',
    responses: { 200: passkeyRegisteredSchema },
    function: 'enrollmentApi',
    auth: { type: 'none' },
    body: z.strictObject({ ticket: ticketSchema, response: registrationResponseSchema }),
    tables: { customers: 'readWrite', tickets: 'readWrite', ...appendAudit },
    services: ['answerHashKey'],
  },
  {
    method: 'POST',
    path: '/enroll/report',
    operation: 'reportUnauthorizedReset',
    responses: { 200: unauthorizedResetReportedSchema },
    function: 'enrollmentApi',
    auth: { type: 'none' },
    body: z.strictObject({ ticket: ticketSchema }),
    tables: { customers: 'readWrite', tickets: 'readWrite', ...appendAudit },
  },
  {
    method: 'POST',
    // "This wasn't me" from a notice to a further address: its own link, for that address and that reset.
    path: '/enroll/notice-report',
    operation: 'reportByNotice',
    responses: { 200: noticeReportedSchema },
    function: 'enrollmentApi',
    auth: { type: 'none' },
    body: z.strictObject({ notice: noticeTokenSchema }),
    tables: { customers: 'readWrite', ...appendAudit },
    // The reporting address is sealed into the audit event with the customer's audit-text key.
    services: ['sealSecrets', 'openSecrets'],
  },
] as const satisfies readonly RouteEntry[];
