// Input schema of a typed code; its format (6 digits or a backup code) is judged by lib/totp, which
// answers INVALID_CODE_FORMAT rather than the generic INVALID_REQUEST.
import * as z from '../schema';

export const typedCodeSchema = z.string().check(z.maxLength(64));
