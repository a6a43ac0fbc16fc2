// TOTP secrets at rest: AES-256-GCM under a per-secret data key, bound to their customer. The KMS
// path is checked against a mocked KMS client (there is no local KMS); the local path for real.
import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { randomBytes } from 'node:crypto';
import { closeKms } from '../../lib/aws/kms';
import { systemRandom } from '../../lib/clock';
import { resetConfigForTests } from '../../lib/config';
import { tables } from '../../lib/data/tables';
import { cachedDataKey, dataKeysKept, forgetDataKeys } from '../../lib/secrets/data-key-cache';
import { openSecret, sealSecret } from '../../lib/secrets/sealed-secret';

const useEnvironment = (extra: Record<string, string>) => {
  delete process.env.DATA_KEY_CACHE_SECONDS;
  for (const table of Object.values(tables)) process.env[table.envVar] = `test-${table.baseName}`;
  Object.assign(process.env, {
    PUBLIC_BASE_URL: 'https://recovery.example.com',
    SENDER_EMAIL: 'no-reply@example.com',
    SECURITY_ALERT_EMAIL: 'security@example.com',
    ...extra,
  });
  resetConfigForTests();
};
const localKey = randomBytes(32).toString('base64');
const context = { customerId: 'c-1', purpose: 'totp-secret' } as const;
const secret = Buffer.from('12345678901234567890');

describe('with the local key', () => {
  beforeEach(() => useEnvironment({ SECRET_KEY_SOURCE: 'local', LOCAL_SECRET_KEY: localKey }));

  it('opens what it sealed, and the sealed form does not contain the secret', async () => {
    const sealed = await sealSecret(secret, context, { random: systemRandom });
    expect(sealed).toMatchObject({ v: 1, keySource: 'local' });
    expect(JSON.stringify(sealed)).not.toContain(secret.toString('base64'));
    expect((await openSecret(sealed, context)).equals(secret)).toBe(true);
  });

  it('seals the same secret differently each time (fresh data key and IV)', async () => {
    const a = await sealSecret(secret, context, { random: systemRandom });
    const b = await sealSecret(secret, context, { random: systemRandom });
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(a.encryptedKey).not.toBe(b.encryptedKey);
  });

  it("refuses to open a secret moved to another customer's record", async () => {
    const sealed = await sealSecret(secret, context, { random: systemRandom });
    await expect(openSecret(sealed, { ...context, customerId: 'c-2' })).rejects.toThrow();
  });

  it('refuses a tampered ciphertext or a different local key', async () => {
    const sealed = await sealSecret(secret, context, { random: systemRandom });
    const flipped = Buffer.from(sealed.ciphertext, 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    await expect(
      openSecret({ ...sealed, ciphertext: flipped.toString('base64') }, context),
    ).rejects.toThrow();
    useEnvironment({ SECRET_KEY_SOURCE: 'local', LOCAL_SECRET_KEY: randomBytes(32).toString('base64') });
    await expect(openSecret(sealed, context)).rejects.toThrow();
  });
});

describe('with KMS', () => {
  const kms = mockClient(KMSClient);
  const dataKey = randomBytes(32);
  const blob = Buffer.from('kms-encrypted-data-key-blob');

  beforeEach(() => {
    useEnvironment({ SECRET_KEY_SOURCE: 'kms', KMS_KEY_ID: 'arn:aws:kms:eu-west-1:123456789012:key/test' });
    closeKms();
    kms.reset();
    kms.on(GenerateDataKeyCommand).callsFake(async () => ({
      Plaintext: Uint8Array.from(dataKey),
      CiphertextBlob: blob,
    }));
    kms.on(DecryptCommand).callsFake(async () => ({ Plaintext: Uint8Array.from(dataKey) }));
  });
  afterAll(() => kms.restore());

  it('asks for an AES-256 data key bound to the customer, and stores only its encrypted copy', async () => {
    const sealed = await sealSecret(secret, context, { random: systemRandom });
    const request = kms.commandCalls(GenerateDataKeyCommand)[0]?.args[0].input;
    expect(request).toEqual({
      KeyId: 'arn:aws:kms:eu-west-1:123456789012:key/test',
      KeySpec: 'AES_256',
      EncryptionContext: { purpose: 'totp-secret', customerId: 'c-1' },
    });
    expect(sealed.keySource).toBe('kms');
    expect(Buffer.from(sealed.encryptedKey, 'base64').equals(blob)).toBe(true);
    expect(JSON.stringify(sealed)).not.toContain(dataKey.toString('base64'));
  });

  it('opens with KMS Decrypt under the same encryption context', async () => {
    const sealed = await sealSecret(secret, context, { random: systemRandom });
    // Another container: nothing kept from the seal.
    forgetDataKeys();
    expect((await openSecret(sealed, context)).equals(secret)).toBe(true);
    expect(kms.commandCalls(DecryptCommand)[0]?.args[0].input).toMatchObject({
      CiphertextBlob: blob,
      EncryptionContext: { purpose: 'totp-secret', customerId: 'c-1' },
    });
  });

  it('will not open a locally sealed secret with KMS (or the other way round)', async () => {
    useEnvironment({ SECRET_KEY_SOURCE: 'local', LOCAL_SECRET_KEY: localKey });
    const local = await sealSecret(secret, context, { random: systemRandom });
    useEnvironment({ SECRET_KEY_SOURCE: 'kms', KMS_KEY_ID: 'key' });
    await expect(openSecret(local, context)).rejects.toThrow(/sealed by local/);
  });

  it('a warm container opens the same secret again without KMS: one Decrypt for many logins', async () => {
    const sealed = await sealSecret(secret, context, { random: systemRandom });
    forgetDataKeys();
    for (let login = 0; login < 5; login += 1)
      expect((await openSecret(sealed, context)).equals(secret)).toBe(true);
    expect(kms.commandCalls(DecryptCommand)).toHaveLength(1);
  });

  it('the key made at sealing opens the seal in the same container (the confirm after a start): no Decrypt', async () => {
    const sealed = await sealSecret(secret, context, { random: systemRandom });
    expect((await openSecret(sealed, context)).equals(secret)).toBe(true);
    expect(kms.commandCalls(DecryptCommand)).toHaveLength(0);
  });

  it('a kept key is never handed out for another customer: the moved secret still goes to KMS, bound to its context', async () => {
    const sealed = await sealSecret(secret, context, { random: systemRandom });
    kms.on(DecryptCommand).rejects(new Error('InvalidCiphertextException'));
    await expect(openSecret(sealed, { ...context, customerId: 'c-2' })).rejects.toThrow(/InvalidCiphertext/);
    expect(kms.commandCalls(DecryptCommand)[0]?.args[0].input.EncryptionContext).toEqual({
      purpose: 'totp-secret',
      customerId: 'c-2',
    });
  });

  it('with DATA_KEY_CACHE_SECONDS=0 every open asks KMS and nothing is kept', async () => {
    useEnvironment({
      SECRET_KEY_SOURCE: 'kms',
      KMS_KEY_ID: 'arn:aws:kms:eu-west-1:123456789012:key/test',
      DATA_KEY_CACHE_SECONDS: '0',
    });
    forgetDataKeys();
    const sealed = await sealSecret(secret, context, { random: systemRandom });
    await openSecret(sealed, context);
    await openSecret(sealed, context);
    expect(kms.commandCalls(DecryptCommand)).toHaveLength(2);
    expect(dataKeysKept()).toBe(0);
  });
});

describe('the kept data keys', () => {
  beforeEach(() => forgetDataKeys());

  it('expire after the configured seconds: the next open unwraps again', async () => {
    let unwraps = 0;
    const unwrap = async () => {
      unwraps += 1;
      return randomBytes(32);
    };
    const first = await cachedDataKey('id', 60, unwrap, 1_000_000);
    const again = await cachedDataKey('id', 60, unwrap, 1_000_000 + 59_999);
    expect(again.equals(first)).toBe(true);
    expect(unwraps).toBe(1);
    const later = await cachedDataKey('id', 60, unwrap, 1_000_000 + 60_000);
    expect(unwraps).toBe(2);
    expect(later.equals(first)).toBe(false);
  });

  it('hand out copies: a caller zeroing its key does not zero the kept one', async () => {
    const key = randomBytes(32);
    const copy = Buffer.from(key);
    (await cachedDataKey('id', 60, async () => key, 0)).fill(0);
    expect((await cachedDataKey('id', 60, async () => randomBytes(32), 1)).equals(copy)).toBe(true);
  });

  it('keep at most 1,000 keys, dropping the oldest', async () => {
    for (let index = 0; index < 1_005; index += 1)
      await cachedDataKey(`id-${index}`, 60, async () => randomBytes(32), index);
    expect(dataKeysKept()).toBe(1_000);
    let unwrapped = false;
    await cachedDataKey('id-0', 60, async () => ((unwrapped = true), randomBytes(32)), 2_000);
    expect(unwrapped).toBe(true);
  });
});
