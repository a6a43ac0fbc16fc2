// Lambda for the customer's enrollment page: the ticket from the email authorizes, no login.
import { systemClock, systemRandom } from '../lib/clock';
import { config } from '../lib/config';
import { confirmEnrollment, startEnrollment } from '../lib/enrollment/enrollment';
import { enrollmentRoutes, type enrollmentLinkStatusSchema } from '../lib/enrollment/api';
import { enrollmentLinkStatus } from '../lib/enrollment/status';
import { createHttpFunction } from '../lib/http/http-function';
import { reportByNotice } from '../lib/reset/notice-report';
import { passkeyRegistrationOptions, registerPasskey } from '../lib/enrollment/passkey-registration';
import { reportUnauthorizedReset } from '../lib/reset/report';
import type * as z from '../lib/schema';

config();
const deps = { clock: systemClock, random: systemRandom };

export const handler = createHttpFunction('enrollmentApi', enrollmentRoutes, {
  enrollmentLinkStatus: async (request) => ({
    // lib's EnrollmentLinkStatus names accountEmail optional where the schema has it exactly when the
    // state is VALID, which is what lib/enrollment/status.ts does; the cast goes once that type is the schema's.
    body: (await enrollmentLinkStatus(request.body.ticket, deps)) as z.infer<
      typeof enrollmentLinkStatusSchema
    >,
  }),
  startEnrollment: async (request) => ({
    body: await startEnrollment(request.body.ticket, deps, { qrPng: request.body.qr !== 'none' }),
  }),
  confirmEnrollment: async (request) => ({
    body: await confirmEnrollment(request.body.ticket, request.body.code, deps),
  }),
  passkeyRegistrationOptions: async (request) => ({
    body: await passkeyRegistrationOptions(request.body.ticket, deps),
  }),
  registerPasskey: async (request) => ({
    body: await registerPasskey(request.body.ticket, request.body.response, deps),
  }),
  reportUnauthorizedReset: async (request) => ({
    body: await reportUnauthorizedReset(request.body.ticket, deps),
  }),
  reportByNotice: async (request) => ({
    body: await reportByNotice(request.body.notice, deps),
  }),
});
