// Every route of the route table against every kind of caller: no credentials, an expired token, another
// issuer, helpdesk, admin, the login service (SigV4), and another IAM principal whose signature is valid.
// Staff routes check groups in the handler, whatever the authorizer did; IAM routes check the role.
import { createTokenIssuer } from '../../local/token-issuer';
import { routes } from '../../lib/routes';
import { startTestStack, type Caller, type TestStack } from '../support/stack';

let stack: TestStack;
let tokens: Record<string, Caller | undefined>;

beforeAll(async () => {
  stack = await startTestStack({ pollStreams: false });
  const foreign = await createTokenIssuer(stack.issuer.issuer);
  tokens = {
    none: undefined,
    expired: await stack.token('admin-old', ['admin', 'helpdesk'], { expiresInSeconds: -120 }),
    wrongIssuer: await foreign.sign({ sub: 'admin-x', groups: ['admin', 'helpdesk', 'service'] }),
    helpdesk: await stack.helpdeskToken(),
    admin: await stack.adminToken(),
    service: await stack.serviceToken(),
    otherIam: stack.otherIamCaller(),
  };
});
afterAll(async () => {
  await stack?.stop();
});

const samplePath = (path: string) =>
  path
    .replace('{customerId}', 'matrix-customer')
    .replace('{verificationId}', '01JABCDEFGHJKMNPQRSTVWXYZ0')
    .replace('{approvalId}', '01JABCDEFGHJKMNPQRSTVWXYZ1')
    .replace('{credentialRef}', '0123456789abcdef0123456789abcdef');

const allowed = (route: (typeof routes)[number], caller: string) => {
  if (route.auth.type === 'none') return true;
  if (route.auth.type === 'iam') return caller === 'service';
  return (route.auth.groups as readonly string[]).includes(caller);
};

const protectedRoutes = routes.filter(
  (route) => route.auth.type !== 'none' && !route.path.startsWith('/enroll'),
);

describe.each(protectedRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))(
  '%s',
  (_, route) => {
    it.each(['none', 'expired', 'wrongIssuer', 'helpdesk', 'admin', 'service', 'otherIam'])(
      'as %s',
      async (caller) => {
        const response = await stack.call(
          route.method,
          `${samplePath(route.path)}${route.query ? '?query=jan' : ''}`,
          {
            token: tokens[caller],
            ...(route.body ? { body: {} } : {}),
          },
        );
        const signed = caller === 'service' || caller === 'otherIam';
        if (route.auth.type === 'iam' && caller === 'none') {
          expect(response.status).toBe(403);
          expect(response.body.error.code).toBe('MISSING_AUTHENTICATION_TOKEN');
        } else if (route.auth.type === 'iam' && !signed) {
          // A bearer token is no signature: refused by the IAM authorizer before the handler.
          expect(response.status).toBe(403);
          expect(response.body.error.code).toBe('INCOMPLETE_SIGNATURE');
        } else if (
          route.auth.type === 'jwt' &&
          (signed || ['none', 'expired', 'wrongIssuer'].includes(caller))
        ) {
          expect(response.status).toBe(401);
        } else if (!allowed(route, caller)) {
          expect(response.status).toBe(403);
          expect(response.body.error.code).toBe('FORBIDDEN');
        } else {
          // Past authorization: the empty body or unknown ids are refused on their merits, never 401/403.
          expect([200, 201, 202, 400, 404, 409]).toContain(response.status);
          if (response.status >= 400) expect(response.body).toHaveProperty('error.code');
          return;
        }
        expect(response.body).toHaveProperty('error.code');
      },
    );
  },
);
