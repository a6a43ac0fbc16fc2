// Sealing of TOTP secrets at rest: AES-256-GCM under a per-secret data key (envelope encryption).
// In AWS the data key comes from KMS GenerateDataKey and is stored encrypted by KMS; in the local
// stack it is wrapped with the local key from .data/local-secret.key. Either way the table holds
// nothing a thief can use, and each sealed secret is bound to its customer, so it cannot be moved.
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { decryptDataKey, generateDataKey } from '../aws/kms';
import type { Random } from '../clock';
import { config, type Config } from '../config';
import { cachedDataKey, keepDataKey } from './data-key-cache';

export interface SealedSecret {
  /** Format version, so a later scheme can be read next to this one. */
  v: 1;
  keySource: 'kms' | 'local';
  /** The data key: a KMS ciphertext blob, or iv‖tag‖ciphertext under the local key (base64). */
  encryptedKey: string;
  iv: string;
  tag: string;
  ciphertext: string;
}

/**
 * totp-secret: one TOTP secret. audit-text: the customer's key for free text in audit events. Sent to KMS
 * as the encryption context's `purpose`, which each function's IAM policy is conditioned on.
 */
export type SealingPurpose = 'totp-secret' | 'audit-text';

export interface SealingContext {
  customerId: string;
  purpose: SealingPurpose;
}

const IV_BYTES = 12; // NIST SP 800-38D: 96-bit IVs for GCM

const additionalData = (context: SealingContext) =>
  Buffer.from(`mfa-recovery/${context.purpose}/v1\u0000${context.customerId}`, 'utf8');

const kmsContext = (context: SealingContext) => ({
  purpose: context.purpose,
  customerId: context.customerId,
});

export const gcmSeal = (key: Buffer, plaintext: Buffer, aad: Buffer, random: Random) => {
  const iv = random.bytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), ciphertext };
};

export const gcmOpen = (
  key: Buffer,
  sealed: { iv: Buffer; tag: Buffer; ciphertext: Buffer },
  aad: Buffer,
) => {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv).setAAD(aad).setAuthTag(sealed.tag);
  return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
};

const localWrapAad = (context: SealingContext) =>
  Buffer.concat([Buffer.from('mfa-recovery/data-key/v1\u0000'), additionalData(context)]);

const newDataKey = async (secretKey: Config['secretKey'], context: SealingContext, random: Random) => {
  if (secretKey.source === 'kms') return generateDataKey(secretKey.kmsKeyId, kmsContext(context));
  const plaintext = random.bytes(32);
  const wrapped = gcmSeal(secretKey.key, plaintext, localWrapAad(context), random);
  return { plaintext, encrypted: Buffer.concat([wrapped.iv, wrapped.tag, wrapped.ciphertext]) };
};

const unwrapDataKey = async (secretKey: Config['secretKey'], encrypted: Buffer, context: SealingContext) => {
  if (secretKey.source === 'kms') return decryptDataKey(secretKey.kmsKeyId, encrypted, kmsContext(context));
  return gcmOpen(
    secretKey.key,
    {
      iv: encrypted.subarray(0, IV_BYTES),
      tag: encrypted.subarray(IV_BYTES, IV_BYTES + 16),
      ciphertext: encrypted.subarray(IV_BYTES + 16),
    },
    localWrapAad(context),
  );
};

const wrappingKeyIds = new WeakMap<Config['secretKey'], string>();

/** Names the key that wraps data keys, so a kept key is never handed out under another one. */
const wrappingKeyId = (secretKey: Config['secretKey']) => {
  let id = wrappingKeyIds.get(secretKey);
  if (id === undefined) {
    id =
      secretKey.source === 'kms'
        ? `kms:${secretKey.kmsKeyId}`
        : `local:${createHash('sha256').update(secretKey.key).digest('base64')}`;
    wrappingKeyIds.set(secretKey, id);
  }
  return id;
};

const cacheId = (secretKey: Config['secretKey'], encrypted: Buffer, context: SealingContext) =>
  `${wrappingKeyId(secretKey)}\u0000${context.purpose}\u0000${context.customerId}\u0000${encrypted.toString('base64')}`;

/** A data key unwrapped, or kept from an unwrap of the same bytes in the same context (data-key-cache.ts). */
const openDataKey = (secretKey: Config['secretKey'], encrypted: Buffer, context: SealingContext) =>
  cachedDataKey(cacheId(secretKey, encrypted, context), config().dataKeyCacheSeconds, () =>
    unwrapDataKey(secretKey, encrypted, context),
  );

/** A fresh data key, kept as if unwrapped: whoever opens its seal next in this container needs no Decrypt. */
const newKeptDataKey = async (secretKey: Config['secretKey'], context: SealingContext, random: Random) => {
  const dataKey = await newDataKey(secretKey, context, random);
  keepDataKey(
    cacheId(secretKey, dataKey.encrypted, context),
    config().dataKeyCacheSeconds,
    dataKey.plaintext,
  );
  return dataKey;
};

export const sealSecret = async (
  plaintext: Buffer,
  context: SealingContext,
  deps: { random: Random },
): Promise<SealedSecret> => {
  const { secretKey } = config();
  const dataKey = await newKeptDataKey(secretKey, context, deps.random);
  try {
    const sealed = gcmSeal(dataKey.plaintext, plaintext, additionalData(context), deps.random);
    return {
      v: 1,
      keySource: secretKey.source,
      encryptedKey: dataKey.encrypted.toString('base64'),
      iv: sealed.iv.toString('base64'),
      tag: sealed.tag.toString('base64'),
      ciphertext: sealed.ciphertext.toString('base64'),
    };
  } finally {
    dataKey.plaintext.fill(0);
  }
};

/** Throws when the secret was sealed for another customer, altered, or under a key we do not hold. */
export const openSecret = async (sealed: SealedSecret, context: SealingContext): Promise<Buffer> => {
  const { secretKey } = config();
  if (sealed.v !== 1 || sealed.keySource !== secretKey.source)
    throw new Error(`cannot open a secret sealed by ${String(sealed.keySource)} with ${secretKey.source}`);
  const dataKey = await openDataKey(secretKey, Buffer.from(sealed.encryptedKey, 'base64'), context);
  try {
    return gcmOpen(
      dataKey,
      {
        iv: Buffer.from(sealed.iv, 'base64'),
        tag: Buffer.from(sealed.tag, 'base64'),
        ciphertext: Buffer.from(sealed.ciphertext, 'base64'),
      },
      additionalData(context),
    );
  } finally {
    dataKey.fill(0);
  }
};

/** A data key of its own for a customer (the audit-text key): plaintext to use now, the wrapped copy to store. */
export const newWrappedKey = async (context: SealingContext, deps: { random: Random }) => {
  const { secretKey } = config();
  const dataKey = await newKeptDataKey(secretKey, context, deps.random);
  return { plaintext: dataKey.plaintext, keySource: secretKey.source, encrypted: dataKey.encrypted };
};

/** Unwraps a stored data key; throws when it was wrapped for another context or by another key source. */
export const unwrapKey = async (
  wrapped: { keySource: 'kms' | 'local'; encrypted: Buffer },
  context: SealingContext,
): Promise<Buffer> => {
  const { secretKey } = config();
  if (wrapped.keySource !== secretKey.source)
    throw new Error(`cannot open a key wrapped by ${wrapped.keySource} with ${secretKey.source}`);
  return openDataKey(secretKey, wrapped.encrypted, context);
};
