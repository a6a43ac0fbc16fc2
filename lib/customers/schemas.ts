// Input of the customer routes: the record the login service syncs, and the customer id in paths.
import * as z from '../schema';

export const customerIdSchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'a customer id is 1-64 letters, digits, "-" or "_"'));

const isoDateTime = z.iso.datetime({ offset: true });

export const customerRecordSchema = z.strictObject({
  email: z.email().check(z.maxLength(254)),
  fullName: z.singleLine(1, 200),
  companyName: z.optional(z.singleLine(1, 200)),
  companyInfo: z.optional(z.singleLine(1, 500)),
  locale: z.enum(['nl', 'en']),
  privileged: z.optional(z.boolean()),
  lastLoginAt: z.optional(isoDateTime),
  chargePointIds: z.array(z.singleLine(1, 64)).check(z.maxLength(500)),
  lastTransaction: z.optional(
    z.strictObject({
      at: isoDateTime,
      chargePointId: z.singleLine(1, 64),
      amountCents: z.number().check(z.int(), z.nonnegative(), z.maximum(100_000_000)),
    }),
  ),
});

export type CustomerRecord = z.infer<typeof customerRecordSchema>;
