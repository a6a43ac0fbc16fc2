// "2FA aanzetten" on the profile page: the login service, having checked the password, asks for a
// ticket and sends the customer to the same enrollment page the reset email opens. Kept apart from
// enrollment.ts so the login service's function does not bundle the QR code path.
import type { Clock, Random } from '../clock';
import { issueTicket } from '../tickets/store';
import { enrollmentUrl } from '../tickets/ticket';

export const issueSelfServiceTicket = async (
  customerId: string,
  actorId: string,
  deps: { clock: Clock; random: Random },
) => {
  const issued = await issueTicket(
    { customerId, purpose: 'SELF_SERVICE', actor: { type: 'service', id: actorId } },
    deps,
  );
  return { ticket: issued.ticket, enrollUrl: enrollmentUrl(issued.ticket), expiresAt: issued.expiresAt };
};
