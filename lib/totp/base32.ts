// RFC 4648 base32 (A-Z, 2-7), the alphabet of TOTP secrets in otpauth URIs and authenticator apps.

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * Base32 without padding: authenticator apps accept it and the Key URI Format asks for it. Another
 * 32-letter alphabet (Crockford's, for backup codes) can be passed in.
 */
export const base32Encode = (bytes: Uint8Array, letters: string = alphabet): string => {
  let output = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      output += letters[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) output += letters[(buffer << (5 - bits)) & 31];
  return output;
};

/** Case-insensitive; spaces and padding are ignored because people copy secrets in groups. */
export const base32Decode = (text: string): Buffer => {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const value = alphabet.indexOf(char);
    if (value < 0) throw new Error('not base32');
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bytes.push((buffer >>> (bits - 8)) & 255);
      bits -= 8;
    }
    buffer &= (1 << bits) - 1;
  }
  return Buffer.from(bytes);
};
