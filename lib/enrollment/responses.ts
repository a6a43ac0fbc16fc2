// Response body of the enrollment link the login service asks for on the customer's profile page.
import * as z from '../schema';

/** POST /internal/customers/{customerId}/2fa/enrollment-ticket. */
export const enrollmentTicketIssuedSchema = z.object({
  ticket: z.string(),
  enrollUrl: z.url(),
  expiresAt: z.iso.datetime({ offset: true }),
});

export type EnrollmentTicketIssued = z.infer<typeof enrollmentTicketIssuedSchema>;
