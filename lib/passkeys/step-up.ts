// A passkey as the step-up before a self-service change (a REPLACE or ADD ticket, new backup codes):
// the assertion answers the customer's outstanding login challenge and is judged by login verification
// itself (./authentication.ts), so replay, the failure count and the lock are the same rules.
import type { Clock, Random } from '../clock';
import { DomainError } from '../errors';
import { verifyPasskeyAssertion } from './authentication';
import type { AuthenticationResponseBody } from './schemas';

/**
 * Returns `'passkey'` when the assertion signs in; otherwise 403 PASSKEY_NOT_ACCEPTED with the login
 * verify answer's reason and tries left in `details` (another customer's passkey, a replay, a phishing
 * origin all end here). A lock, a recovery lock, no passkey: login verify's own errors.
 */
export const requirePasskeyStepUp = async (
  customerId: string,
  response: AuthenticationResponseBody,
  actorId: string,
  deps: { clock: Clock; random: Random },
): Promise<'passkey'> => {
  const outcome = await verifyPasskeyAssertion(customerId, response, actorId, deps);
  if (outcome.valid) return 'passkey';
  throw new DomainError(
    'Forbidden',
    'PASSKEY_NOT_ACCEPTED',
    'The passkey did not confirm it is you. Ask for a new passkey prompt and try again, or use the code from your authenticator app.',
    { reason: outcome.reason, attemptsLeft: outcome.attemptsLeft },
  );
};
