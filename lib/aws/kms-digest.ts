// KMS as the signer of audit digests in AWS: an asymmetric ECC_NIST_P256 key signing with ECDSA_SHA_256;
// the private half never leaves KMS. The client is created once per container.
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { createHash, createPublicKey } from 'node:crypto';

/** What signs an audit digest: this KMS key in AWS, a local key pair elsewhere (lib/audit/digest.ts). */
export interface DigestSigner {
  keyId(): Promise<string>;
  publicKeyPem(): Promise<string>;
  sign(message: Buffer): Promise<Buffer>;
}

let client: KMSClient | undefined;

const kms = () => (client ??= new KMSClient({ maxAttempts: 3 }));

export const kmsDigestSigner = (keyId: string, kmsClient: KMSClient = kms()): DigestSigner => {
  let publicKey: Promise<{ pem: string; keyArn: string }> | undefined;
  const described = () =>
    (publicKey ??= kmsClient.send(new GetPublicKeyCommand({ KeyId: keyId })).then((answer) => {
      if (!answer.PublicKey) throw new Error(`KMS returned no public key for ${keyId}`);
      const pem = createPublicKey({ key: Buffer.from(answer.PublicKey), format: 'der', type: 'spki' })
        .export({ type: 'spki', format: 'pem' })
        .toString();
      return { pem, keyArn: answer.KeyId ?? keyId };
    }));
  return {
    keyId: async () => (await described()).keyArn,
    publicKeyPem: async () => (await described()).pem,
    sign: async (message) => {
      // KMS signs at most 4 KiB of raw message; a digest of many chains is larger, so KMS gets its
      // SHA-256 (MessageType DIGEST), which yields the same ECDSA_SHA_256 signature over the message.
      const answer = await kmsClient.send(
        new SignCommand({
          KeyId: keyId,
          Message: createHash('sha256').update(message).digest(),
          MessageType: 'DIGEST',
          SigningAlgorithm: 'ECDSA_SHA_256',
        }),
      );
      if (!answer.Signature) throw new Error(`KMS returned no signature for ${keyId}`);
      return Buffer.from(answer.Signature);
    },
  };
};
