// Input of the customer routes: the record the login service syncs, and the customer id in paths.
import { customerLocales } from '../locales';
import * as z from '../schema';
import { normalizeEmail } from './normalize';
import { phoneNumbersSchema } from './phone-numbers';

export const customerIdSchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'a customer id is 1-64 letters, digits, "-" or "_"'));

const isoDateTime = z.iso.datetime({ offset: true });

/** The path parameters of a route under `/…/customers/{customerId}`. */
export const customerParams = z.strictObject({ customerId: customerIdSchema });

/** At most this many addresses besides `email` get every notice of a change to the second factor. */
export const MAX_NOTIFICATION_EMAILS = 2;

const distinctAddresses = (record: { email: string; notificationEmails?: string[] | undefined }) => {
  const all = [record.email, ...(record.notificationEmails ?? [])].map(normalizeEmail);
  return new Set(all).size === all.length;
};

export const customerRecordSchema = z
  .strictObject({
    email: z.email().check(z.maxLength(254)),
    /**
     * Further addresses on file (NIST SP 800-63B-4 §4.6: notice of every authenticator change to the
     * addresses on file). They receive notices; only an admin can send the reset link to one, for a
     * caller who cannot open `email` (lib/reset/resend-link.ts). Never a code.
     */
    notificationEmails: z.optional(
      z.array(z.email().check(z.maxLength(254))).check(z.maxLength(MAX_NOTIFICATION_EMAILS)),
    ),
    /**
     * Numbers on file in E.164 (at most 2; the same number twice is kept once): the security officer's
     * call-back before a lock release or a limits reset. Officers see them; other staff see them masked.
     */
    phoneNumbers: z.optional(phoneNumbersSchema),
    fullName: z.singleLine(1, 200),
    companyName: z.optional(z.singleLine(1, 200)),
    companyInfo: z.optional(z.singleLine(1, 500)),
    /** The language we serve the customer in (lib/locales.ts); any other value is a 400. */
    locale: z.enum(customerLocales),
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
  })
  .check(
    z.refine(distinctAddresses, {
      message: 'notificationEmails must differ from email and from each other',
      path: ['notificationEmails'],
    }),
  );

export type CustomerRecord = z.infer<typeof customerRecordSchema>;
