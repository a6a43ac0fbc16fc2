// Response bodies of the login service's self-service routes: the enrollment link it asks for on the
// customer's profile page, and a passkey removed. The client package reads them too.
import * as z from '../schema';
import { twoFactorMethodsSchema } from '../customers/responses';

/** POST /internal/customers/{customerId}/2fa/enrollment-ticket. */
export const enrollmentTicketIssuedSchema = z.builtOnFirstUse(() =>
  z.object({
    ticket: z.string(),
    enrollUrl: z.url(),
    expiresAt: z.iso.datetime({ offset: true }),
  }),
);

export type EnrollmentTicketIssued = z.infer<typeof enrollmentTicketIssuedSchema>;

/** POST …/passkeys/{credentialRef}/remove: the passkey no longer signs in; the ways left. */
export const passkeyRemovedSchema = z.builtOnFirstUse(() =>
  z.object({
    removed: z.literal(true),
    credentialRef: z.string(),
    methods: twoFactorMethodsSchema,
  }),
);

export type PasskeyRemoved = z.infer<typeof passkeyRemovedSchema>;
