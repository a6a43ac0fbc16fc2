// Sealed free text in audit events: only the customer's key opens it, for that customer only, unaltered;
// readers without the key see that a note existed, never the ciphertext.
import { randomBytes } from 'node:crypto';
import { systemRandom } from '../../lib/clock';
import {
  isSealedText,
  openText,
  revealDetails,
  SEALED_PLACEHOLDER,
  sealText,
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
