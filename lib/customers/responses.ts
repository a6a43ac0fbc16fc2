// Response bodies of the customer routes the login service calls: the contract's answers, typed once
// for the client package, the OpenAPI document and the contract tests.
import * as z from '../schema';

export const twoFactorStatusSchema = z.enum(['ENABLED', 'DISABLED', 'LOCKED']);

/** PUT /internal/customers/{customerId} (201 when created, 200 when updated). */
export const customerSyncedSchema = z.object({
  customerId: z.string(),
  created: z.boolean(),
  /** True when the address on file changed: recovery then waits out the cooling-off period. */
  emailChanged: z.boolean(),
  twoFactor: twoFactorStatusSchema,
});

/** GET /internal/customers/{customerId}/2fa. */
export const twoFactorStateSchema = z.object({
  twoFactor: twoFactorStatusSchema,
  lockReason: z.optional(z.enum(['TOO_MANY_ATTEMPTS', 'REPORTED_BY_CUSTOMER'])),
});

export type CustomerSynced = z.infer<typeof customerSyncedSchema>;
export type TwoFactorState = z.infer<typeof twoFactorStateSchema>;
