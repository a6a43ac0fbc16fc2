// How a QR code of an otpauth URI is drawn, by the server's PNG (qr-png.ts) and by the enrollment page
// alike: the same symbol, error correction and size wherever it is drawn.

/** Error correction M: survives smudges and a phone's glare, at a version a phone still reads easily. */
export const QR_ERROR_CORRECTION = 'M';
/** Pixels per module: a ~300 px image a phone scans easily from a laptop screen. */
export const QR_SCALE = 6;
/** ISO/IEC 18004 asks for a quiet zone of four modules around the symbol. */
export const QR_QUIET_ZONE = 4;
