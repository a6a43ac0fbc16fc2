// Sealed free text in audit events: only the customer's key opens it, for that customer only, unaltered;
// readers without the key see that a note existed, never the ciphertext.
import { randomBytes } from 'node:crypto';
import { systemRandom } from '../../lib/clock';
import {
  isSealedText,
  openOrPlaceholder,
  openText,
  revealDetails,
  SEAL_PAD_BYTES,
  SEALED_PLACEHOLDER,
  sealText,
  type SealedText,
} from '../../lib/audit/sealed-text';

const key = randomBytes(32);

describe('sealed free text', () => {
  it('opens with the customer key, for the customer it was sealed for', () => {
    const sealed = sealText('Beller had geen toegang tot zijn telefoon', key, 'anna', systemRandom);
    expect(isSealedText(sealed)).toBe(true);
    expect(JSON.stringify(sealed)).not.toContain('telefoon');
    expect(openText(sealed, key, 'anna')).toBe('Beller had geen toegang tot zijn telefoon');
  });

  it('does not open for another customer, with another key, or once altered', () => {
    const sealed = sealText('lost phone', key, 'anna', systemRandom);
    expect(() => openText(sealed, key, 'bram')).toThrow();
    expect(() => openText(sealed, randomBytes(32), 'anna')).toThrow();
    const flipped = Buffer.from(sealed.ciphertext, 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => openText({ ...sealed, ciphertext: flipped.toString('base64') }, key, 'anna')).toThrow();
  });

  it('seals the same text differently each time (fresh IV), so equal reasons do not show as equal', () => {
    const first = sealText('lost phone', key, 'anna', systemRandom);
    const second = sealText('lost phone', key, 'anna', systemRandom);
    expect(first.ciphertext).not.toBe(second.ciphertext);
  });

  it('replaces every sealed value in nested details, and leaves the rest as it was', () => {
    const sealed = sealText('lost phone', key, 'anna', systemRandom);
    const details = { reason: sealed, nested: [{ note: sealed }], verificationId: 'v1', count: 2 };
    expect(revealDetails(details, () => SEALED_PLACEHOLDER)).toEqual({
      reason: SEALED_PLACEHOLDER,
      nested: [{ note: SEALED_PLACEHOLDER }],
      verificationId: 'v1',
      count: 2,
    });
    // A look-alike without ciphertext is data, not a sealed text.
    expect(isSealedText({ sealed: 'aes-256-gcm/v1' })).toBe(false);
  });
});

describe('the length of sealed text', () => {
  const ciphertextBytes = (sealed: SealedText) => Buffer.from(sealed.ciphertext, 'base64').length;

  it('shows only a 64-byte bucket: a one-word reason and one of 63 bytes seal to the same length', () => {
    expect(SEAL_PAD_BYTES).toBe(64);
    const lengths = ['x', 'lost phone', 'Telefoon kwijt, klant belde vanaf vast nummer', 'a'.repeat(63)].map(
      (text) => ciphertextBytes(sealText(text, key, 'anna', systemRandom)),
    );
    expect(lengths).toEqual([64, 64, 64, 64]);
    // The bucket boundary: 63 bytes and the marker fill one bucket, 64 bytes need the next.
    expect(ciphertextBytes(sealText('a'.repeat(64), key, 'anna', systemRandom))).toBe(128);
    expect(ciphertextBytes(sealText('a'.repeat(200), key, 'anna', systemRandom))).toBe(256);
    expect(ciphertextBytes(sealText('', key, 'anna', systemRandom))).toBe(64);
  });

  it('opens to exactly the text sealed, whatever bytes it ends in', () => {
    for (const text of [
      '',
      'lost phone',
      'a'.repeat(63),
      'a'.repeat(64),
      'ends in NUL\u0000\u0000',
      'ends in the marker byte \u0080',
      'Zoë belde 😀 over haar 🔌',
      'é'.repeat(40),
    ]) {
      const sealed = sealText(text, key, 'anna', systemRandom);
      expect(Buffer.from(sealed.ciphertext, 'base64').length % SEAL_PAD_BYTES).toBe(0);
      expect(openText(sealed, key, 'anna')).toBe(text);
    }
  });

  it('still opens a text sealed before padding, for the auditor and for staff', () => {
    // Sealed by the code before padding (fixed key and IV), as it sits in older audit events and exports.
    const legacyKey = Buffer.from('6d66612d7265636f766572792d6f6c642d7365616c2d666978747572652d3031', 'hex');
    const legacy: SealedText = {
      sealed: 'aes-256-gcm/v1',
      iv: 'BwcHBwcHBwcHBwcH',
      tag: 'ilybManPVoXUkIQq9btzSQ==',
      ciphertext: 'e+bnGWsRzfEY0tDHX0NJ7CJx3bIPS6WmfAuPevfhFtWdbnD1vzDp2FmLwrF9',
    };
    expect(isSealedText(legacy)).toBe(true);
    expect(openText(legacy, legacyKey, 'cust-legacy')).toBe('Telefoon kwijt, klant belde vanaf vast nummer');
    const fresh = sealText('tweede reden', legacyKey, 'cust-legacy', systemRandom);
    // `audit query --open-sealed` and the staff views reveal through openOrPlaceholder: old and new side by side.
    expect(
      revealDetails({ reason: legacy, later: [{ note: fresh }] }, (sealed) =>
        openOrPlaceholder(sealed, legacyKey, 'cust-legacy'),
      ),
    ).toEqual({
      reason: 'Telefoon kwijt, klant belde vanaf vast nummer',
      later: [{ note: 'tweede reden' }],
    });
  });

  it('does not open a padded seal stripped of its bucket or given another one', () => {
    const sealed = sealText('lost phone', key, 'anna', systemRandom);
    expect(sealed).toMatchObject({ sealed: 'aes-256-gcm/v1', pad: 64 });
    const { pad: _pad, ...stripped } = sealed as SealedText & { pad: number };
    expect(() => openText(stripped, key, 'anna')).toThrow();
    expect(() => openText({ ...sealed, pad: 128 }, key, 'anna')).toThrow();
    expect(() => openText({ ...sealed, pad: 0 }, key, 'anna')).toThrow();
    expect(openOrPlaceholder(stripped, key, 'anna')).toBe(SEALED_PLACEHOLDER);
    expect(openText(sealed, key, 'anna')).toBe('lost phone');
  });
});
