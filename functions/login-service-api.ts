// Lambda for the login service's routes (IAM-authorized): customer sync and 2FA status.
import { systemClock, systemRandom } from '../lib/clock';
import { config } from '../lib/config';
import { requireCustomer, upsertCustomer } from '../lib/customers/store';
import type { CustomerRecord } from '../lib/customers/schemas';
import { createHttpFunction, type HttpRequest } from '../lib/http/http-function';

config();
const deps = { clock: systemClock, random: systemRandom };

const callerId = (request: HttpRequest) =>
  request.principal.kind === 'service' ? request.principal.id : 'unknown';

export const handler = createHttpFunction('loginServiceApi', {
  upsertCustomer: async (request: HttpRequest<CustomerRecord>) => {
    const outcome = await upsertCustomer(
      request.pathParameters.customerId ?? '',
      request.body,
      callerId(request),
      deps,
    );
    return {
      status: outcome.created ? 201 : 200,
      body: {
        customerId: outcome.customer.customerId,
        created: outcome.created,
        emailChanged: outcome.emailChanged,
        twoFactor: outcome.customer.twoFactor,
      },
    };
  },
  twoFactorStatus: async (request) => {
    const customer = await requireCustomer(request.pathParameters.customerId ?? '');
    return { body: { twoFactor: customer.twoFactor } };
  },
});
