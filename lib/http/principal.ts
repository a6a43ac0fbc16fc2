// Who is calling, read from what API Gateway's authorizer put into the event.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { forbidden } from '../errors';
import { isStaffGroup, type StaffGroup } from '../staff/groups';

export type Principal =
  | { kind: 'staff'; id: string; groups: StaffGroup[]; email?: string }
  | { kind: 'service'; id: string }
  | { kind: 'anonymous' };

interface AuthorizerContext {
  jwt?: { claims?: Record<string, unknown> };
  iam?: { userArn?: string; callerId?: string };
}

/**
 * Cognito puts groups in `cognito:groups` as an array; API Gateway's HTTP API flattens array claims
 * into a string like "[admin helpdesk]". Both forms are read; anything else grants nothing.
 */
export const parseGroupsClaim = (claim: unknown): string[] => {
  if (Array.isArray(claim)) return claim.filter((value): value is string => typeof value === 'string');
  if (typeof claim !== 'string') return [];
  return claim
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .map((group) => group.replace(/^"|"$/g, ''))
    .filter(Boolean);
};

/**
 * Whether an IAM caller is the login service: a session of its role
 * (`arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION`, which names the role without its path) or the
 * role itself. Any other principal of the account signs validly at API Gateway but is not the service.
 */
export const isSessionOfRole = (userArn: string, roleArn: string | undefined): boolean => {
  if (!roleArn) return false;
  const role = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/.exec(roleArn);
  if (!role) return false;
  const [, partition, account, name] = role;
  if (userArn === roleArn) return true;
  const session = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([\w+=,.@-]+)\/[\w+=,.@-]+$/.exec(userArn);
  return !!session && session[1] === partition && session[2] === account && session[3] === name;
};

export const principalOf = (event: APIGatewayProxyEventV2): Principal => {
  const authorizer = (event.requestContext as { authorizer?: AuthorizerContext }).authorizer;
  const iam = authorizer?.iam;
  if (iam?.userArn) return { kind: 'service', id: iam.userArn };
  const claims = authorizer?.jwt?.claims;
  if (claims && typeof claims.sub === 'string' && claims.sub.length > 0) {
    const groups = parseGroupsClaim(claims['cognito:groups']).filter(isStaffGroup);
    const email = typeof claims.email === 'string' ? claims.email : undefined;
    return { kind: 'staff', id: claims.sub, groups, email };
  }
  return { kind: 'anonymous' };
};

/** The staff member calling; anyone else (the login service, a customer's link) is refused. */
export const staffOf = (principal: Principal) => {
  if (principal.kind !== 'staff') throw forbidden('FORBIDDEN', 'Staff only.');
  return principal;
};
