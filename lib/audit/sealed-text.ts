// Free text staff type into an audit event (the reason of a disable) is sealed with the customer's own
// data key (AES-256-GCM), and the chain hashes the ciphertext. Erasure deletes the key, so the text can
// never be read again while every hash still checks: crypto-shredding inside an append-only trail.
import { gcmOpen, gcmSeal, newWrappedKey, unwrapKey } from '../secrets/sealed-secret';
import type { Random } from '../clock';
import { isSealedText, type AuditValue, type SealedText } from './events';

/** The customer's audit-text key as stored on the Customers item, wrapped by KMS or the local key. */
export interface TextKey {
  v: 1;
  keySource: 'kms' | 'local';
  encryptedKey: string;
}

export type { SealedText };

/** The bucket new seals are padded to: a reason of one word and one of a few lines mostly look alike. */
export const SEAL_PAD_BYTES = 64;

// ISO/IEC 7816-4 padding: a 0x80 byte, then zeros. The text may end in any byte, zero included,
// since the last non-zero byte is always the marker.
const PAD_MARKER = 0x80;

const padded = (text: Buffer, bucket: number) => {
  const out = Buffer.alloc(Math.ceil((text.length + 1) / bucket) * bucket);
  text.copy(out);
  out[text.length] = PAD_MARKER;
  return out;
};

const unpadded = (bytes: Buffer, bucket: number) => {
  if (bytes.length === 0 || bytes.length % bucket !== 0)
    throw new Error('sealed text: not padded to its bucket');
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end -= 1;
  if (end === 0 || bytes[end - 1] !== PAD_MARKER) throw new Error('sealed text: no padding marker');
  return bytes.subarray(0, end - 1);
};

/** What a reader without the key (or after erasure) sees instead of the text. */
export const SEALED_PLACEHOLDER = '[sealed note]';

const context = (customerId: string) => ({ customerId, purpose: 'audit-text' as const });

// Bound to the customer: a sealed text copied into another customer's event does not open. A padded
// seal also binds its bucket, so one stripped of `pad` (or given another) does not open either.
const aad = (customerId: string, pad?: number) =>
  Buffer.from(
    `mfa-recovery/audit-text/v1${pad === undefined ? '' : `/pad${pad}`}\u0000${customerId}`,
    'utf8',
  );

export const newTextKey = async (customerId: string, deps: { random: Random }) => {
  const key = await newWrappedKey(context(customerId), deps);
  const stored: TextKey = { v: 1, keySource: key.keySource, encryptedKey: key.encrypted.toString('base64') };
  return { stored, plaintext: key.plaintext };
};

export const openTextKey = (key: TextKey, customerId: string) =>
  unwrapKey(
    { keySource: key.keySource, encrypted: Buffer.from(key.encryptedKey, 'base64') },
    context(customerId),
  );

export const sealText = (text: string, key: Buffer, customerId: string, random: Random): SealedText => {
  const pad = SEAL_PAD_BYTES;
  const sealed = gcmSeal(key, padded(Buffer.from(text, 'utf8'), pad), aad(customerId, pad), random);
  return {
    sealed: 'aes-256-gcm/v1',
    iv: sealed.iv.toString('base64'),
    tag: sealed.tag.toString('base64'),
    ciphertext: sealed.ciphertext.toString('base64'),
    pad,
  };
};

export { isSealedText };

/** Throws when the key is not this customer's or the text was altered. */
export const openText = (sealed: SealedText, key: Buffer, customerId: string): string => {
  const pad = 'pad' in sealed ? sealed.pad : undefined;
  if (pad !== undefined && !(Number.isInteger(pad) && pad > 0)) throw new Error('sealed text: invalid pad');
  const bytes = gcmOpen(
    key,
    {
      iv: Buffer.from(sealed.iv, 'base64'),
      tag: Buffer.from(sealed.tag, 'base64'),
      ciphertext: Buffer.from(sealed.ciphertext, 'base64'),
    },
    aad(customerId, pad),
  );
  return (pad === undefined ? bytes : unpadded(bytes, pad)).toString('utf8');
};

/** The text, or the placeholder without a key or when the key does not open it (another customer's, altered). */
export const openOrPlaceholder = (sealed: SealedText, key: Buffer | undefined, customerId: string) => {
  if (!key) return SEALED_PLACEHOLDER;
  try {
    return openText(sealed, key, customerId);
  } catch {
    return SEALED_PLACEHOLDER;
  }
};

/** Every sealed text in an event's details replaced by what `reveal` makes of it (the text or the placeholder). */
export const revealDetails = (value: AuditValue, reveal: (sealed: SealedText) => string): AuditValue => {
  if (isSealedText(value)) return reveal(value);
  if (Array.isArray(value)) return value.map((entry) => revealDetails(entry, reveal));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value).map(([key, entry]) => [key, revealDetails(entry, reveal)]),
    );
  return value;
};

/**
 * How staff of the live service read a page of events: the reasons their colleagues gave, opened with the
 * customer's key (unwrapped only when the page holds sealed text); without a key, the placeholder.
 */
export const staffRevealer = async (
  events: { details: Record<string, AuditValue> }[],
  key: TextKey | undefined,
  customerId: string,
): Promise<(sealed: SealedText) => string> => {
  const sealedOnPage = events.some((event) => JSON.stringify(event.details).includes('"sealed"'));
  const opened = sealedOnPage && key ? await openTextKey(key, customerId) : undefined;
  return (sealed) => openOrPlaceholder(sealed, opened, customerId);
};
