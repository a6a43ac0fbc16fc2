// Groups as API Gateway hands them over: Cognito's array, or the HTTP API's flattened "[a b]" string.
import { isSessionOfRole, parseGroupsClaim, principalOf } from '../../lib/http/principal';

describe('reading the caller from the authorizer context', () => {
  it('reads groups from an array claim and from the flattened string API Gateway sends', () => {
    expect(parseGroupsClaim(['admin', 'helpdesk'])).toEqual(['admin', 'helpdesk']);
    expect(parseGroupsClaim('[admin helpdesk]')).toEqual(['admin', 'helpdesk']);
    expect(parseGroupsClaim('helpdesk')).toEqual(['helpdesk']);
    expect(parseGroupsClaim(undefined)).toEqual([]);
    expect(parseGroupsClaim(42)).toEqual([]);
  });

  it('grants only the known staff groups, and treats an IAM caller as the service', () => {
    const staff = principalOf({
      requestContext: {
        authorizer: { jwt: { claims: { sub: 'u-1', 'cognito:groups': '[admin superuser]' } } },
      },
    } as never);
    expect(staff).toEqual({ kind: 'staff', id: 'u-1', groups: ['admin'], email: undefined });
    const officer = principalOf({
      requestContext: {
        authorizer: { jwt: { claims: { sub: 'u-2', 'cognito:groups': '[security securityadmin]' } } },
      },
    } as never);
    expect(officer).toEqual({ kind: 'staff', id: 'u-2', groups: ['security'], email: undefined });
    const service = principalOf({
      requestContext: { authorizer: { iam: { userArn: 'arn:aws:iam::1:role/login' } } },
    } as never);
    expect(service).toEqual({ kind: 'service', id: 'arn:aws:iam::1:role/login' });
    expect(principalOf({ requestContext: {} } as never)).toEqual({ kind: 'anonymous' });
  });
});

describe('only the login service role passes an IAM route', () => {
  const role = 'arn:aws:iam::123456789012:role/mfa-recovery-login-service';

  it('accepts a session of the role, and the role itself', () => {
    expect(
      isSessionOfRole(
        'arn:aws:sts::123456789012:assumed-role/mfa-recovery-login-service/cube-backend-42',
        role,
      ),
    ).toBe(true);
    expect(isSessionOfRole(role, role)).toBe(true);
  });

  it('accepts a session of a role with a path: session ARNs name the role without it', () => {
    expect(
      isSessionOfRole(
        'arn:aws:sts::123456789012:assumed-role/login/i-0abc',
        'arn:aws:iam::123456789012:role/services/cube/login',
      ),
    ).toBe(true);
  });

  it.each([
    [
      'another role whose name starts alike',
      'arn:aws:sts::123456789012:assumed-role/mfa-recovery-login-service-admin/s',
    ],
    [
      'the same role name in another account',
      'arn:aws:sts::210987654321:assumed-role/mfa-recovery-login-service/s',
    ],
    ['another partition', 'arn:aws-cn:sts::123456789012:assumed-role/mfa-recovery-login-service/s'],
    ['an IAM user of the account', 'arn:aws:iam::123456789012:user/mfa-recovery-login-service'],
    ['the account root', 'arn:aws:iam::123456789012:root'],
    [
      'a session ARN without a session name',
      'arn:aws:sts::123456789012:assumed-role/mfa-recovery-login-service',
    ],
    [
      'a session ARN with a trailing segment',
      'arn:aws:sts::123456789012:assumed-role/mfa-recovery-login-service/s/x',
    ],
    ['an empty string', ''],
  ])('refuses %s', (_, userArn) => {
    expect(isSessionOfRole(userArn, role)).toBe(false);
  });

  it('refuses everyone when no role is configured, or the configured value is not a role ARN', () => {
    const session = 'arn:aws:sts::123456789012:assumed-role/mfa-recovery-login-service/s';
    expect(isSessionOfRole(session, undefined)).toBe(false);
    expect(isSessionOfRole(session, 'arn:aws:iam::123456789012:user/mfa-recovery-login-service')).toBe(false);
  });
});
