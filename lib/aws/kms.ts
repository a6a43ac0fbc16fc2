// KMS data keys for envelope encryption (GenerateDataKey / Decrypt); the client is created once per container.
import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { config } from '../config';

let client: KMSClient | undefined;

export const kms = (): KMSClient => (client ??= new KMSClient({ region: config().region, maxAttempts: 3 }));

/** Tests replace nothing here: they mock KMSClient with aws-sdk-client-mock (there is no local KMS). */
export const closeKms = () => {
  client?.destroy();
  client = undefined;
};

/**
 * A fresh AES-256 data key: the plaintext to use once and forget, and the copy only KMS can open.
 * The encryption context is bound into the ciphertext and logged by CloudTrail on every Decrypt.
 */
export const generateDataKey = async (keyId: string, context: Record<string, string>) => {
  const result = await kms().send(
    new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: context }),
  );
  if (!result.Plaintext || !result.CiphertextBlob) throw new Error('KMS returned no data key');
  return { plaintext: Buffer.from(result.Plaintext), encrypted: Buffer.from(result.CiphertextBlob) };
};

export const decryptDataKey = async (keyId: string, encrypted: Buffer, context: Record<string, string>) => {
  const result = await kms().send(
    new DecryptCommand({ KeyId: keyId, CiphertextBlob: encrypted, EncryptionContext: context }),
  );
  if (!result.Plaintext) throw new Error('KMS returned no plaintext');
  return Buffer.from(result.Plaintext);
};
