// What each IAM role of a synthesized template may do, read from every kind of policy a role can have:
// its inline policies, AWS::IAM::Policy and customer managed policies attached to it, and AWS managed
// policies (which the template cannot show: they are returned by ARN for the test to judge).
import type { Resource } from './synth';

export type Statement = Record<string, any>;

const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : ([value].flat() as T[]));

const refersTo = (value: unknown, logicalId: string) =>
  JSON.stringify(value ?? null).includes(`"${logicalId}"`);

/** The policies of a role, by kind, and the AWS managed policy ARNs attached to it. */
export const roleAccess = (resources: Record<string, Resource>, roleId: string) => {
  const role = resources[roleId];
  if (!role || role.Type !== 'AWS::IAM::Role') throw new Error(`${roleId} is not a role`);
  const statements: Statement[] = [];
  for (const inline of asList<Record<string, any>>(role.Properties.Policies))
    statements.push(...asList<Statement>(inline.PolicyDocument.Statement));
  const awsManaged: string[] = [];
  for (const arn of asList<unknown>(role.Properties.ManagedPolicyArns)) {
    const customer = Object.entries(resources).find(
      ([id, resource]) => resource.Type === 'AWS::IAM::ManagedPolicy' && refersTo(arn, id),
    );
    if (customer) statements.push(...asList<Statement>(customer[1].Properties.PolicyDocument.Statement));
    else awsManaged.push(JSON.stringify(arn));
  }
  for (const resource of Object.values(resources)) {
    if (resource.Type !== 'AWS::IAM::Policy' && resource.Type !== 'AWS::IAM::ManagedPolicy') continue;
    if (!asList(resource.Properties.Roles).some((ref) => refersTo(ref, roleId))) continue;
    statements.push(...asList<Statement>(resource.Properties.PolicyDocument.Statement));
  }
  return { statements, awsManaged };
};

/** The literal text of a resource, tokens replaced by their logical ids in angle brackets. */
const resourceText = (resource: unknown): string => {
  if (typeof resource === 'string') return resource;
  if (resource && typeof resource === 'object') {
    const value = resource as Record<string, any>;
    if (value['Fn::Join'])
      return (value['Fn::Join'][1] as unknown[]).map(resourceText).join(value['Fn::Join'][0]);
    if (value['Fn::GetAtt']) return `<${[value['Fn::GetAtt']].flat().join('.')}>`;
    if (value.Ref) return `<${value.Ref}>`;
  }
  return JSON.stringify(resource);
};

/**
 * True when the resource can name the table or an item operation on it: its own ARN (any suffix but
 * index/stream/export of another table), or a wildcard that DynamoDB tables fall under.
 */
export const mayMatchTable = (resource: unknown, tableId: string) => {
  const text = resourceText(resource);
  if (text.includes(`<${tableId}.`) || text.includes(`<${tableId}>`)) return true;
  if (/^<[^>]+>/.test(text)) return false; // another resource's ARN, and whatever follows it
  if (!text.includes('*')) return false;
  return text === '*' || /^arn:[^:]*:dynamodb:/.test(text) || /^arn:\*/.test(text);
};

/** Does the IAM action pattern (with * and ?) match the action? */
export const actionMatches = (pattern: string, action: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  ).test(action);

/** The action patterns a role is allowed on the table, over all its policies; NotAction/NotResource throw. */
export const allowedOnTable = (statements: Statement[], tableId: string) => {
  const actions = new Set<string>();
  for (const statement of statements) {
    if (statement.Effect !== 'Allow') continue;
    if (statement.NotAction || statement.NotResource)
      throw new Error(`Allow with NotAction/NotResource cannot be judged: ${JSON.stringify(statement)}`);
    if (!asList(statement.Resource).some((resource) => mayMatchTable(resource, tableId))) continue;
    for (const action of asList<string>(statement.Action))
      if (action === '*' || action.toLowerCase().startsWith('dynamodb:')) actions.add(action);
  }
  return [...actions].sort();
};

/** Every role of the template with the function (if any) that runs with it. */
export const rolesOf = (resources: Record<string, Resource>) =>
  Object.entries(resources)
    .filter(([, resource]) => resource.Type === 'AWS::IAM::Role')
    .map(([roleId]) => {
      const fn = Object.entries(resources).find(
        ([, resource]) =>
          resource.Type === 'AWS::Lambda::Function' && refersTo(resource.Properties.Role, roleId),
      );
      return { roleId, functionId: fn?.[0], function: fn?.[1] };
    });
