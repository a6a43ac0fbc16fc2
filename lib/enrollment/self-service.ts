// "2FA aanzetten" on the profile page: the login service, having checked the password, asks for a
// ticket and sends the customer to the same enrollment page the reset email opens. With a step-up
// (the factor still in hand: a code, or a passkey's assertion) an ENABLED customer gets a REPLACE
// ticket (a new phone without a helpdesk reset) or an ADD ticket (a second authenticator beside the
// first). Kept apart from enrollment.ts so the login service's function does not bundle the QR code path.
import type { Clock, Random } from '../clock';
import { invalid } from '../errors';
import { requirePasskeyStepUp } from '../passkeys/step-up';
import type { AuthenticationResponseBody } from '../passkeys/schemas';
import { issueTicket } from '../tickets/store';
import { enrollmentUrl, type TicketPurpose } from '../tickets/ticket';
import { requireStepUp, type StepUpFactor } from '../totp/step-up';

type Deps = { clock: Clock; random: Random };

/** How the customer proves the factor in hand: a typed code, or a passkey's answer to the login challenge. */
export interface StepUpProof {
  stepUpCode?: string;
  stepUpPasskey?: AuthenticationResponseBody;
}

/** One proof, judged by login verification (replay, failure count and lock as at login); returns its method. */
export const requireStepUpProof = async (
  customerId: string,
  proof: StepUpProof,
  codeFactor: StepUpFactor,
  actorId: string,
  deps: Deps,
): Promise<string> => {
  if (proof.stepUpCode !== undefined && proof.stepUpPasskey !== undefined)
    throw invalid('STEP_UP_AMBIGUOUS', 'Send one step-up: stepUpCode or stepUpPasskey, not both.');
  if (proof.stepUpPasskey !== undefined)
    return requirePasskeyStepUp(customerId, proof.stepUpPasskey, actorId, deps);
  if (proof.stepUpCode === undefined)
    throw invalid('STEP_UP_REQUIRED', 'This needs a step-up: stepUpCode or stepUpPasskey.');
  return requireStepUp(customerId, proof.stepUpCode, codeFactor, actorId, deps);
};

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
 * A REPLACE or ADD ticket after a step-up with a current TOTP code, a backup code (spent by the
 * step-up, as at login) or a passkey. For REPLACE the old authenticator keeps working until the new
 * one is confirmed; for ADD it keeps working afterwards too.
 */
export const issueStepUpTicket = async (
  customerId: string,
  purpose: 'REPLACE' | 'ADD',
  proof: StepUpProof,
  actorId: string,
  deps: Deps,
) => {
  const method = await requireStepUpProof(customerId, proof, 'totpOrBackupCode', actorId, deps);
  return issued(customerId, purpose, actorId, deps, method);
};

/**
 * POST …/2fa/enrollment-ticket: without a step-up a first enrollment; with one a replacement, or with
 * `purpose: "ADD"` a second authenticator. A purpose without a step-up is refused before anything is
 * counted or written.
 */
export const issueProfileTicket = (
  customerId: string,
  body: (StepUpProof & { purpose?: 'REPLACE' | 'ADD' }) | undefined,
  actorId: string,
  deps: Deps,
) => {
  const proof = { stepUpCode: body?.stepUpCode, stepUpPasskey: body?.stepUpPasskey };
  if (proof.stepUpCode === undefined && proof.stepUpPasskey === undefined) {
    if (body?.purpose !== undefined)
      throw invalid(
        'STEP_UP_REQUIRED',
        'A replacement or an added authenticator needs a step-up: stepUpCode or stepUpPasskey.',
      );
    return issueSelfServiceTicket(customerId, actorId, deps);
  }
  return issueStepUpTicket(customerId, body?.purpose ?? 'REPLACE', proof, actorId, deps);
};
