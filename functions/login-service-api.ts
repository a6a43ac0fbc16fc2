// Lambda for the login service's routes (IAM-authorized): customer sync, 2FA status, login
// verification, enrollment tickets for the profile page (a replacement after a step-up), backup code
// renewal and the removal of one passkey. Erasure has its own function (functions/erasure-api.ts).
import { systemClock, systemRandom } from '../lib/clock';
import { config } from '../lib/config';
import { requireCustomer, upsertCustomer } from '../lib/customers/store';
import { renewBackupCodes } from '../lib/enrollment/backup-code-renewal';
import { removePasskey } from '../lib/enrollment/passkey-removal';
import { issueProfileTicket } from '../lib/enrollment/self-service';
import { createHttpFunction, type HttpRequest } from '../lib/http/http-function';
import { loginServiceRoutes } from '../lib/routes/login-service';
import { meterLoginVerify } from '../lib/business-metrics/business-metrics';
import { passkeysOnFile, twoFactorMethods, twoFactorState } from '../lib/customers/two-factor-state';
import { verifyLoginCode } from '../lib/totp/verification';
import { passkeyAuthenticationOptions, verifyPasskeyAssertion } from '../lib/passkeys/authentication';

config();
const deps = { clock: systemClock, random: systemRandom };

const callerId = (request: Pick<HttpRequest, 'principal'>) =>
  request.principal.kind === 'service' ? request.principal.id : 'unknown';

export const handler = createHttpFunction('loginServiceApi', loginServiceRoutes, {
  upsertCustomer: async (request) => {
    const outcome = await upsertCustomer(
      request.pathParameters.customerId,
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
    const customer = await requireCustomer(request.pathParameters.customerId);
    return {
      body: {
        ...twoFactorState(customer, deps.clock.now()),
        methods: twoFactorMethods(customer),
        ...passkeysOnFile(customer),
      },
    };
  },
  verifyTwoFactor: async (request) => ({
    body: await meterLoginVerify(
      verifyLoginCode(request.pathParameters.customerId, request.body.code, callerId(request), deps),
    ),
  }),
  passkeyAuthenticationOptions: async (request) => ({
    body: await passkeyAuthenticationOptions(request.pathParameters.customerId, deps),
  }),
  verifyPasskey: async (request) => ({
    body: await meterLoginVerify(
      verifyPasskeyAssertion(
        request.pathParameters.customerId,
        request.body.response,
        callerId(request),
        deps,
      ),
    ),
  }),
  issueEnrollmentTicket: async (request) => ({
    body: await issueProfileTicket(request.pathParameters.customerId, request.body, callerId(request), deps),
  }),
  removePasskey: async (request) => ({
    body: await removePasskey(
      request.pathParameters.customerId,
      request.pathParameters.credentialRef,
      request.body,
      callerId(request),
      deps,
    ),
  }),
  renewBackupCodes: async (request) => ({
    body: await renewBackupCodes(request.pathParameters.customerId, request.body, callerId(request), deps),
  }),
});
