// Cold-start baseline of a function that uses DynamoDB alone (erasureApi): the client, created as the
// function creates it, and the same DynamoDB calls.
import { ok, sendAll, type BaselineEvent } from './dynamodb-calls';

export const handler = async (event: BaselineEvent) => {
  await sendAll(event.calls);
  return ok;
};
