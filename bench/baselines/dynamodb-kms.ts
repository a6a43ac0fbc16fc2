// Cold-start baseline of a function that uses DynamoDB and KMS (loginServiceApi, enrollmentApi): the
// clients, created as the function creates them, and the same DynamoDB calls.
import { KMSClient } from '@aws-sdk/client-kms';
import { ok, sendAll, type BaselineEvent } from './dynamodb-calls';

/** Created on first use, as lib/aws/kms.ts does (the local stack seals with a local key: never here). */
export const kms = () => new KMSClient({ region: process.env.AWS_REGION, maxAttempts: 3 });

export const handler = async (event: BaselineEvent) => {
  await sendAll(event.calls);
  return ok;
};
