// KMS GenerateMac: keyed hashes whose key never leaves KMS (AWS); the client is created once per container.
import { GenerateMacCommand, KMSClient } from '@aws-sdk/client-kms';
import { config } from '../config';

let client: KMSClient | undefined;

export const kmsGenerateMac = async (keyId: string, message: Buffer): Promise<Buffer> => {
  client ??= new KMSClient({ region: config().region, maxAttempts: 3 });
  const result = await client.send(
    new GenerateMacCommand({ KeyId: keyId, MacAlgorithm: 'HMAC_SHA_256', Message: message }),
  );
  if (!result.Mac) throw new Error('KMS returned no MAC');
  return Buffer.from(result.Mac);
};
