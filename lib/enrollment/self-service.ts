// "2FA aanzetten" on the profile page: the login service, having checked the password, asks for a
// ticket and sends the customer to the same enrollment page the reset email opens. With a step-up
// code (the factor still in hand) an ENABLED customer gets a REPLACE ticket: a new phone without a
// helpdesk reset. Kept apart from enrollment.ts so the login service's function does not bundle the
// QR code path.
import type { Clock, Random } from '../clock';
import { issueTicket } from '../tickets/store';
import { enrollmentUrl, type TicketPurpose } from '../tickets/ticket';
import { requireStepUp } from '../totp/step-up';

type Deps = { clock: Clock; random: Random };

const issued = async (
  customerId: string,
  purpose: TicketPurpose,
  actorId: string,
  deps: Deps,
  stepUpMethod?: string,
) => {
  const { ticket, expiresAt } = await issueTicket(
    {
      customerId,
      purpose,
      actor: { type: 'service', id: actorId },
      ...(stepUpMethod ? { stepUpMethod } : {}),
    },
    deps,
  );
  return { ticket, enrollUrl: enrollmentUrl(ticket), expiresAt };
};

export const issueSelfServiceTicket = (customerId: string, actorId: string, deps: Deps) =>
  issued(customerId, 'SELF_SERVICE', actorId, deps);

/**
 * A REPLACE ticket after a step-up with a current TOTP code or a backup code (spent by the step-up,
 * as at login). The old authenticator keeps working until the new one is confirmed.
 */
export const issueReplaceTicket = async (
  customerId: string,
  stepUpCode: string,
  actorId: string,
  deps: Deps,
) => {
  const method = await requireStepUp(customerId, stepUpCode, 'totpOrBackupCode', actorId, deps);
  return issued(customerId, 'REPLACE', actorId, deps, method);
};

/** POST …/2fa/enrollment-ticket: without a step-up code a first enrollment, with one a replacement. */
export const issueProfileTicket = (
  customerId: string,
  body: { stepUpCode?: string } | undefined,
  actorId: string,
  deps: Deps,
) =>
  body?.stepUpCode === undefined
    ? issueSelfServiceTicket(customerId, actorId, deps)
    : issueReplaceTicket(customerId, body.stepUpCode, actorId, deps);
