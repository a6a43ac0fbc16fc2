// Response bodies of the customer routes the login service calls: the contract's answers, typed once
// for the client package, the OpenAPI document and the contract tests; and the shapes of a customer
// that staff's answers share (lib/staff-views/api.ts, lib/security/api.ts).
import * as z from '../schema';
import { notificationKinds } from '../audit/notification-kinds';

export const twoFactorStatusSchema = z.enum(['ENABLED', 'DISABLED', 'LOCKED']);
/** Why 2FA is LOCKED: too many wrong codes (passes by itself) or a "this wasn't me" report (security lifts it). */
export const lockReasonSchema = z.enum(['TOO_MANY_ATTEMPTS', 'REPORTED_BY_CUSTOMER']);

/** PUT /internal/customers/{customerId} (201 when created, 200 when updated). */
export const customerSyncedSchema = z.builtOnFirstUse(() =>
  z.object({
    customerId: z.string(),
    created: z.boolean(),
    /** True when the address on file changed: recovery then waits out the cooling-off period. */
    emailChanged: z.boolean(),
    twoFactor: twoFactorStatusSchema,
  }),
);

/** The ways a customer can sign in, with how many of each (a disabled 2FA has none). */
export const twoFactorMethodsSchema = z.array(
  z.object({
    method: z.enum(['totp', 'passkey', 'backup_codes']),
    count: z.number().check(z.int(), z.positive()),
  }),
);

/** A passkey as the profile page lists it: `credentialRef` names it to the removal route. */
export const passkeyOnFileSchema = z.object({
  credentialRef: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  lastUsedAt: z.optional(z.iso.datetime({ offset: true })),
  /** A synced passkey (backup eligible), e.g. in a phone's password manager; else a device-bound one. */
  synced: z.boolean(),
  transports: z.array(z.string()),
});

/** GET /internal/customers/{customerId}/2fa. */
export const twoFactorStateSchema = z.builtOnFirstUse(() =>
  z.object({
    twoFactor: twoFactorStatusSchema,
    lockReason: z.optional(lockReasonSchema),
    methods: twoFactorMethodsSchema,
    /** Present when the customer has passkeys: one entry each, for the profile page's "remove". */
    passkeys: z.optional(z.array(passkeyOnFileSchema)),
  }),
);

export type CustomerSynced = z.infer<typeof customerSyncedSchema>;
export type TwoFactorState = z.infer<typeof twoFactorStateSchema>;

/**
 * A running waiting period after a reset: when the link opens, why it waits, and the reset's staff,
 * who may not end it (any other security officer may, with a reason).
 */
export const recoveryDelaySchema = z.strictObject({
  availableAt: z.string(),
  reason: z.enum(['WITHOUT_POSSESSION', 'PRIVILEGED', 'STANDARD']),
  caseId: z.nullable(z.string()),
  staff: z.strictObject({
    verifiedBy: z.nullable(z.string()),
    requestedBy: z.nullable(z.string()),
    approvedBy: z.nullable(z.string()),
  }),
});

/** The last mail to the customer that bounced or drew a complaint, while the address is the same. */
export const mailFeedbackSchema = z.strictObject({
  at: z.string(),
  kind: z.enum(notificationKinds),
  feedback: z.enum(['bounce', 'complaint']),
  class: z.string(),
});
