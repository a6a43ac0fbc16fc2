// Cold-start baseline of the scheduled audit export (DynamoDB exports, S3, KMS signing): its clients,
// created on first use as the function does. DynamoDB Local has no export API: only the import is measured.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';

export const clients = () => ({
  dynamodb: new DynamoDBClient({ maxAttempts: 3 }),
  s3: new S3Client({ maxAttempts: 3 }),
  kms: new KMSClient({ maxAttempts: 3 }),
});

export const handler = async () => ({ statusCode: 200, body: JSON.stringify(Object.keys(clients())) });
