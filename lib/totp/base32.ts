// RFC 4648 base32 (A-Z, 2-7), the alphabet of TOTP secrets in otpauth URIs and authenticator apps,
// from @scure/base: the implementation otplib's own base32 plugin uses. Only the leniency is ours.
import { base32nopad } from '@scure/base';

/** Base32 without padding: authenticator apps accept it and the Key URI Format asks for it. */
export const base32Encode = (bytes: Uint8Array): string => base32nopad.encode(bytes);

/** Case-insensitive; spaces and padding are ignored because people copy secrets in groups. */
export const base32Decode = (text: string): Buffer =>
  Buffer.from(base32nopad.decode(text.replace(/[\s=]/g, '').toUpperCase()));
