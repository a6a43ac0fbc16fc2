// Groups as API Gateway hands them over: Cognito's array, or the HTTP API's flattened "[a b]" string.
import { parseGroupsClaim, principalOf } from '../../lib/http/principal';

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
    const service = principalOf({
      requestContext: { authorizer: { iam: { userArn: 'arn:aws:iam::1:role/login' } } },
    } as never);
    expect(service).toEqual({ kind: 'service', id: 'arn:aws:iam::1:role/login' });
    expect(principalOf({ requestContext: {} } as never)).toEqual({ kind: 'anonymous' });
  });
});
