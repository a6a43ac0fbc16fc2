// Keyed hashes (HMAC-SHA-256) of what callers said and of one-time codes: comparable later, useless
// to someone who steals the table. In AWS the key lives in KMS; locally it is derived from the local key.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { config } from '../config';
import { lazyModule } from '../lazy-module';

// Only with a KMS key: the local stack derives its key and never loads the KMS client's MAC call.
const kmsMac = /* @__PURE__ */ lazyModule(() => import('../aws/kms-mac'));

let localKey: Buffer | undefined;

const localHmacKey = (secret: Buffer) =>
  (localKey ??= Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'mfa-recovery keyed-hash v1', 32)));

export const keyedHash = async (purpose: string, value: string): Promise<string> => {
  const message = Buffer.from(`${purpose}\u0000${value}`, 'utf8');
  const { secretKey, answerHashKeyId } = config();
  if (answerHashKeyId) {
    const { kmsGenerateMac } = await kmsMac();
    return (await kmsGenerateMac(answerHashKeyId, message)).toString('hex');
  }
  if (secretKey.source !== 'local')
    throw new Error('ANSWER_HASH_KEY_ID is required when secrets are sealed by KMS');
  return createHmac('sha256', localHmacKey(secretKey.key)).update(message).digest('hex');
};

export const sameHash = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));

export const resetKeyedHashForTests = () => {
  localKey = undefined;
};
