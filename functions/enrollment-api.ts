// Lambda for the customer's enrollment page: the ticket from the email authorizes, no login.
import { systemClock, systemRandom } from '../lib/clock';
import { config } from '../lib/config';
import { confirmEnrollment, startEnrollment } from '../lib/enrollment/enrollment';
import { enrollmentLinkStatus } from '../lib/enrollment/status';
import { createHttpFunction, type HttpRequest } from '../lib/http/http-function';
import { reportUnauthorizedReset } from '../lib/reset/report';

config();
const deps = { clock: systemClock, random: systemRandom };

export const handler = createHttpFunction('enrollmentApi', {
  enrollmentLinkStatus: async (request: HttpRequest<{ ticket: string }>) => ({
    body: await enrollmentLinkStatus(request.body.ticket, deps),
  }),
  startEnrollment: async (request: HttpRequest<{ ticket: string }>) => ({
    body: await startEnrollment(request.body.ticket, deps),
  }),
  confirmEnrollment: async (request: HttpRequest<{ ticket: string; code: string }>) => ({
    body: await confirmEnrollment(request.body.ticket, request.body.code, deps),
  }),
  reportUnauthorizedReset: async (request: HttpRequest<{ ticket: string }>) => ({
    body: await reportUnauthorizedReset(request.body.ticket, deps),
  }),
});
