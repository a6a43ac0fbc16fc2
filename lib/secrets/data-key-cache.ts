// Unwrapped data keys kept a short while in a warm container, so the same sealed value opened again
// (a customer's next login, the next note about them) costs no KMS Decrypt. What it trades: a data key
// stays in this process's memory for up to DATA_KEY_CACHE_SECONDS after its last unwrap, usable without
// KMS while it does (disabling the KMS key stops new unwraps at once, these only when they expire).
// Nothing at rest changes, and a key opens only the sealed value it was wrapped for: a reset or a new
// enrollment stores a new value under a new key, so the old entry is never asked for again and expires.

interface Entry {
  key: Buffer;
  until: number;
}

/** A bound on memory: at 1,000 entries the oldest goes first (32 bytes each, plus the id). */
const MAX_ENTRIES = 1000;

const entries = new Map<string, Entry>();

const drop = (id: string, entry: Entry) => {
  entry.key.fill(0);
  entries.delete(id);
};

/** Insertion order is expiry order (one lifetime for all): sweep from the front. */
const sweep = (now: number) => {
  for (const [id, entry] of entries) {
    if (entry.until > now && entries.size < MAX_ENTRIES) break;
    drop(id, entry);
  }
};

/**
 * The data key `id` names (its wrapped bytes, the context it is bound to and the wrapping key), from
 * memory while it is fresh, else from `unwrap`. The caller owns the returned copy and may zero it.
 */
export const cachedDataKey = async (
  id: string,
  seconds: number,
  unwrap: () => Promise<Buffer>,
  now: number = Date.now(),
): Promise<Buffer> => {
  if (seconds <= 0) return unwrap();
  const hit = entries.get(id);
  if (hit && hit.until > now) return Buffer.from(hit.key);
  if (hit) drop(id, hit);
  const key = await unwrap();
  keepDataKey(id, seconds, key, now);
  return key;
};

/** Keeps a key just made (GenerateDataKey), so the confirm or a reload that opens its seal needs no Decrypt. */
export const keepDataKey = (id: string, seconds: number, key: Buffer, now: number = Date.now()) => {
  if (seconds <= 0) return;
  const old = entries.get(id);
  if (old) drop(id, old);
  sweep(now);
  entries.set(id, { key: Buffer.from(key), until: now + seconds * 1000 });
};

/** Zeroes and forgets every kept key (tests; a container told its keys were rotated out). */
export const forgetDataKeys = () => {
  for (const [id, entry] of entries) drop(id, entry);
};

/** How many keys are kept now (tests). */
export const dataKeysKept = () => entries.size;
