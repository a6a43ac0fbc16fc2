// The velocity suites' steps: a customer whose caller an agent of their own has just verified, and an
// hour passing for the velocity windows (their stored times move back, as waiting would).
import { ScanCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { createCustomer, markEnrolled, passVerification } from './fixtures';
import { knowledge, stack } from './helpdesk-attack-stack';

/** An enrolled customer and a PASSED session, verified by an agent who verified no one else. */
export const passedCase = async (customerId: string) => {
  await createCustomer(stack, customerId, { email: `${customerId}@example.nl` });
  await markEnrolled(stack, customerId);
  const agentToken = await stack.helpdeskToken(`agent-for-${customerId}`);
  const verificationId = await passVerification(stack, customerId, agentToken, knowledge, {
    EMAIL: `${customerId}@example.nl`,
  });
  return { customerId, verificationId };
};

/** Several of them at once (each its own customer and agent). */
export const passedCases = (prefix: string, count: number) =>
  Promise.all(Array.from({ length: count }, (_, index) => passedCase(`${prefix}-${index}`)));

/** `minutes` pass for every window item whose id starts with `prefix` (e.g. `ADMIN_DISABLES#admin-x#`). */
export const windowAges = async (prefix: string, minutes: number) => {
  const { Items = [] } = await stack.dynamodb.send(
    new ScanCommand({
      TableName: stack.tableNames.velocity,
      FilterExpression: 'begins_with(counterId, :prefix)',
      ExpressionAttributeValues: { ':prefix': { S: prefix } },
      ConsistentRead: true,
    }),
  );
  for (const item of Items.map((stored) => unmarshall(stored) as { counterId: string; times: number[] }))
    await stack.dynamodb.send(
      new UpdateItemCommand({
        TableName: stack.tableNames.velocity,
        Key: { counterId: { S: item.counterId } },
        UpdateExpression: 'SET times = :times',
        ExpressionAttributeValues: {
          ':times': { L: item.times.map((at) => ({ N: String(at - minutes * 60_000) })) },
        },
      }),
    );
  return Items.length;
};

/** How the answers came out: 200 for a direct disable, the approval reasons for a 202, else the error code. */
export const outcomeOf = (response: { status: number; body: any }) =>
  response.status === 200
    ? 200
    : response.status === 202
      ? (response.body.approvalReasons as string[])
      : `${response.status} ${response.body?.error?.code}`;
