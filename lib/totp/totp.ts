// HOTP (RFC 4226) and TOTP (RFC 6238) on node:crypto: code generation and the drift-window match.
// Written here rather than taken from otplib: it is forty lines, has no dependency to load at cold
// start, and the match must report *which* time step a code belongs to so replays can be refused.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

export interface TotpParameters {
  algorithm: TotpAlgorithm;
  digits: number;
  periodSeconds: number;
}

/** What every authenticator app reads without asking: SHA1, 6 digits, 30 seconds (Key URI Format defaults). */
export const standardTotp: TotpParameters = { algorithm: 'sha1', digits: 6, periodSeconds: 30 };

/** RFC 6238 5.2: one step either side covers clock drift and a code typed just before the step turned. */
export const DRIFT_STEPS = 1;

/** RFC 4226 5.3: HMAC over the 8-byte big-endian counter, dynamic truncation, modulo 10^digits. */
export const hotp = (key: Uint8Array, counter: number, digits = 6, algorithm: TotpAlgorithm = 'sha1') => {
  if (!Number.isSafeInteger(counter) || counter < 0) throw new RangeError('counter must be a natural number');
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, key).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
};

/** RFC 6238 4.2: T = floor((unix time - T0) / X) with T0 = 0. */
export const timeStep = (at: Date, periodSeconds = standardTotp.periodSeconds) =>
  Math.floor(at.getTime() / 1000 / periodSeconds);

/** The instant a step begins; its code is valid from here until the next step begins. */
export const stepStart = (step: number, periodSeconds = standardTotp.periodSeconds) =>
  new Date(step * periodSeconds * 1000);

export const totpAt = (key: Uint8Array, at: Date, parameters: TotpParameters = standardTotp) =>
  hotp(key, timeStep(at, parameters.periodSeconds), parameters.digits, parameters.algorithm);

const sameCode = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export type TotpMatch =
  /** The code belongs to `step`, a step never used before. */
  | { result: 'accepted'; step: number }
  /** The code is right, but for a step at or before the last one used: a replay (RFC 6238 5.2). */
  | { result: 'replayed'; step: number }
  | { result: 'wrong' };

/**
 * Checks `code` against the current step and DRIFT_STEPS either side, no more. Every candidate is
 * computed and compared in constant time, so the answer's timing does not tell which step matched.
 * `lastUsedStep` is the step of the last accepted code: a code of that step or an earlier one is a replay.
 */
export const matchTotp = (
  key: Uint8Array,
  code: string,
  at: Date,
  lastUsedStep?: number,
  parameters: TotpParameters = standardTotp,
): TotpMatch => {
  const current = timeStep(at, parameters.periodSeconds);
  const matching: number[] = [];
  for (let step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step += 1) {
    if (sameCode(hotp(key, step, parameters.digits, parameters.algorithm), code)) matching.push(step);
  }
  if (matching.length === 0) return { result: 'wrong' };
  const fresh = matching.filter((step) => lastUsedStep === undefined || step > lastUsedStep);
  if (fresh.length > 0) return { result: 'accepted', step: Math.max(...fresh) };
  return { result: 'replayed', step: Math.max(...matching) };
};
