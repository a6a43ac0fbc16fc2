// Lambda for the login service's erasure route (IAM-authorized): a closed account becomes a tombstone and
// everything else of the customer is deleted. Its own function and role, so the function every login
// calls holds no delete on sessions, tickets, approvals, idempotency records or the outbox.
import { systemClock, systemRandom } from '../lib/clock';
import { config } from '../lib/config';
import { eraseCustomer } from '../lib/erasure/erase';
import { createHttpFunction } from '../lib/http/http-function';
import { erasureRoutes } from '../lib/erasure/api';

config();
const deps = { clock: systemClock, random: systemRandom };

export const handler = createHttpFunction('erasureApi', erasureRoutes, {
  eraseCustomer: async (request) => {
    const callerId = request.principal.kind === 'service' ? request.principal.id : 'unknown';
    const outcome = await eraseCustomer(request.pathParameters.customerId, callerId, deps);
    return { body: { ...outcome, erased: true } };
  },
});
