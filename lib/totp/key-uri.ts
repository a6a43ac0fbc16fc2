// The otpauth:// Key URI every authenticator app reads, and the secret it carries.
import type { Random } from '../clock';
import { base32Encode } from './base32';
import { standardTotp } from './totp';

/** RFC 4226 4 asks for at least 128 bits and recommends 160: the size of an HMAC-SHA1 block's key. */
export const SECRET_BYTES = 20;

export const generateTotpSecret = (random: Random): Buffer => random.bytes(SECRET_BYTES);

/**
 * Key URI Format (github.com/google/google-authenticator/wiki/Key-Uri-Format): the label is
 * `issuer:account`, and the issuer is repeated as a parameter because some apps read only one of them.
 * Algorithm, digits and period are written out although they are the defaults, so no app guesses.
 */
export const otpauthUri = (input: { issuer: string; accountName: string; secret: Uint8Array }) => {
  const label = `${encodeURIComponent(input.issuer)}:${encodeURIComponent(input.accountName)}`;
  const query = [
    `secret=${base32Encode(input.secret)}`,
    `issuer=${encodeURIComponent(input.issuer)}`,
    `algorithm=${standardTotp.algorithm.toUpperCase()}`,
    `digits=${standardTotp.digits}`,
    `period=${standardTotp.periodSeconds}`,
  ].join('&');
  return `otpauth://totp/${label}?${query}`;
};
