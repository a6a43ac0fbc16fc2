// Input of the customer routes: the record the login service syncs, and the customer id in paths.
import { z } from 'zod';

export const customerIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'a customer id is 1-64 letters, digits, "-" or "_"');

const isoDateTime = z.iso.datetime({ offset: true });

export const customerRecordSchema = z.strictObject({
  email: z.email().max(254),
  fullName: z.string().trim().min(1).max(200),
  companyName: z.string().trim().min(1).max(200).optional(),
  companyInfo: z.string().trim().min(1).max(500).optional(),
  locale: z.enum(['nl', 'en']),
  privileged: z.boolean().optional(),
  lastLoginAt: isoDateTime.optional(),
  chargePointIds: z.array(z.string().trim().min(1).max(64)).max(500),
  lastTransaction: z
    .strictObject({
      at: isoDateTime,
      chargePointId: z.string().trim().min(1).max(64),
      amountCents: z.number().int().nonnegative().max(100_000_000),
    })
    .optional(),
});

export type CustomerRecord = z.infer<typeof customerRecordSchema>;
